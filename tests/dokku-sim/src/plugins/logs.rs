//! The `logs` plugin's report.

use crate::invocation::Invocation;
use crate::output::Outcome;
use crate::property_report::{add_triplets, global_only, triplet};
use crate::property_set::{PropertySetSpec, run_property_set};
use crate::report::{GoReportSpec, GoReportStyle, ReportValues, Subject, run_go_report};
use crate::version::DokkuVersion;

/// `logs:report`.
const REPORT: GoReportSpec = GoReportSpec {
    plugin: "logs",
    report_type: "logs",
    style: GoReportStyle::LEGACY,
    json_since: DokkuVersion::new(0, 23, 1),
};

/// `logs:set`.
const SET: PropertySetSpec = PropertySetSpec {
    namespace: "logs",
    keys: &["app-label-alias", "max-size", "vector-cron-sink", "vector-sink"],
    global_keys: &[
        "app-label-alias",
        "max-size",
        "vector-cron-sink",
        "vector-image",
        "vector-networks",
        "vector-sink",
    ],
    noun: "property",
    verify_app: true,
};

/// Routes `logs:*`.
pub(crate) fn dispatch(inv: &mut Invocation<'_>, sub: &str, args: &[String]) -> Option<Outcome> {
    Some(match sub {
        "report" => run_go_report(inv, &REPORT, args, &report_values),
        "set" => run_property_set(inv, &SET, args),
        _ => return None,
    })
}

/// `logs:report` values.
fn report_values(inv: &Invocation<'_>, subject: Subject<'_>) -> ReportValues {
    let mut values = ReportValues::default();
    add_triplets(
        inv,
        subject,
        "logs",
        "logs",
        &[
            triplet("app-label-alias", "com.dokku.app-name"),
            triplet("max-size", "10m"),
            triplet("vector-cron-sink", ""),
            global_only("vector-image", "timberio/vector:0.57.0-debian"),
            global_only("vector-networks", ""),
            triplet("vector-sink", ""),
        ],
        &mut values,
    );
    values
}
