//! `dokkuctl`: drive a Dokku server, locally or over one multiplexed SSH connection.
//!
//! This first cut has the connection options and `dokkuctl version`; export, apply, plan and
//! graph build on it.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::{Parser, Subcommand, ValueEnum};
use dokku_core::{Client, ClientOptions, KnownHostsPolicy, LocalConfig, SshConfig};

#[derive(Parser)]
#[command(name = "dokkuctl", version, about = "Drive a Dokku server: locally or over one SSH connection")]
struct Cli {
    /// The server: `host`, `user@host` or `ssh://user@host:port`; none = the local `dokku`.
    #[arg(short = 'H', long, env = "DOKKU_HOST", global = true)]
    host: Option<String>,
    /// SSH port.
    #[arg(short, long, global = true)]
    port: Option<u16>,
    /// SSH user (default `dokku`, a Dokku forced-command user).
    #[arg(short, long, global = true)]
    user: Option<String>,
    /// SSH identity file.
    #[arg(short, long, value_name = "FILE", global = true)]
    identity: Option<PathBuf>,
    /// Host-key policy.
    #[arg(long, value_enum, default_value_t = KnownHostsArg::Strict, global = true)]
    known_hosts: KnownHostsArg,
    /// Commands in flight at once.
    #[arg(short, long, default_value_t = 5, global = true)]
    jobs: usize,
    #[command(subcommand)]
    command: Task,
}

#[derive(Clone, Copy, ValueEnum)]
enum KnownHostsArg {
    /// Refuse unknown host keys.
    Strict,
    /// Accept and remember a new host's key; refuse a changed one.
    AcceptNew,
}

#[derive(Subcommand)]
enum Task {
    /// Print this tool's version and the server's Dokku version.
    Version,
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            #[allow(clippy::print_stderr)]
            {
                eprintln!("dokkuctl: error: {e:#}");
            }
            ExitCode::FAILURE
        }
    }
}

async fn connect(cli: &Cli) -> Result<Client> {
    let options = ClientOptions { max_in_flight: cli.jobs.max(1), ..ClientOptions::default() };
    match &cli.host {
        None => Ok(Client::local(LocalConfig::default(), options)),
        Some(host) => {
            let mut config = SshConfig::new(host.clone());
            config.user = cli.user.clone();
            config.port = cli.port;
            config.identity = cli.identity.clone();
            config.known_hosts = match cli.known_hosts {
                KnownHostsArg::Strict => KnownHostsPolicy::Strict,
                KnownHostsArg::AcceptNew => KnownHostsPolicy::AcceptNew,
            };
            Client::ssh(&config, options).await.with_context(|| format!("connecting to {host}"))
        }
    }
}

async fn run(cli: Cli) -> Result<()> {
    match cli.command {
        Task::Version => {
            let client = connect(&cli).await?;
            // Close the connection on every path, Ctrl-C included.
            let result = tokio::select! {
                r = client.version() => r.cloned(),
                _ = tokio::signal::ctrl_c() => Err(dokku_core::Error::Config("interrupted".into())),
            };
            let closed = client.close().await;
            let version = result.context("reading the Dokku version")?;
            closed.context("closing the connection")?;
            #[allow(clippy::print_stdout)]
            {
                println!("dokkuctl {}", env!("CARGO_PKG_VERSION"));
                println!("dokku {version}");
            }
            Ok(())
        }
    }
}
