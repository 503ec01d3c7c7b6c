//! The `haproxy` plugin (plugins/haproxy-vhosts): Go report, bash `haproxy:set`, proxy labels.

use super::proxy_properties::{ProxyProperty, add_proxy_properties, global_only, log_level};
use crate::command_property_set::{BashAppCheck, BashKeys, bash_property_set, bash_set_args};
use crate::invocation::Invocation;
use crate::output::Outcome;
use crate::report::{GoReportSpec, GoReportStyle, ReportValues, Subject, run_go_report};
use crate::version::DokkuVersion;

/// `haproxy:report` (bash reports took `--format json` from 0.38.0; Go since 0.38.22).
const REPORT: GoReportSpec = GoReportSpec {
    plugin: "haproxy",
    report_type: "haproxy",
    style: GoReportStyle::PORTED,
    json_since: DokkuVersion::new(0, 38, 0),
};

/// report.go's flags (every one global); the image default is the `FROM` of
/// plugins/haproxy-vhosts/Dockerfile.
const PROPERTIES: &[ProxyProperty] = &[
    global_only("image", "byjg/easy-haproxy:6.1.1"),
    global_only("letsencrypt-email", ""),
    global_only("letsencrypt-server", "https://acme-v02.api.letsencrypt.org/directory"),
    log_level(),
    global_only("refresh-conf", "10"),
];

/// subcommands/set's key arrays (every key is global only).
const KEYS: BashKeys = BashKeys {
    namespace: "haproxy",
    valid: &["image", "log-level", "letsencrypt-email", "letsencrypt-server", "refresh-conf"],
    global: &["image", "log-level", "letsencrypt-email", "letsencrypt-server", "refresh-conf"],
    global_only: &["image", "log-level", "letsencrypt-email", "letsencrypt-server", "refresh-conf"],
    listed: "image log-level letsencrypt-email letsencrypt-server refresh-conf",
    global_prefix: None,
    app_check: BashAppCheck::OutsideGlobalKeys,
};

/// Routes `haproxy:*`.
pub(crate) fn dispatch(inv: &mut Invocation<'_>, sub: &str, args: &[String]) -> Option<Outcome> {
    Some(match sub {
        "report" => run_go_report(inv, &REPORT, args, &report_values),
        "set" => bash_property_set(inv, &KEYS, &bash_set_args(args)),
        _ => return super::proxy_labels::dispatch(inv, "haproxy", sub, args),
    })
}

/// `haproxy:report` values (the same keys for apps and `--global`).
fn report_values(inv: &Invocation<'_>, subject: Subject<'_>) -> ReportValues {
    let mut values = ReportValues::default();
    add_proxy_properties(inv, subject, "haproxy", PROPERTIES, &mut values);
    values
}
