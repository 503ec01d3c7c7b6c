//! The official (not core) Dokku `maintenance` plugin
//! ([dokku/dokku-maintenance](https://github.com/dokku/dokku-maintenance)): maintenance records,
//! their report parser, the `maintenance:*` commands, and the export/apply glue.
//!
//! Embedding just this crate with `dokku-core`:
//!
//! ```no_run
//! # async fn demo() -> Result<(), dokku_core::Error> {
//! use dokku_core::{Client, ClientOptions, SshConfig};
//!
//! let client = Client::ssh(&SshConfig::new("dokku@dokku.example.com"), ClientOptions::default()).await?;
//! let maintenance = dokku_maintenance::MaintenanceMode::new(&client);
//! maintenance.enable("my-app").await?;
//! assert!(maintenance.report("my-app").await?.enabled);
//! client.close().await?;
//! # Ok(())
//! # }
//! ```
//!
//! Export reads `maintenance:report`; as root, the plugin's files instead (no command,
//! [`maintenance_from_files`]).
//!
//! Left out: `maintenance:custom-page` (reads a tarball on stdin; uploading pages is out of
//! scope, and export only warns when an app has one) and `maintenance:custom-page-export` (writes
//! a tarball; nothing apply could replay). The deprecated aliases `maintenance:on`/`off` are not
//! used.

mod commands;
mod diff;
mod export;
mod files;
mod model;
mod parse;

pub use commands::{MaintenanceMode, builders};
pub use export::MaintenancePlugin;
pub use files::maintenance_from_files;
pub use model::Maintenance;
pub use parse::{REPORT, maintenance_from_values, parse_report_json, parse_report_text};
