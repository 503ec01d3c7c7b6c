//! The `app-json` plugin's report.

use crate::command_property_set::{GoProperties, go_command_property_set, parse_go_set_args};
use crate::invocation::Invocation;
use crate::output::Outcome;
use crate::property_report::{add_triplets, triplet};
use crate::report::{GoReportSpec, GoReportStyle, ReportValues, Subject, run_go_report};
use crate::version::DokkuVersion;

/// `app-json:report`.
const REPORT: GoReportSpec = GoReportSpec {
    plugin: "app-json",
    report_type: "app-json",
    style: GoReportStyle::LEGACY,
    json_since: DokkuVersion::new(0, 25, 0),
};

/// appjson.go `DefaultProperties` / `GlobalProperties` (`CommandSet` is
/// `common.CommandPropertySet`).
const PROPERTIES: GoProperties = GoProperties {
    namespace: "app-json",
    properties: &["appjson-path"],
    global_properties: &["appjson-path"],
};

/// Routes `app-json:*`.
pub(crate) fn dispatch(inv: &mut Invocation<'_>, sub: &str, args: &[String]) -> Option<Outcome> {
    Some(match sub {
        "report" => run_go_report(inv, &REPORT, args, &report_values),
        "set" => parse_go_set_args(inv, "app-json:set", args)
            .and_then(|call| go_command_property_set(inv, &PROPERTIES, &call)),
        _ => return None,
    })
}

/// `app-json:report` values.
fn report_values(inv: &Invocation<'_>, subject: Subject<'_>) -> ReportValues {
    let mut values = ReportValues::default();
    add_triplets(inv, subject, "app-json", "app-json", &[triplet("appjson-path", "app.json")], &mut values);
    values
}
