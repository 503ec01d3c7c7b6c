//! The Dokku `proxy` plugin: per-app and global proxy records, their report parser, the
//! `proxy:*` commands, and the export/apply glue.
//!
//! Embedding just this crate with `dokku-core`:
//!
//! ```no_run
//! # async fn demo() -> Result<(), dokku_core::Error> {
//! use dokku_core::{Client, ClientOptions, SshConfig};
//!
//! let client = Client::ssh(&SshConfig::new("dokku@dokku.example.com"), ClientOptions::default()).await?;
//! let proxy = dokku_proxy::ProxyCommands::new(&client);
//! proxy.set_type(Some("my-app"), "caddy").await?;
//! let settings = proxy.report("my-app").await?;
//! println!("enabled={} type={:?}", settings.enabled, settings.app_type);
//! client.close().await?;
//! # Ok(())
//! # }
//! ```
//!
//! Left out: `proxy:ports*` (Dokku before 0.31; the `dokku-ports` crate wraps them), the
//! `--parallel` option of `proxy:enable`/`disable`/`build-config` (Dokku's default is fine for
//! a client), and the report's info flags (the whole report is read anyway).

mod commands;
mod create;
mod diff;
mod export;
mod files;
mod model;
mod parse;

pub use commands::{ProxyCommands, builders};
pub use export::ProxyPlugin;
pub use files::report_values_from_files;
pub use model::{Proxy, ProxyGlobal, ProxyRecord};
pub use parse::{
    REPORT, global_from_values, global_from_values_at, parse_report_json, parse_report_text,
    proxy_from_values,
};
