//! Typed errors: transport failures, Dokku refusals, refusals before sending, parse failures.

use std::time::Duration;

/// Everything that can go wrong running a [`Command`](crate::Command).
///
/// Every variant that concerns a command carries it rendered with secrets masked.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The connection could not be established.
    #[error("cannot connect to {destination} ({kind}): {message}")]
    Connect {
        /// What failed.
        kind: TransportErrorKind,
        /// `ssh://user@host[:port]`.
        destination: String,
        /// ssh's message.
        message: String,
    },
    /// The connection or the local process could not carry the command.
    #[error("transport error ({kind}) running `{command}`: {message}")]
    Transport {
        /// What failed.
        kind: TransportErrorKind,
        /// The masked command.
        command: String,
        /// The underlying message (ssh's or the OS's).
        message: String,
    },
    /// Dokku ran and exited non-zero.
    #[error("dokku failed ({kind}, exit {status}) running `{command}`: {message}")]
    Dokku {
        /// What Dokku said no to, as far as it can be recognised.
        kind: DokkuErrorKind,
        /// The masked command.
        command: String,
        /// The exit status.
        status: i32,
        /// Dokku's message (stderr, trimmed, secrets of the command masked).
        message: String,
    },
    /// The command did not finish within its timeout.
    #[error("timed out after {after:?} running `{command}`")]
    Timeout {
        /// The masked command.
        command: String,
        /// The timeout that expired.
        after: Duration,
    },
    /// The command was refused before anything was sent.
    #[error("refused to send `{command}`: {reason}")]
    Refused {
        /// The masked command.
        command: String,
        /// Why it cannot be sent over this connection.
        reason: String,
    },
    /// Dokku's output could not be parsed.
    #[error("could not parse the output of `{command}`: {source}")]
    Parse {
        /// The masked command.
        command: String,
        /// What the parser expected.
        source: Box<dyn std::error::Error + Send + Sync>,
    },
    /// The client configuration is unusable (bad control directory, bad destination, …).
    #[error("invalid configuration: {0}")]
    Config(String),
}

/// Classes of transport failure.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum TransportErrorKind {
    /// Nothing listens at the destination, or it cannot be resolved or reached.
    ConnectionRefused,
    /// The server did not answer in time while connecting.
    ConnectTimeout,
    /// The server rejected our credentials.
    AuthenticationFailed,
    /// The host key is not in known_hosts and the policy is strict.
    HostKeyUnknown,
    /// The host key differs from the one in known_hosts.
    HostKeyChanged,
    /// The multiplexing master connection is gone.
    MasterGone,
    /// ssh itself failed (exit 255) or the remote process was killed.
    SshFailed,
    /// The server refused to open another session on the connection.
    SessionRefused,
    /// The local program could not be started (e.g. no `dokku` on PATH).
    Spawn,
    /// Reading or writing the process's standard streams failed.
    Io,
}

impl std::fmt::Display for TransportErrorKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Self::ConnectionRefused => "connection refused",
            Self::ConnectTimeout => "connect timeout",
            Self::AuthenticationFailed => "authentication failed",
            Self::HostKeyUnknown => "host key unknown",
            Self::HostKeyChanged => "host key changed",
            Self::MasterGone => "connection lost",
            Self::SshFailed => "ssh failed",
            Self::SessionRefused => "session refused",
            Self::Spawn => "cannot start program",
            Self::Io => "i/o",
        })
    }
}

/// Classes of Dokku failure, recognised from the exit status and Dokku's message.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum DokkuErrorKind {
    /// `App <name> does not exist` (exit 20 since Dokku added that code).
    AppNotFound,
    /// The command belongs to a plugin that is not installed (`… is not a dokku command.`).
    PluginNotInstalled,
    /// Dokku rejected a value or flag (`Invalid …`, `… is invalid`).
    InvalidValue,
    /// The command needs root (`This command must be run as root`).
    NeedsRoot,
    /// `sudo -n` needed a password or the user may not use sudo.
    SudoDenied,
    /// Anything else.
    Other,
}

impl std::fmt::Display for DokkuErrorKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Self::AppNotFound => "app not found",
            Self::PluginNotInstalled => "plugin not installed",
            Self::InvalidValue => "invalid value",
            Self::NeedsRoot => "needs root",
            Self::SudoDenied => "sudo denied",
            Self::Other => "error",
        })
    }
}

impl DokkuErrorKind {
    /// Recognises the failure class from the exit status and stderr.
    pub fn classify(status: i32, stderr: &str) -> Self {
        if status == 20 || (stderr.contains("App ") && stderr.contains(" does not exist")) {
            Self::AppNotFound
        } else if stderr.contains("is not a dokku command") {
            Self::PluginNotInstalled
        } else if stderr.contains("must be run as root") {
            Self::NeedsRoot
        } else if stderr.contains("sudo: a password is required")
            || stderr.contains("is not in the sudoers file")
            || stderr.contains("sudo: a terminal is required")
        {
            Self::SudoDenied
        } else if stderr.contains("Invalid ") || stderr.contains(" is invalid") || stderr.contains("invalid ")
        {
            Self::InvalidValue
        } else {
            Self::Other
        }
    }
}

impl Error {
    /// The transport failure class, if this is a transport error.
    pub fn transport_kind(&self) -> Option<TransportErrorKind> {
        match self {
            Self::Transport { kind, .. } | Self::Connect { kind, .. } => Some(*kind),
            _ => None,
        }
    }

    /// The Dokku failure class, if Dokku said no.
    pub fn dokku_kind(&self) -> Option<DokkuErrorKind> {
        match self {
            Self::Dokku { kind, .. } => Some(*kind),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::DokkuErrorKind as K;

    #[test]
    fn classifies_dokku_messages() {
        assert_eq!(K::classify(20, " !     App nope does not exist\n"), K::AppNotFound);
        assert_eq!(K::classify(1, " !     App nope does not exist\n"), K::AppNotFound);
        assert_eq!(
            K::classify(1, " !     `letsencrypt:enable app` is not a dokku command.\n"),
            K::PluginNotInstalled
        );
        assert_eq!(K::classify(1, " !     This command must be run as root\n"), K::NeedsRoot);
        assert_eq!(K::classify(1, " !     Invalid port map http:abc:5000\n"), K::InvalidValue);
        assert_eq!(K::classify(1, " !     bad_domain! is invalid. exiting...\n"), K::InvalidValue);
        assert_eq!(K::classify(1, "sudo: a password is required\n"), K::SudoDenied);
        assert_eq!(K::classify(1, " !     Name is already taken\n"), K::Other);
    }
}
