//! The `registry` plugin's report.

use crate::invocation::Invocation;
use crate::output::Outcome;
use crate::property_report::{add_triplets, app_property, triplet};
use crate::property_set::{PropertySetSpec, run_property_set};
use crate::report::{GoReportSpec, GoReportStyle, ReportValues, Subject, run_go_report};
use crate::version::DokkuVersion;

/// `registry:report`.
const REPORT: GoReportSpec = GoReportSpec {
    plugin: "registry",
    report_type: "registry",
    style: GoReportStyle::LEGACY,
    json_since: DokkuVersion::new(0, 25, 0),
};

/// `registry:set`.
const SET: PropertySetSpec = PropertySetSpec {
    namespace: "registry",
    keys: &["image-repo", "image-repo-template", "push-extra-tags", "push-on-release", "server"],
    global_keys: &["image-repo-template", "push-extra-tags", "push-on-release", "server"],
    noun: "property",
    verify_app: true,
};

/// Routes `registry:*`.
pub(crate) fn dispatch(inv: &mut Invocation<'_>, sub: &str, args: &[String]) -> Option<Outcome> {
    Some(match sub {
        "report" => run_go_report(inv, &REPORT, args, &report_values),
        "set" => run_property_set(inv, &SET, args),
        _ => return None,
    })
}

/// `registry:report` values.
fn report_values(inv: &Invocation<'_>, subject: Subject<'_>) -> ReportValues {
    let mut values = ReportValues::default();
    add_triplets(
        inv,
        subject,
        "registry",
        "registry",
        &[
            triplet("image-repo-template", ""),
            triplet("push-extra-tags", ""),
            triplet("push-on-release", "false"),
            triplet("server", ""),
        ],
        &mut values,
    );
    if let Subject::App(app) = subject {
        let image_repo = app_property(inv, app, "registry", "image-repo");
        values.set(
            "--registry-computed-image-repo",
            if image_repo.is_empty() { format!("dokku/{app}") } else { image_repo.clone() },
        );
        values.set("--registry-image-repo", image_repo);
        values.set("--registry-tag-version", "");
    }
    values
}
