//! The `scheduler-docker-local` plugin's report.

use crate::command_property_set::{BashAppCheck, BashKeys, bash_property_set, bash_set_args};
use crate::invocation::Invocation;
use crate::output::Outcome;
use crate::property_report::{add_triplets, triplet};
use crate::report::{GoReportSpec, GoReportStyle, ReportValues, Subject, run_go_report};
use crate::version::DokkuVersion;

/// `scheduler-docker-local:report`.
const REPORT: GoReportSpec = GoReportSpec {
    plugin: "scheduler-docker-local",
    report_type: "scheduler-docker-local",
    style: GoReportStyle::PORTED,
    json_since: DokkuVersion::new(0, 38, 0),
};

/// subcommands/set: the app is verified first, both keys are settable per app and globally.
const KEYS: BashKeys = BashKeys {
    namespace: "scheduler-docker-local",
    valid: &["init-process", "parallel-schedule-count"],
    global: &["init-process", "parallel-schedule-count"],
    global_only: &[],
    listed: "init-process, parallel-schedule-count",
    global_prefix: None,
    app_check: BashAppCheck::First,
};

/// Routes `scheduler-docker-local:*`.
pub(crate) fn dispatch(inv: &mut Invocation<'_>, sub: &str, args: &[String]) -> Option<Outcome> {
    Some(match sub {
        "report" => run_go_report(inv, &REPORT, args, &report_values),
        "set" => bash_property_set(inv, &KEYS, &bash_set_args(args)),
        _ => return None,
    })
}

/// `scheduler-docker-local:report` values.
fn report_values(inv: &Invocation<'_>, subject: Subject<'_>) -> ReportValues {
    let mut values = ReportValues::default();
    add_triplets(
        inv,
        subject,
        "scheduler-docker-local",
        "scheduler-docker-local",
        &[triplet("init-process", "true"), triplet("parallel-schedule-count", "1")],
        &mut values,
    );
    values
}
