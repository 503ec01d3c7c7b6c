//! The Dokku `rabbitmq` service plugin (dokku/dokku-rabbitmq, read at 1.40.5): its table for the
//! shared template in [`dokku_service_plugin`], which derives the records, parsers, commands
//! and export/apply glue.
//!
//! ```
//! use dokku_core::plugin::Plugin;
//! use dokku_rabbitmq::RabbitmqPlugin;
//!
//! assert_eq!(RabbitmqPlugin::KEY, "rabbitmq");
//! ```

use dokku_service_plugin::{DsnUser, Passwords, ServicePlugin, ServiceSpec, Services};

pub use dokku_service_plugin::{ServiceLink, ServiceRecord};

/// The `rabbitmq` plugin's table (its `config`, `functions` and `Dockerfile` at 1.40.5).
pub struct Rabbitmq;

impl ServicePlugin for Rabbitmq {
    const SPEC: ServiceSpec = ServiceSpec {
        key: "rabbitmq",
        command_prefix: "rabbitmq",
        service_label: "RabbitMQ",
        variable: "RABBITMQ",
        default_alias: "RABBITMQ",
        alt_alias: "DOKKU_RABBITMQ",
        scheme: "amqp",
        ports: &[5672, 4369, 35197, 15672],
        dsn_user: DsnUser::ServiceName,
        dsn_has_database: true,
        passwords: Passwords::User,
        unimplemented: &[
            "backup",
            "backup-auth",
            "backup-deauth",
            "backup-schedule",
            "backup-schedule-cat",
            "backup-set-encryption",
            "backup-unschedule",
            "backup-unset-encryption",
            "clone",
            "connect",
            "export",
            "import",
        ],
        default_image: "rabbitmq",
        default_image_version: "4.3.1-management",
        dump_format: None,
    };
}

/// The `rabbitmq` plugin for the export/apply engine.
pub type RabbitmqPlugin = Services<Rabbitmq>;
