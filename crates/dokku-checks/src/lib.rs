//! The Dokku `checks` plugin: zero-downtime check records, their report parser, the
//! `checks:*` commands, and the export/apply glue.
//!
//! Embedding just this crate with `dokku-core`:
//!
//! ```no_run
//! # async fn demo() -> Result<(), dokku_core::Error> {
//! use dokku_core::{Client, ClientOptions, SshConfig};
//!
//! let client = Client::ssh(&SshConfig::new("dokku@dokku.example.com"), ClientOptions::default()).await?;
//! let checks = dokku_checks::Checks::new(&client);
//! checks.disable("my-app", &["worker"]).await?;
//! checks.set_wait_to_retire(Some("my-app"), Some(30)).await?;
//! for check in checks.report("my-app").await? {
//!     println!("{} {:?}", check.process, check.status);
//! }
//! client.close().await?;
//! # Ok(())
//! # }
//! ```
//!
//! Reads use the bulk `checks:report` (cheap) and, since Dokku 0.38.0, `checks:report --global`
//! for the global wait-to-retire. Nothing here restarts or deploys an app: the check settings
//! take effect at the next deploy.
//!
//! Every subcommand is wrapped. `checks:run` needs running containers (and Docker) and changes
//! nothing, so no export record maps to it.

mod commands;
mod create;
mod diff;
mod export;
mod files;
mod model;
mod parse;

pub use commands::{Checks, builders};
pub use export::ChecksPlugin;
pub use files::report_values_from_files;
pub use model::{ALL_PROCESSES, Check, CheckStatus};
pub use parse::{
    REPORT, checks_from_values, global_from_values, global_record, global_wait_from_app_values,
    parse_report_json, parse_report_text,
};
