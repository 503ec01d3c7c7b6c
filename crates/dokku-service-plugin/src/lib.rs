//! The template the official Dokku service plugins share (`dokku-postgres`, `dokku-redis`,
//! `dokku-mysql`, `dokku-mariadb`, `dokku-mongo`, `dokku-elasticsearch`, `dokku-rabbitmq`, and
//! others built from the same `common-functions`): one [`ServiceSpec`] table per plugin, and
//! everything else derived from it.
//!
//! - [`model`]: the record of a service (image, create-time settings, passwords as secrets,
//!   exposed ports, network properties, links, backup settings, what could not be read);
//! - [`parse`]: pure parsers of `:list`, `:info` (text and single-flag forms), `:links`,
//!   `:app-links`, `:backup-schedule-cat`, the service directories' files (read as root) and
//!   the linked apps' variables;
//! - [`commands`]: pure builders of every command (create with every flag, link, expose, set,
//!   backups, unlink, destroy, upgrade, export/import of the data);
//! - [`Services`]: the engine's [`Plugin`](dokku_core::plugin::Plugin) (export, apply, the
//!   converging diff, and the config variables and docker options links own).
//!
//! A plugin crate is its table:
//!
//! ```
//! use dokku_service_plugin::{DsnUser, Passwords, ServicePlugin, ServiceSpec, Services};
//!
//! pub struct Meilisearch;
//! impl ServicePlugin for Meilisearch {
//!     const SPEC: ServiceSpec = ServiceSpec {
//!         key: "meilisearch",
//!         command_prefix: "meilisearch",
//!         service_label: "Meilisearch",
//!         variable: "MEILISEARCH",
//!         default_alias: "MEILISEARCH",
//!         alt_alias: "DOKKU_MEILISEARCH",
//!         scheme: "http",
//!         ports: &[7700],
//!         dsn_user: DsnUser::PasswordOnly,
//!         dsn_has_database: false,
//!         passwords: Passwords::User,
//!         unimplemented: &[],
//!         default_image: "getmeili/meilisearch",
//!         default_image_version: "v1.10",
//!         dump_format: None,
//!     };
//! }
//! pub type MeilisearchPlugin = Services<Meilisearch>;
//! ```

pub mod commands;
mod create;
mod diff;
pub mod dump;
#[cfg(feature = "test-support")]
pub mod fixtures;
mod glue;
pub mod model;
mod ownership;
pub mod parse;
mod read;
mod spec;
mod validate;

pub use create::{creation_commands, link_commands, service_commands};
pub use diff::diff;
pub use dump::{DumpContents, DumpFormat};
pub use glue::{ServicePlugin, Services};
pub use model::{BackupAuth, BackupSchedule, ServiceLink, ServiceRecord};
pub use ownership::owned_values;
pub use read::{ServiceReads, export_services, service_record};
pub use spec::{DsnUser, Passwords, ServiceSpec};
pub use validate::validate;
