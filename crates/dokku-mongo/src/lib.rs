//! The Dokku `mongo` service plugin (dokku/dokku-mongo, read at 1.40.6): its table for the
//! shared template in [`dokku_service_plugin`], which derives the records, parsers, commands
//! and export/apply glue.
//!
//! ```
//! use dokku_core::plugin::Plugin;
//! use dokku_mongo::MongoPlugin;
//!
//! assert_eq!(MongoPlugin::KEY, "mongo");
//! ```

use dokku_service_plugin::{DsnUser, DumpFormat, Passwords, ServicePlugin, ServiceSpec, Services};

pub use dokku_service_plugin::{ServiceLink, ServiceRecord};

/// The `mongo` plugin's table (its `config`, `functions` and `Dockerfile` at 1.40.6).
pub struct Mongo;

impl ServicePlugin for Mongo {
    const SPEC: ServiceSpec = ServiceSpec {
        key: "mongo",
        command_prefix: "mongo",
        service_label: "MongoDB",
        variable: "MONGO",
        default_alias: "MONGO",
        alt_alias: "DOKKU_MONGO",
        scheme: "mongodb",
        ports: &[27017, 27018, 27019, 28017],
        dsn_user: DsnUser::ServiceName,
        dsn_has_database: true,
        passwords: Passwords::UserAndRoot,
        unimplemented: &[],
        default_image: "mongo",
        default_image_version: "8.2.9",
        dump_format: Some(DumpFormat::MongoArchive),
    };
}

/// The `mongo` plugin for the export/apply engine.
pub type MongoPlugin = Services<Mongo>;
