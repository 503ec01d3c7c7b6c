//! The Dokku `buildpacks` plugin: each app's ordered buildpack list and stack, the global stack,
//! their report and list parsers, the `buildpacks:*` commands, and the export/apply glue.
//!
//! Embedding just this crate with `dokku-core`:
//!
//! ```no_run
//! # async fn demo() -> Result<(), dokku_core::Error> {
//! use dokku_core::{Client, ClientOptions, SshConfig};
//! use dokku_buildpacks::{BuildpackUrl, BuildpacksClient};
//!
//! let client = Client::ssh(&SshConfig::new("dokku@dokku.example.com"), ClientOptions::default()).await?;
//! let buildpacks = BuildpacksClient::new(&client);
//! buildpacks.set("my-app", &[BuildpackUrl::new("heroku/nodejs"), BuildpackUrl::new("heroku/python")]).await?;
//! for url in buildpacks.list("my-app").await? {
//!     println!("{url}"); // credentials print as ***
//! }
//! client.close().await?;
//! # Ok(())
//! # }
//! ```
//!
//! Export reads `buildpacks:report` in the cheaper form for the number of apps (the report is
//! the only read that has the stack) and `buildpacks:report --global`; as root, the property
//! store's files instead (no command, [`buildpacks_from_files`]). Apply writes a changed
//! list whole: `buildpacks:set --replace` from Dokku 0.38.22, else `buildpacks:clear` and
//! `buildpacks:add` in order. URLs with credentials are masked in every rendering.
//!
//! Left out: `buildpacks:detect` (runs a container), `--index` placement (a list is set whole),
//! and the deprecated `DOKKU_IMAGE` config variable (the config plugin carries it).

mod commands;
mod create;
mod diff;
mod document_form;
mod export;
mod files;
mod model;
mod parse;

pub use commands::{BuildpacksClient, SET_REPLACE_SINCE, builders};
pub use export::BuildpacksPlugin;
pub use files::buildpacks_from_files;
pub use model::{BuildpackUrl, Buildpacks};
pub use parse::{
    REPORT, app_from_values, global_from_values, parse_list_text, parse_report_json, parse_report_text,
};
