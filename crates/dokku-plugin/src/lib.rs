//! The Dokku `plugin` plugin: the installed plugins, where third-party ones came from, the
//! `plugin:*` commands, and the export/apply glue that reinstalls them.
//!
//! Embedding just this crate with `dokku-core`:
//!
//! ```no_run
//! # async fn demo() -> Result<(), dokku_core::Error> {
//! use dokku_core::{Client, ClientOptions, LocalConfig};
//!
//! let client = Client::local(LocalConfig::default(), ClientOptions::default());
//! for plugin in dokku_plugin::Plugins::new(&client).list().await? {
//!     println!("{} {} core={}", plugin.name, plugin.version.as_deref().unwrap_or(""), plugin.is_core());
//! }
//! # Ok(())
//! # }
//! ```
//!
//! Every state-changing `plugin:*` command needs root: over the `dokku` user Dokku answers
//! "This command must be run as root", which surfaces as `DokkuErrorKind::NeedsRoot`.
//! Left out: `plugin:trigger` (runs arbitrary plugin hooks; not configuration) and
//! `plugin:install-dependencies` (system packages, not Dokku state).

mod commands;
mod diff;
mod export;
mod git_source;
mod model;

pub use commands::{Plugins, builders};
pub use export::PluginPlugin;
pub use git_source::{parse_git_head, parse_git_origin_url};
pub use model::PluginRecord;
