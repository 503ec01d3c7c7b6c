//! Runs `dokku` on this machine with `tokio::process`, without a shell.

use std::ffi::OsString;
use std::path::PathBuf;
use std::process::Stdio;

use super::Output;
use super::streams::{Io, connect};
use crate::command::{Command, Invocation, Program};
use crate::error::{Error, TransportErrorKind};

/// Who the local process runs as, which decides whether `sudo -n` is needed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LocalUser {
    /// root: runs everything directly.
    Root,
    /// The `dokku` user: runs Dokku directly, root-only commands through `sudo -n`.
    Dokku,
    /// Anyone else: everything through `sudo -n` (never prompts).
    Other,
}

impl LocalUser {
    /// Detects the user this process runs as.
    pub fn detect() -> Self {
        let uid = super::control_dir::current_uid();
        if uid == 0 {
            return Self::Root;
        }
        let passwd = std::fs::read_to_string("/etc/passwd").unwrap_or_default();
        let is_dokku = passwd.lines().any(|line| {
            let mut fields = line.split(':');
            let name = fields.next();
            let uid_field = fields.nth(1);
            name == Some("dokku") && uid_field.and_then(|u| u.parse::<u32>().ok()) == Some(uid)
        });
        if is_dokku { Self::Dokku } else { Self::Other }
    }
}

/// Settings of the local transport.
#[derive(Clone, Debug)]
pub struct LocalConfig {
    /// The Dokku program (default `dokku`, found on PATH).
    pub program: PathBuf,
    /// Extra environment variables for every process (e.g. a simulator's state directory).
    pub env: Vec<(OsString, OsString)>,
    /// The local user; detected when `None`.
    pub user: Option<LocalUser>,
}

impl Default for LocalConfig {
    fn default() -> Self {
        Self { program: PathBuf::from("dokku"), env: Vec::new(), user: None }
    }
}

/// The local transport.
#[derive(Debug)]
pub struct LocalTransport {
    config: LocalConfig,
    user: LocalUser,
}

impl LocalTransport {
    /// A local transport with these settings.
    pub fn new(config: LocalConfig) -> Self {
        let user = config.user.unwrap_or_else(LocalUser::detect);
        Self { config, user }
    }

    /// How a command is invoked here (for rendering scripts).
    pub fn invocation(&self, cmd: &Command) -> Invocation {
        Invocation { sudo: self.needs_sudo(cmd), without_dokku_word: false }
    }

    fn needs_sudo(&self, cmd: &Command) -> bool {
        match self.user {
            LocalUser::Root => false,
            LocalUser::Dokku => cmd.is_root_only() && matches!(cmd.program(), Program::Dokku),
            LocalUser::Other => true,
        }
    }

    /// Runs one command and captures everything it printed.
    pub(crate) async fn execute(&self, cmd: &Command, io: Io) -> Result<Output, Error> {
        let program: OsString = match cmd.program() {
            Program::Dokku => self.config.program.clone().into_os_string(),
            Program::System(p) => p.into(),
        };
        let mut process = if self.needs_sudo(cmd) {
            let mut p = tokio::process::Command::new("sudo");
            p.arg("-n").arg(&program);
            p
        } else {
            tokio::process::Command::new(&program)
        };
        process
            .args(cmd.argv_exposed())
            // Dokku re-executes itself as the `dokku` user, which may not be allowed to enter
            // the caller's working directory (root's home is 0700); plugins that run `find` or
            // `cd -` then fail. `/` is readable by every user.
            .current_dir("/")
            .envs(self.config.env.iter().map(|(k, v)| (k, v)))
            .stdin(if io.wants_stdin(cmd.stdin_exposed().is_some()) { Stdio::piped() } else { Stdio::null() })
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .kill_on_drop(true);
        let mut child = process.spawn().map_err(|e| Error::Transport {
            kind: TransportErrorKind::Spawn,
            command: cmd.to_string(),
            message: format!("cannot start {}: {e}", program.to_string_lossy()),
        })?;
        let io_error = |e: std::io::Error| Error::Transport {
            kind: TransportErrorKind::Io,
            command: cmd.to_string(),
            message: e.to_string(),
        };
        let input = cmd.stdin_exposed().map(<[u8]>::to_vec);
        let (out, err) = connect(io, input, child.stdin.take(), child.stdout.take(), child.stderr.take())
            .await
            .map_err(io_error)?;
        let status = child.wait().await.map_err(io_error)?;
        // A process killed by a signal has no code; report it the way a shell does.
        let code = status.code().unwrap_or_else(|| {
            use std::os::unix::process::ExitStatusExt;
            128 + status.signal().unwrap_or(0)
        });
        Ok(Output::from_bytes(code, &out, &err))
    }
}
