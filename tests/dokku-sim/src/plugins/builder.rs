//! The `builder` plugin's report.

use crate::invocation::Invocation;
use crate::output::Outcome;
use crate::property_report::{add_triplets, triplet};
use crate::property_set::{PropertySetSpec, run_property_set};
use crate::report::{GoReportSpec, GoReportStyle, ReportValues, Subject, run_go_report};
use crate::version::DokkuVersion;

/// `builder:report`.
const REPORT: GoReportSpec = GoReportSpec {
    plugin: "builder",
    report_type: "builder",
    style: GoReportStyle::LEGACY,
    json_since: DokkuVersion::new(0, 24, 0),
};

/// `builder:set`.
const SET: PropertySetSpec = PropertySetSpec {
    namespace: "builder",
    keys: &["build-dir", "selected", "skip-cleanup"],
    global_keys: &["build-dir", "selected", "skip-cleanup"],
    noun: "property",
    verify_app: true,
};

/// Routes `builder:*`.
pub(crate) fn dispatch(inv: &mut Invocation<'_>, sub: &str, args: &[String]) -> Option<Outcome> {
    Some(match sub {
        "report" => run_go_report(inv, &REPORT, args, &report_values),
        "set" => run_property_set(inv, &SET, args),
        _ => return None,
    })
}

/// `builder:report` values.
fn report_values(inv: &Invocation<'_>, subject: Subject<'_>) -> ReportValues {
    let mut values = ReportValues::default();
    add_triplets(
        inv,
        subject,
        "builder",
        "builder",
        &[triplet("build-dir", ""), triplet("selected", ""), triplet("skip-cleanup", "false")],
        &mut values,
    );
    if matches!(subject, Subject::App(_)) {
        values.set("--builder-detected", "");
    }
    values
}
