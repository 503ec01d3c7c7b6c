//! The `scheduler` plugin's report.

use crate::command_property_set::{GoProperties, go_command_property_set, parse_go_set_args};
use crate::invocation::Invocation;
use crate::legacy_report::{LegacyLayout, Renderer, global_or, run_versioned_report, same};
use crate::output::Outcome;
use crate::property_report::{add_triplets, triplet};
use crate::report::{GoReportSpec, GoReportStyle, ReportValues, Subject};
use crate::version::DokkuVersion;

/// `scheduler:report`.
const REPORT: GoReportSpec = GoReportSpec {
    plugin: "scheduler",
    report_type: "scheduler",
    style: GoReportStyle::LEGACY,
    json_since: DokkuVersion::new(0, 26, 0),
};

/// `scheduler:report` before 0.38.0 (plugins/scheduler/report.go at v0.33.9 and v0.35.20):
/// the global value with its default `docker-local`, no `shell`.
const LEGACY: &[LegacyLayout] = &[LegacyLayout {
    until: DokkuVersion::new(0, 38, 0),
    renderer: Renderer::Go { trim_prefix: false, uppercase: true },
    fields: &[
        same("--scheduler-computed-selected"),
        global_or("--scheduler-global-selected", "selected", "docker-local"),
        same("--scheduler-selected"),
    ],
    namespace: "scheduler",
}];

/// scheduler.go `DefaultProperties` / `GlobalProperties` (`CommandSet` is
/// `common.CommandPropertySet`).
const PROPERTIES: GoProperties = GoProperties {
    namespace: "scheduler",
    properties: &["selected", "shell"],
    global_properties: &["selected", "shell"],
};

/// Routes `scheduler:*`.
pub(crate) fn dispatch(inv: &mut Invocation<'_>, sub: &str, args: &[String]) -> Option<Outcome> {
    Some(match sub {
        "report" => run_versioned_report(inv, &REPORT, LEGACY, args, &report_values),
        "set" => parse_go_set_args(inv, "scheduler:set", args)
            .and_then(|call| go_command_property_set(inv, &PROPERTIES, &call)),
        _ => return None,
    })
}

/// `scheduler:report` values.
fn report_values(inv: &Invocation<'_>, subject: Subject<'_>) -> ReportValues {
    let mut values = ReportValues::default();
    add_triplets(
        inv,
        subject,
        "scheduler",
        "scheduler",
        &[triplet("selected", "docker-local"), triplet("shell", "")],
        &mut values,
    );
    values
}
