//! The Dokku `redis` service plugin (dokku/dokku-redis, read at 1.43.0): its table for the
//! shared template in [`dokku_service_plugin`], which derives the records, parsers, commands
//! and export/apply glue.
//!
//! ```
//! use dokku_core::plugin::Plugin;
//! use dokku_redis::RedisPlugin;
//!
//! assert_eq!(RedisPlugin::KEY, "redis");
//! ```

use dokku_service_plugin::{DsnUser, DumpFormat, Passwords, ServicePlugin, ServiceSpec, Services};

pub use dokku_service_plugin::{ServiceLink, ServiceRecord};

/// The `redis` plugin's table (its `config`, `functions` and `Dockerfile` at 1.43.0).
pub struct Redis;

impl ServicePlugin for Redis {
    const SPEC: ServiceSpec = ServiceSpec {
        key: "redis",
        command_prefix: "redis",
        service_label: "Redis",
        variable: "REDIS",
        default_alias: "REDIS",
        alt_alias: "DOKKU_REDIS",
        scheme: "redis",
        ports: &[6379],
        dsn_user: DsnUser::PasswordOnly,
        dsn_has_database: false,
        passwords: Passwords::User,
        unimplemented: &[],
        default_image: "redis",
        default_image_version: "8.8.0",
        dump_format: Some(DumpFormat::RedisRdb),
    };
}

/// The `redis` plugin for the export/apply engine.
pub type RedisPlugin = Services<Redis>;
