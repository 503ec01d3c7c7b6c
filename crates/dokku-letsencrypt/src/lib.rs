//! The official (not core) Dokku `letsencrypt` plugin
//! ([dokku/dokku-letsencrypt](https://github.com/dokku/dokku-letsencrypt)): certificate and
//! property records, the parsers of its report, list and cron-job status, the `letsencrypt:*`
//! commands, and the export/apply glue.
//!
//! Embedding just this crate with `dokku-core`:
//!
//! ```no_run
//! # async fn demo() -> Result<(), dokku_core::Error> {
//! use dokku_core::{Client, ClientOptions, SshConfig};
//!
//! let client = Client::ssh(&SshConfig::new("dokku@dokku.example.com"), ClientOptions::default()).await?;
//! let le = dokku_letsencrypt::Letsencrypt::new(&client);
//! le.set(None, "email", Some("admin@example.com")).await?;
//! le.enable("my-app").await?;
//! let record = le.report("my-app").await?;
//! println!("active={} expires={:?} renews={:?}", record.enabled, record.expires_at, record.renewals_at);
//! client.close().await?;
//! # Ok(())
//! # }
//! ```
//!
//! Expiry comes from the report's `expiration` (Unix seconds, so UTC) and renewal is the expiry
//! minus the computed grace period, as the plugin itself decides; `letsencrypt:list` is read only
//! for plugins older than 0.20, whose reports lack the grace period, and only its durations are
//! used (its printed expiry is in the server's unknown local zone). Properties come from the
//! report; as root (`export --read files`), every value the report prints comes from the files
//! it reads instead (`files.rs`), with no command.
//!
//! Left out: `letsencrypt:enable --all` and `--force` (apply enables app by app),
//! `letsencrypt:help`. The legacy `DOKKU_LETSENCRYPT_*` environment variables of plugins before
//! 0.20 are exported by the config plugin like any other variable (the plugin's install hook
//! migrates them to properties).

mod commands;
mod diff;
mod export;
mod files;
mod model;
mod parse;

pub use commands::{Letsencrypt, builders};
pub use export::{LetsencryptPlugin, certificate_commands, setting_commands};
pub use files::{app_values_from_files, autorenew_from_files, global_values_from_files};
pub use model::{DNS_PROVIDER_VAR_PREFIX, LetsEncrypt, PROPERTIES, is_dns_provider_var, is_property};
pub use parse::{
    LetsencryptListRow, REPORT, app_from_values, autorenew, dhms_duration, global_from_values,
    grace_periods_from_list, parse_cron_job_status, parse_letsencrypt_list, parse_report_json,
    parse_report_text, renewal,
};
