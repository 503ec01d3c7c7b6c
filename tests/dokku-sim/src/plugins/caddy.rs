//! The `caddy` plugin (plugins/caddy-vhosts): Go report, bash `caddy:set`, proxy labels.

use super::proxy_properties::{ProxyProperty, add_proxy_properties, global_only, log_level, per_app};
use crate::command_property_set::{BashAppCheck, BashKeys, bash_property_set, bash_set_args};
use crate::invocation::Invocation;
use crate::legacy_report::{
    LegacyLayout, Renderer, app_or, from, global_or, global_or_image, run_versioned_report,
};
use crate::output::Outcome;
use crate::report::{GoReportSpec, GoReportStyle, ReportValues, Subject};
use crate::version::DokkuVersion;

/// `caddy:report` (bash reports took `--format json` from 0.38.0; Go since 0.38.22).
const REPORT: GoReportSpec = GoReportSpec {
    plugin: "caddy",
    report_type: "caddy",
    style: GoReportStyle::PORTED,
    json_since: DokkuVersion::new(0, 38, 0),
};

/// plugins/caddy-vhosts/Dockerfile's `FROM` by version, before 0.33.8 the default in its
/// `internal-functions` (what an unset image printed).
const IMAGES: &[(DokkuVersion, &str)] = &[
    (DokkuVersion::new(0, 30, 0), "lucaslorentz/caddy-docker-proxy:2.7"),
    (DokkuVersion::new(0, 31, 0), "lucaslorentz/caddy-docker-proxy:2.8"),
    (DokkuVersion::new(0, 34, 5), "lucaslorentz/caddy-docker-proxy:2.9"),
    (DokkuVersion::new(0, 36, 0), "lucaslorentz/caddy-docker-proxy:2.10"),
    (DokkuVersion::new(0, 37, 7), "lucaslorentz/caddy-docker-proxy:2.11"),
    (DokkuVersion::new(0, 37, 8), "lucaslorentz/caddy-docker-proxy:2.12"),
];

/// `caddy:report` before the Go port: bash `cmd-caddy-report-single` (plugins/caddy-vhosts/
/// command-functions v0.33.0 to v0.37.10): the global-only values under their bare keys, with
/// their defaults.
const LEGACY: &[LegacyLayout] = &[LegacyLayout {
    until: DokkuVersion::new(0, 38, 0),
    renderer: Renderer::Bash { noun: "caddy", global_scope: false, empty_info_fails: false },
    fields: &[
        global_or_image("--caddy-image", IMAGES),
        global_or("--caddy-letsencrypt-email", "letsencrypt-email", ""),
        global_or(
            "--caddy-letsencrypt-server",
            "letsencrypt-server",
            "https://acme-v02.api.letsencrypt.org/directory",
        ),
        from("--caddy-log-level", "--caddy-computed-log-level"),
        global_or("--caddy-polling-interval", "polling-interval", "5s"),
        app_or("--caddy-tls-internal", "tls-internal", "false"),
    ],
    namespace: "caddy",
}];

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
        "report" => run_versioned_report(inv, &REPORT, LEGACY, args, &report_values),
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
