//! The `builds` plugin (plugins/builds, Go): report, `builds:set retention` and `builds:list`.
//! Nothing is ever built on the simulated host, so no build record exists.

use crate::command_property_set::{GoProperties, go_command_property_set, parse_go_set_args};
use crate::invocation::Invocation;
use crate::output::Outcome;
use crate::pflag::parse_flags;
use crate::property_report::app_property;
use crate::report::{GoReportSpec, GoReportStyle, ReportValues, Subject, run_go_report};
use crate::version::DokkuVersion;

/// `builds:report` (the plugin appeared in 0.38.0 with a Go report).
const REPORT: GoReportSpec = GoReportSpec {
    plugin: "builds",
    report_type: "builds",
    style: GoReportStyle::LEGACY,
    json_since: DokkuVersion::new(0, 38, 0),
};

/// builds.go `DefaultProperties` / `GlobalProperties`.
const PROPERTIES: GoProperties =
    GoProperties { namespace: "builds", properties: &["retention"], global_properties: &["retention"] };

/// builds.go `DefaultRetention`.
const DEFAULT_RETENTION: &str = "20";

/// Routes `builds:*`.
pub(crate) fn dispatch(inv: &mut Invocation<'_>, sub: &str, args: &[String]) -> Option<Outcome> {
    Some(match sub {
        "report" => run_go_report(inv, &REPORT, args, &report_values),
        "set" => set(inv, args),
        "list" => list(inv, args),
        _ => return None,
    })
}

/// set.go `CommandSet`: app check, its own key check, `retention` must be an integer >= 1
/// (`validateSetValue`), then `common.CommandPropertySet`.
fn set(inv: &mut Invocation<'_>, args: &[String]) -> Outcome {
    let call = parse_go_set_args(inv, "builds:set", args)?;
    if !call.is_global() {
        super::verify_app_go(inv, &call.app)?;
    }
    if call.property != "retention" {
        return Err(inv.out.fail(&format!(
            "Invalid property {} (allowed: retention)",
            crate::go_quote::go_quote(&call.property)
        )));
    }
    if !call.value.is_empty() {
        match call.value.parse::<i64>() {
            Err(_) => {
                return Err(inv.out.fail(&format!(
                    "Invalid retention {}: must be a positive integer",
                    crate::go_quote::go_quote(&call.value)
                )));
            }
            Ok(count) if count < 1 => {
                return Err(inv.out.fail(&format!("Invalid retention {count}: must be >= 1")));
            }
            Ok(_) => {}
        }
    }
    go_command_property_set(inv, &PROPERTIES, &call)
}

/// subcommands.go `CommandList`: format and filter checks, then the app's records (none).
fn list(inv: &mut Invocation<'_>, args: &[String]) -> Outcome {
    let flags = parse_flags(inv, "builds:list", args, &[], &["format", "kind", "status"])?;
    let format = flags.value("format").unwrap_or("stdout");
    if format != "stdout" && format != "json" {
        return Err(inv.out.fail("Invalid format specified, supported formats: json, stdout"));
    }
    if let Some(kind) = flags.value("kind").filter(|kind| !kind.is_empty())
        && !["build", "deploy"].contains(&kind)
    {
        let quoted = crate::go_quote::go_quote(kind);
        return Err(inv.out.fail(&format!("Invalid --kind value {quoted} (allowed: build, deploy)")));
    }
    if let Some(status) = flags.value("status").filter(|status| !status.is_empty())
        && !["running", "succeeded", "failed", "canceled", "abandoned"].contains(&status)
    {
        let quoted = crate::go_quote::go_quote(status);
        return Err(inv.out.fail(&format!(
            "Invalid --status value {quoted} (allowed: running, succeeded, failed, canceled, abandoned)"
        )));
    }
    let app = flags.arg(0);
    if !app.is_empty() {
        super::verify_app_go(inv, &app)?;
    }
    if format == "json" {
        inv.out.line("[]");
    } else if app.is_empty() {
        // commandListAllRunning
        inv.out.line("No builds currently running");
    } else {
        inv.out.line("No builds recorded for this app");
    }
    Ok(())
}

/// report.go `ReportSingleApp`: the global block has only the global retention; app blocks
/// add the (empty) latest-build fields and the retention triplet.
fn report_values(inv: &Invocation<'_>, subject: Subject<'_>) -> ReportValues {
    let mut values = ReportValues::default();
    let global = inv.state.global_property("builds", "retention");
    values.set("--builds-global-retention", global.clone());
    if let Subject::App(app) = subject {
        for field in ["id", "kind", "status", "pid", "source", "started-at", "finished-at", "exit-code"] {
            values.set(&format!("--build-{field}"), "");
        }
        let own = app_property(inv, app, "builds", "retention");
        // ResolveRetention: app, then global, then DefaultRetention (`set` only stores
        // integers >= 1, so parseRetention's warnings cannot happen here).
        let computed = [own.as_str(), global.as_str()]
            .into_iter()
            .find(|value| !value.is_empty())
            .unwrap_or(DEFAULT_RETENTION)
            .to_owned();
        values.set("--builds-retention", own);
        values.set("--builds-computed-retention", computed);
    }
    values
}
