//! See <https://github.com/matklad/cargo-xtask/>.
//!
//! This binary holds the project's automation, run as `cargo xtask <command>`:
//! - `test`: the README's test command. As root it installs and starts a private OpenSSH server
//!   with Dokku-style users, runs every test of the workspace (all features) against it, always
//!   stops it, then runs clippy and rustfmt checks.
//! - `sshd up|down`: the same server by hand, for development (`up` prints the environment).
//! - `fixtures capture|check`: capture a live Dokku into versioned fixtures; check every parser
//!   against them (see `xtask/src/fixtures/`).
//! - `bench transport`: latency and throughput of the SSH transport forms, as ratios.
//! - `bench export`: export and apply on the simulator with Dokku's measured costs.
//! - `bench apply`: first apply, no-change apply and export of one document, same costs.

#![allow(clippy::print_stdout, clippy::print_stderr, clippy::disallowed_methods, clippy::disallowed_types)]
// Reason: xtask is a command-line tool that prints and spawns cargo, ssh and sshd.

mod bench_export;
mod bench_transport;
mod fixtures_command;
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
    /// Capture a live Dokku into versioned fixtures, or check every parser against them.
    Fixtures {
        #[command(subcommand)]
        action: FixturesAction,
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
enum FixturesAction {
    /// Run the capture session against a server (it creates and destroys `fixture-*` things).
    Capture {
        /// `host`, `user@host`, `ssh://user@host:port`, or `local` for this machine's `dokku`.
        #[arg(long)]
        host: String,
        /// SSH private key.
        #[arg(short = 'i', long)]
        identity: Option<std::path::PathBuf>,
        /// Write `<DIR>/<version>/` only (default: the simulator's and the crates' test_data).
        #[arg(long)]
        out: Option<std::path::PathBuf>,
        /// Run even though the server has apps not prefixed `fixture-`.
        #[arg(long = "i-know-this-server-is-disposable")]
        disposable: bool,
    },
    /// Run every parser over every capture and compare with the expectations.
    Check {
        /// Rewrite the expectations instead (same as UPDATE_EXPECT=1).
        #[arg(long)]
        bless: bool,
    },
}

#[derive(Subcommand)]
enum Bench {
    /// Export and apply on the simulator with Dokku's measured costs, at several sizes.
    Export {
        /// Numbers of apps, comma-separated.
        #[arg(long, value_delimiter = ',', default_value = "30")]
        sizes: Vec<usize>,
        /// Run the simulator at full speed (for growth and memory at large sizes).
        #[arg(long)]
        no_costs: bool,
        /// Also export with --jobs 1..8 at the first size, to see how many commands in flight pay.
        #[arg(long)]
        sweep_jobs: bool,
        /// Only the root export (which reads Dokku's files): for large sizes.
        #[arg(long)]
        root_only: bool,
    },
    /// A first apply, a no-change apply and an export of one document, with Dokku's costs.
    Apply {
        /// Number of apps in the document.
        #[arg(long, default_value_t = 30)]
        apps: usize,
    },
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
        Task::Fixtures { action: FixturesAction::Capture { host, identity, out, disposable } } => {
            fixtures_command::capture(&host, identity, out, disposable)
        }
        Task::Fixtures { action: FixturesAction::Check { bless } } => fixtures_command::check(bless),
        Task::Bench { which: Bench::Transport { commands } } => bench_transport::run(commands),
        Task::Bench { which: Bench::Export { sizes, no_costs, sweep_jobs, root_only } } => {
            bench_export::run(&sizes, !no_costs, sweep_jobs, root_only)
        }
        Task::Bench { which: Bench::Apply { apps } } => bench_export::run_apply(apps),
    }
}
