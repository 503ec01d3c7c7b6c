//! The Dokku `mysql` service plugin (dokku/dokku-mysql, read at 1.44.3): its table for the
//! shared template in [`dokku_service_plugin`], which derives the records, parsers, commands
//! and export/apply glue.
//!
//! ```
//! use dokku_core::plugin::Plugin;
//! use dokku_mysql::MysqlPlugin;
//!
//! assert_eq!(MysqlPlugin::KEY, "mysql");
//! ```

use dokku_service_plugin::{DsnUser, DumpFormat, Passwords, ServicePlugin, ServiceSpec, Services};

pub use dokku_service_plugin::{ServiceLink, ServiceRecord};

/// The `mysql` plugin's table (its `config`, `functions` and `Dockerfile` at 1.44.3).
pub struct Mysql;

impl ServicePlugin for Mysql {
    const SPEC: ServiceSpec = ServiceSpec {
        key: "mysql",
        command_prefix: "mysql",
        service_label: "MySQL",
        variable: "MYSQL",
        default_alias: "DATABASE",
        alt_alias: "DOKKU_MYSQL",
        scheme: "mysql",
        ports: &[3306],
        dsn_user: DsnUser::Fixed("mysql"),
        dsn_has_database: true,
        passwords: Passwords::UserAndRoot,
        unimplemented: &[],
        default_image: "mysql",
        default_image_version: "9.7.0",
        dump_format: Some(DumpFormat::SqlText),
    };
}

/// The `mysql` plugin for the export/apply engine.
pub type MysqlPlugin = Services<Mysql>;
