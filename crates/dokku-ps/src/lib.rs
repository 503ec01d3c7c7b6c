//! The Dokku `ps` plugin: per-app and global process records, the `ps:report` and `ps:scale`
//! parsers, the `ps:*` commands, and the export/apply glue.
//!
//! Embedding just this crate with `dokku-core`:
//!
//! ```no_run
//! # async fn demo() -> Result<(), dokku_core::Error> {
//! use dokku_core::{Client, ClientOptions, SshConfig};
//!
//! let client = Client::ssh(&SshConfig::new("dokku@dokku.example.com"), ClientOptions::default()).await?;
//! let ps = dokku_ps::Ps::new(&client);
//! ps.set(Some("my-app"), "restart-policy", Some("always")).await?;
//! let info = ps.report("my-app").await?;
//! println!("deployed={} scale={:?}", info.deployed, info.scale);
//! client.close().await?;
//! # Ok(())
//! # }
//! ```
//!
//! Every `ps:*` subcommand is wrapped. Left out: the `--parallel` option of the `--all` actions
//! (Dokku's default is fine for a client) and the report's info flags (the whole report is read
//! anyway). Exports keep the runtime state (`deployed`, `running`, `processes`) for
//! information; apply never acts on it (no `ps:restore`, no deploy).

mod commands;
mod containers;
mod create;
mod diff;
mod export;
mod files;
mod model;
mod parse;
mod scale;

pub use commands::{Ps, builders};
pub use export::PsPlugin;
pub use model::{Process, ProcessInfo, PsGlobal, PsRecord};
pub use parse::{
    REPORT, global_from_values, global_from_values_at, info_from_values, parse_report_json, parse_report_text,
};
pub use scale::{SCALE_JSON_SINCE, parse_scale_json, parse_scale_text};
