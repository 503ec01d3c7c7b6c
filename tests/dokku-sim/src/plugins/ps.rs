//! The `ps` plugin: scaling, process settings and lifecycle commands: for undeployed apps as
//! Dokku answers them, for the apps `DOKKU_SIM_DEPLOYED_APPS` declares deployed with Dokku's
//! progress lines (nothing actually runs).

use std::collections::BTreeMap;

use super::{first_arg, verify_app_go};
use crate::invocation::Invocation;
use crate::legacy_report::{
    LegacyLayout, Renderer, computed, from, global_or, prefixed, run_versioned_report, same,
};
use crate::output::Outcome;
use crate::pflag::parse_flags;
use crate::property_set::{PropertySetSpec, run_property_set};
use crate::report::{GoReportSpec, GoReportStyle, ReportValues, Subject};
use crate::server_files::{DOKKU_LIB_ROOT, DOKKU_ROOT};
use crate::settings::is_deployed;
use crate::state::{App, State};
use crate::version::DokkuVersion;

/// `ps:report`.
const REPORT: GoReportSpec = GoReportSpec {
    plugin: "ps",
    report_type: "ps",
    style: GoReportStyle::LEGACY,
    json_since: DokkuVersion::new(0, 23, 1),
};

/// `ps:report` before 0.38.0 (plugins/ps/report.go at v0.33.9 and v0.35.20): procfile path
/// triplet with the global default `Procfile`, restart policy, no start/stop/skip-deploy keys.
const LEGACY: &[LegacyLayout] = &[LegacyLayout {
    until: DokkuVersion::new(0, 38, 0),
    renderer: Renderer::Go { trim_prefix: false, uppercase: true },
    fields: &[
        same("--deployed"),
        same("--processes"),
        same("--ps-can-scale"),
        // `reportRestartPolicy`: the `--restart` docker option, else `on-failure:10`.
        from("--ps-restart-policy", "--ps-computed-restart-policy"),
        computed("--ps-computed-procfile-path", "procfile-path", "Procfile"),
        global_or("--ps-global-procfile-path", "procfile-path", "Procfile"),
        same("--ps-procfile-path"),
        same("--restore"),
        same("--running"),
        prefixed("--status-"),
    ],
    namespace: "ps",
}];

/// `ps:set`.
const SET: PropertySetSpec = PropertySetSpec {
    namespace: "ps",
    keys: &[
        "dockerfile-start-cmd",
        "procfile-path",
        "restart-policy",
        "restore",
        "skip-deploy",
        "start-cmd",
        "stop-timeout-seconds",
    ],
    global_keys: &["procfile-path", "restart-policy", "skip-deploy", "stop-timeout-seconds"],
    noun: "property",
    verify_app: true,
};

/// Routes `ps:*`.
pub(crate) fn dispatch(inv: &mut Invocation<'_>, sub: &str, args: &[String]) -> Option<Outcome> {
    Some(match sub {
        "scale" => scale(inv, args),
        "report" => run_versioned_report(inv, &REPORT, LEGACY, args, &report_values),
        "set" => set(inv, args),
        "start" | "restart" | "rebuild" | "stop" | "restore" => lifecycle(inv, sub, args),
        _ => return None,
    })
}

/// `ps:set`, with the restart-policy validation.
fn set(inv: &mut Invocation<'_>, args: &[String]) -> Outcome {
    let words: Vec<&String> = args.iter().filter(|a| *a != "--global").collect();
    let global = words.len() != args.len();
    let key_index = usize::from(!global);
    if words.get(key_index).is_some_and(|key| *key == "restart-policy")
        && let Some(value) = words.get(key_index + 1)
        && !valid_restart_policy(value)
    {
        return Err(inv.out.fail("Invalid restart-policy specified"));
    }
    run_property_set(inv, &SET, args)
}

/// `no`, `always`, `unless-stopped`, `on-failure` or `on-failure:<n>`.
fn valid_restart_policy(policy: &str) -> bool {
    matches!(policy, "no" | "always" | "unless-stopped" | "on-failure")
        || policy
            .strip_prefix("on-failure:")
            .is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
}

/// `ps:scale [--skip-deploy] [--format stdout|json] <app> [<proc>=<n>...]`.
fn scale(inv: &mut Invocation<'_>, args: &[String]) -> Outcome {
    let flags = parse_flags(inv, "ps:scale", args, &["skip-deploy"], &["format"])?;
    let app = flags.arg(0);
    verify_app_go(inv, &app)?;
    let pairs = &flags.positionals[1..];
    if pairs.is_empty() {
        let scale = inv.state.apps.get(&app).map(formations).unwrap_or_default();
        if flags.value("format") == Some("json") && inv.version.at_least(0, 38, 21) {
            let items: Vec<String> = scale
                .iter()
                .map(|(proc, qty)| {
                    format!("{{\"process_type\":{},\"quantity\":{qty}}}", crate::go_json::go_string(proc))
                })
                .collect();
            inv.out.line(&format!("[{}]", items.join(",")));
            return Ok(());
        }
        inv.out.info1_quiet(&format!("Scaling for {app}"));
        if !inv.out.quiet {
            inv.out.line("proctype: qty");
            inv.out.line("--------: ---");
        }
        for (proc, qty) in scale {
            inv.out.line(&format!("{:<5} {qty}", format!("{proc}:")));
        }
        return Ok(());
    }
    let parsed = match parse_process_tuples(pairs) {
        Ok(parsed) => parsed,
        Err(message) => return Err(inv.out.fail(&message)),
    };
    inv.out.info1(&format!("Scaling {app} processes: {}", pairs.join(" ")));
    if let Some(state) = inv.state.apps.get_mut(&app) {
        update_scale(state, parsed);
    }
    Ok(())
}

/// `updateScale` (plugins/ps/functions.go) for an app without a Procfile (the simulator never
/// extracts one): the named types in the order given, then the `scale` entries not named
/// (`scale.old` is not read back, so a zero the command does not name is dropped); the
/// non-zero counts are written to `scale`, the zeros to `scale.old`.
fn update_scale(app: &mut App, updates: Vec<(String, i64)>) {
    let mut updated = updates;
    for (process_type, count) in &app.scale {
        if !updated.iter().any(|(named, _)| named == process_type) {
            updated.push((process_type.clone(), *count));
        }
    }
    let (old, current): (Vec<_>, Vec<_>) = updated.into_iter().partition(|(_, count)| *count == 0);
    app.scale = current;
    app.scale_old = old;
}

/// `getFormations`: the `scale` list, then the `scale.old` types it lacks, sorted by type.
fn formations(app: &App) -> BTreeMap<String, i64> {
    let mut all = BTreeMap::new();
    for (process_type, count) in app.scale.iter().chain(&app.scale_old) {
        all.entry(process_type.clone()).or_insert(*count);
    }
    all
}

/// `parseProcessTuples` (plugins/ps/functions.go): `<type>=<count>` with both sides trimmed, the
/// count parsed by `strconv.Atoi` (a sign is allowed), and a process type given twice keeps its
/// first count.
fn parse_process_tuples(tuples: &[String]) -> Result<Vec<(String, i64)>, String> {
    let mut parsed: Vec<(String, i64)> = Vec::new();
    for tuple in tuples {
        let Some((process_type, count)) = tuple.split_once('=') else {
            return Err(format!("Missing count for process type {tuple}"));
        };
        let Some(count) = go_atoi(count.trim()) else {
            return Err(format!("Invalid count for process type {process_type}"));
        };
        let process_type = process_type.trim();
        if !parsed.iter().any(|(known, _)| known == process_type) {
            parsed.push((process_type.to_owned(), count));
        }
    }
    Ok(parsed)
}

/// Go's `strconv.Atoi`: optional sign, then ASCII digits only, within 64 bits.
fn go_atoi(text: &str) -> Option<i64> {
    let digits = text.strip_prefix(['+', '-']).unwrap_or(text);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

/// `ps:start|stop|restart|rebuild|restore <app>` on a server without deploys, except that
/// `restart` and `rebuild` of an app declared deployed print what Dokku prints for one.
fn lifecycle(inv: &mut Invocation<'_>, sub: &str, args: &[String]) -> Outcome {
    let app = first_arg(args);
    if app == "--all" {
        return Ok(());
    }
    verify_app_go(inv, &app)?;
    if matches!(sub, "restart" | "rebuild") && is_deployed(&app) {
        if sub == "rebuild" {
            // `ps:rebuild` runs `receive-app`: a build (the builder's line), then a deploy.
            inv.out.info1("Cleaning up...");
            inv.out.info1(&format!("Building {app} from herokuish"));
        }
        // `ps:restart` runs the `deploy` trigger with the running image: one line per process
        // type (scheduler-deploy-process), then the post-deploy step.
        for (process_type, count) in formation(inv, &app) {
            inv.out.info1(&format!("Deploying {process_type} (count={count})"));
        }
        inv.out.info1("Running post-deploy");
        return Ok(());
    }
    inv.out.exclaim(&format!("App {app} has not been deployed"));
    Ok(())
}

/// ps's `app-restart` trigger (`Restart`, plugins/ps/ps.go): an app that is not deployed gets
/// `LogWarn` (stderr; only `ps:restart` itself captures it onto stdout), a deployed one is
/// deployed again with its running image.
pub(crate) fn app_restart(inv: &mut Invocation<'_>, app: &str) {
    if !is_deployed(app) {
        inv.out.warn(&format!("App {app} has not been deployed"));
        return;
    }
    for (process_type, count) in formation(inv, app) {
        inv.out.info1(&format!("Deploying {process_type} (count={count})"));
    }
    inv.out.info1("Running post-deploy");
}

/// The process types a deployed app runs and their counts: its `ps:scale` values, else the one
/// `web` process a first deploy starts.
fn formation(inv: &Invocation<'_>, app: &str) -> Vec<(String, i64)> {
    inv.state.apps.get(app).map(running_formation).unwrap_or_else(|| vec![("web".to_owned(), 1)])
}

/// [`formation`] of one app.
fn running_formation(app: &App) -> Vec<(String, i64)> {
    let scale = formations(app);
    if scale.is_empty() { vec![("web".to_owned(), 1)] } else { scale.into_iter().collect() }
}

/// The containers a deployed app runs: `(process type, index, full container id)`, one per
/// unit of each non-zero count.
fn containers(app_name: &str, app: &App) -> Vec<(String, i64, String)> {
    let mut all = Vec::new();
    for (process_type, count) in running_formation(app) {
        for n in 1..=count {
            all.push((process_type.clone(), n, full_container_id(app_name, &process_type, n)));
        }
    }
    all
}

/// Every container of the deployed apps, with docker's state of each (`running`: nothing
/// stops a simulated container), for the `docker` stand-in.
pub(crate) fn docker_containers(state: &State) -> Vec<(String, &'static str)> {
    state
        .apps
        .iter()
        .filter(|(name, _)| is_deployed(name))
        .flat_map(|(name, app)| containers(name, app))
        .map(|(_, _, id)| (id, "running"))
        .collect()
}

/// The files the ps plugin and the docker-local scheduler keep for the state: the `scale` and
/// `scale.old` property lists (`PropertyListWrite`: one `Fprintln` per item, mode 0600), and
/// for a deployed app `$DOKKU_ROOT/<app>/CONTAINER.<type>.<n>` (`echo "$cid" >`,
/// scheduler-deploy-process-container) and the `common/<app>/deployed` property `true` that
/// `core-post-deploy` writes (plugins/common/triggers.go). Dokku also writes `false` there the
/// first time anything asks an undeployed app (`IsDeployed`); the simulator leaves the file out,
/// which every reader takes the same way.
pub(crate) fn server_files(state: &State) -> Vec<(String, String, Option<u32>)> {
    let mut files = Vec::new();
    for (name, app) in state.apps.iter().filter(|(name, _)| !name.contains('/')) {
        for (key, list) in [("scale", &app.scale), ("scale.old", &app.scale_old)] {
            let contents: String = list.iter().map(|(t, n)| format!("{t}={n}\n")).collect();
            files.push((format!("{DOKKU_LIB_ROOT}/config/ps/{name}/{key}"), contents, Some(0o600)));
        }
        if is_deployed(name) {
            for (process_type, n, id) in containers(name, app) {
                files.push((
                    format!("{DOKKU_ROOT}/{name}/CONTAINER.{process_type}.{n}"),
                    format!("{id}\n"),
                    None,
                ));
            }
            files.push((
                format!("{DOKKU_LIB_ROOT}/config/common/{name}/deployed"),
                "true".to_owned(),
                Some(0o600),
            ));
        }
    }
    files
}

/// `ps:report` values.
fn report_values(inv: &Invocation<'_>, subject: Subject<'_>) -> ReportValues {
    let mut values = ReportValues::default();
    let global = |key: &str| inv.state.global_property("ps", key);
    let name = match subject {
        Subject::App(app) => app,
        Subject::Global => "--global",
    };
    let computed = |key: &str, default: &str| inv.state.computed_property(name, "ps", key, default);
    values.set("--ps-computed-procfile-path", computed("procfile-path", "Procfile"));
    values.set("--ps-computed-restart-policy", computed("restart-policy", "on-failure:10"));
    values.set("--ps-computed-skip-deploy", computed("skip-deploy", "false"));
    values.set("--ps-computed-stop-timeout-seconds", computed("stop-timeout-seconds", "30"));
    for key in ["procfile-path", "restart-policy", "skip-deploy", "stop-timeout-seconds"] {
        values.set(&format!("--ps-global-{key}"), global(key));
    }
    let Subject::App(app) = subject else {
        return values;
    };
    let own = |key: &str| inv.state.apps.get(app).map(|a| a.property("ps", key)).unwrap_or_default();
    let deployed = is_deployed(app);
    values.set("--deployed", deployed.to_string());
    // `addStatusFlags`: one `--status-<type>.<n>` per container file, with a made-up but stable
    // container id (its first 11 characters); `scheduler-app-status` counts them.
    let running = match inv.state.apps.get(app).filter(|_| deployed) {
        Some(settings) => containers(app, settings),
        None => Vec::new(),
    };
    for (process_type, n, id) in &running {
        values.set(&format!("--status-{process_type}.{n}"), format!("running (CID: {})", &id[..11]));
    }
    values.set("--processes", running.len().to_string());
    values.set("--ps-can-scale", "true");
    values.set("--ps-computed-dockerfile-start-cmd", own("dockerfile-start-cmd"));
    values.set("--ps-computed-start-cmd", own("start-cmd"));
    for key in [
        "dockerfile-start-cmd",
        "procfile-path",
        "restart-policy",
        "skip-deploy",
        "start-cmd",
        "stop-timeout-seconds",
    ] {
        values.set(&format!("--ps-{key}"), own(key));
    }
    let restore = own("restore");
    values.set("--restore", if restore.is_empty() { "true".to_string() } else { restore });
    values.set("--running", (!running.is_empty()).to_string());
    values
}

/// A 64-digit hex container id derived from the process (FNV-1a, repeated); reports print its
/// first 11 digits.
fn full_container_id(app: &str, process_type: &str, n: i64) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in format!("{app}.{process_type}.{n}").bytes() {
        hash = (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3);
    }
    format!("{hash:016x}").repeat(4)
}
