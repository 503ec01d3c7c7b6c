//! The `scheduler` plugin's report.

use crate::invocation::Invocation;
use crate::output::Outcome;
use crate::property_report::{add_triplets, triplet};
use crate::property_set::{PropertySetSpec, run_property_set};
use crate::report::{GoReportSpec, GoReportStyle, ReportValues, Subject, run_go_report};
use crate::version::DokkuVersion;

/// `scheduler:report`.
const REPORT: GoReportSpec = GoReportSpec {
    plugin: "scheduler",
    report_type: "scheduler",
    style: GoReportStyle::LEGACY,
    json_since: DokkuVersion::new(0, 26, 0),
};

/// `scheduler:set`.
const SET: PropertySetSpec = PropertySetSpec {
    namespace: "scheduler",
    keys: &["selected", "shell"],
    global_keys: &["selected", "shell"],
    noun: "property",
    verify_app: true,
};

/// Routes `scheduler:*`.
pub(crate) fn dispatch(inv: &mut Invocation<'_>, sub: &str, args: &[String]) -> Option<Outcome> {
    Some(match sub {
        "report" => run_go_report(inv, &REPORT, args, &report_values),
        "set" => run_property_set(inv, &SET, args),
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
