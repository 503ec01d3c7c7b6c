//! A private OpenSSH server on 127.0.0.1 with Dokku-style users, for the tests and benchmarks.
//!
//! Nothing here touches a real Dokku: the users are `dokkutest` (a forced-command user whose
//! `authorized_keys` line has the exact shape Dokku's sshcommand writes) and `dokkutestadm` (a
//! normal shell with password-less sudo), created only if absent and removed at the end; a user
//! of that name that this harness did not create (no marker file in its home) is never touched.
//! The harness's `bin/` holds the `dokku` wrapper and, beside it, a `docker` wrapper that only
//! answers `docker network inspect` from the simulator's state; `bin/` is reached only where the
//! harness puts it first (the admin user's PATH and sudo `secure_path`, the local tests' PATH),
//! and nothing is installed in a system path.
//! All state lives in [`STATE_DIR`]; every path given to sshd is absolute (it re-executes itself
//! after `chdir("/")`).

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};

use crate::project;

/// Where the server keeps its configuration, keys, logs, backends and homes.
pub(crate) const STATE_DIR: &str = "/tmp/dokku-rs-sshd";
/// The Dokku forced-command user (deliberately not `dokku`).
pub(crate) const DOKKU_USER: &str = "dokkutest";
/// The sudo-capable normal user.
pub(crate) const ADMIN_USER: &str = "dokkutestadm";
/// sshd's default, as on real Dokku hosts.
const MAX_SESSIONS: u32 = 10;
/// Independent simulator states ("slots"): one client key each, so tests run side by side
/// without sharing a server; both users reach the same state through a slot's key.
pub(crate) const SIM_SLOTS: usize = 6;
const MARKER: &str = ".dokku-rs-test-user";
const SUDOERS_FILE: &str = "/etc/sudoers.d/dokku-rs-test";

/// The programs the server runs behind the `dokku` wrapper.
pub(crate) struct Backends {
    echo: PathBuf,
    sim: Option<PathBuf>,
    /// The CLI, for the tests that drive it as a user would.
    dokkuctl: PathBuf,
}

impl Backends {
    /// Builds the backend binaries and finds them.
    pub(crate) fn build() -> Result<Self> {
        let sim_crate = project::root().join("tests/dokku-sim/Cargo.toml").exists();
        let mut build = project::cargo();
        build.args(["build", "--quiet", "--package", "dokku-e2e", "--package", "dokku-cli", "--bins"]);
        if sim_crate {
            build.args(["--package", "dokku-sim"]);
        }
        project::run(&mut build)?;
        let target = std::env::var_os("CARGO_TARGET_DIR")
            .map_or_else(|| project::root().join("target"), PathBuf::from)
            .join("debug");
        let echo = target.join("dokku-echo");
        if !echo.exists() {
            bail!("{} was not built", echo.display());
        }
        let sim = Some(target.join("dokku-sim")).filter(|p| p.exists());
        let dokkuctl = target.join("dokkuctl");
        Ok(Self { echo, sim, dokkuctl })
    }
}

/// A running server; stopped and cleaned up on drop unless [`Sshd::keep_running`] is called.
pub(crate) struct Sshd {
    dir: PathBuf,
    port: u16,
    stopped: bool,
}

impl Sshd {
    /// Installs what is missing, sets up users, keys and config, starts sshd, and waits until a
    /// real forced-command round trip succeeds.
    pub(crate) fn up(backends: &Backends) -> Result<Self> {
        if crate::test_command::euid() != 0 {
            bail!("the sshd harness must run as root (it installs packages and creates test users)");
        }
        let started = Instant::now();
        if Path::new(STATE_DIR).exists() {
            eprintln!("[sshd] cleaning up a previous run's leftovers");
            Self::down_from_state()?;
        }
        install_packages()?;
        let dir = PathBuf::from(STATE_DIR);
        let mut server = Self { dir: dir.clone(), port: 0, stopped: false };
        server.setup(backends)?;
        server.start()?;
        eprintln!(
            "[sshd] ready on 127.0.0.1:{} in {:.2}s (users {DOKKU_USER}, {ADMIN_USER})",
            server.port,
            started.elapsed().as_secs_f64()
        );
        Ok(server)
    }

    fn setup(&mut self, backends: &Backends) -> Result<()> {
        let d = &self.dir;
        mkdir(Path::new("/run/sshd"), 0o755)?;
        mkdir(d, 0o755)?;
        mkdir(&d.join("bin"), 0o755)?;
        mkdir(&d.join("home"), 0o755)?;
        mkdir(&d.join("mux"), 0o700)?;
        let mut keys: Vec<(String, String)> =
            vec![("host".into(), "host_ed25519".into()), ("echo".into(), "client_echo".into())];
        for slot in 0..SIM_SLOTS {
            mkdir(&d.join(format!("sim-root-{slot}")), 0o777)?;
            keys.push((format!("sim-{slot}"), format!("client_sim_{slot}")));
        }
        for (name, key) in &keys {
            project::output(
                Command::new("ssh-keygen")
                    .args(["-q", "-t", "ed25519", "-N", "", "-C"])
                    .arg(format!("dokku-rs-test-{name}"))
                    .arg("-f")
                    .arg(d.join(key)),
            )?;
            fs::set_permissions(d.join(key), fs::Permissions::from_mode(0o600))?;
        }
        // Copies, so the test users can run them whatever the permissions of the checkout.
        install_file(&backends.echo, &d.join("bin/dokku-echo"))?;
        install_file(&backends.dokkuctl, &d.join("bin/dokkuctl"))?;
        if let Some(sim) = &backends.sim {
            install_file(sim, &d.join("bin/dokku-sim"))?;
            // Only in this bin dir, first only in the PATHs the harness sets (the admin user's,
            // sudo's secure_path): never a system path, never in front of a real docker elsewhere.
            write_mode(&d.join("bin/docker"), &docker_wrapper(d), 0o755)?;
        }
        write_mode(&d.join("bin/dokku"), &dokku_wrapper(d), 0o755)?;

        for user in [DOKKU_USER, ADMIN_USER] {
            create_user(user, &d.join("home").join(user))?;
        }
        let dokku_home = d.join("home").join(DOKKU_USER);
        let admin_home = d.join("home").join(ADMIN_USER);
        write_mode(&dokku_home.join(".sshcommand"), &format!("{}\n", d.join("bin/dokku").display()), 0o644)?;
        let mut dokku_keys = String::new();
        let mut admin_keys = String::new();
        for (name, key) in keys.iter().skip(1) {
            let public = fs::read_to_string(d.join(format!("{key}.pub")))?;
            let public = public.trim();
            let fingerprint =
                project::output(Command::new("ssh-keygen").arg("-lf").arg(d.join(format!("{key}.pub"))))?
                    .split_whitespace()
                    .nth(1)
                    .unwrap_or_default()
                    .to_owned();
            // The backend (and a simulator slot's state) travel as variables set by the key.
            let env: Vec<(String, String)> = match name.strip_prefix("sim-") {
                None => vec![("DOKKU_TEST_BACKEND".into(), "echo".into())],
                Some(slot) => vec![
                    ("DOKKU_TEST_BACKEND".into(), "sim".into()),
                    ("DOKKU_SIM_ROOT".into(), d.join(format!("sim-root-{slot}")).display().to_string()),
                ],
            };
            let assignments: Vec<String> = env.iter().map(|(k, v)| format!("{k}={v}")).collect();
            // The line sshcommand acl-add writes, with the variables in front of the command.
            dokku_keys.push_str(&format!(
                "command=\"{} FINGERPRINT={fingerprint} NAME=\\\"{name}\\\" `cat {}/.sshcommand` $SSH_ORIGINAL_COMMAND\",no-agent-forwarding,no-user-rc,no-X11-forwarding,no-port-forwarding {public}\n",
                assignments.join(" "),
                dokku_home.display()
            ));
            let options: Vec<String> = env.iter().map(|(k, v)| format!("environment=\"{k}={v}\"")).collect();
            admin_keys.push_str(&format!("{} {public}\n", options.join(",")));
        }
        // The admin's home is private (0700), as root's and most admins' are on a real host: an
        // SSH login as the admin starts there, and Dokku (re-executed as the Dokku user, which
        // keeps the working directory) cannot enter it, so a command that must return to its
        // starting directory (maintenance:enable's `find -exec`) fails unless the client runs
        // Dokku from a neutral directory. The Dokku user's home stays 0755.
        for (home, keys, user, mode) in
            [(&dokku_home, dokku_keys, DOKKU_USER, 0o755), (&admin_home, admin_keys, ADMIN_USER, 0o700)]
        {
            mkdir(&home.join(".ssh"), 0o700)?;
            write_mode(&home.join(".ssh/authorized_keys"), &keys, 0o600)?;
            project::output(Command::new("chown").arg("-R").arg(format!("{user}:")).arg(home))?;
            fs::set_permissions(home, fs::Permissions::from_mode(mode))?;
        }
        let sudoers = format!(
            "# Written by dokku-rs's test harness (cargo xtask test); removed when it stops.\n\
             Defaults:{ADMIN_USER} secure_path=\"{bin}:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\"\n\
             Defaults:{ADMIN_USER} env_keep += \"DOKKU_TEST_BACKEND DOKKU_SIM_ROOT\"\n\
             {ADMIN_USER} ALL=(ALL) NOPASSWD: ALL\n",
            bin = d.join("bin").display()
        );
        let staged = d.join("sudoers");
        write_mode(&staged, &sudoers, 0o440)?;
        project::output(Command::new("visudo").arg("-cf").arg(&staged)).context("sudoers check")?;
        mkdir(Path::new("/etc/sudoers.d"), 0o755)?;
        fs::copy(&staged, SUDOERS_FILE)?;
        fs::set_permissions(SUDOERS_FILE, fs::Permissions::from_mode(0o440))?;
        Ok(())
    }

    fn start(&mut self) -> Result<()> {
        let d = self.dir.clone();
        let log = d.join("sshd.log");
        for attempt in 1..=5 {
            self.port = free_port()?;
            let host_public = fs::read_to_string(d.join("host_ed25519.pub"))?;
            let host_key_fields: Vec<&str> = host_public.split_whitespace().take(2).collect();
            write_mode(
                &d.join("known_hosts"),
                &format!("[127.0.0.1]:{} {}\n", self.port, host_key_fields.join(" ")),
                0o644,
            )?;
            write_mode(&d.join("sshd_config"), &self.sshd_config(), 0o644)?;
            // What `dokkuctl` needs to trust this server, for the tests that run it as a user.
            write_mode(
                &d.join("dokkuctl_ssh_config"),
                &format!(
                    "Host *\n  UserKnownHostsFile {}\n  StrictHostKeyChecking yes\n",
                    d.join("known_hosts").display()
                ),
                0o644,
            )?;
            project::output(Command::new("/usr/sbin/sshd").arg("-t").arg("-f").arg(d.join("sshd_config")))
                .context("sshd rejected its configuration")?;
            fs::write(&log, "")?;
            project::output(
                Command::new("/usr/sbin/sshd").arg("-f").arg(d.join("sshd_config")).arg("-E").arg(&log),
            )?;
            // sshd daemonizes before it binds, so only a real round trip proves it is ready.
            for _ in 0..100 {
                let text = fs::read_to_string(&log).unwrap_or_default();
                if text.contains("Cannot bind") || text.contains("fatal") {
                    break;
                }
                if self.round_trip_ok() {
                    return Ok(());
                }
                std::thread::sleep(Duration::from_millis(100));
            }
            eprintln!(
                "[sshd] attempt {attempt} on port {} failed; log:\n{}",
                self.port,
                fs::read_to_string(&log).unwrap_or_default()
            );
            self.kill_listener();
        }
        bail!("sshd did not become ready; see {}", log.display())
    }

    fn round_trip_ok(&self) -> bool {
        let out = Command::new("ssh")
            .args(["-n", "-F", "/dev/null", "-o", "BatchMode=yes", "-o", "IdentitiesOnly=yes"])
            .args(["-o", "ConnectTimeout=2", "-o", "StrictHostKeyChecking=yes"])
            .arg("-o")
            .arg(format!("UserKnownHostsFile={}", self.dir.join("known_hosts").display()))
            .arg("-i")
            .arg(self.dir.join("client_echo"))
            .args(["-p", &self.port.to_string(), &format!("{DOKKU_USER}@127.0.0.1"), "version"])
            .output();
        matches!(out, Ok(o) if o.status.success() && String::from_utf8_lossy(&o.stdout).starts_with("dokku version"))
    }

    fn sshd_config(&self) -> String {
        let d = self.dir.display();
        format!(
            "Port {port}\nListenAddress 127.0.0.1\nHostKey {d}/host_ed25519\nPidFile {d}/sshd.pid\n\
             UsePAM no\nPubkeyAuthentication yes\nPasswordAuthentication no\nKbdInteractiveAuthentication no\n\
             PermitRootLogin no\nAuthorizedKeysFile .ssh/authorized_keys\nAllowUsers {DOKKU_USER} {ADMIN_USER}\n\
             StrictModes yes\nMaxSessions {MAX_SESSIONS}\nMaxStartups 64:30:128\nLoginGraceTime 20\n\
             PrintMotd no\nPrintLastLog no\nX11Forwarding no\nAllowAgentForwarding no\nAllowTcpForwarding no\n\
             PermitUserEnvironment DOKKU_TEST_BACKEND,DOKKU_SIM_ROOT\nLogLevel VERBOSE\n\
             Match User {ADMIN_USER}\n    SetEnv PATH={d}/bin:/usr/local/bin:/usr/bin:/bin\n",
            port = self.port
        )
    }

    /// The variables the tests read.
    pub(crate) fn env(&self) -> Vec<(String, String)> {
        let d = &self.dir;
        let path = |p: &str| d.join(p).display().to_string();
        vec![
            ("DOKKU_TEST_SSH_HOST".into(), "127.0.0.1".into()),
            ("DOKKU_TEST_SSH_PORT".into(), self.port.to_string()),
            ("DOKKU_TEST_SSH_USER".into(), DOKKU_USER.into()),
            ("DOKKU_TEST_SSH_ADMIN_USER".into(), ADMIN_USER.into()),
            ("DOKKU_TEST_SSH_ECHO_KEY".into(), path("client_echo")),
            ("DOKKU_TEST_SIM_SLOTS".into(), SIM_SLOTS.to_string()),
            ("DOKKU_TEST_SSH_KNOWN_HOSTS".into(), path("known_hosts")),
            ("DOKKU_TEST_SSH_CONTROL_DIR".into(), path("mux")),
            ("DOKKU_TEST_SSHD_LOG".into(), path("sshd.log")),
            ("DOKKU_TEST_STATE_DIR".into(), d.display().to_string()),
        ]
    }

    /// The environment as `KEY=value` lines.
    pub(crate) fn env_file_text(&self) -> String {
        self.env().iter().map(|(k, v)| format!("{k}={v}\n")).collect()
    }

    /// Leaves the server running (for `cargo xtask sshd up`).
    pub(crate) fn keep_running(mut self) {
        self.stopped = true;
    }

    fn kill_listener(&self) {
        let pid_file = self.dir.join("sshd.pid");
        let Ok(pid) = fs::read_to_string(&pid_file) else { return };
        let pid = pid.trim().to_owned();
        // Per-connection sshd processes outlive the listener: stop them too.
        let children = Command::new("ps").args(["-o", "pid=", "--ppid", &pid]).output();
        if let Ok(children) = children {
            for child in String::from_utf8_lossy(&children.stdout).split_whitespace() {
                let _ = Command::new("kill").arg(child).status();
            }
        }
        let _ = Command::new("kill").arg(&pid).status();
        for _ in 0..50 {
            let state = Command::new("ps").args(["-o", "stat=", "-p", &pid]).output();
            match state {
                Ok(s) if !s.stdout.is_empty() && !s.stdout.starts_with(b"Z") => {
                    std::thread::sleep(Duration::from_millis(100));
                }
                _ => break,
            }
        }
        let _ = fs::remove_file(pid_file);
    }

    /// Stops everything and removes users, sudoers entry and state. Safe to call twice.
    pub(crate) fn stop(&mut self) {
        if self.stopped {
            return;
        }
        self.stopped = true;
        // Masters that tests leaked would keep connections (and the users' processes) alive.
        if let Ok(entries) = fs::read_dir(self.dir.join("mux")) {
            for entry in entries.flatten() {
                let socket = entry.path().join("master");
                if socket.exists() {
                    let _ = Command::new("ssh").arg("-S").arg(&socket).args(["-O", "exit", "none"]).output();
                }
            }
        }
        self.kill_listener();
        for user in [DOKKU_USER, ADMIN_USER] {
            remove_user_if_ours(user);
        }
        let _ = fs::remove_file(SUDOERS_FILE);
        let _ = fs::remove_dir_all(&self.dir);
    }

    /// Stops a server left by an earlier `up` (or a crashed run).
    pub(crate) fn down_from_state() -> Result<()> {
        let mut server = Self { dir: PathBuf::from(STATE_DIR), port: 0, stopped: false };
        server.stop();
        Ok(())
    }
}

impl Drop for Sshd {
    fn drop(&mut self) {
        self.stop();
    }
}

fn install_packages() -> Result<()> {
    let needed =
        [("/usr/sbin/sshd", "openssh-server"), ("/usr/bin/ssh", "openssh-client"), ("/usr/bin/sudo", "sudo")];
    let missing: Vec<&str> =
        needed.iter().filter(|(p, _)| !Path::new(p).exists()).map(|(_, pkg)| *pkg).collect();
    if missing.is_empty() {
        return Ok(());
    }
    eprintln!("[sshd] installing {}", missing.join(" "));
    // Keep the package scripts from starting a system sshd on port 22.
    let policy = Path::new("/usr/sbin/policy-rc.d");
    let added_policy = !policy.exists();
    if added_policy {
        write_mode(policy, "#!/bin/sh\nexit 101\n", 0o755)?;
    }
    let result = (|| {
        project::run(
            Command::new("apt-get").args(["update", "-qq"]).env("DEBIAN_FRONTEND", "noninteractive"),
        )?;
        project::run(
            Command::new("apt-get")
                .args(["install", "-y", "-qq", "--no-install-recommends"])
                .args(&missing)
                .env("DEBIAN_FRONTEND", "noninteractive"),
        )
    })();
    if added_policy {
        let _ = fs::remove_file(policy);
    }
    result
}

fn create_user(user: &str, home: &Path) -> Result<()> {
    let exists = Command::new("getent").args(["passwd", user]).output().is_ok_and(|o| o.status.success());
    if exists {
        let home_of = project::output(Command::new("getent").args(["passwd", user]))?;
        let existing_home = home_of.trim().split(':').nth(5).unwrap_or_default().to_owned();
        if !Path::new(&existing_home).join(MARKER).exists() {
            bail!("user {user} exists and was not created by this harness: refusing to touch it");
        }
        remove_user_if_ours(user);
    }
    project::output(
        Command::new("useradd")
            .args(["--create-home", "--shell", "/bin/bash", "--user-group", "--home-dir"])
            .arg(home)
            .arg(user),
    )?;
    // useradd locks the account with '!', which sshd refuses without PAM; '*' only disables passwords.
    project::output(Command::new("usermod").args(["-p", "*", user]))?;
    fs::write(home.join(MARKER), "created by dokku-rs's test harness\n")?;
    Ok(())
}

fn remove_user_if_ours(user: &str) {
    let Ok(out) = Command::new("getent").args(["passwd", user]).output() else { return };
    if !out.status.success() {
        return;
    }
    let line = String::from_utf8_lossy(&out.stdout);
    let home = line.trim().split(':').nth(5).unwrap_or_default().to_owned();
    if !Path::new(&home).join(MARKER).exists() {
        return;
    }
    let _ = Command::new("pkill").args(["-KILL", "-u", user]).status();
    let _ = Command::new("userdel").args(["-r", "-f", user]).output();
}

fn free_port() -> Result<u16> {
    let listener = std::net::TcpListener::bind("127.0.0.1:0")?;
    Ok(listener.local_addr()?.port())
}

fn mkdir(path: &Path, mode: u32) -> Result<()> {
    fs::create_dir_all(path).with_context(|| format!("mkdir {}", path.display()))?;
    fs::set_permissions(path, fs::Permissions::from_mode(mode))?;
    Ok(())
}

fn write_mode(path: &Path, text: &str, mode: u32) -> Result<()> {
    fs::write(path, text).with_context(|| format!("write {}", path.display()))?;
    fs::set_permissions(path, fs::Permissions::from_mode(mode))?;
    Ok(())
}

fn install_file(from: &Path, to: &Path) -> Result<()> {
    fs::copy(from, to).with_context(|| format!("copy {} to {}", from.display(), to.display()))?;
    fs::set_permissions(to, fs::Permissions::from_mode(0o755))?;
    Ok(())
}

/// The stand-in for `docker network inspect <network>...` (the one docker command dokku-rs runs,
/// as root, for network details old Dokku does not print): the simulator run under the name
/// `docker`, which answers from the slot's state and refuses every other docker command. The
/// slot comes from `DOKKU_SIM_ROOT` as for `bin/dokku` (the admin key sets it and sudo keeps it).
fn docker_wrapper(dir: &Path) -> String {
    let d = dir.display();
    format!(
        r#"#!/usr/bin/env bash
# Written by dokku-rs's test harness: a stand-in for `docker network inspect`, answered by the
# Dokku simulator from a slot's state. It is not docker and runs no docker.
set -eo pipefail
export DOKKU_SIM_ROOT="${{DOKKU_SIM_ROOT:-{d}/sim-root-0}}"
# root (through sudo) and the dokku user share the state, as in bin/dokku.
umask 000
exec -a docker {d}/bin/dokku-sim "$@"
"#
    )
}

/// The stand-in for Dokku's `/usr/bin/dokku`: it picks the backend named by the key, and
/// re-derives the argv from `SSH_ORIGINAL_COMMAND` exactly as Dokku 0.34+ does (real `xargs -n 1`,
/// or plain word splitting for commands whose first word matches `git-*`/`git:*`).
fn dokku_wrapper(dir: &Path) -> String {
    let d = dir.display();
    format!(
        r#"#!/usr/bin/env bash
# Written by dokku-rs's test harness: a stand-in for Dokku's /usr/bin/dokku.
set -eo pipefail
case "${{DOKKU_TEST_BACKEND:-sim}}" in
  echo) backend={d}/bin/dokku-echo ;;
  sim)
    backend={d}/bin/dokku-sim
    export DOKKU_SIM_ROOT="${{DOKKU_SIM_ROOT:-{d}/sim-root-0}}"
    # Every command the simulator serves is logged beside its state, for the tests to count.
    export DOKKU_SIM_LOG="$DOKKU_SIM_ROOT/commands.log"
    # A benchmark puts a cost table beside the state to make the simulator as slow as Dokku.
    if [[ -f "$DOKKU_SIM_ROOT/costs.tsv" ]]; then export DOKKU_SIM_COSTS="$DOKKU_SIM_ROOT/costs.tsv"; fi
    # root (through sudo) and the dokku user share the state, as on a real host.
    umask 000
    ;;
  *) echo " !     unknown test backend: $DOKKU_TEST_BACKEND" >&2; exit 1 ;;
esac
if [[ -n "$SSH_ORIGINAL_COMMAND" ]]; then
  cmdline="$SSH_ORIGINAL_COMMAND"
  export -n SSH_ORIGINAL_COMMAND
  unset SSH_ORIGINAL_COMMAND
  if [[ $1 =~ git-* ]] || [[ $1 =~ git:* ]]; then
    set -f
    # shellcheck disable=SC2086
    exec "$backend" $cmdline
  fi
  readarray -t ssh_arg_array < <(printf '%s' "$cmdline" | xargs -n 1)
  exec "$backend" "${{ssh_arg_array[@]}}"
fi
exec "$backend" "$@"
"#
    )
}
