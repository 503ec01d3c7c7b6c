//! The `resource` plugin: resource limits and reservations per process type.

use crate::invocation::Invocation;
use crate::output::Outcome;
use crate::pflag::parse_flags;
use crate::report::{GoReportSpec, GoReportStyle, ReportValues, Subject, run_go_report};
use crate::version::DokkuVersion;

/// `resource:report` (labels are not upper-cased).
const REPORT: GoReportSpec = GoReportSpec {
    plugin: "resource",
    report_type: "resource",
    style: GoReportStyle { trim_prefix: true, legacy_prefix: true, uppercase: false },
    json_since: DokkuVersion::new(0, 23, 1),
};

/// The resource flags `resource:limit` and `resource:reserve` take.
const RESOURCES: &[&str] =
    &["cpu", "memory", "memory-swap", "network", "network-ingress", "network-egress", "nvidia-gpu"];

/// Routes `resource:*`.
pub(crate) fn dispatch(inv: &mut Invocation<'_>, sub: &str, args: &[String]) -> Option<Outcome> {
    Some(match sub {
        "limit" => set(inv, args, "limit"),
        "reserve" => set(inv, args, "reserve"),
        "report" => run_go_report(inv, &REPORT, args, &report_values),
        _ => return None,
    })
}

/// `resource:limit|reserve [--process-type T] [--<resource> V]... <app>`.
fn set(inv: &mut Invocation<'_>, args: &[String], kind: &str) -> Outcome {
    let mut value_flags = RESOURCES.to_vec();
    value_flags.push("process-type");
    let flags = parse_flags(inv, &format!("resource:{kind}"), args, &[], &value_flags)?;
    let app = flags.arg(0);
    super::verify_app_go(inv, &app)?;
    let process_type = flags.value("process-type").unwrap_or("_default_").to_string();
    let heading = if kind == "limit" { "limits" } else { "reservation" };
    let suffix = if process_type == "_default_" { String::new() } else { format!(" ({process_type})") };
    inv.out.info2_quiet(&format!("Setting resource {heading} for {app}{suffix}"));
    let state = inv.state.apps.get_mut(&app).expect("verified above");
    for resource in RESOURCES {
        if let Some(value) = flags.value(resource) {
            state.resources.insert(format!("{process_type}.{kind}.{resource}"), value.to_string());
            inv.out.verbose(&format!("{resource}: {value}"));
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
