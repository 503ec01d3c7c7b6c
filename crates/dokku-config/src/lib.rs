//! The Dokku `config` plugin: environment variables (values kept as secrets), the
//! `config:export --format json` parser, the `config:*` commands, and the export/apply glue.
//!
//! Embedding just this crate with `dokku-core`:
//!
//! ```no_run
//! # async fn demo() -> Result<(), dokku_core::Error> {
//! use dokku_core::{Client, ClientOptions, Secret, SshConfig};
//!
//! let client = Client::ssh(&SshConfig::new("dokku@dokku.example.com"), ClientOptions::default()).await?;
//! let config = dokku_config::Config::new(&client);
//! let token = Secret::new("s3cr3t $with 'quotes'\nand a newline".to_owned());
//! config.set(Some("my-app"), &[("API_TOKEN", &token)], false).await?;
//! for var in config.vars(Some("my-app"), false, false).await? {
//!     println!("{} = {}", var.key, var.value); // prints `***` for the value
//! }
//! client.close().await?;
//! # Ok(())
//! # }
//! ```
//!
//! Reads use `config:export --format json` (cheap, exact: no table to re-parse). Writes always use
//! `config:set --encoded` with the values base64-encoded as secret arguments, and `--no-restart`
//! unless the caller asks for a restart.
//!
//! Left out: `config:show` and bare `config` (a display table that breaks on multi-line values;
//! `config:export --format json` reads the same data exactly), `config:bundle` (a binary tar stream
//! of the same data), and `config:import` (it echoes every value in clear text on stdout;
//! [`Config::set`] does the same job without that).

mod commands;
mod diff;
mod export;
mod files;
mod model;
mod parse;

pub use commands::{Config, builders};
pub use export::ConfigPlugin;
pub use files::vars_from_files;
pub use model::ConfigVar;
pub use parse::{INTERNAL_KEYS, INTERNAL_PREFIX, is_internal, parse_export_json, vars_from_export};
