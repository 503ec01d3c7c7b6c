//! A simulated server in a temporary directory, driven through the `dokku-sim` binary, for the
//! integration tests that look at what commands leave on the server's disk.

// Every test crate that includes this module uses only part of it.
#![allow(dead_code)]
// Running the simulator binary is the point of these tests.
#![allow(clippy::disallowed_methods, clippy::disallowed_types)]

use std::io::Write;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// One fresh simulated server.
pub(crate) struct Server {
    dir: tempfile::TempDir,
}

impl Server {
    /// A server with an empty state.
    pub(crate) fn new() -> Self {
        Self { dir: tempfile::tempdir().expect("tempdir") }
    }

    /// The simulator root (`DOKKU_SIM_ROOT`).
    pub(crate) fn root(&self) -> &Path {
        self.dir.path()
    }

    /// Where the simulated server keeps the real path `real` (`/home/dokku/.netrc`).
    pub(crate) fn path(&self, real: &str) -> PathBuf {
        self.root().join("fs").join(real.trim_start_matches('/'))
    }

    /// The content of the simulated server's file at `real`, `None` when it does not exist.
    pub(crate) fn file(&self, real: &str) -> Option<String> {
        std::fs::read_to_string(self.path(real)).ok()
    }

    /// The simulator with a clean environment (plus `env`) on this server, as root.
    fn command(&self, env: &[(&str, &str)]) -> Command {
        let mut command = Command::new(env!("CARGO_BIN_EXE_dokku-sim"));
        command.env("DOKKU_SIM_ROOT", self.root()).env("DOKKU_SIM_EUID", "0");
        for name in [
            "SSH_ORIGINAL_COMMAND",
            "DOKKU_SIM_VERSION",
            "DOKKU_SIM_COSTS",
            "DOKKU_SIM_LOG",
            "DOKKU_SIM_DEPLOYED_APPS",
            "DOKKU_SIM_FAIL",
            "DOKKU_SIM_DOKKU_USER",
            "DOKKU_SIM_LIST_WITHOUT_KEY_BODIES",
        ] {
            command.env_remove(name);
        }
        command.envs(env.iter().copied());
        command
    }

    /// Runs `dokku <args>`; `stdin` is a pipe with that text, else `/dev/null`.
    pub(crate) fn dokku(&self, env: &[(&str, &str)], args: &[&str], stdin: Option<&str>) -> Output {
        let mut command = self.command(env);
        command.args(args).stdout(Stdio::piped()).stderr(Stdio::piped());
        command.stdin(if stdin.is_some() { Stdio::piped() } else { Stdio::null() });
        let mut child = command.spawn().expect("run dokku-sim");
        if let Some(text) = stdin {
            let mut pipe = child.stdin.take().expect("stdin pipe");
            // A command that does not read its stdin may exit before the write: a broken pipe
            // is then what a real shell pipe would see too, not a test failure.
            if let Err(error) = pipe.write_all(text.as_bytes()) {
                assert_eq!(error.kind(), std::io::ErrorKind::BrokenPipe, "write stdin: {error}");
            }
        }
        child.wait_with_output().expect("wait for dokku-sim")
    }

    /// Runs `dokku <args>` with `dir` as the working directory (stdin `/dev/null`).
    pub(crate) fn dokku_in(&self, dir: &Path, env: &[(&str, &str)], args: &[&str]) -> Output {
        self.command(env).current_dir(dir).args(args).stdin(Stdio::null()).output().expect("run dokku-sim")
    }

    /// Stdout of a successful `dokku <args>`.
    pub(crate) fn ok(&self, args: &[&str]) -> String {
        let output = self.dokku(&[], args, None);
        assert!(output.status.success(), "{args:?} failed: {}", String::from_utf8_lossy(&output.stderr));
        String::from_utf8_lossy(&output.stdout).into_owned()
    }

    /// Runs the simulator under the name `docker` (the harness's `bin/docker` does the same).
    pub(crate) fn docker(&self, args: &[&str]) -> Output {
        self.command(&[])
            .arg0("docker")
            .args(args)
            .stdin(Stdio::null())
            .output()
            .expect("run docker stand-in")
    }
}

/// `(stdout, stderr, exit status)` as text.
pub(crate) fn said(output: &Output) -> (String, String, Option<i32>) {
    (
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
        output.status.code(),
    )
}
