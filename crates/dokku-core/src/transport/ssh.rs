//! Runs Dokku over one multiplexed OpenSSH connection (the `openssh` crate's ControlMaster).

use std::num::NonZeroUsize;
use std::path::PathBuf;
use std::time::Duration;

use openssh::{ControlPersist, KnownHosts, Session, SessionBuilder, Stdio};

use super::forced_command::{Splitting, splitting_for, unsurvivable};
use super::streams::{Io, connect};
use super::{Output, control_dir};
use crate::command::{Command, Invocation, Program};
use crate::error::{Error, TransportErrorKind};

/// The remote shell script every non-forced command runs through: leave the login directory for
/// `/`, then run the words given after it, unchanged (`"$@"`).
const RUN_FROM_ROOT_DIR: &str = "cd / && exec \"$@\"";

/// The known-hosts policy for the server's host key.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum KnownHostsPolicy {
    /// Refuse a host whose key is not already known (`StrictHostKeyChecking=yes`).
    #[default]
    Strict,
    /// Accept and remember a new host's key, refuse a changed one (`accept-new`).
    AcceptNew,
}

/// How commands travel over the master connection.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum MuxMode {
    /// Speak the mux protocol over the control socket: no process per command.
    #[default]
    Native,
    /// Spawn one `ssh -S <socket>` client process per command.
    Process,
}

/// Where and how to connect.
#[derive(Clone, Debug)]
pub struct SshConfig {
    /// `host`, `user@host` or `ssh://user@host:port`.
    pub destination: String,
    /// The remote user; overrides one in `destination`; default `dokku`.
    pub user: Option<String>,
    /// The port; overrides one in `destination`; default: ssh's (22 or `~/.ssh/config`).
    pub port: Option<u16>,
    /// An identity file (`-i`), which also sets `IdentitiesOnly=yes`.
    pub identity: Option<PathBuf>,
    /// Host-key policy.
    pub known_hosts: KnownHostsPolicy,
    /// A known_hosts file to use instead of `~/.ssh/known_hosts`.
    pub known_hosts_file: Option<PathBuf>,
    /// An ssh config file to use instead of `~/.ssh/config` (`/dev/null` ignores it).
    pub config_file: Option<PathBuf>,
    /// How long connecting may take.
    pub connect_timeout: Duration,
    /// How long the master stays up with no command (never forever).
    pub idle_timeout: Duration,
    /// Where the control socket lives; default `$XDG_RUNTIME_DIR/dokku-rs` or `/tmp/dokku-rs-<uid>`.
    pub control_dir: Option<PathBuf>,
    /// Native or process mux.
    pub mux: MuxMode,
    /// Whether the remote user is a Dokku forced-command user (whose forced command prepends
    /// `dokku` and re-splits the line); `None` means "if the user is named `dokku`".
    pub forced_command: Option<bool>,
}

impl SshConfig {
    /// Defaults for `destination`.
    pub fn new(destination: impl Into<String>) -> Self {
        Self {
            destination: destination.into(),
            user: None,
            port: None,
            identity: None,
            known_hosts: KnownHostsPolicy::Strict,
            known_hosts_file: None,
            config_file: None,
            connect_timeout: Duration::from_secs(10),
            idle_timeout: Duration::from_secs(120),
            control_dir: None,
            mux: MuxMode::Native,
            forced_command: None,
        }
    }
}

/// A destination split into its parts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Destination {
    pub(crate) user: Option<String>,
    pub(crate) host: String,
    pub(crate) port: Option<u16>,
}

impl Destination {
    /// Parses `host`, `user@host`, `ssh://user@host:port` (IPv6 hosts in brackets).
    pub(crate) fn parse(text: &str) -> Result<Self, Error> {
        let bad = |why: &str| Error::Config(format!("invalid ssh destination {text:?}: {why}"));
        let (is_url, rest) = match text.strip_prefix("ssh://") {
            Some(rest) => (true, rest.trim_end_matches('/')),
            None => (false, text),
        };
        let (user, hostport) = match rest.rsplit_once('@') {
            Some((u, h)) if !u.is_empty() => (Some(u.to_owned()), h),
            Some(_) => return Err(bad("empty user")),
            None => (None, rest),
        };
        let (host, port) = if let Some(inner) = hostport.strip_prefix('[') {
            let (h, after) = inner.split_once(']').ok_or_else(|| bad("unclosed '['"))?;
            let port = match after.strip_prefix(':') {
                Some(p) => Some(p.parse::<u16>().map_err(|_| bad("bad port"))?),
                None if after.is_empty() => None,
                None => return Err(bad("unexpected text after ']'")),
            };
            (h.to_owned(), port)
        } else if is_url {
            match hostport.rsplit_once(':') {
                Some((h, p)) => (h.to_owned(), Some(p.parse::<u16>().map_err(|_| bad("bad port"))?)),
                None => (hostport.to_owned(), None),
            }
        } else {
            (hostport.to_owned(), None)
        };
        if host.is_empty() || host.contains(char::is_whitespace) || host.starts_with('-') {
            return Err(bad("empty or invalid host"));
        }
        Ok(Self { user, host, port })
    }
}

/// The effective `(user, host, port)` of a config: explicit options win over the destination,
/// and the user defaults to `dokku`.
pub fn resolve_destination(config: &SshConfig) -> Result<(String, String, Option<u16>), Error> {
    let dest = Destination::parse(&config.destination)?;
    let user = config.user.clone().or(dest.user).unwrap_or_else(|| "dokku".to_owned());
    Ok((user, dest.host, config.port.or(dest.port)))
}

/// The SSH transport: one master connection shared by every command.
#[derive(Debug)]
pub struct SshTransport {
    session: Session,
    user: String,
    forced_command: bool,
    label: String,
}

impl SshTransport {
    /// Starts the master connection.
    pub async fn connect(config: &SshConfig) -> Result<Self, Error> {
        let (user, host, port) = resolve_destination(config)?;
        let control_dir = config.control_dir.clone().unwrap_or_else(control_dir::default_control_dir);
        control_dir::prepare(&control_dir)?;

        let mut builder = SessionBuilder::default();
        builder
            .user(user.clone())
            .known_hosts_check(match config.known_hosts {
                KnownHostsPolicy::Strict => KnownHosts::Strict,
                KnownHostsPolicy::AcceptNew => KnownHosts::Add,
            })
            .connect_timeout(config.connect_timeout)
            .server_alive_interval(Duration::from_secs(15))
            .control_directory(&control_dir)
            .control_persist(ControlPersist::IdleFor(
                NonZeroUsize::new(config.idle_timeout.as_secs().max(1) as usize).unwrap_or(NonZeroUsize::MIN),
            ));
        if let Some(port) = port {
            builder.port(port);
        }
        if let Some(identity) = &config.identity {
            builder.keyfile(identity);
        }
        if let Some(file) = &config.known_hosts_file {
            builder.user_known_hosts_file(file);
        }
        if let Some(file) = &config.config_file {
            builder.config_file(file);
        }
        let label = match port {
            Some(p) => format!("ssh://{user}@{host}:{p}"),
            None => format!("ssh://{user}@{host}"),
        };
        let connect = async {
            match config.mux {
                MuxMode::Native => builder.connect_mux(&host).await,
                MuxMode::Process => builder.connect(&host).await,
            }
        };
        // The crate's own connect timeout covers the TCP and banner phases; this one also
        // covers a server that stalls during authentication.
        let session = tokio::time::timeout(config.connect_timeout + Duration::from_secs(5), connect)
            .await
            .map_err(|_| Error::Connect {
                kind: TransportErrorKind::ConnectTimeout,
                destination: label.clone(),
                message: format!("no answer within {:?}", config.connect_timeout),
            })?
            .map_err(|e| connect_error(&label, &e))?;
        let forced_command = config.forced_command.unwrap_or(user == "dokku");
        Ok(Self { session, user, forced_command, label })
    }

    /// Whether the remote user is a Dokku forced-command user.
    pub fn is_forced_command_user(&self) -> bool {
        self.forced_command
    }

    /// Whether the connection can run plain system commands (not as a forced-command user).
    pub fn can_run_system_commands(&self) -> bool {
        !self.forced_command
    }

    /// The ControlMaster socket (for `ssh -S … -O check`).
    pub fn control_socket(&self) -> &std::path::Path {
        self.session.control_socket()
    }

    /// `ssh://user@host[:port]`.
    pub fn label(&self) -> &str {
        &self.label
    }

    /// How a command is invoked over this connection (for rendering scripts).
    pub fn invocation(&self, _cmd: &Command) -> Invocation {
        if self.forced_command {
            Invocation { sudo: false, without_dokku_word: true }
        } else {
            Invocation { sudo: self.user != "root", without_dokku_word: false }
        }
    }

    /// Refuses, before sending, a command that cannot reach Dokku intact over this connection.
    pub fn check_sendable(&self, cmd: &Command) -> Result<(), Error> {
        if cmd.argv_exposed().iter().any(|a| a.contains('\0')) {
            return Err(refused(cmd, "an argument contains a NUL byte".to_owned()));
        }
        if !self.forced_command {
            return Ok(());
        }
        if let Program::System(p) = cmd.program() {
            return Err(refused(
                cmd,
                format!(
                    "`{p}` is not a Dokku command and user {} is a Dokku forced-command user: connect as root or a sudoer",
                    self.user
                ),
            ));
        }
        let splitting = splitting_for(cmd.subcommand());
        for (i, arg) in cmd.argv_exposed().iter().enumerate() {
            if let Some(why) = unsurvivable(arg, splitting) {
                let shown = cmd.argv_masked().get(i).cloned().unwrap_or_default();
                return Err(refused(
                    cmd,
                    format!("argument {} ({shown:?}) cannot be sent as user {}: {why}", i + 1, self.user),
                ));
            }
        }
        Ok(())
    }

    /// Runs one command; the caller has already called [`Self::check_sendable`].
    pub(crate) async fn execute(&self, cmd: &Command, io: Io) -> Result<Output, Error> {
        let argv = cmd.argv_exposed();
        let mut remote = if self.forced_command {
            match splitting_for(cmd.subcommand()) {
                // Dokku's xargs removes the bash-style quoting the crate adds.
                Splitting::Xargs => {
                    let mut c = self.session.command(argv[0]);
                    c.args(&argv[1..]);
                    c
                }
                // Plain word splitting keeps quotes, so the words go raw (checked to need none).
                Splitting::Words => {
                    let mut c = self.session.raw_command(argv[0]);
                    c.raw_args(&argv[1..]);
                    c
                }
            }
        } else {
            let program = match cmd.program() {
                Program::Dokku => "dokku",
                Program::System(p) => p.as_str(),
            };
            // The login shell starts in the user's home, which Dokku — re-executing itself as
            // the `dokku` user — may not be allowed to enter (root's is 0700): plugins that run
            // `find` or `cd -` then fail (`maintenance:enable`). Every command therefore runs
            // from `/`, through a POSIX `sh` that takes the words as positional parameters.
            let mut c = self.session.command("sh");
            c.arg("-c").arg(RUN_FROM_ROOT_DIR).arg("sh");
            if self.user != "root" {
                c.arg("sudo").arg("-n");
            }
            c.arg(program).args(&argv);
            c
        };
        remote
            .stdin(if io.wants_stdin(cmd.stdin_exposed().is_some()) { Stdio::piped() } else { Stdio::null() })
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let mut child = remote.spawn().await.map_err(|e| self.command_error(cmd, &e))?;
        let io_error = |e: std::io::Error| Error::Transport {
            kind: TransportErrorKind::Io,
            command: cmd.to_string(),
            message: e.to_string(),
        };
        let input = cmd.stdin_exposed().map(<[u8]>::to_vec);
        let (out, err) =
            connect(io, input, child.stdin().take(), child.stdout().take(), child.stderr().take())
                .await
                .map_err(io_error)?;
        match child.wait().await {
            Ok(status) => {
                let code = status.code().unwrap_or(255);
                if code == 255 {
                    // ssh uses 255 for its own failures: tell a dead master from a remote 255.
                    if self.session.check().await.is_err() {
                        return Err(self.master_gone(cmd));
                    }
                }
                Ok(Output::from_bytes(code, &out, &err))
            }
            // The crate turns exit 127 into an error; keep the status and the output instead.
            Err(openssh::Error::Remote(e)) if e.kind() == std::io::ErrorKind::NotFound => {
                Ok(Output::from_bytes(127, &out, &err))
            }
            Err(openssh::Error::RemoteProcessTerminated) => {
                if self.session.check().await.is_err() {
                    return Err(self.master_gone(cmd));
                }
                Err(Error::Transport {
                    kind: TransportErrorKind::SshFailed,
                    command: cmd.to_string(),
                    message: format!(
                        "the remote process was terminated or ssh exited 255{}",
                        stderr_hint(&err)
                    ),
                })
            }
            Err(e) => Err(self.command_error(cmd, &e)),
        }
    }

    fn master_gone(&self, cmd: &Command) -> Error {
        Error::Transport {
            kind: TransportErrorKind::MasterGone,
            command: cmd.to_string(),
            message: format!("the ssh connection to {} is gone", self.label),
        }
    }

    fn command_error(&self, cmd: &Command, e: &openssh::Error) -> Error {
        let message = error_chain(e);
        let kind = match e {
            openssh::Error::Disconnected => TransportErrorKind::MasterGone,
            _ if message.contains("Session open refused") || message.contains("open failed") => {
                TransportErrorKind::SessionRefused
            }
            openssh::Error::RemoteProcessTerminated => TransportErrorKind::SshFailed,
            openssh::Error::ChildIo(_) => TransportErrorKind::Io,
            _ if message.contains("Connection refused") || message.contains("No such file") => {
                TransportErrorKind::MasterGone
            }
            _ => TransportErrorKind::SshFailed,
        };
        Error::Transport { kind, command: cmd.to_string(), message: format!("{} ({message})", self.label) }
    }

    /// Closes the master connection.
    pub async fn close(self) -> Result<(), Error> {
        let label = self.label;
        self.session.close().await.map_err(|e| Error::Connect {
            kind: TransportErrorKind::MasterGone,
            destination: label,
            message: format!("closing the connection: {}", error_chain(&e)),
        })
    }
}

fn refused(cmd: &Command, reason: String) -> Error {
    Error::Refused { command: cmd.to_string(), reason }
}

fn stderr_hint(stderr: &[u8]) -> String {
    let text = String::from_utf8_lossy(stderr);
    let text = text.trim();
    if text.is_empty() { String::new() } else { format!(": {}", text.chars().take(300).collect::<String>()) }
}

/// The error and all its sources, joined: the crate's top-level messages are generic.
fn error_chain(e: &(dyn std::error::Error + 'static)) -> String {
    let mut parts = vec![e.to_string()];
    let mut source = e.source();
    while let Some(s) = source {
        parts.push(s.to_string());
        source = s.source();
    }
    parts.join(": ")
}

fn connect_error(label: &str, e: &openssh::Error) -> Error {
    let message = error_chain(e);
    if message.contains("too long for Unix domain socket") {
        return Error::Config(format!(
            "connecting to {label}: {message} (choose a shorter control directory)"
        ));
    }
    let kind = if message.contains("REMOTE HOST IDENTIFICATION HAS CHANGED") {
        TransportErrorKind::HostKeyChanged
    } else if message.contains("host key is known") || message.contains("Host key verification failed") {
        TransportErrorKind::HostKeyUnknown
    } else if message.contains("Permission denied") || message.contains("Too many authentication failures") {
        TransportErrorKind::AuthenticationFailed
    } else if message.contains("timed out") || message.contains("Connection timed out") {
        TransportErrorKind::ConnectTimeout
    } else {
        TransportErrorKind::ConnectionRefused
    };
    Error::Connect { kind, destination: label.to_owned(), message }
}

#[cfg(test)]
mod tests {
    use super::Destination;

    fn parse(s: &str) -> Option<(Option<String>, String, Option<u16>)> {
        Destination::parse(s).ok().map(|d| (d.user, d.host, d.port))
    }

    #[test]
    fn parses_destinations() {
        assert_eq!(parse("host"), Some((None, "host".into(), None)));
        assert_eq!(parse("dokku@host"), Some((Some("dokku".into()), "host".into(), None)));
        assert_eq!(
            parse("ssh://root@10.0.0.1:2222"),
            Some((Some("root".into()), "10.0.0.1".into(), Some(2222)))
        );
        assert_eq!(parse("ssh://[::1]:22"), Some((None, "::1".into(), Some(22))));
        assert_eq!(parse("ssh://host"), Some((None, "host".into(), None)));
        assert_eq!(parse("ssh://host:x"), None);
        assert_eq!(parse("@host"), None);
        assert_eq!(parse("-oProxyCommand=x"), None);
        assert_eq!(parse(""), None);
    }
}
