//! The official (not core) Dokku `redirect` plugin
//! ([dokku/dokku-redirect](https://github.com/dokku/dokku-redirect)): redirect records, the parser
//! of its `redirect <app>` table, the `redirect:*` commands, and the export/apply glue.
//!
//! Embedding just this crate with `dokku-core`:
//!
//! ```no_run
//! # async fn demo() -> Result<(), dokku_core::Error> {
//! use dokku_core::{Client, ClientOptions, SshConfig};
//!
//! let client = Client::ssh(&SshConfig::new("dokku@dokku.example.com"), ClientOptions::default()).await?;
//! let redirects = dokku_redirect::Redirects::new(&client);
//! redirects.set("my-app", "old.example.com", "new.example.com", 301).await?;
//! for r in redirects.list("my-app").await? {
//!     println!("{} -> {} ({})", r.source, r.destination, r.code);
//! }
//! client.close().await?;
//! # Ok(())
//! # }
//! ```
//!
//! Every subcommand the plugin has is wrapped (`redirect`, `redirect:set`, `redirect:unset`,
//! plus its help, left out). The plugin has no report, no JSON form and no global settings.

mod commands;
mod diff;
mod export;
mod files;
mod model;
mod parse;

pub use commands::{Redirects, builders};
pub use export::RedirectPlugin;
pub use files::redirects_from_files;
pub use model::{DEFAULT_CODE, REDIRECT_CODES, Redirect};
pub use parse::parse_redirect_list;
