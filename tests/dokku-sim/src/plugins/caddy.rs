//! The `caddy` plugin (plugins/caddy-vhosts): Go report, bash `caddy:set`, proxy labels.

use super::proxy_properties::{ProxyProperty, add_proxy_properties, global_only, log_level, per_app};
use crate::command_property_set::{BashAppCheck, BashKeys, bash_property_set, bash_set_args};
use crate::invocation::Invocation;
use crate::output::Outcome;
use crate::report::{GoReportSpec, GoReportStyle, ReportValues, Subject, run_go_report};
use crate::version::DokkuVersion;

/// `caddy:report` (bash reports took `--format json` from 0.38.0; Go since 0.38.22).
const REPORT: GoReportSpec = GoReportSpec {
    plugin: "caddy",
    report_type: "caddy",
    style: GoReportStyle::PORTED,
    json_since: DokkuVersion::new(0, 38, 0),
};

/// report.go's flags; the image default is the `FROM` of plugins/caddy-vhosts/Dockerfile
/// (`dockerfileFromImage`).
const PROPERTIES: &[ProxyProperty] = &[
    global_only("image", "lucaslorentz/caddy-docker-proxy:2.13"),
    global_only("letsencrypt-email", ""),
    global_only("letsencrypt-server", "https://acme-v02.api.letsencrypt.org/directory"),
    log_level(),
    global_only("polling-interval", "5s"),
    per_app("tls-internal", "false"),
];

/// subcommands/set's key arrays.
const KEYS: BashKeys = BashKeys {
    namespace: "caddy",
    valid: &[
        "image",
        "letsencrypt-email",
        "letsencrypt-server",
        "log-level",
        "polling-interval",
        "tls-internal",
    ],
    global: &[
        "image",
        "letsencrypt-email",
        "letsencrypt-server",
        "log-level",
        "polling-interval",
        "tls-internal",
    ],
    global_only: &["image", "letsencrypt-email", "letsencrypt-server", "log-level", "polling-interval"],
    listed: "image letsencrypt-email letsencrypt-server log-level polling-interval tls-internal",
    global_prefix: None,
    app_check: BashAppCheck::OutsideGlobalKeys,
};

/// Routes `caddy:*`.
pub(crate) fn dispatch(inv: &mut Invocation<'_>, sub: &str, args: &[String]) -> Option<Outcome> {
    Some(match sub {
        "report" => run_go_report(inv, &REPORT, args, &report_values),
        "set" => bash_property_set(inv, &KEYS, &bash_set_args(args)),
        _ => return super::proxy_labels::dispatch(inv, "caddy", sub, args),
    })
}

/// `caddy:report` values.
fn report_values(inv: &Invocation<'_>, subject: Subject<'_>) -> ReportValues {
    let mut values = ReportValues::default();
    add_proxy_properties(inv, subject, "caddy", PROPERTIES, &mut values);
    values
}
