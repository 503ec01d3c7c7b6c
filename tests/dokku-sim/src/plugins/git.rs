//! The `git` plugin's settings and report (no pushes happen on the simulated server).

use crate::invocation::Invocation;
use crate::output::Outcome;
use crate::property_report::{add_triplets, app_property, global_only, triplet};
use crate::property_set::{PropertySetSpec, run_property_set};
use crate::report::{GoReportSpec, GoReportStyle, ReportValues, Subject, run_go_report};
use crate::version::DokkuVersion;

/// `git:report`.
const REPORT: GoReportSpec = GoReportSpec {
    plugin: "git",
    report_type: "git",
    style: GoReportStyle::PORTED,
    json_since: DokkuVersion::new(0, 38, 0),
};

/// `git:set`.
const SET: PropertySetSpec = PropertySetSpec {
    namespace: "git",
    keys: &[
        "archive-max-files",
        "archive-max-size",
        "deploy-branch",
        "keep-git-dir",
        "rev-env-var",
        "source-image",
    ],
    global_keys: &[
        "archive-max-files",
        "archive-max-size",
        "deploy-branch",
        "keep-git-dir",
        "rev-env-var",
        "source-image",
    ],
    noun: "key",
    verify_app: true,
};

/// Routes `git:*`.
pub(crate) fn dispatch(inv: &mut Invocation<'_>, sub: &str, args: &[String]) -> Option<Outcome> {
    Some(match sub {
        "set" => run_property_set(inv, &SET, args),
        "report" => run_go_report(inv, &REPORT, args, &report_values),
        _ => return None,
    })
}

/// `git:report` values.
fn report_values(inv: &Invocation<'_>, subject: Subject<'_>) -> ReportValues {
    let mut values = ReportValues::default();
    add_triplets(
        inv,
        subject,
        "git",
        "git",
        &[
            global_only("archive-max-files", "10000"),
            global_only("archive-max-size", "1073741824"),
            triplet("deploy-branch", "master"),
            triplet("keep-git-dir", "false"),
        ],
        &mut values,
    );
    if let Subject::App(app) = subject {
        let rev_env_var = app_property(inv, app, "git", "rev-env-var");
        values.set(
            "--git-rev-env-var",
            if rev_env_var.is_empty() { "GIT_REV".to_string() } else { rev_env_var },
        );
        values.set("--git-last-updated-at", "");
        values.set("--git-sha", "HEAD");
        values.set("--git-source-image", app_property(inv, app, "git", "source-image"));
    }
    values
}
