//! The Dokku `storage` plugin: per-app mount records, the `storage:list` and
//! `storage:ensure-directory` parsers, the `storage:*` commands, and the export/apply glue.
//!
//! Export reads each app's mounts with `storage:list <app> --format json` and, when the
//! connection can run system commands (root), the owner of every mounted host directory with one
//! `stat`; otherwise the owners are left out with one warning. Apply runs
//! `storage:ensure-directory [--chown <preset>] <name>` for directories under
//! `/var/lib/dokku/data/storage/` (once each) and `storage:mount <app> <host>:<container>` for
//! every mount.
//!
//! Embedding just this crate with `dokku-core`:
//!
//! ```no_run
//! # async fn demo() -> Result<(), dokku_core::Error> {
//! use dokku_core::{Client, ClientOptions, SshConfig};
//! use dokku_storage::{ChownPreset, StorageMounts};
//!
//! let client = Client::ssh(&SshConfig::new("dokku@dokku.example.com"), ClientOptions::default()).await?;
//! let storage = StorageMounts::new(&client);
//! storage.ensure_directory(Some(ChownPreset::Heroku), "my-app-data").await?;
//! storage.mount("my-app", "/var/lib/dokku/data/storage/my-app-data:/data").await?;
//! for mount in storage.list("my-app").await? {
//!     println!("{} -> {}", mount.host_path, mount.container_path);
//! }
//! client.close().await?;
//! # Ok(())
//! # }
//! ```
//!
//! Left out: `storage:exec` (interactive), `storage:wait` (k3s volume binding),
//! `storage:annotations:*` / `storage:labels:*` and the read-only `storage:info`,
//! `storage:list-entries` and `storage:report`. Named entries (0.38) are exported as the
//! host:container mounts they provide, and only the deploy-phase mounts that `storage:list`
//! shows are exported. An owner that matches no `--chown` preset cannot be recreated by
//! `storage:ensure-directory` (Dokku's default owner is used). Mounts take effect at the next
//! restart or deploy: nothing here restarts an app; a converging apply (`diff`) lists the apps
//! whose mounts changed for the engine's one restart at the end.

mod commands;
mod diff;
mod export;
mod files;
mod model;
mod parse;

pub use commands::{StorageMounts, builders};
pub use export::StoragePlugin;
pub use files::mounts_from_files;
pub use model::{ChownPreset, STORAGE_DIR, Storage};
pub use parse::{
    EnsuredDirectory, LIST_JSON_SINCE, StorageListRow, parse_ensure_directory, parse_list_json,
    parse_list_text, parse_stat_owners, parse_storage_list,
};
