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
    // Every failing test binary is reported, not only the first.
    test.args(["test", "--workspace", "--all-features", "--no-fail-fast"]).envs(server.env());
    if !extra.is_empty() {
        test.arg("--").args(extra);
    }
    let tested = run_interruptible(&mut test);
    drop(server);
    let totals = tested?;
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
    // One plain closing line that sums every test binary's result.
    println!("{} passed, {} failed", totals.passed, totals.failed);
    Ok(())
}

/// Test counts summed over every `test result:` line cargo printed.
#[derive(Default)]
struct Totals {
    passed: u64,
    failed: u64,
}

impl Totals {
    fn add_line(&mut self, line: &str) {
        let Some(rest) = line.strip_prefix("test result: ") else { return };
        for part in rest.split([';', '.']) {
            let mut words = part.split_whitespace();
            if let (Some(n), Some(what)) = (words.next(), words.next()) {
                match (n.parse::<u64>(), what) {
                    (Ok(n), "passed") => self.passed += n,
                    (Ok(n), "failed") => self.failed += n,
                    _ => {}
                }
            }
        }
    }
}

/// Runs `cargo test` to completion, echoing and counting its results, and kills it on Ctrl-C
/// or SIGTERM so the caller can still clean up.
fn run_interruptible(command: &mut std::process::Command) -> Result<Totals> {
    use tokio::io::AsyncBufReadExt;

    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
    runtime.block_on(async {
        let mut child =
            tokio::process::Command::from(std::mem::replace(command, std::process::Command::new("true")))
                .stdout(std::process::Stdio::piped())
                .kill_on_drop(true)
                .spawn()?;
        let stdout = child.stdout.take().ok_or_else(|| anyhow::anyhow!("no stdout pipe"))?;
        let mut term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())?;
        let echo = async {
            let mut totals = Totals::default();
            let mut lines = tokio::io::BufReader::new(stdout).lines();
            while let Ok(Some(line)) = lines.next_line().await {
                println!("{line}");
                totals.add_line(&line);
            }
            totals
        };
        tokio::select! {
            (totals, status) = async { tokio::join!(echo, child.wait()) } => {
                let status = status?;
                if !status.success() {
                    println!("{} passed, {} failed", totals.passed, totals.failed.max(1));
                    bail!("cargo test failed with {status}");
                }
                Ok(totals)
            }
            _ = tokio::signal::ctrl_c() => bail!("interrupted"),
            _ = term.recv() => bail!("terminated"),
        }
    })
}
