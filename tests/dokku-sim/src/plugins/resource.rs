//! The `resource` plugin (plugins/resource, Go): limits and reservations per process type, kept
//! as properties `<process-type>.<limit|reserve>.<resource>`.

use crate::invocation::Invocation;
use crate::legacy_report::{LegacyLayout, Renderer, run_versioned_report};
use crate::output::Outcome;
use crate::pflag::parse_flags;
use crate::report::{GoReportSpec, GoReportStyle, ReportValues, Subject};
use crate::version::DokkuVersion;

/// `resource:report` (labels are not upper-cased).
const REPORT: GoReportSpec = GoReportSpec {
    plugin: "resource",
    report_type: "resource",
    style: GoReportStyle { trim_prefix: true, legacy_prefix: true, uppercase: false },
    json_since: DokkuVersion::new(0, 23, 1),
};

/// `resource:report` before 0.38.0 (plugins/resource/resource.go at v0.33.9 and v0.35.20):
/// `trimPrefix` true and no upper-casing, so labels and JSON keys lose `--resource-`.
const LEGACY: &[LegacyLayout] = &[LegacyLayout {
    until: DokkuVersion::new(0, 38, 0),
    renderer: Renderer::Go { trim_prefix: true, uppercase: false },
    fields: &[],
    namespace: "resource",
}];

/// The resource flags `resource:limit` and `resource:reserve` take.
const RESOURCES: &[&str] =
    &["cpu", "memory", "memory-swap", "network", "network-ingress", "network-egress", "nvidia-gpu"];

/// Routes `resource:*`.
pub(crate) fn dispatch(inv: &mut Invocation<'_>, sub: &str, args: &[String]) -> Option<Outcome> {
    Some(match sub {
        "limit" => set(inv, args, "limit"),
        "reserve" => set(inv, args, "reserve"),
        "limit-clear" => clear(inv, args, "limit"),
        "reserve-clear" => clear(inv, args, "reserve"),
        "report" => run_versioned_report(inv, &REPORT, LEGACY, args, &report_values),
        _ => return None,
    })
}

/// `limits` or `reservation`, as the messages say it.
fn noun(kind: &str) -> &'static str {
    if kind == "limit" { "limits" } else { "reservation" }
}

/// `resource:limit|reserve [--process-type T] [--<resource> V]... <app>` (src/subcommands:
/// pflag parses flags anywhere, so flags after the app count too) and functions.go
/// `setResourceType`: without any value it prints the current ones (`reportResourceType`);
/// `clear` deletes one. Dokku walks a Go map, so with several values its lines come in random
/// order; the simulator prints them in the flags' declaration order.
fn set(inv: &mut Invocation<'_>, args: &[String], kind: &str) -> Outcome {
    let mut value_flags = RESOURCES.to_vec();
    value_flags.push("process-type");
    let flags = parse_flags(inv, &format!("resource:{kind}"), args, &[], &value_flags)?;
    let app = flags.arg(0);
    super::verify_app_go(inv, &app)?;
    let process_type =
        flags.value("process-type").filter(|t| !t.is_empty()).unwrap_or("_default_").to_string();
    let given: Vec<(&str, String)> = RESOURCES
        .iter()
        .filter_map(|resource| {
            flags.value(resource).filter(|v| !v.is_empty()).map(|v| (*resource, v.to_owned()))
        })
        .collect();
    if given.is_empty() {
        // reportResourceType
        let scope =
            if process_type == "_default_" { "[defaults]".to_owned() } else { format!("({process_type})") };
        inv.out.info2_quiet(&format!("resource {} {app} information {scope}", noun(kind)));
        for resource in RESOURCES {
            let value = inv
                .state
                .apps
                .get(&app)
                .and_then(|a| a.resources.get(&format!("{process_type}.{kind}.{resource}")).cloned())
                .unwrap_or_default();
            inv.out.verbose(&format!("{resource}: {value}"));
        }
        return Ok(());
    }
    let suffix = if process_type == "_default_" { String::new() } else { format!(" ({process_type})") };
    inv.out.info2_quiet(&format!("Setting resource {} for {app}{suffix}", noun(kind)));
    let state = inv.state.apps.get_mut(&app).expect("verified above");
    for (resource, value) in given {
        let key = format!("{process_type}.{kind}.{resource}");
        if value == "clear" {
            inv.out.verbose(&format!("{resource}: cleared"));
            state.resources.remove(&key);
        } else {
            inv.out.verbose(&format!("{resource}: {value}"));
            state.resources.insert(key, value);
        }
    }
    Ok(())
}

/// `resource:limit-clear|reserve-clear [--process-type T] <app>` (functions.go
/// `clearByResourceType`): with a process type, that type's values of this kind go; without
/// one, every resource property of the app goes, limits and reservations of every type alike.
fn clear(inv: &mut Invocation<'_>, args: &[String], kind: &str) -> Outcome {
    let flags = parse_flags(inv, &format!("resource:{kind}-clear"), args, &[], &["process-type"])?;
    let app = flags.arg(0);
    super::verify_app_go(inv, &app)?;
    let process_type = flags.value("process-type").unwrap_or_default().to_owned();
    let mut message = format!("clearing {app} {}", noun(kind));
    if !process_type.is_empty() && process_type != "_default_" {
        message = format!("{message} ({process_type})");
    }
    inv.out.info2_quiet(&message);
    let state = inv.state.apps.get_mut(&app).expect("verified above");
    if process_type.is_empty() {
        state.resources.clear();
    } else {
        for resource in RESOURCES {
            state.resources.remove(&format!("{process_type}.{kind}.{resource}"));
        }
    }
    Ok(())
}

/// `resource:report` values: one key per stored limit or reservation.
fn report_values(inv: &Invocation<'_>, subject: Subject<'_>) -> ReportValues {
    let mut values = ReportValues::default();
    let Subject::App(app) = subject else {
        return values;
    };
    if let Some(state) = inv.state.apps.get(app) {
        for (key, value) in &state.resources {
            values.set(&format!("--resource-{key}"), value.clone());
        }
    }
    values
}

/// The property files the state's limits and reservations are on a real server
/// (`setResourceType` in `plugins/resource/functions.go` at v0.38.27: `PropertyWrite`, the
/// value as given, no newline): real path → content.
pub(crate) fn property_files(state: &crate::state::State) -> Vec<(String, String)> {
    let root = crate::server_files::DOKKU_LIB_ROOT;
    state
        .apps
        .iter()
        .filter(|(app, _)| !app.contains('/'))
        .flat_map(|(app, settings)| {
            settings
                .resources
                .iter()
                .filter(|(key, _)| !key.contains('/'))
                .map(move |(key, value)| (format!("{root}/config/resource/{app}/{key}"), value.clone()))
        })
        .collect()
}
