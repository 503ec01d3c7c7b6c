//! The Dokku `network` plugin: Docker networks, the per-app and global network settings, the
//! `network:*` commands, and the export/apply glue.
//!
//! Embedding just this crate with `dokku-core`:
//!
//! ```no_run
//! # async fn demo() -> Result<(), dokku_core::Error> {
//! use dokku_core::{Client, ClientOptions, SshConfig};
//!
//! let client = Client::ssh(&SshConfig::new("dokku@dokku.example.com"), ClientOptions::default()).await?;
//! let networks = dokku_network::Networks::new(&client);
//! networks.create("backend").await?;
//! networks.set(Some("my-app"), "attach-post-create", &["backend"]).await?;
//! for network in networks.list().await? {
//!     println!("{} dokku-managed={:?}", network.name, network.is_dokku_managed());
//! }
//! client.close().await?;
//! # Ok(())
//! # }
//! ```
//!
//! Export reads the app settings from one bulk text `network:report` (cheap, and unlike the
//! no-app JSON form it names each app), the global settings from `network:report --global
//! --format json` on Dokku 0.38+ (else from the first app's repeated values), and the networks
//! from `network:list --format json` on Dokku 0.35.3+ (else the text list, whose names are then
//! detailed by a root-only `docker network inspect`; names only over a connection that cannot
//! run system commands, with a warning). A network's `id` and `created_at` describe the source
//! server and are informational.
//!
//! Apply creates networks first (`network:create <name>`; never Docker's `bridge`/`host`/`none`;
//! a network known not to be Dokku's is created only if a setting in the document uses it), then
//! `network:set --global …`, then `network:set <app> …`. Settings take effect on the app's next
//! deploy or rebuild; nothing restarts. A converging apply (`diff`) sets only the keys that
//! differ and lists the apps whose settings (own or inherited) changed for the engine's one
//! `ps:restart` at the end, which recreates their containers on the new networks.
//!
//! Every subcommand is wrapped; `network:destroy` always passes `--force` (the confirmation
//! prompt needs a terminal). `network:rebuild`/`network:rebuildall` are wrapped but never part of
//! apply (they act on running containers).

mod commands;
mod diff;
mod docker_inspect;
mod export;
mod files;
mod model;
mod parse;

pub use commands::{Networks, builders};
pub use docker_inspect::parse_docker_network_inspect;
pub use export::NetworkPlugin;
pub use files::report_values_from_files;
pub use model::{AppNetwork, BUILTIN_NETWORKS, DOKKU_NETWORK_LABEL, Network, NetworkRecord};
pub use parse::{
    LIST_JSON_SINCE, NETWORK_LIST_TITLE, NetworkReport, REPORT, app_network_from_values, global_from_values,
    global_from_values_at, global_warning, parse_network_info_json, parse_network_list_json,
    parse_network_list_text, parse_report_json, parse_report_text,
};
