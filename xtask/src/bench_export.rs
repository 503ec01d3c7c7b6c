//! `cargo xtask bench export`: export and apply on the simulator with Dokku's measured costs,
//! over the private sshd, as `dokkuctl` runs them.
//!
//! At 30 apps it compares `--jobs 1` with the default: wall time, remote commands, summed
//! server time and the floor (the most expensive single command the export must run). At 30,
//! 300 and 1,000 apps it prints wall time, remote commands and peak RSS for apply (to an empty
//! server) and export, so that growth can be read off. Nothing here asserts a time.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use dokku_core::ClientOptions;
use dokku_e2e::{Harness, SimSlot};
use dokku_sim::cost::{CostTable, Form};
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
    /// Commands by form: count and modelled server CPU seconds.
    forms: BTreeMap<String, (usize, f64)>,
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

/// The simulated server's cores (the host DOKKU_COSTS.md was measured on had two).
const CORES: usize = 2;

/// SSH round trip per command over one master, beside the server's CPU (DOKKU_COSTS.md): as
/// `dokku` the forced command runs `dokku` directly, as root a shell runs it.
const ROUND_TRIP_DOKKU: f64 = 0.037;
const ROUND_TRIP_ROOT: f64 = 0.120;

/// Commands in flight tried when looking for the default `--jobs`.
const JOBS_SWEEP: &[usize] = &[1, 2, 3, 4, 5, 6, 8];

pub(crate) fn run(sizes: &[usize], costs: bool, sweep: bool, root_only: bool) -> Result<()> {
    let bench = Bench::start()?;
    let (harness, table) = (&bench.harness, &bench.table);
    let dir = tempfile::tempdir()?;
    if costs {
        println!(
            "export on the simulator with Dokku 0.38.27's measured costs ({CORES} cores: costed commands share \
             them), over sshd"
        );
    } else {
        println!(
            "export on the simulator at full speed (no cost model: the modelled server CPU and floor say"
        );
        println!("what a real Dokku would spend, the wall time measures this tool and the simulator)");
    }
    println!(
        "floor = server CPU of the commands sent / {CORES} cores; pydokku = its command sequence \
         (PYDOKKU_SPEC.md D.2), one at a time, each costing its server CPU plus the SSH round trip\n"
    );
    for &apps in sizes {
        let doc_path = dir.path().join(format!("doc-{apps}.json"));
        std::fs::write(&doc_path, scale(&bench.template, apps)?)?;
        // The state is written at full speed: this benchmark is about reading it.
        let slot = bench.empty_slot(false)?;
        measure(
            harness,
            &slot,
            table,
            apps,
            &harness.admin_user,
            &["-q", "apply", &doc_path.display().to_string()],
        )?;
        if costs {
            std::fs::write(slot.root.join("costs.tsv"), &bench.table_text)?;
            std::fs::write(slot.root.join("settings.env"), format!("DOKKU_SIM_CORES={CORES}\n"))?;
        }
        let export = ["-q", "export", "--secrets", "inline", "-"];
        println!("{apps} apps");
        for (who, user, round_trip, root) in [
            ("dokku", &harness.dokku_user, ROUND_TRIP_DOKKU, false),
            ("root", &harness.admin_user, ROUND_TRIP_ROOT, true),
        ] {
            if root_only && !root {
                continue;
            }
            let run = measure(harness, &slot, table, apps, user, &export)?;
            let pydokku = pydokku_modelled(table, apps, round_trip, root);
            print_run(&format!("dokkuctl export as {who}"), &run);
            println!(
                "    pydokku modelled {:>7.2}s ({} commands, server CPU {:.2}s); pydokku / dokkuctl {:.2}x; \
                 dokkuctl / floor {:.2}x",
                pydokku.wall,
                pydokku.commands,
                pydokku.server,
                pydokku.wall / run.wall.as_secs_f64(),
                run.wall.as_secs_f64() / run.floor.as_secs_f64().max(1e-9)
            );
            if apps == sizes[0] {
                print_forms(&run);
            }
        }
        if sweep && !root_only && apps == sizes[0] {
            println!("  commands in flight (--jobs) as dokku:");
            for &jobs in JOBS_SWEEP {
                let jobs_text = jobs.to_string();
                let args = ["-q", "-j", jobs_text.as_str(), "export", "--secrets", "inline", "-"];
                let run = measure(harness, &slot, table, apps, &harness.dokku_user, &args)?;
                println!(
                    "    --jobs {jobs}: wall {:>7.2}s, {:.2}x the floor",
                    run.wall.as_secs_f64(),
                    run.wall.as_secs_f64() / run.floor.as_secs_f64().max(1e-9)
                );
            }
        }
        println!();
    }
    Ok(())
}

/// What pydokku's export would cost: its commands, their server CPU, and its wall time (it runs
/// one command at a time, so each pays its CPU and the round trip in turn).
struct Modelled {
    commands: usize,
    server: f64,
    wall: f64,
}

/// pydokku's export of a whole server with `apps` undeployed apps on Dokku 0.38.27
/// (PYDOKKU_SPEC.md D.2 and B.*): 197 commands for 30 apps, as on the measured server. As root it
/// also runs plain commands (known hosts and netrc `touch`/`chmod`/`cat`, each third-party
/// plugin's `.git/HEAD` and `.git/config`, an `ls` of each letsencrypt row's property directory),
/// which cost the server next to nothing but a round trip each.
fn pydokku_modelled(table: &CostTable, apps: usize, round_trip: f64, root: bool) -> Modelled {
    let names: Vec<String> = (0..apps).map(|i| format!("app-{i:04}")).collect();
    let mut commands: Vec<Vec<String>> = Vec::new();
    let mut once = |words: &[&str]| commands.push(words.iter().map(|w| (*w).to_owned()).collect());
    once(&["version"]);
    once(&["plugin:list"]);
    once(&["apps:report"]);
    once(&["checks:report"]);
    once(&["config:export", "--format", "json", "--global"]);
    let mut per_app: Vec<&[&str]> = vec![&["config:export", "--format", "json"]];
    once(&["domains:report", "--global"]);
    once(&["domains:report"]);
    once(&["git:public-key"]);
    per_app.push(&["git:report"]);
    once(&["letsencrypt:list"]);
    once(&["maintenance:report"]);
    once(&["network:list", "--format", "json"]);
    once(&["network:report"]);
    once(&["nginx:report"]);
    once(&["plugin:list"]);
    once(&["ports:report"]);
    once(&["proxy:report"]);
    // `ps:report <app>`, then `ps:scale <app>` because an undeployed app lists no processes.
    per_app.push(&["ps:report"]);
    per_app.push(&["ps:scale"]);
    per_app.push(&["redirect"]);
    once(&["ssh-keys:list", "--format", "json"]);
    per_app.push(&["storage:list", "--format", "json"]);
    for prefix in per_app {
        for app in &names {
            let mut argv: Vec<String> = vec![prefix[0].to_owned(), app.clone()];
            argv.extend(prefix[1..].iter().map(|w| (*w).to_owned()));
            commands.push(argv);
        }
    }
    let is_app = |w: &str| w.starts_with("app-");
    let server: f64 = commands.iter().map(|argv| table.cost_of(argv, &is_app, apps).as_secs_f64()).sum();
    let plain = if root { 6 + 2 * 3 + (apps + 1) } else { 0 };
    let count = commands.len() + plain;
    #[allow(clippy::cast_precision_loss)]
    let wall = server + round_trip * count as f64;
    Modelled { commands: count, server, wall }
}

/// The export's commands by form: how many, and their modelled server CPU.
fn print_forms(run: &Run) {
    let mut forms: Vec<(&String, &(usize, f64))> = run.forms.iter().collect();
    forms.sort_by(|a, b| b.1.1.total_cmp(&a.1.1));
    println!("    commands by form (server CPU, most first):");
    for (form, (count, cpu)) in forms {
        println!("      {count:>5} x {form:<50} {cpu:>8.2}s");
    }
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
    let first = measure(harness, &slot, table, apps, &harness.admin_user, &["-q", "apply", &doc])?;
    let again = measure(harness, &slot, table, apps, &harness.admin_user, &["-q", "apply", &doc])?;
    let export = measure(
        harness,
        &slot,
        table,
        apps,
        &harness.admin_user,
        &["-q", "export", "--secrets", "inline", "-"],
    )?;
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
fn measure(
    h: &Harness,
    slot: &SimSlot,
    table: &CostTable,
    app_count: usize,
    user: &str,
    args: &[&str],
) -> Result<Run> {
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
    let is_app = |w: &str| w.starts_with("app-");
    let mut forms: BTreeMap<String, (usize, f64)> = BTreeMap::new();
    let costs: Vec<Duration> = commands
        .iter()
        .map(|argv| {
            let form = Form::of(argv, &is_app);
            let cost = table.cost(&form, app_count);
            let entry = forms.entry(form.to_string()).or_default();
            entry.0 += 1;
            entry.1 += cost.as_secs_f64();
            cost
        })
        .collect();
    let server: Duration = costs.iter().sum();
    Ok(Run {
        wall,
        commands: commands.len(),
        server,
        // What the server's cores need at best: all its CPU spread over them, or the longest
        // single command if that is longer.
        floor: (server / u32::try_from(CORES)?).max(costs.iter().copied().max().unwrap_or_default()),
        peak_rss_kib: peak,
        cpu,
        forms,
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
