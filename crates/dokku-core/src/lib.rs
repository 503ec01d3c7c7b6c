//! The I/O core of dokku-rs: everything that talks to a Dokku server.
//!
//! It holds the [`Command`] value (a Dokku argv with optional stdin), the [`Transport`]s that
//! run it (a local `dokku` through `tokio::process`, or a remote one over one multiplexed
//! OpenSSH connection), the [`Client`] that bounds concurrency and orders writes, the rules for
//! which user runs what, typed [`Error`]s, the [`DokkuVersion`], the [`Secret`] type, and the
//! pure [`text`] combinators shared by every plugin crate for Dokku's text formats.
//!
//! ```no_run
//! # async fn demo() -> Result<(), dokku_core::Error> {
//! use dokku_core::{Client, ClientOptions, Command, SshConfig};
//!
//! let client = Client::ssh(&SshConfig::new("dokku@dokku.example.com"), ClientOptions::default()).await?;
//! let version = client.version().await?.clone();
//! let report = client.stdout(&Command::dokku("apps:report").arg("my-app")).await;
//! client.close().await?;
//! # let _ = (version, report);
//! # Ok(())
//! # }
//! ```
//!
//! Architecture invariant: this is the only product crate that spawns processes.

#![allow(clippy::disallowed_methods, clippy::disallowed_types)]

pub mod app_name;
mod client;
mod command;
pub mod diffing;
pub mod env_file;
mod error;
pub mod file_snapshot;
pub mod file_times;
#[cfg(feature = "test-support")]
pub mod fixtures;
pub mod installed_plugins;
pub mod ownership;
pub mod pem_certificate;
pub mod plugin;
pub mod property_plugin;
mod read_memo;
pub mod reports;
mod secret;
pub mod secret_part;
pub mod secret_reference;
pub mod server_layout;
mod shell_quote;
pub mod text;
pub mod timestamp;
mod transfer;
pub mod transport;
mod url_credentials;
mod version;

pub use client::{Client, ClientOptions};
pub use command::{Command, Invocation, Program, WriteScope};
pub use error::{DokkuErrorKind, Error, TransportErrorKind};
pub use read_memo::MemoizedReads;
pub use secret::{MASK, SECRET_ANNOTATION, SECRET_ID_ANNOTATION, Secret};
pub use server_layout::ServerLayout;
pub use shell_quote::quote as shell_quote;
pub use transfer::{TransferError, transfer};
pub use transport::{
    KnownHostsPolicy, LocalConfig, LocalUser, MuxMode, Output, SshConfig, StreamInput, StreamOutput,
    Transport,
};
pub use url_credentials::mask_url_passwords;
pub use version::{DokkuVersion, VersionError};
