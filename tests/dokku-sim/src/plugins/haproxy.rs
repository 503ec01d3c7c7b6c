//! The `haproxy` plugin (plugins/haproxy-vhosts): Go report, bash `haproxy:set`, proxy labels.

use super::proxy_properties::{ProxyProperty, add_proxy_properties, global_only, log_level};
use crate::command_property_set::{BashAppCheck, BashKeys, bash_property_set, bash_set_args};
use crate::invocation::Invocation;
use crate::legacy_report::{LegacyLayout, Renderer, from, global_or, global_or_image, run_versioned_report};
use crate::output::Outcome;
use crate::report::{GoReportSpec, GoReportStyle, ReportValues, Subject};
use crate::version::DokkuVersion;

/// `haproxy:report` (bash reports took `--format json` from 0.38.0; Go since 0.38.22).
const REPORT: GoReportSpec = GoReportSpec {
    plugin: "haproxy",
    report_type: "haproxy",
    style: GoReportStyle::PORTED,
    json_since: DokkuVersion::new(0, 38, 0),
};

/// plugins/haproxy-vhosts/Dockerfile's `FROM` by version, before 0.33.8 the default in its
/// `internal-functions` (what an unset image printed).
const IMAGES: &[(DokkuVersion, &str)] = &[
    (DokkuVersion::new(0, 30, 0), "byjg/easy-haproxy:4.3.0"),
    (DokkuVersion::new(0, 33, 8), "byjg/easy-haproxy:4.4.0"),
    (DokkuVersion::new(0, 35, 19), "byjg/easy-haproxy:4.5.0"),
    (DokkuVersion::new(0, 36, 4), "byjg/easy-haproxy:4.6.0"),
    (DokkuVersion::new(0, 37, 2), "byjg/easy-haproxy:5.0.0"),
    (DokkuVersion::new(0, 37, 7), "byjg/easy-haproxy:6.0.1"),
];

/// `haproxy:report` before the Go port: bash `cmd-haproxy-report-single` (plugins/
/// haproxy-vhosts/command-functions v0.33.0 to v0.37.10): four global values under bare keys.
const LEGACY: &[LegacyLayout] = &[LegacyLayout {
    until: DokkuVersion::new(0, 38, 0),
    renderer: Renderer::Bash { noun: "haproxy", global_scope: false, empty_info_fails: false },
    fields: &[
        global_or_image("--haproxy-image", IMAGES),
        global_or("--haproxy-letsencrypt-email", "letsencrypt-email", ""),
        global_or(
            "--haproxy-letsencrypt-server",
            "letsencrypt-server",
            "https://acme-v02.api.letsencrypt.org/directory",
        ),
        from("--haproxy-log-level", "--haproxy-computed-log-level"),
    ],
    namespace: "haproxy",
}];

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
        "report" => run_versioned_report(inv, &REPORT, LEGACY, args, &report_values),
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
