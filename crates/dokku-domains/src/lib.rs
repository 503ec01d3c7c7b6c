//! The Dokku `domains` plugin: app and global domain records, their report parser, the
//! `domains:*` commands, and the export/apply glue.
//!
//! Embedding just this crate with `dokku-core`:
//!
//! ```no_run
//! # async fn demo() -> Result<(), dokku_core::Error> {
//! use dokku_core::{Client, ClientOptions, SshConfig};
//!
//! let client = Client::ssh(&SshConfig::new("dokku@dokku.example.com"), ClientOptions::default()).await?;
//! let domains = dokku_domains::Domains::new(&client);
//! domains.set(Some("my-app"), &["my-app.example.com", "www.example.com"]).await?;
//! let global = domains.global().await?;
//! println!("global domains: {}", global.domains.join(" "));
//! client.close().await?;
//! # Ok(())
//! # }
//! ```
//!
//! Reads are per app (the bulk `domains:report` is slow) plus one `domains:report --global`.
//! Apply is deterministic: no random placeholder domain (see [`builders::set_none`]).
//!
//! Left out: `domains:setup` (undocumented, internal to app creation), and `--all` for
//! `domains:clear` / `domains:enable` / `domains:disable` (`domains:enable --all` is broken in
//! Dokku: it checks `--all` as an app name; per-app calls do the same job).

mod commands;
mod create;
mod diff;
mod export;
mod files;
mod model;
mod parse;

pub use commands::{Domains, builders};
pub use export::DomainsPlugin;
pub use files::domain_from_files;
pub use model::Domain;
pub use parse::{REPORT, app_from_values, global_from_values, parse_report_json, parse_report_text};
