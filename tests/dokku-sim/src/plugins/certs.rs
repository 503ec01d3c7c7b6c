//! The `certs` plugin's report (no certificates exist on the simulated server).

use crate::invocation::Invocation;
use crate::output::Outcome;
use crate::report::{GoReportSpec, GoReportStyle, ReportValues, Subject, run_go_report};
use crate::version::DokkuVersion;

/// `certs:report`.
const REPORT: GoReportSpec = GoReportSpec {
    plugin: "certs",
    report_type: "ssl",
    style: GoReportStyle::PORTED,
    json_since: DokkuVersion::new(0, 38, 0),
};

/// Routes `certs:*`.
pub(crate) fn dispatch(inv: &mut Invocation<'_>, sub: &str, args: &[String]) -> Option<Outcome> {
    Some(match sub {
        "report" => run_go_report(inv, &REPORT, args, &report_values),
        _ => return None,
    })
}

/// `certs:report` values.
fn report_values(_inv: &Invocation<'_>, subject: Subject<'_>) -> ReportValues {
    let mut values = ReportValues::default();
    if let Subject::App(app) = subject {
        values.set("--ssl-dir", format!("/home/dokku/{app}/tls"));
        values.set("--ssl-enabled", "false");
        for key in ["expires-at", "hostnames", "issuer", "starts-at", "subject", "verified"] {
            values.set(&format!("--ssl-{key}"), "");
        }
    }
    values
}
