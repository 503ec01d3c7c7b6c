//! The Dokku `docker-options` plugin: each app's docker options per phase (`build`, `deploy`,
//! `run`) and per process type (deploy, Dokku 0.38.0 and later), the report and list parsers,
//! the `docker-options:*` commands, and the export/apply glue.
//!
//! Embedding just this crate with `dokku-core`:
//!
//! ```no_run
//! # async fn demo() -> Result<(), dokku_core::Error> {
//! use dokku_core::{Client, ClientOptions, SshConfig};
//! use dokku_docker_options::{DockerOption, DockerOptionsClient, Phase, Scope};
//!
//! let client = Client::ssh(&SshConfig::new("dokku@dokku.example.com"), ClientOptions::default()).await?;
//! let options = DockerOptionsClient::new(&client);
//! let worker = Scope { phase: Phase::Deploy, process: Some("worker".into()) };
//! options.add("my-app", &worker, &DockerOption::new("--cpus 0.5")).await?;
//! for option in options.report("my-app").await?.deploy {
//!     println!("{option}"); // `-e KEY=***`: environment values are masked
//! }
//! client.close().await?;
//! # Ok(())
//! # }
//! ```
//!
//! Export reads each app's `docker-options:report <app> --format json`, whose `*-list` arrays
//! give every option exactly (spaces, `=` and quotes included). Options another plugin owns are
//! left to it and named in a warning: service links (`--link dokku.…`), the restart policy
//! before 0.38.9 and storage mounts before 0.38.0. Each list is a multiset; the values of `-e`,
//! `--env` and `--build-arg` options are secrets.
//!
//! Left out: the `--global` report (docker options are per app).

mod commands;
mod create;
mod diff;
mod document_form;
mod export;
mod files;
mod model;
mod parse;
mod shell_words;

pub use commands::{DockerOptionsClient, builders};
pub use export::DockerOptionsPlugin;
pub use files::options_from_files;
pub use model::{DockerOption, DockerOptions, Phase, Scope};
pub use parse::{REPORT, app_from_values, parse_list, parse_report_json, parse_report_text};
