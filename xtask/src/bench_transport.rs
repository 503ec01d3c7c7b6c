//! `cargo xtask bench transport`: what one master connection buys over a connection per command.
//!
//! On the private sshd (echo backend, forced-command user) it measures, in one run: a new
//! system `ssh` connection per command; one master with process-mux; one master with
//! native-mux; each sequential, and the two masters also with 5 commands in flight. It prints
//! latency (median, p90), throughput and the ratios. Nothing here asserts a time.

use std::process::Command;
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use dokku_core::{Client, ClientOptions, KnownHostsPolicy, MuxMode, SshConfig};

use crate::sshd::{Backends, DOKKU_USER, Sshd};

struct Measurement {
    name: String,
    latencies: Vec<Duration>,
    wall: Duration,
}

impl Measurement {
    fn percentile(&self, p: f64) -> Duration {
        let mut sorted = self.latencies.clone();
        sorted.sort();
        let index = ((sorted.len() as f64 - 1.0) * p).round() as usize;
        sorted.get(index).copied().unwrap_or_default()
    }

    fn throughput(&self) -> f64 {
        self.latencies.len() as f64 / self.wall.as_secs_f64()
    }
}

pub(crate) fn run(commands: usize) -> Result<()> {
    let server = Sshd::up(&Backends::build()?)?;
    let env: std::collections::HashMap<String, String> = server.env().into_iter().collect();
    let get = |k: &str| env.get(k).cloned().context(k.to_owned());
    let port: u16 = get("DOKKU_TEST_SSH_PORT")?.parse()?;
    let key = get("DOKKU_TEST_SSH_ECHO_KEY")?;
    let known = get("DOKKU_TEST_SSH_KNOWN_HOSTS")?;
    let control = get("DOKKU_TEST_SSH_CONTROL_DIR")?;

    let mut results = vec![fresh_connections(commands.min(50), port, &key, &known)?];
    let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build()?;
    for mux in [MuxMode::Process, MuxMode::Native] {
        let mut config = SshConfig::new("127.0.0.1");
        config.user = Some(DOKKU_USER.into());
        config.port = Some(port);
        config.identity = Some(key.clone().into());
        config.known_hosts = KnownHostsPolicy::Strict;
        config.known_hosts_file = Some(known.clone().into());
        config.config_file = Some("/dev/null".into());
        config.control_dir = Some(control.clone().into());
        config.forced_command = Some(true);
        let name = match mux {
            MuxMode::Process => "process-mux",
            MuxMode::Native => "native-mux",
        };
        results.extend(runtime.block_on(over_master(&config, name, commands))?);
    }
    drop(server);

    println!("{:<34} {:>10} {:>10} {:>12}", "form", "median", "p90", "commands/s");
    for m in &results {
        println!(
            "{:<34} {:>8.1}ms {:>8.1}ms {:>12.1}",
            m.name,
            m.percentile(0.5).as_secs_f64() * 1e3,
            m.percentile(0.9).as_secs_f64() * 1e3,
            m.throughput()
        );
    }
    let base = results[0].percentile(0.5).as_secs_f64();
    let base_throughput = results[0].throughput();
    println!("\nratios against a new connection per command:");
    for m in &results[1..] {
        println!(
            "  {:<32} latency {:>6.1}x lower, throughput {:>6.1}x higher",
            m.name,
            base / m.percentile(0.5).as_secs_f64(),
            m.throughput() / base_throughput
        );
    }
    Ok(())
}

fn fresh_connections(n: usize, port: u16, key: &str, known: &str) -> Result<Measurement> {
    let mut latencies = Vec::with_capacity(n);
    let start = Instant::now();
    for i in 0..n {
        let t = Instant::now();
        let out = Command::new("ssh")
            .args(["-n", "-F", "/dev/null", "-o", "BatchMode=yes", "-o", "IdentitiesOnly=yes"])
            .arg("-o")
            .arg(format!("UserKnownHostsFile={known}"))
            .args(["-o", "StrictHostKeyChecking=yes", "-i", key, "-p", &port.to_string()])
            .arg(format!("{DOKKU_USER}@127.0.0.1"))
            .args(["apps:report", &format!("app-{i}")])
            .output()?;
        anyhow::ensure!(out.status.success(), "ssh failed: {}", String::from_utf8_lossy(&out.stderr));
        latencies.push(t.elapsed());
    }
    Ok(Measurement { name: "new connection per command".into(), latencies, wall: start.elapsed() })
}

async fn over_master(config: &SshConfig, name: &str, n: usize) -> Result<Vec<Measurement>> {
    let client = Client::ssh(config, ClientOptions::default()).await?;
    let cmd = |i: usize| dokku_core::Command::dokku("apps:report").arg(format!("app-{i}"));
    let mut latencies = Vec::with_capacity(n);
    let start = Instant::now();
    for i in 0..n {
        let t = Instant::now();
        client.output(&cmd(i)).await?;
        latencies.push(t.elapsed());
    }
    let sequential =
        Measurement { name: format!("one master, {name}, sequential"), latencies, wall: start.elapsed() };

    let start = Instant::now();
    let timed = (0..n).map(|i| {
        let client = &client;
        async move {
            let t = Instant::now();
            client.output(&cmd(i)).await.map(|_| t.elapsed())
        }
    });
    let latencies = futures_util::future::try_join_all(timed).await?;
    let concurrent = Measurement {
        name: format!("one master, {name}, 5 in flight (latency incl. queueing)"),
        latencies,
        wall: start.elapsed(),
    };
    client.close().await?;
    Ok(vec![sequential, concurrent])
}
