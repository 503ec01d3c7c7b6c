//! The Dokku `resource` plugin: each app's resource limits and reservations (`cpu`, `memory`,
//! `memory-swap`, `network`, `network-ingress`, `network-egress`, `nvidia-gpu`) per process type,
//! the report parsers, the `resource:*` commands, and the export/apply glue.
//!
//! Embedding just this crate with `dokku-core`:
//!
//! ```no_run
//! # async fn demo() -> Result<(), dokku_core::Error> {
//! use dokku_core::{Client, ClientOptions, SshConfig};
//! use dokku_resource::{Kind, ResourceClient};
//!
//! let client = Client::ssh(&SshConfig::new("dokku@dokku.example.com"), ClientOptions::default()).await?;
//! let resource = ResourceClient::new(&client);
//! resource.set("my-app", Kind::Limit, "web", &[("memory", "512m"), ("cpu", "1.5")]).await?;
//! println!("{:?}", resource.report("my-app").await?.limits);
//! client.close().await?;
//! # Ok(())
//! # }
//! ```
//!
//! Every flag goes before the app (the documented form), and `--process-type` is always
//! given, so a clear never wipes more than one process type. Values are compared as Docker
//! reads them, so `512m` and `512MB` are one memory limit.
//!
//! Export reads `resource:report`; as root, the property store's files instead (no command,
//! [`resources_from_files`]).
//!
//! Left out: the `--global` report (it has no fields: resources are per app).

mod commands;
mod create;
mod diff;
mod export;
mod files;
mod model;
mod parse;
mod quantity;

pub use commands::{CLEAR, ResourceClient, builders};
pub use export::ResourcePlugin;
pub use files::resources_from_files;
pub use model::{DEFAULT_PROCESS_TYPE, Kind, RESOURCES, ResourceValues, Resources};
pub use parse::{REPORT, SetOutput, app_from_values, parse_report_json, parse_report_text, parse_set_output};
pub use quantity::{docker_accepts, docker_value, same_value};
