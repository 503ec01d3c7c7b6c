//! The transports that carry a [`Command`] to Dokku: local or SSH.

pub(crate) mod control_dir;
mod forced_command;
mod local;
mod output;
mod ssh;
mod streams;

pub use local::{LocalConfig, LocalTransport, LocalUser};
pub use output::Output;
pub use ssh::{KnownHostsPolicy, MuxMode, SshConfig, SshTransport, resolve_destination};
pub(crate) use streams::Io;
pub use streams::{StreamInput, StreamOutput};

use crate::command::{Command, Invocation};
use crate::error::Error;

/// A way to run commands on a Dokku server.
#[derive(Debug)]
pub enum Transport {
    /// `dokku` on this machine.
    Local(LocalTransport),
    /// `dokku` on another machine, over one multiplexed OpenSSH connection.
    Ssh(SshTransport),
}

impl Transport {
    /// Whether plain system commands (the root-only reads) can run over this transport.
    pub fn can_run_system_commands(&self) -> bool {
        match self {
            Self::Local(_) => true,
            Self::Ssh(ssh) => ssh.can_run_system_commands(),
        }
    }

    /// How a command is invoked over this transport (for rendering scripts).
    pub fn invocation(&self, cmd: &Command) -> Invocation {
        match self {
            Self::Local(local) => local.invocation(cmd),
            Self::Ssh(ssh) => ssh.invocation(cmd),
        }
    }

    /// `local` or `ssh://user@host[:port]`.
    pub fn label(&self) -> &str {
        match self {
            Self::Local(_) => "local",
            Self::Ssh(ssh) => ssh.label(),
        }
    }

    /// Refuses, before sending, a command this transport cannot carry intact.
    pub fn check_sendable(&self, cmd: &Command) -> Result<(), Error> {
        match self {
            Self::Local(_) => Ok(()),
            Self::Ssh(ssh) => ssh.check_sendable(cmd),
        }
    }

    pub(crate) async fn execute(&self, cmd: &Command, io: Io) -> Result<Output, Error> {
        match self {
            Self::Local(local) => local.execute(cmd, io).await,
            Self::Ssh(ssh) => ssh.execute(cmd, io).await,
        }
    }

    /// Releases the transport (closes the SSH master).
    pub async fn close(self) -> Result<(), Error> {
        match self {
            Self::Local(_) => Ok(()),
            Self::Ssh(ssh) => ssh.close().await,
        }
    }
}
