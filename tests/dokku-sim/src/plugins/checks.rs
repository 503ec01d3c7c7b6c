//! The `checks` plugin: zero-downtime check lists and `wait-to-retire`.

use super::{first_arg, verify_app_bash};
use crate::invocation::Invocation;
use crate::legacy_report::{LegacyLayout, Renderer, global_or, run_versioned_report, same};
use crate::output::Outcome;
use crate::property_set::{PropertySetSpec, run_property_set};
use crate::report::{GoReportSpec, GoReportStyle, ReportValues, Subject};
use crate::version::DokkuVersion;

/// `checks:report`.
const REPORT: GoReportSpec = GoReportSpec {
    plugin: "checks",
    report_type: "checks",
    style: GoReportStyle::PORTED,
    json_since: DokkuVersion::new(0, 38, 0),
};

/// `checks:report` before the Go port: bash `cmd-checks-report-single` (plugins/checks/
/// internal-functions, the same fields v0.33.0 to v0.37.10; the global value printed its
/// default, `fn-checks-global-wait-to-retire`).
const LEGACY: &[LegacyLayout] = &[LegacyLayout {
    until: DokkuVersion::new(0, 38, 0),
    renderer: Renderer::Bash { noun: "checks", global_scope: false, empty_info_fails: true },
    fields: &[
        same("--checks-disabled-list"),
        same("--checks-skipped-list"),
        same("--checks-computed-wait-to-retire"),
        global_or("--checks-global-wait-to-retire", "wait-to-retire", "60"),
        same("--checks-wait-to-retire"),
    ],
    namespace: "checks",
}];

/// `checks:set`.
const SET: PropertySetSpec = PropertySetSpec {
    namespace: "checks",
    keys: &["wait-to-retire"],
    global_keys: &["wait-to-retire"],
    noun: "key",
    verify_app: true,
};

/// Routes `checks:*`.
pub(crate) fn dispatch(inv: &mut Invocation<'_>, sub: &str, args: &[String]) -> Option<Outcome> {
    Some(match sub {
        "disable" => change(inv, args, Change::Disable),
        "enable" => change(inv, args, Change::Enable),
        "skip" => change(inv, args, Change::Skip),
        "set" => run_property_set(inv, &SET, args),
        "report" => run_versioned_report(inv, &REPORT, LEGACY, args, &report_values),
        _ => return None,
    })
}

/// What a `checks:<verb>` does.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Change {
    Disable,
    Enable,
    Skip,
}

/// A comma list property as a vector.
fn list(inv: &Invocation<'_>, app: &str, key: &str) -> Vec<String> {
    inv.state
        .apps
        .get(app)
        .map(|a| a.property("checks", key))
        .unwrap_or_default()
        .split(',')
        .filter(|p| !p.is_empty())
        .map(str::to_string)
        .collect()
}

/// Stores a list property.
fn store(inv: &mut Invocation<'_>, app: &str, key: &str, items: &[String]) {
    if let Some(state) = inv.state.apps.get_mut(app) {
        state.set_property("checks", key, &items.join(","));
    }
}

/// `checks:disable|enable|skip <app> [<procs>]`.
fn change(inv: &mut Invocation<'_>, args: &[String], change: Change) -> Outcome {
    let app = first_arg(args);
    verify_app_bash(inv, &app)?;
    let procs: Vec<String> = args
        .get(1)
        .map(|list| list.split(',').filter(|p| !p.is_empty()).map(str::to_string).collect())
        .unwrap_or_default();
    let all = procs.is_empty();
    let shown = procs.join(",");
    let message = match (change, all) {
        (Change::Disable, true) => format!("Disabling zero downtime for app ({app})"),
        (Change::Disable, false) => {
            format!("Disabling zero downtime for app's ({app}) proctypes ({shown})")
        }
        (Change::Enable, true) => format!("Enabling zero downtime for app's ({app})"),
        (Change::Enable, false) => {
            format!("Enabling zero downtime for app's ({app}) proctypes ({shown})")
        }
        (Change::Skip, true) => format!("Skipping zero downtime for app ({app})"),
        (Change::Skip, false) => {
            format!("Skipping zero downtime for app's ({app}) proctypes ({shown})")
        }
    };
    inv.out.info1(&message);
    let mut disabled = list(inv, &app, "disabled");
    let mut skipped = list(inv, &app, "skipped");
    let targets = if all { vec!["_all_".to_string()] } else { procs };
    match change {
        Change::Disable => {
            if all {
                disabled = targets;
                skipped.clear();
            } else {
                disabled.retain(|p| p != "_all_");
                for proc in &targets {
                    if !disabled.contains(proc) {
                        disabled.push(proc.clone());
                    }
                }
                skipped.retain(|p| !targets.contains(p));
            }
        }
        Change::Skip => {
            if all {
                skipped = targets;
                disabled.clear();
            } else {
                skipped.retain(|p| p != "_all_");
                for proc in &targets {
                    if !skipped.contains(proc) {
                        skipped.push(proc.clone());
                    }
                }
                disabled.retain(|p| !targets.contains(p));
            }
        }
        Change::Enable => {
            if all {
                disabled.clear();
                skipped.clear();
            } else {
                disabled.retain(|p| !targets.contains(p));
                skipped.retain(|p| !targets.contains(p));
            }
        }
    }
    store(inv, &app, "disabled", &disabled);
    store(inv, &app, "skipped", &skipped);
    Ok(())
}

/// `checks:report` values.
fn report_values(inv: &Invocation<'_>, subject: Subject<'_>) -> ReportValues {
    let mut values = ReportValues::default();
    let name = match subject {
        Subject::App(app) => app,
        Subject::Global => "--global",
    };
    values.set(
        "--checks-computed-wait-to-retire",
        inv.state.computed_property(name, "checks", "wait-to-retire", "60"),
    );
    values.set("--checks-global-wait-to-retire", inv.state.global_property("checks", "wait-to-retire"));
    let Subject::App(app) = subject else {
        return values;
    };
    let shown = |items: Vec<String>| {
        if items.is_empty() { "none".to_string() } else { items.join(",") }
    };
    values.set("--checks-disabled-list", shown(list(inv, app, "disabled")));
    values.set("--checks-skipped-list", shown(list(inv, app, "skipped")));
    values.set(
        "--checks-wait-to-retire",
        inv.state.apps.get(app).map(|a| a.property("checks", "wait-to-retire")).unwrap_or_default(),
    );
    values
}
