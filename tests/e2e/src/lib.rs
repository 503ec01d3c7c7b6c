//! End-to-end tests of dokku-rs over the real sshd that `cargo xtask test` starts, and the
//! backends that sshd serves (`dokku-echo`).
//!
//! The tests find the server through the `DOKKU_TEST_*` environment variables that the xtask
//! exports; [`Harness::from_env`] reads them and fails with a clear message when they are
//! missing (the tests then need `cargo xtask test`, or the `sshd` feature off).

#![allow(clippy::disallowed_methods, clippy::disallowed_types)]
// Reason: test tooling may spawn processes (ssh -O, kill) to inject faults.

pub mod scenario;

use std::path::PathBuf;
use std::time::Duration;

use dokku_core::{Client, ClientOptions, KnownHostsPolicy, MuxMode, ServerLayout, SshConfig};

/// The client options the end-to-end tests use: Dokku's defaults with a 60 s command timeout
/// (a loaded CI machine runs the simulator slowly, and a hung command still fails the test).
pub fn client_options() -> ClientOptions {
    ClientOptions { command_timeout: Duration::from_secs(60), ..ClientOptions::default() }
}

/// What a process printed, stdout then stderr, for assertions and their messages.
pub fn said(out: &std::process::Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr))
}

/// The private sshd started by `cargo xtask test`.
#[derive(Clone, Debug)]
pub struct Harness {
    /// Listening address.
    pub host: String,
    /// Listening port.
    pub port: u16,
    /// The Dokku forced-command user (not named `dokku`, so a real Dokku is never touched).
    pub dokku_user: String,
    /// The normal-shell user with password-less sudo.
    pub admin_user: String,
    /// Client key whose sessions reach the `dokku-echo` backend.
    pub echo_key: PathBuf,
    /// known_hosts file holding the server's host key.
    pub known_hosts: PathBuf,
    /// A short private directory for control sockets.
    pub control_dir: PathBuf,
    /// sshd's log file.
    pub sshd_log: PathBuf,
    /// The harness state directory.
    pub state_dir: PathBuf,
}

fn var(name: &str) -> String {
    std::env::var(name).unwrap_or_else(|_| {
        panic!("{name} is not set: these tests need the private sshd; run them with `cargo xtask test`")
    })
}

impl Harness {
    /// Reads the harness from the environment set by `cargo xtask test`.
    pub fn from_env() -> Self {
        Self {
            host: var("DOKKU_TEST_SSH_HOST"),
            port: var("DOKKU_TEST_SSH_PORT").parse().unwrap_or_else(|e| panic!("DOKKU_TEST_SSH_PORT: {e}")),
            dokku_user: var("DOKKU_TEST_SSH_USER"),
            admin_user: var("DOKKU_TEST_SSH_ADMIN_USER"),
            echo_key: var("DOKKU_TEST_SSH_ECHO_KEY").into(),
            known_hosts: var("DOKKU_TEST_SSH_KNOWN_HOSTS").into(),
            control_dir: var("DOKKU_TEST_SSH_CONTROL_DIR").into(),
            sshd_log: var("DOKKU_TEST_SSHD_LOG").into(),
            state_dir: var("DOKKU_TEST_STATE_DIR").into(),
        }
    }

    /// An SSH config for `user` with `key`, isolated from `~/.ssh`.
    pub fn ssh_config(&self, user: &str, key: &std::path::Path, mux: MuxMode) -> SshConfig {
        let mut config = SshConfig::new(self.host.clone());
        config.user = Some(user.to_owned());
        config.port = Some(self.port);
        config.identity = Some(key.to_owned());
        config.known_hosts = KnownHostsPolicy::Strict;
        config.known_hosts_file = Some(self.known_hosts.clone());
        config.config_file = Some("/dev/null".into());
        config.control_dir = Some(self.control_dir.clone());
        config.connect_timeout = Duration::from_secs(5);
        config.idle_timeout = Duration::from_secs(60);
        config.mux = mux;
        config.forced_command = Some(user == self.dokku_user);
        config
    }

    /// Takes simulator slot `index` (waiting while another holds it), emptied.
    pub fn sim_slot_numbered(&self, index: usize) -> SimSlot {
        let lock_path = self.state_dir.join(format!("sim-root-{index}.lock"));
        let lock = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&lock_path)
            .unwrap_or_else(|e| panic!("{}: {e}", lock_path.display()));
        lock.lock().unwrap_or_else(|e| panic!("{}: {e}", lock_path.display()));
        self.claim(index, lock)
    }

    fn claim(&self, index: usize, lock: std::fs::File) -> SimSlot {
        let root = self.state_dir.join(format!("sim-root-{index}"));
        if let Ok(entries) = std::fs::read_dir(&root) {
            for entry in entries.flatten() {
                let _ = std::fs::remove_dir_all(entry.path()).or_else(|_| std::fs::remove_file(entry.path()));
            }
        }
        SimSlot {
            harness: self.clone(),
            key: self.state_dir.join(format!("client_sim_{index}")),
            root,
            _lock: lock,
        }
    }

    /// Takes a free simulator slot (its own server state), emptied for this test.
    pub fn sim_slot(&self) -> SimSlot {
        let slots: usize =
            std::env::var("DOKKU_TEST_SIM_SLOTS").ok().and_then(|s| s.parse().ok()).unwrap_or(1);
        loop {
            for index in 0..slots {
                let lock_path = self.state_dir.join(format!("sim-root-{index}.lock"));
                let Ok(lock) =
                    std::fs::OpenOptions::new().create(true).truncate(false).write(true).open(&lock_path)
                else {
                    continue;
                };
                if lock.try_lock().is_ok() {
                    let root = self.state_dir.join(format!("sim-root-{index}"));
                    if let Ok(entries) = std::fs::read_dir(&root) {
                        for entry in entries.flatten() {
                            let _ = std::fs::remove_dir_all(entry.path())
                                .or_else(|_| std::fs::remove_file(entry.path()));
                        }
                    }
                    return SimSlot {
                        harness: self.clone(),
                        key: self.state_dir.join(format!("client_sim_{index}")),
                        root,
                        _lock: lock,
                    };
                }
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// The `dokkuctl` binary the harness installed, as a command to run.
    pub fn dokkuctl(&self) -> std::process::Command {
        let mut cmd = std::process::Command::new(self.state_dir.join("bin/dokkuctl"));
        cmd.env_remove("DOKKU_HOST").stdin(std::process::Stdio::null());
        cmd
    }

    /// `dokkuctl` connection options for `user` with `key` (known hosts from the harness, through
    /// the ssh config file the harness wrote once at setup: tests running side by side must not
    /// rewrite a file another test's ssh is reading).
    pub fn dokkuctl_ssh_args(&self, user: &str, key: &std::path::Path) -> Vec<String> {
        let config = self.state_dir.join("dokkuctl_ssh_config");
        let mut args = vec![
            "-H".into(),
            self.host.clone(),
            "-p".into(),
            self.port.to_string(),
            "-u".into(),
            user.to_owned(),
            "-i".into(),
            key.display().to_string(),
            "-F".into(),
            config.display().to_string(),
        ];
        if user == self.dokku_user {
            args.push("--forced-command".into());
        }
        args
    }

    /// Connects to the echo backend as `user`.
    pub async fn echo_client(&self, user: &str, mux: MuxMode, options: ClientOptions) -> Client {
        let config = self.ssh_config(user, &self.echo_key, mux);
        Client::ssh(&config, options).await.unwrap_or_else(|e| panic!("connect as {user}: {e}"))
    }
}

/// What `dokku-echo` reports about one invocation.
#[derive(Debug, Clone)]
pub struct EchoReply {
    /// The argv Dokku's re-split produced.
    pub argv: Vec<String>,
    /// `SSH_CONNECTION` of the session.
    pub ssh_connection: String,
    /// Whether it ran as root.
    pub euid_is_root: bool,
    /// The stdin it read (for the `stdin` control word).
    pub stdin: String,
}

impl EchoReply {
    /// Parses one reply.
    pub fn parse(stdout: &str) -> Self {
        let value: serde_json::Value =
            serde_json::from_str(stdout.trim()).unwrap_or_else(|e| panic!("echo reply {stdout:?}: {e}"));
        let text = |k: &str| value[k].as_str().unwrap_or_default().to_owned();
        Self {
            argv: value["argv"]
                .as_array()
                .map(|a| a.iter().map(|v| v.as_str().unwrap_or_default().to_owned()).collect())
                .unwrap_or_default(),
            ssh_connection: text("ssh_connection"),
            euid_is_root: value["euid_is_root"].as_bool().unwrap_or(false),
            stdin: text("stdin"),
        }
    }

    /// The client-side TCP port of the SSH connection that carried the command.
    pub fn client_port(&self) -> String {
        self.ssh_connection.split_whitespace().nth(1).unwrap_or_default().to_owned()
    }
}

/// One simulator state, reachable over SSH through its own key (as either user) and locally.
#[derive(Debug)]
pub struct SimSlot {
    harness: Harness,
    /// The client key whose sessions reach this slot.
    pub key: PathBuf,
    /// The simulator's state directory.
    pub root: PathBuf,
    _lock: std::fs::File,
}

impl SimSlot {
    /// Connects over SSH as `user`, reading the simulator's server files.
    pub async fn ssh(&self, user: &str, options: ClientOptions) -> Client {
        let config = self.harness.ssh_config(user, &self.key, MuxMode::Native);
        Client::ssh(&config, options)
            .await
            .unwrap_or_else(|e| panic!("connect as {user}: {e}"))
            .with_layout(self.layout())
    }

    /// A client running the simulator on this machine (no SSH), as root.
    pub fn local(&self, options: ClientOptions) -> Client {
        // The harness's `bin` first, so a root-only `docker` read reaches the simulator's
        // stand-in and never a Docker engine this machine may have.
        let path = format!(
            "{}:{}",
            self.harness.state_dir.join("bin").display(),
            std::env::var("PATH").unwrap_or_default()
        );
        let config = dokku_core::LocalConfig {
            program: self.harness.state_dir.join("bin/dokku"),
            env: vec![
                ("DOKKU_TEST_BACKEND".into(), "sim".into()),
                ("DOKKU_SIM_ROOT".into(), self.root.clone().into_os_string()),
                ("PATH".into(), path.into()),
            ],
            user: Some(dokku_core::LocalUser::Root),
        };
        Client::local(config, options).with_layout(self.layout())
    }

    /// Where the simulator keeps the files a real server has under `/home/dokku` and
    /// `/var/lib/dokku` (known hosts, netrc, authorized keys, plugin checkouts).
    pub fn layout(&self) -> ServerLayout {
        let fs = self.root.join("fs");
        let path = |p: &str| fs.join(p).display().to_string();
        ServerLayout::new(&path("home/dokku"), &path("var/lib/dokku"))
            .unwrap_or_else(|e| panic!("simulator layout: {e}"))
    }

    /// Runs the harness's `dokkuctl` as `user` against this slot (its server files included)
    /// with `args`.
    pub fn dokkuctl(&self, user: &str, args: &[&str]) -> std::process::Output {
        self.harness
            .dokkuctl()
            .args(self.harness.dokkuctl_ssh_args(user, &self.key))
            .args(self.dokkuctl_layout_args())
            .args(args)
            .output()
            .unwrap_or_else(|e| panic!("dokkuctl: {e}"))
    }

    /// `dokkuctl` options that read this slot's server files (see [`SimSlot::layout`]).
    pub fn dokkuctl_layout_args(&self) -> Vec<String> {
        let layout = self.layout();
        vec![
            "--dokku-root".into(),
            layout.dokku_root().to_owned(),
            "--dokku-lib-root".into(),
            layout.lib_root().to_owned(),
        ]
    }

    /// Every argv the simulator served so far, in order.
    pub fn commands(&self) -> Vec<Vec<String>> {
        let log = std::fs::read_to_string(self.root.join("commands.log")).unwrap_or_default();
        log.lines().filter_map(|l| serde_json::from_str(l).ok()).collect()
    }

    /// The state-changing commands served so far, as `argv.join(" ")` (reads left out).
    pub fn writes(&self) -> Vec<String> {
        self.commands().into_iter().filter(|argv| !is_read(argv)).map(|argv| argv.join(" ")).collect()
    }

    /// Forgets the commands served so far.
    pub fn clear_commands(&self) {
        let _ = std::fs::remove_file(self.root.join("commands.log"));
    }
}

/// Whether a Dokku argv only reads (reports, lists, exports, info).
pub fn is_read(argv: &[String]) -> bool {
    let first = argv.first().map(String::as_str).unwrap_or("");
    matches!(
        first,
        "version"
            | "config:export"
            | "config:get"
            | "config:keys"
            | "redirect"
            | "git:public-key"
            | "network:info"
            | "plugin:installed"
            | "apps:exists"
            | "letsencrypt:active"
            | "git:status"
            | "git:auth-status"
    ) || first.ends_with(":report")
        || first.ends_with(":list")
        || first.ends_with(":labels:show")
        || (first == "certs:show")
        || (first == "ps:scale" && !argv.iter().any(|a| a.contains('=')))
        // Without `--add` or `--remove` it prints the job's status (what an export of a server
        // without apps asks).
        || (first == "letsencrypt:cron-job" && !argv.iter().any(|a| a == "--add" || a == "--remove"))
}
