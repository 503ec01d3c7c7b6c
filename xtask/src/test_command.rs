//! `cargo xtask test`: the README's test command and what CI runs.

use std::os::unix::fs::MetadataExt;

use anyhow::{Result, bail};

use crate::project;
use crate::sshd::{Backends, Sshd};

/// The effective uid of this process.
pub(crate) fn euid() -> u32 {
    std::fs::metadata("/proc/self").map(|m| m.uid()).unwrap_or(u32::MAX)
}

/// Starts the private sshd, runs every test against it, always stops it, then lints.
pub(crate) fn run(no_lint: bool, extra: &[String]) -> Result<()> {
    if euid() != 0 {
        bail!(
            "`cargo xtask test` must run as root: it installs openssh-server and creates two test users \
             (plain `cargo test` runs every test that does not need the server)"
        );
    }
    let backends = Backends::build()?;
    let server = Sshd::up(&backends)?;
    let mut test = project::cargo();
    test.args(["test", "--workspace", "--all-features"]).envs(server.env());
    if !extra.is_empty() {
        test.arg("--").args(extra);
    }
    let tested = run_interruptible(&mut test);
    drop(server);
    tested?;
    if !no_lint {
        project::run(project::cargo().args([
            "clippy",
            "--quiet",
            "--workspace",
            "--all-targets",
            "--all-features",
            "--",
            "-D",
            "warnings",
        ]))?;
        project::run(project::cargo().args(["fmt", "--all", "--", "--check"]))?;
        project::run(
            project::cargo()
                .args(["doc", "--quiet", "--workspace", "--no-deps", "--all-features"])
                .env("RUSTDOCFLAGS", "-D warnings"),
        )?;
    }
    eprintln!("[xtask] all tests and checks passed");
    Ok(())
}

/// Runs a child to completion, killing it on Ctrl-C or SIGTERM so the caller can still clean up.
fn run_interruptible(command: &mut std::process::Command) -> Result<()> {
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
    runtime.block_on(async {
        let mut child =
            tokio::process::Command::from(std::mem::replace(command, std::process::Command::new("true")))
                .kill_on_drop(true)
                .spawn()?;
        let mut term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())?;
        tokio::select! {
            status = child.wait() => {
                let status = status?;
                if !status.success() {
                    bail!("cargo test failed with {status}");
                }
                Ok(())
            }
            _ = tokio::signal::ctrl_c() => {
                let _ = child.kill().await;
                bail!("interrupted")
            }
            _ = term.recv() => {
                let _ = child.kill().await;
                bail!("terminated")
            }
        }
    })
}
