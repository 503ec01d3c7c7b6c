//! The `ps` plugin: scaling, process settings and lifecycle commands: for undeployed apps as
//! Dokku answers them, for the apps `DOKKU_SIM_DEPLOYED_APPS` declares deployed with Dokku's
//! progress lines (nothing actually runs).

use super::{first_arg, verify_app_go};
use crate::invocation::Invocation;
use crate::legacy_report::{
    LegacyLayout, Renderer, computed, from, global_or, prefixed, run_versioned_report, same,
};
use crate::output::Outcome;
use crate::pflag::parse_flags;
use crate::property_set::{PropertySetSpec, run_property_set};
use crate::report::{GoReportSpec, GoReportStyle, ReportValues, Subject};
use crate::settings::is_deployed;
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
        let scale = inv.state.apps.get(&app).map(|a| a.scale.clone()).unwrap_or_default();
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
        state.scale.extend(parsed);
    }
    Ok(())
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
    let scale = inv.state.apps.get(app).map(|a| a.scale.clone()).unwrap_or_default();
    if scale.is_empty() { vec![("web".to_owned(), 1)] } else { scale.into_iter().collect() }
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
    if deployed {
        // One `status-<type>-<n>` line per container, with a made-up but stable container id.
        let mut total = 0;
        for (process_type, count) in formation(inv, app) {
            for n in 1..=count {
                let id = container_id(app, &process_type, n);
                values.set(&format!("--status-{process_type}-{n}"), format!("running (CID: {id})"));
            }
            total += count;
        }
        values.set("--processes", total.to_string());
    } else {
        values.set("--processes", "0");
    }
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
    values.set("--running", deployed.to_string());
    values
}

/// An 11-digit hex container id derived from the process (FNV-1a), as Dokku shortens them.
fn container_id(app: &str, process_type: &str, n: i64) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in format!("{app}.{process_type}.{n}").bytes() {
        hash = (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3);
    }
    format!("{hash:016x}")[..11].to_owned()
}
