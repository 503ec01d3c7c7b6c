//! The `scheduler-docker-local` plugin's report.

use crate::command_property_set::{BashAppCheck, BashKeys, bash_property_set, bash_set_args};
use crate::invocation::Invocation;
use crate::legacy_report::{LegacyLayout, Renderer, app_or, run_versioned_report};
use crate::output::Outcome;
use crate::property_report::{add_triplets, triplet};
use crate::report::{GoReportSpec, GoReportStyle, ReportValues, Subject};
use crate::version::DokkuVersion;

/// `scheduler-docker-local:report`.
const REPORT: GoReportSpec = GoReportSpec {
    plugin: "scheduler-docker-local",
    report_type: "scheduler-docker-local",
    style: GoReportStyle::PORTED,
    json_since: DokkuVersion::new(0, 38, 0),
};

/// `scheduler-docker-local:report` before the Go port: bash report (plugins/
/// scheduler-docker-local/internal-functions): app values with their defaults only, and
/// `disable-chown` first before v0.34.0.
const LEGACY: &[LegacyLayout] = &[
    LegacyLayout {
        until: DokkuVersion::new(0, 34, 0),
        renderer: Renderer::Bash {
            noun: "scheduler-docker-local",
            global_scope: false,
            empty_info_fails: true,
        },
        fields: &[
            app_or("--scheduler-docker-local-disable-chown", "disable-chown", ""),
            app_or("--scheduler-docker-local-init-process", "init-process", "true"),
            app_or("--scheduler-docker-local-parallel-schedule-count", "parallel-schedule-count", ""),
        ],
        namespace: "scheduler-docker-local",
    },
    LegacyLayout {
        until: DokkuVersion::new(0, 38, 0),
        renderer: Renderer::Bash {
            noun: "scheduler-docker-local",
            global_scope: false,
            empty_info_fails: true,
        },
        fields: &[
            app_or("--scheduler-docker-local-init-process", "init-process", "true"),
            app_or("--scheduler-docker-local-parallel-schedule-count", "parallel-schedule-count", ""),
        ],
        namespace: "scheduler-docker-local",
    },
];

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
        "report" => run_versioned_report(inv, &REPORT, LEGACY, args, &report_values),
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
