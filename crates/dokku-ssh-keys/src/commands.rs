//! The `ssh-keys:*` commands: pure builders, and typed async methods over a [`Client`].

use dokku_core::{Client, DokkuVersion, Error};

use crate::model::SshKey;
use crate::parse::{LIST_JSON_SINCE, parse_list_json, parse_list_text};

/// Where sshcommand keeps the `dokku` user's keys below `DOKKU_ROOT` (readable by root and
/// `dokku` only).
pub const AUTHORIZED_KEYS_FILE: &str = ".ssh/authorized_keys";

/// Pure command builders (no I/O): what apply and `--print-only` use.
pub mod builders {
    use dokku_core::{Command, DokkuVersion, ServerLayout};

    use super::AUTHORIZED_KEYS_FILE;
    use crate::parse::LIST_JSON_SINCE;

    /// `ssh-keys:list [--format json]` (no keys: exit 1 with nothing on stdout, not an error
    /// for the caller).
    pub fn list(version: &DokkuVersion) -> Command {
        let cmd = Command::dokku("ssh-keys:list").allow_failure();
        if version >= &LIST_JSON_SINCE { cmd.args(["--format", "json"]) } else { cmd }
    }

    /// `ssh-keys:add <name>` with the public key on stdin (root only).
    pub fn add(name: &str, public_key: &str) -> Command {
        let mut key = public_key.trim_end().to_owned();
        key.push('\n');
        Command::dokku("ssh-keys:add").arg(name).stdin(key).needs_root().writes(None)
    }

    /// `ssh-keys:remove <name>` (root only; a missing name is not an error).
    pub fn remove(name: &str) -> Command {
        Command::dokku("ssh-keys:remove").arg(name).needs_root().writes(None)
    }

    /// `ssh-keys:remove --fingerprint <fingerprint>` (root only).
    pub fn remove_fingerprint(fingerprint: &str) -> Command {
        Command::dokku("ssh-keys:remove").args(["--fingerprint", fingerprint]).needs_root().writes(None)
    }

    /// `cat <DOKKU_ROOT>/.ssh/authorized_keys`: the key bodies on versions whose list lacks
    /// them (root-only system read).
    pub fn read_authorized_keys(layout: &ServerLayout) -> Command {
        Command::system("cat").arg(layout.in_dokku_root(AUTHORIZED_KEYS_FILE))
    }
}

/// The ssh-keys plugin over one client.
#[derive(Clone, Copy, Debug)]
pub struct SshKeys<'a> {
    client: &'a Client,
}

impl<'a> SshKeys<'a> {
    /// Wraps a client.
    pub fn new(client: &'a Client) -> Self {
        Self { client }
    }

    /// The keys, with their public key where `ssh-keys:list` prints it.
    pub async fn list(&self) -> Result<Vec<SshKey>, Error> {
        let version = self.client.version().await?;
        list_keys(self.client, version).await
    }

    /// Adds a key under `name`.
    pub async fn add(&self, name: &str, public_key: &str) -> Result<(), Error> {
        self.client.output(&builders::add(name, public_key)).await.map(drop)
    }

    /// Removes the key named `name`.
    pub async fn remove(&self, name: &str) -> Result<(), Error> {
        self.client.output(&builders::remove(name)).await.map(drop)
    }

    /// Removes the key with `fingerprint`.
    pub async fn remove_fingerprint(&self, fingerprint: &str) -> Result<(), Error> {
        self.client.output(&builders::remove_fingerprint(fingerprint)).await.map(drop)
    }
}

/// Reads `ssh-keys:list` in the form `version` prefers.
pub(crate) async fn list_keys(client: &Client, version: &DokkuVersion) -> Result<Vec<SshKey>, Error> {
    let cmd = builders::list(version);
    let out = client.output(&cmd).await?;
    // sshcommand exits 1 with nothing on stdout when the key file is missing or empty.
    if !out.success() {
        if out.stdout.trim().is_empty() {
            return Ok(Vec::new());
        }
        return Err(Error::Dokku {
            kind: dokku_core::DokkuErrorKind::classify(out.status, &out.stderr),
            command: cmd.to_string(),
            status: out.status,
            message: out.message().to_owned(),
        });
    }
    let parsed =
        if version >= &LIST_JSON_SINCE { parse_list_json(&out.stdout) } else { parse_list_text(&out.stdout) };
    parsed.map_err(|e| Error::Parse { command: cmd.to_string(), source: Box::new(e) })
}
