//! See <https://github.com/matklad/cargo-xtask/>.
//!
//! This binary holds the project's automation, run as `cargo xtask <command>`:
//! - `test`: the README's test command. As root it installs and starts a private OpenSSH server
//!   with Dokku-style users, runs every test of the workspace (all features) against it, always
//!   stops it, then runs clippy and rustfmt checks.
//! - `sshd up|down`: the same server by hand, for development (`up` prints the environment).
//! - `bench transport`: latency and throughput of the SSH transport forms, as ratios.

#![allow(clippy::print_stdout, clippy::print_stderr, clippy::disallowed_methods, clippy::disallowed_types)]
// Reason: xtask is a command-line tool that prints and spawns cargo, ssh and sshd.

mod bench_transport;
mod project;
mod sshd;
mod test_command;

use anyhow::Result;
use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(name = "cargo xtask", about = "dokku-rs project automation")]
struct Cli {
    #[command(subcommand)]
    command: Task,
}

#[derive(Subcommand)]
enum Task {
    /// Run the whole test suite against a private sshd, then clippy and rustfmt checks.
    Test {
        /// Skip the clippy and rustfmt checks.
        #[arg(long)]
        no_lint: bool,
        /// Extra arguments for `cargo test` (after `--`).
        #[arg(last = true)]
        cargo_test_args: Vec<String>,
    },
    /// Start or stop the private sshd by hand.
    Sshd {
        #[command(subcommand)]
        action: SshdAction,
    },
    /// Run a benchmark.
    Bench {
        #[command(subcommand)]
        which: Bench,
    },
}

#[derive(Subcommand)]
enum SshdAction {
    /// Install if needed, start, and print the environment the tests read.
    Up,
    /// Stop the server started by `up` and remove its users and state.
    Down,
}

#[derive(Subcommand)]
enum Bench {
    /// Per-command latency and throughput: a new ssh connection per command vs one master.
    Transport {
        /// Commands per measurement.
        #[arg(long, default_value_t = 100)]
        commands: usize,
    },
}

fn main() -> Result<()> {
    let cli = Cli::parse();
    std::env::set_current_dir(project::root())?;
    match cli.command {
        Task::Test { no_lint, cargo_test_args } => test_command::run(no_lint, &cargo_test_args),
        Task::Sshd { action: SshdAction::Up } => {
            let server = sshd::Sshd::up(&sshd::Backends::build()?)?;
            println!("{}", server.env_file_text());
            server.keep_running();
            Ok(())
        }
        Task::Sshd { action: SshdAction::Down } => sshd::Sshd::down_from_state(),
        Task::Bench { which: Bench::Transport { commands } } => bench_transport::run(commands),
    }
}
