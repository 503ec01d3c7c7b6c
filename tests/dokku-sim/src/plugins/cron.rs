//! The `cron` plugin (plugins/cron, Go): report, `cron:set` and `cron:list`. Cron tasks come
//! from a deployed app's app.json; nothing is deployed on the simulated host, so there are none.

use crate::command_property_set::{GoProperties, go_command_property_set, parse_go_set_args};
use crate::invocation::Invocation;
use crate::legacy_report::{LegacyLayout, Renderer, from, run_versioned_report, same};
use crate::output::Outcome;
use crate::pflag::parse_flags;
use crate::report::{GoReportSpec, GoReportStyle, ReportValues, Subject};
use crate::version::DokkuVersion;

/// `cron:report`.
const REPORT: GoReportSpec = GoReportSpec {
    plugin: "cron",
    report_type: "cron",
    style: GoReportStyle::LEGACY,
    json_since: DokkuVersion::new(0, 23, 1),
};

/// `cron:report` before 0.38.0 (plugins/cron/report.go): the global `mailto` (v0.32.0) and
/// `mailfrom` (v0.35.14) under their bare keys, raw.
const LEGACY: &[LegacyLayout] = &[
    LegacyLayout {
        until: DokkuVersion::new(0, 35, 14),
        renderer: Renderer::Go { trim_prefix: false, uppercase: true },
        fields: &[from("--cron-mailto", "--cron-global-mailto"), same("--cron-task-count")],
        namespace: "cron",
    },
    LegacyLayout {
        until: DokkuVersion::new(0, 36, 0),
        renderer: Renderer::Go { trim_prefix: false, uppercase: true },
        fields: &[
            from("--cron-mailfrom", "--cron-global-mailfrom"),
            from("--cron-mailto", "--cron-global-mailto"),
            same("--cron-task-count"),
        ],
        namespace: "cron",
    },
    // v0.36.0 added the maintenance triplet (raw global, computed, app).
    LegacyLayout {
        until: DokkuVersion::new(0, 38, 0),
        renderer: Renderer::Go { trim_prefix: false, uppercase: true },
        fields: &[
            from("--cron-mailfrom", "--cron-global-mailfrom"),
            from("--cron-mailto", "--cron-global-mailto"),
            same("--cron-task-count"),
            same("--cron-global-maintenance"),
            same("--cron-computed-maintenance"),
            same("--cron-maintenance"),
        ],
        namespace: "cron",
    },
];

/// cron.go `DefaultProperties` / `GlobalProperties`.
const PROPERTIES: GoProperties = GoProperties {
    namespace: "cron",
    properties: &["mailfrom", "mailto", "maintenance"],
    global_properties: &["mailfrom", "mailto", "maintenance"],
};

/// cron.go `MaintenancePropertyPrefix`.
const TASK_MAINTENANCE_PREFIX: &str = "maintenance.";

/// Routes `cron:*`.
pub(crate) fn dispatch(inv: &mut Invocation<'_>, sub: &str, args: &[String]) -> Option<Outcome> {
    Some(match sub {
        "report" => run_versioned_report(inv, &REPORT, LEGACY, args, &report_values),
        "set" => set(inv, args),
        "list" => list(inv, args),
        _ => return None,
    })
}

/// subcommands.go `CommandSet`: `validateSetValue` (mail keys are global only) before anything
/// else, the per-task `maintenance.<id>` keys (only for existing tasks, so always refused here),
/// then `common.CommandPropertySet`. The `scheduler-cron-write` trigger that follows rewrites the
/// (empty) crontab silently.
fn set(inv: &mut Invocation<'_>, args: &[String]) -> Outcome {
    let call = parse_go_set_args(inv, "cron:set", args)?;
    if (call.property == "mailfrom" || call.property == "mailto") && !call.is_global() {
        return Err(inv.out.fail("Property cannot be specified on a per-app basis"));
    }
    if let Some(task_id) = call.property.strip_prefix(TASK_MAINTENANCE_PREFIX) {
        if call.is_global() {
            return Err(inv.out.fail("Task maintenance properties cannot be set globally"));
        }
        if task_id.is_empty() {
            return Err(inv.out.fail("Invalid task maintenance property, missing ID"));
        }
        super::verify_app_go(inv, &call.app)?;
        return Err(inv.out.fail(&format!(
            "Invalid task maintenance property, no matching task ID found: {}",
            call.property
        )));
    }
    go_command_property_set(inv, &PROPERTIES, &call)
}

/// subcommands.go `CommandList` (`[--global] [--format stdout|json] <app>`): the header row
/// alone through columnize, or an empty JSON array.
fn list(inv: &mut Invocation<'_>, args: &[String]) -> Outcome {
    let flags = parse_flags(inv, "cron:list", args, &["global"], &["format"])?;
    let format = flags.value("format").unwrap_or("stdout");
    let format = if format.is_empty() { "stdout" } else { format };
    if format != "stdout" && format != "json" {
        return Err(inv.out.fail("Invalid format specified, supported formats: json, stdout"));
    }
    if !flags.has("global") {
        super::verify_app_go(inv, &flags.arg(0))?;
    }
    if format == "json" {
        inv.out.line("[]");
        return Ok(());
    }
    let header: Vec<String> = ["ID", "Schedule", "Concurrency", "Maintenance", "Command"]
        .iter()
        .map(|cell| (*cell).to_owned())
        .collect();
    for line in crate::columnize::columnize(&[header], "") {
        inv.out.line(&line);
    }
    Ok(())
}

/// report.go `ReportSingleApp`: mail settings are global only; the computed maintenance is
/// `true` when the app says exactly `true`, else the global value (`false` when unset), so an
/// app's `false` does not override a global `true`.
fn report_values(inv: &Invocation<'_>, subject: Subject<'_>) -> ReportValues {
    let mut values = ReportValues::default();
    let global = |key: &str| inv.state.global_property("cron", key);
    for key in ["mailfrom", "mailto", "maintenance"] {
        values.set(&format!("--cron-global-{key}"), global(key));
    }
    values.set("--cron-computed-mailfrom", global("mailfrom"));
    values.set("--cron-computed-mailto", global("mailto"));
    let own = match subject {
        Subject::App(app) => {
            inv.state.apps.get(app).map(|a| a.property("cron", "maintenance")).unwrap_or_default()
        }
        Subject::Global => global("maintenance"),
    };
    let computed = if own == "true" {
        own.clone()
    } else {
        let global = global("maintenance");
        if global.is_empty() { "false".to_owned() } else { global }
    };
    values.set("--cron-computed-maintenance", computed);
    if matches!(subject, Subject::App(_)) {
        values.set("--cron-maintenance", own);
        values.set("--cron-task-count", "0");
    }
    values
}
