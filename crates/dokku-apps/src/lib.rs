//! The Dokku `apps` plugin: app records, their report parser, the `apps:*` commands, and the
//! export/apply glue.
//!
//! Embedding just this crate with `dokku-core`:
//!
//! ```no_run
//! # async fn demo() -> Result<(), dokku_core::Error> {
//! use dokku_core::{Client, ClientOptions, SshConfig};
//!
//! let client = Client::ssh(&SshConfig::new("dokku@dokku.example.com"), ClientOptions::default()).await?;
//! let apps = dokku_apps::Apps::new(&client);
//! apps.create("my-app").await?;
//! for app in apps.list().await? {
//!     println!("{} locked={}", app.name, app.locked);
//! }
//! client.close().await?;
//! # Ok(())
//! # }
//! ```
//!
//! Left out: `apps:clone` (copies a deployed app's image; nothing to export) is wrapped, but no
//! export record maps to it; `apps:destroy` always passes `--force` (the confirmation prompt needs
//! a terminal).

mod commands;
mod create;
mod diff;
mod export;
mod files;
mod model;
mod parse;

pub use commands::{Apps, builders};
pub use export::AppsPlugin;
pub use files::report_values_from_files;
pub use model::{App, AppRecord, AppsGlobal};
pub use parse::{
    APPS_LIST_TITLE, REPORT, app_from_values, global_from_values, parse_apps_list, parse_report_json,
    parse_report_text,
};
