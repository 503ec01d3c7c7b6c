//! The `app-json` plugin's report.

use crate::invocation::Invocation;
use crate::output::Outcome;
use crate::property_report::{add_triplets, triplet};
use crate::property_set::{PropertySetSpec, run_property_set};
use crate::report::{GoReportSpec, GoReportStyle, ReportValues, Subject, run_go_report};
use crate::version::DokkuVersion;

/// `app-json:report`.
const REPORT: GoReportSpec = GoReportSpec {
    plugin: "app-json",
    report_type: "app-json",
    style: GoReportStyle::LEGACY,
    json_since: DokkuVersion::new(0, 25, 0),
};

/// `app-json:set`.
const SET: PropertySetSpec = PropertySetSpec {
    namespace: "app-json",
    keys: &["appjson-path"],
    global_keys: &["appjson-path"],
    noun: "property",
    verify_app: true,
};

/// Routes `app-json:*`.
pub(crate) fn dispatch(inv: &mut Invocation<'_>, sub: &str, args: &[String]) -> Option<Outcome> {
    Some(match sub {
        "report" => run_go_report(inv, &REPORT, args, &report_values),
        "set" => run_property_set(inv, &SET, args),
        _ => return None,
    })
}

/// `app-json:report` values.
fn report_values(inv: &Invocation<'_>, subject: Subject<'_>) -> ReportValues {
    let mut values = ReportValues::default();
    add_triplets(inv, subject, "app-json", "app-json", &[triplet("appjson-path", "app.json")], &mut values);
    values
}
