//! The Dokku `ssh-keys` plugin: the keys allowed to push, the `ssh-keys:list` and
//! `authorized_keys` parsers, the `ssh-keys:*` commands, and the export/apply glue.
//!
//! Export lists names and fingerprints with `ssh-keys:list --format json`, which on newer Dokku
//! (0.38 does) also prints each public key. Where it does not, the bodies are read from
//! `<DOKKU_ROOT>/.ssh/authorized_keys` (see [`dokku_core::ServerLayout`]), only over a connection that can run system commands (root);
//! otherwise the keys are exported without them, with one warning. Nothing but the keys
//! sshcommand wrote is taken from that file, and nothing of it is ever logged. Apply pipes each
//! key into `ssh-keys:add <name>` as root.
//!
//! Embedding just this crate with `dokku-core`:
//!
//! ```no_run
//! # async fn demo() -> Result<(), dokku_core::Error> {
//! use dokku_core::{Client, ClientOptions, SshConfig};
//!
//! let client = Client::ssh(&SshConfig::new("root@dokku.example.com"), ClientOptions::default()).await?;
//! let keys = dokku_ssh_keys::SshKeys::new(&client);
//! keys.add("laptop", "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAA… me@laptop").await?;
//! for key in keys.list().await? {
//!     println!("{} {}", key.name, key.fingerprint.unwrap_or_default());
//! }
//! client.close().await?;
//! # Ok(())
//! # }
//! ```
//!
//! Every `ssh-keys:*` subcommand is wrapped. The fingerprint of a record is informational:
//! Dokku computes it again on add.

mod commands;
mod diff;
mod export;
mod model;
mod parse;

pub use commands::{AUTHORIZED_KEYS_FILE, SshKeys, builders};
pub use export::SshKeysPlugin;
pub use model::SshKey;
pub use parse::{
    AuthorizedKeys, LIST_JSON_SINCE, SshKeyListRow, parse_authorized_keys, parse_list_json, parse_list_text,
    parse_ssh_keys_list,
};
