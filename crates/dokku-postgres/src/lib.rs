//! The Dokku `postgres` service plugin (dokku/dokku-postgres, read at 1.48.0): its table for the
//! shared template in [`dokku_service_plugin`], which derives the records, parsers, commands
//! and export/apply glue.
//!
//! ```
//! use dokku_core::plugin::Plugin;
//! use dokku_postgres::PostgresPlugin;
//!
//! assert_eq!(PostgresPlugin::KEY, "postgres");
//! ```

use dokku_service_plugin::{DsnUser, DumpFormat, Passwords, ServicePlugin, ServiceSpec, Services};

pub use dokku_service_plugin::{ServiceLink, ServiceRecord};

/// The `postgres` plugin's table (its `config`, `functions` and `Dockerfile` at 1.48.0).
pub struct Postgres;

impl ServicePlugin for Postgres {
    const SPEC: ServiceSpec = ServiceSpec {
        key: "postgres",
        command_prefix: "postgres",
        service_label: "Postgres",
        variable: "POSTGRES",
        default_alias: "DATABASE",
        alt_alias: "DOKKU_POSTGRES",
        scheme: "postgres",
        ports: &[5432],
        dsn_user: DsnUser::Fixed("postgres"),
        dsn_has_database: true,
        passwords: Passwords::User,
        unimplemented: &[],
        default_image: "postgres",
        default_image_version: "18.4",
        dump_format: Some(DumpFormat::PostgresCustom),
    };
}

/// The `postgres` plugin for the export/apply engine.
pub type PostgresPlugin = Services<Postgres>;
