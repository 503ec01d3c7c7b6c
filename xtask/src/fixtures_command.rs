//! `cargo xtask fixtures capture|check`: the command-line side of [`xtask::fixtures`].

use std::path::PathBuf;
use std::time::Duration;

use anyhow::{Context, Result};
use dokku_core::{Client, ClientOptions, KnownHostsPolicy, LocalConfig, SshConfig};
use xtask::fixtures::{capture, check, layout};

use crate::project;

/// `capture`: connects to `host` (`local` for this machine's `dokku`) and captures the session.
pub(crate) fn capture(
    host: &str,
    identity: Option<PathBuf>,
    out: Option<PathBuf>,
    server_is_disposable: bool,
) -> Result<()> {
    let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build()?;
    runtime.block_on(async {
        // One command at a time: the session is ordered and each step may depend on the last.
        let options = ClientOptions {
            max_in_flight: 1,
            command_timeout: Duration::from_secs(300),
            ..ClientOptions::default()
        };
        let client = if host == "local" {
            Client::local(LocalConfig::default(), options)
        } else {
            let mut config = SshConfig::new(host.to_owned());
            config.identity = identity;
            config.known_hosts = KnownHostsPolicy::Strict;
            Client::ssh(&config, options).await.with_context(|| format!("connecting to {host}"))?
        };
        let root = project::root();
        let options = capture::CaptureOptions {
            // Without --out the session goes where the conformance test and the crates' parser
            // tests read it.
            distribute_into: out.is_none().then(|| root.clone()),
            out: out.unwrap_or_else(|| layout::sessions_dir(&root)),
            server_is_disposable,
            via: if host == "local" { "local".to_owned() } else { format!("over ssh to {host}") },
        };
        let captured = capture::capture(&client, &options).await;
        let _ = client.close().await;
        let captured = captured?;
        eprintln!(
            "[xtask] captured {} steps of Dokku {} into {}",
            captured.entries.len(),
            captured.version,
            captured.dir.display()
        );
        if !captured.skipped_plugins.is_empty() {
            eprintln!(
                "[xtask] not installed on the server, skipped: {}",
                captured.skipped_plugins.join(", ")
            );
        }
        if options.distribute_into.is_some() {
            eprintln!(
                "[xtask] next: `cargo xtask fixtures check --bless`, review the new expectations, commit"
            );
        }
        Ok(())
    })
}

/// `check`: every parser over every capture.
pub(crate) fn check(bless: bool) -> Result<()> {
    check::run(&project::root(), bless)
}
