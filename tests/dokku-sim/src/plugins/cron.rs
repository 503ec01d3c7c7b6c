//! The `cron` plugin's report.

use crate::invocation::Invocation;
use crate::output::Outcome;
use crate::property_report::{add_triplets, global_only, triplet};
use crate::property_set::{PropertySetSpec, run_property_set};
use crate::report::{GoReportSpec, GoReportStyle, ReportValues, Subject, run_go_report};
use crate::version::DokkuVersion;

/// `cron:report`.
const REPORT: GoReportSpec = GoReportSpec {
    plugin: "cron",
    report_type: "cron",
    style: GoReportStyle::LEGACY,
    json_since: DokkuVersion::new(0, 23, 1),
};

/// `cron:set`.
const SET: PropertySetSpec = PropertySetSpec {
    namespace: "cron",
    keys: &["maintenance"],
    global_keys: &["mailfrom", "mailto", "maintenance"],
    noun: "property",
    verify_app: true,
};

/// Routes `cron:*`.
pub(crate) fn dispatch(inv: &mut Invocation<'_>, sub: &str, args: &[String]) -> Option<Outcome> {
    Some(match sub {
        "report" => run_go_report(inv, &REPORT, args, &report_values),
        "set" => run_property_set(inv, &SET, args),
        _ => return None,
    })
}

/// `cron:report` values.
fn report_values(inv: &Invocation<'_>, subject: Subject<'_>) -> ReportValues {
    let mut values = ReportValues::default();
    add_triplets(
        inv,
        subject,
        "cron",
        "cron",
        &[global_only("mailfrom", ""), global_only("mailto", ""), triplet("maintenance", "false")],
        &mut values,
    );
    if matches!(subject, Subject::App(_)) {
        values.set("--cron-task-count", "0");
    }
    values
}
