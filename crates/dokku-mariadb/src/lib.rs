//! The Dokku `mariadb` service plugin (dokku/dokku-mariadb, read at 1.45.2): its table for the
//! shared template in [`dokku_service_plugin`], which derives the records, parsers, commands
//! and export/apply glue.
//!
//! ```
//! use dokku_core::plugin::Plugin;
//! use dokku_mariadb::MariadbPlugin;
//!
//! assert_eq!(MariadbPlugin::KEY, "mariadb");
//! ```

use dokku_service_plugin::{DsnUser, DumpFormat, Passwords, ServicePlugin, ServiceSpec, Services};

pub use dokku_service_plugin::{ServiceLink, ServiceRecord};

/// The `mariadb` plugin's table (its `config`, `functions` and `Dockerfile` at 1.45.2).
pub struct Mariadb;

impl ServicePlugin for Mariadb {
    const SPEC: ServiceSpec = ServiceSpec {
        key: "mariadb",
        command_prefix: "mariadb",
        service_label: "MariaDB",
        variable: "MARIADB",
        default_alias: "DATABASE",
        alt_alias: "DOKKU_MARIADB",
        scheme: "mysql",
        ports: &[3306],
        dsn_user: DsnUser::Fixed("mariadb"),
        dsn_has_database: true,
        passwords: Passwords::UserAndRoot,
        unimplemented: &[],
        default_image: "mariadb",
        default_image_version: "12.2.2",
        dump_format: Some(DumpFormat::SqlText),
    };
}

/// The `mariadb` plugin for the export/apply engine.
pub type MariadbPlugin = Services<Mariadb>;
