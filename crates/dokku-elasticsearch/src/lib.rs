//! The Dokku `elasticsearch` service plugin (dokku/dokku-elasticsearch, read at 1.40.3): its table for the
//! shared template in [`dokku_service_plugin`], which derives the records, parsers, commands
//! and export/apply glue.
//!
//! ```
//! use dokku_core::plugin::Plugin;
//! use dokku_elasticsearch::ElasticsearchPlugin;
//!
//! assert_eq!(ElasticsearchPlugin::KEY, "elasticsearch");
//! ```

use dokku_service_plugin::{DsnUser, Passwords, ServicePlugin, ServiceSpec, Services};

pub use dokku_service_plugin::{ServiceLink, ServiceRecord};

/// The `elasticsearch` plugin's table (its `config`, `functions` and `Dockerfile` at 1.40.3).
pub struct Elasticsearch;

impl ServicePlugin for Elasticsearch {
    const SPEC: ServiceSpec = ServiceSpec {
        key: "elasticsearch",
        command_prefix: "elasticsearch",
        service_label: "Elasticsearch",
        variable: "ELASTICSEARCH",
        default_alias: "ELASTICSEARCH",
        alt_alias: "DOKKU_ELASTICSEARCH",
        scheme: "http",
        ports: &[9200, 9300],
        dsn_user: DsnUser::Anonymous,
        dsn_has_database: false,
        passwords: Passwords::Absent,
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
        default_image: "elasticsearch",
        default_image_version: "9.3.3",
        dump_format: None,
    };
}

/// The `elasticsearch` plugin for the export/apply engine.
pub type ElasticsearchPlugin = Services<Elasticsearch>;
