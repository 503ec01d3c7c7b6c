//! The Dokku `nginx-vhosts` plugin (`nginx:*`): per-app and global nginx property records, their
//! report parser, the `nginx:*` commands, and the export/apply glue.
//!
//! A record holds only the properties explicitly set at its level (app or global), never Dokku's
//! computed values or defaults, so apply sends one `nginx:set` per property that was set and
//! nothing else.
//!
//! Embedding just this crate with `dokku-core`:
//!
//! ```no_run
//! # async fn demo() -> Result<(), dokku_core::Error> {
//! use dokku_core::{Client, ClientOptions, SshConfig};
//!
//! let client = Client::ssh(&SshConfig::new("dokku@dokku.example.com"), ClientOptions::default()).await?;
//! let nginx = dokku_nginx::NginxVhosts::new(&client);
//! nginx.set(Some("my-app"), "proxy-buffers", Some("8 4k")).await?;
//! let settings = nginx.report("my-app").await?;
//! println!("client max body size: {:?}", settings.client_max_body_size);
//! client.close().await?;
//! # Ok(())
//! # }
//! ```
//!
//! Left out: `nginx:access-logs -t` / `nginx:error-logs -t` (they follow the log forever, which
//! needs a streaming transport); every other `nginx:*` subcommand is wrapped. `nginx:set` has no
//! `--no-restart`: a change takes effect at the next proxy rebuild, so nothing restarts.
//!
//! A plan (`NginxPlugin::diff`) sends `nginx:set` only for the properties that differ (unsets
//! only with prune) and lists no app to restart or rebuild: Dokku writes the values into nginx's
//! configuration at the next `proxy:build-config` or deploy, which the engine may queue.

mod commands;
mod diff;
mod export;
mod files;
mod model;
mod parse;
mod property;

pub use commands::{NginxVhosts, builders};
pub use export::NginxPlugin;
pub use files::{access_logs_to_stat, report_values_from_files};
pub use model::{Nginx, PROPERTY_KEYS};
pub use parse::{
    GlobalValues, NginxBlock, NginxReport, REPORT, block_from_values, parse_report_json, parse_report_text,
};
