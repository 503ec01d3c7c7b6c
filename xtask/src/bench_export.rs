//! `cargo xtask bench export`: export and apply on the simulator with Dokku's measured costs,
//! over the private sshd, as `dokkuctl` runs them.
//!
//! At 30 apps it compares `--jobs 1` with the default: wall time, remote commands, summed
//! server time and the floor (the most expensive single command the export must run). At 30,
//! 300 and 1,000 apps it prints wall time, remote commands and peak RSS for apply (to an empty
//! server) and export, so that growth can be read off. Nothing here asserts a time.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use dokku_core::ClientOptions;
use dokku_e2e::{Harness, SimSlot};
use dokku_sim::cost::CostTable;
use serde_json::Value;

use crate::project;
use crate::sshd::{Backends, Sshd};

/// Write costs are not in the measured table; these are assumptions of the same order as the
/// reads (bash plus plugin triggers), so that apply is not free.
const ASSUMED_WRITE_COSTS: &str = "\
apps:create 0.3 0\napps:lock 0.1 0\napps:set 0.1 0\nconfig:set 0.2 0\ndomains:set 0.3 0\ndomains:set-global 0.2 0\n\
domains:enable 0.2 0\nports:set 0.2 0\nproxy:set 0.1 0\nps:set 0.1 0\nps:scale 0.2 0\nchecks:set 0.1 0\n\
checks:disable 0.1 0\nchecks:enable 0.1 0\nnginx:set 0.1 0\nstorage:ensure-directory 0.1 0\nstorage:mount 0.1 0\n\
redirect:set 0.1 0\nletsencrypt:set 0.1 0\nmaintenance:enable 0.15 0\nnetwork:set 0.1 0\nnetwork:create 0.2 0\n\
git:set 0.1 0\nplugin:install 5.0 0\nssh-keys:add 0.2 0\n";

struct Run {
    wall: Duration,
    commands: usize,
    server: Duration,
    floor: Duration,
    peak_rss_kib: u64,
    /// CPU time dokkuctl itself used (user + system): the engine's share, whatever the server.
    cpu: Duration,
}

/// The private sshd, a harness view of it, the cost table and a template document.
struct Bench {
    _server: Sshd,
    harness: Harness,
    table_text: String,
    table: CostTable,
    template: String,
}

impl Bench {
    /// Starts the server and makes the one-app template (something in every plugin).
    fn start() -> Result<Self> {
        let server = Sshd::up(&Backends::build()?)?;
        let env: HashMap<String, String> = server.env().into_iter().collect();
        let get = |k: &str| env.get(k).cloned().with_context(|| k.to_owned());
        let harness = Harness {
            host: get("DOKKU_TEST_SSH_HOST")?,
            port: get("DOKKU_TEST_SSH_PORT")?.parse()?,
            dokku_user: get("DOKKU_TEST_SSH_USER")?,
            admin_user: get("DOKKU_TEST_SSH_ADMIN_USER")?,
            echo_key: get("DOKKU_TEST_SSH_ECHO_KEY")?.into(),
            known_hosts: get("DOKKU_TEST_SSH_KNOWN_HOSTS")?.into(),
            control_dir: get("DOKKU_TEST_SSH_CONTROL_DIR")?.into(),
            sshd_log: get("DOKKU_TEST_SSHD_LOG")?.into(),
            state_dir: get("DOKKU_TEST_STATE_DIR")?.into(),
        };
        let table_text = format!(
            "{}\n{ASSUMED_WRITE_COSTS}",
            std::fs::read_to_string(project::root().join("tests/dokku-sim/costs/dokku-0.38.27.tsv"))?
        );
        let table = CostTable::parse(&table_text);
        let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build()?;
        let template = {
            let slot = harness.sim_slot_numbered(0);
            runtime.block_on(async {
                let options =
                    ClientOptions { command_timeout: Duration::from_secs(120), ..ClientOptions::default() };
                let client = slot.ssh(&harness.admin_user, options).await;
                dokku_e2e::scenario::populate(&client, 1).await;
                let (doc, _) = dokku_e2e::scenario::export_text(&client).await;
                let _ = client.close().await;
                doc
            })
        };
        Ok(Self { _server: server, harness, table_text, table, template })
    }

    /// An empty server state (slot 1), with Dokku's costs when `costs`.
    fn empty_slot(&self, costs: bool) -> Result<SimSlot> {
        let slot = self.harness.sim_slot_numbered(1);
        if costs {
            std::fs::write(slot.root.join("costs.tsv"), &self.table_text)?;
        }
        Ok(slot)
    }
}

pub(crate) fn run(sizes: &[usize], costs: bool) -> Result<()> {
    let bench = Bench::start()?;
    let (harness, table) = (&bench.harness, &bench.table);
    let dir = tempfile::tempdir()?;
    if costs {
        println!("export and apply on the simulator with Dokku 0.38.27's measured costs, over sshd\n");
    } else {
        println!(
            "export and apply on the simulator at full speed (no cost model: the modelled server time and"
        );
        println!(
            "floor say what a real Dokku would spend, the wall time measures this tool and the simulator)\n"
        );
    }
    for &apps in sizes {
        let doc_path = dir.path().join(format!("doc-{apps}.json"));
        std::fs::write(&doc_path, scale(&bench.template, apps)?)?;
        let slot = bench.empty_slot(costs)?;
        let apply = measure(
            harness,
            &slot,
            table,
            &harness.admin_user,
            &["-q", "apply", &doc_path.display().to_string()],
        )?;
        let export = measure(
            harness,
            &slot,
            table,
            &harness.dokku_user,
            &["-q", "export", "--secrets", "inline", "-"],
        )?;
        if apps == sizes[0] {
            let serial = measure(
                harness,
                &slot,
                table,
                &harness.dokku_user,
                &["-q", "-j", "1", "export", "--secrets", "inline", "-"],
            )?;
            println!("{apps} apps, export: --jobs 1 vs the default (5)");
            print_run("export --jobs 1", &serial);
            print_run("export (default jobs)", &export);
            println!(
                "  default vs --jobs 1: {:.1}x faster; default vs floor: {:.2}x the floor\n",
                serial.wall.as_secs_f64() / export.wall.as_secs_f64(),
                export.wall.as_secs_f64() / export.floor.as_secs_f64().max(1e-9)
            );
        }
        println!("{apps} apps");
        print_run("apply to an empty server", &apply);
        print_run("export", &export);
        println!();
    }
    Ok(())
}

/// `cargo xtask bench apply`: a first apply, a no-change apply and an export of the same
/// 30-app document, with Dokku's costs.
pub(crate) fn run_apply(apps: usize) -> Result<()> {
    let bench = Bench::start()?;
    let (harness, table) = (&bench.harness, &bench.table);
    let dir = tempfile::tempdir()?;
    let doc_path = dir.path().join("doc.json");
    std::fs::write(&doc_path, scale(&bench.template, apps)?)?;
    let doc = doc_path.display().to_string();
    let slot = bench.empty_slot(true)?;
    let first = measure(harness, &slot, table, &harness.admin_user, &["-q", "apply", &doc])?;
    let again = measure(harness, &slot, table, &harness.admin_user, &["-q", "apply", &doc])?;
    let export =
        measure(harness, &slot, table, &harness.admin_user, &["-q", "export", "--secrets", "inline", "-"])?;
    println!(
        "{apps} apps on the simulator with Dokku 0.38.27's measured costs, over sshd, as the admin user"
    );
    print_run("first apply", &first);
    print_run("no-change apply", &again);
    print_run("export", &export);
    println!(
        "  no-change apply / export: {:.2}x wall ({} vs {} commands)",
        again.wall.as_secs_f64() / export.wall.as_secs_f64(),
        again.commands,
        export.commands
    );
    Ok(())
}

fn print_run(name: &str, r: &Run) {
    println!(
        "  {name:<26} wall {:>7.2}s  dokkuctl CPU {:>6.2}s  commands {:>6}  modelled server time {:>8.2}s  floor {:>5.2}s  peak RSS {:>6.1} MB",
        r.wall.as_secs_f64(),
        r.cpu.as_secs_f64(),
        r.commands,
        r.server.as_secs_f64(),
        r.floor.as_secs_f64(),
        r.peak_rss_kib as f64 / 1024.0
    );
}

/// Runs dokkuctl against `slot` and measures it.
fn measure(h: &Harness, slot: &SimSlot, table: &CostTable, user: &str, args: &[&str]) -> Result<Run> {
    slot.clear_commands();
    let started = Instant::now();
    let mut child = h
        .dokkuctl()
        .args(h.dokkuctl_ssh_args(user, &slot.key))
        .args(["--timeout", "600"])
        .args(args)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()?;
    let status_path = PathBuf::from(format!("/proc/{}/status", child.id()));
    let stat_path = PathBuf::from(format!("/proc/{}/stat", child.id()));
    let mut peak = 0;
    let mut cpu = Duration::ZERO;
    let status = loop {
        peak = peak.max(vm_hwm_kib(&status_path));
        cpu = cpu.max(cpu_time(&stat_path));
        if let Some(status) = child.try_wait()? {
            break status;
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let wall = started.elapsed();
    if !status.success() {
        let mut err = String::new();
        if let Some(mut e) = child.stderr.take() {
            let _ = std::io::Read::read_to_string(&mut e, &mut err);
        }
        bail!("dokkuctl {args:?} failed: {err}");
    }
    let commands = slot.commands();
    let app_count =
        commands.iter().filter(|a| a.first().map(String::as_str) == Some("apps:create")).count().max(1);
    let costs: Vec<Duration> = commands
        .iter()
        .map(|argv| table.cost_of(argv, &|w| w.starts_with("app-"), app_count))
        .collect();
    Ok(Run {
        wall,
        commands: commands.len(),
        server: costs.iter().sum(),
        floor: costs.iter().copied().max().unwrap_or_default(),
        peak_rss_kib: peak,
        cpu,
    })
}

/// User + system time from `/proc/<pid>/stat` (fields 14 and 15, in clock ticks of 1/100 s).
fn cpu_time(path: &Path) -> Duration {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    // The command name (field 2) may contain spaces; the fields after its `)` are plain.
    let after = text.rsplit_once(')').map_or("", |(_, rest)| rest);
    let fields: Vec<&str> = after.split_whitespace().collect();
    let ticks = |i: usize| fields.get(i).and_then(|f| f.parse::<u64>().ok()).unwrap_or(0);
    Duration::from_millis((ticks(11) + ticks(12)) * 10)
}

fn vm_hwm_kib(path: &Path) -> u64 {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    text.lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.split_whitespace().next())
        .and_then(|v| v.parse().ok())
        .unwrap_or(0)
}

/// The template document with its one app (`app-000`) repeated `apps` times.
fn scale(template: &str, apps: usize) -> Result<String> {
    let mut doc: serde_json::Map<String, Value> = serde_json::from_str(template)?;
    for (key, records) in doc.iter_mut() {
        let Some(list) = records.as_array_mut() else { continue };
        let is_app_record = |r: &Value| {
            r.get("app_name").and_then(Value::as_str) == Some("app-000")
                || (key == "apps" && r.get("name").and_then(Value::as_str) == Some("app-000"))
        };
        let (own, mut rest): (Vec<Value>, Vec<Value>) = list.drain(..).partition(is_app_record);
        let own_text = serde_json::to_string(&own)?;
        for i in 0..apps {
            let copy: Vec<Value> =
                serde_json::from_str(&own_text.replace("app-000", &format!("app-{i:04}")))?;
            rest.extend(copy);
        }
        *list = rest;
    }
    Ok(serde_json::to_string_pretty(&doc)?)
}
