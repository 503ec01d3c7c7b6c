//! The `traefik` plugin (plugins/traefik-vhosts): Go report with masked credentials, bash
//! `traefik:set` (including the global-only `dns-provider-<ENV_VAR>` keys), proxy labels.

use super::proxy_properties::{ProxyProperty, add_proxy_properties, global_only, log_level};
use crate::command_property_set::{BashAppCheck, BashKeys, bash_property_set, bash_set_args};
use crate::invocation::Invocation;
use crate::legacy_report::{
    LegacyLayout, Renderer, app_or, from, global_or, global_or_image, run_versioned_report,
};
use crate::output::Outcome;
use crate::report::{GoReportSpec, GoReportStyle, ReportValues, parse_report_args};
use crate::version::DokkuVersion;

/// `traefik:report` (bash reports took `--format json` from 0.38.0; Go since 0.38.22).
const REPORT: GoReportSpec = GoReportSpec {
    plugin: "traefik",
    report_type: "traefik",
    style: GoReportStyle::PORTED,
    json_since: DokkuVersion::new(0, 38, 0),
};

/// plugins/traefik-vhosts/Dockerfile's `FROM` by version, before 0.33.8 the default in its
/// `internal-functions` (what an unset image printed).
const IMAGES: &[(DokkuVersion, &str)] = &[
    (DokkuVersion::new(0, 30, 0), "traefik:v2.8"),
    (DokkuVersion::new(0, 31, 0), "traefik:v2.10"),
    (DokkuVersion::new(0, 33, 8), "traefik:2.11.0"),
    (DokkuVersion::new(0, 34, 5), "traefik:2.11.2"),
    (DokkuVersion::new(0, 35, 0), "traefik:3.1.2"),
    (DokkuVersion::new(0, 35, 3), "traefik:3.1.4"),
    (DokkuVersion::new(0, 35, 5), "traefik:3.1.5"),
    (DokkuVersion::new(0, 35, 6), "traefik:3.1.6"),
    (DokkuVersion::new(0, 35, 9), "traefik:3.2.0"),
    (DokkuVersion::new(0, 35, 12), "traefik:3.2.1"),
    (DokkuVersion::new(0, 35, 13), "traefik:3.2.2"),
    (DokkuVersion::new(0, 35, 14), "traefik:3.3.0"),
    (DokkuVersion::new(0, 35, 15), "traefik:3.3.1"),
    (DokkuVersion::new(0, 35, 16), "traefik:3.3.4"),
    (DokkuVersion::new(0, 35, 17), "traefik:3.3.5"),
    (DokkuVersion::new(0, 35, 19), "traefik:3.4.0"),
    (DokkuVersion::new(0, 35, 20), "traefik:3.4.1"),
    (DokkuVersion::new(0, 36, 0), "traefik:3.4.4"),
    (DokkuVersion::new(0, 36, 1), "traefik:3.5.0"),
    (DokkuVersion::new(0, 36, 4), "traefik:3.5.1"),
    (DokkuVersion::new(0, 36, 7), "traefik:3.5.2"),
    (DokkuVersion::new(0, 36, 8), "traefik:3.5.3"),
    (DokkuVersion::new(0, 36, 11), "traefik:3.5.4"),
    (DokkuVersion::new(0, 37, 0), "traefik:3.6.1"),
    (DokkuVersion::new(0, 37, 1), "traefik:3.6.2"),
    (DokkuVersion::new(0, 37, 3), "traefik:3.6.5"),
    (DokkuVersion::new(0, 37, 4), "traefik:3.6.6"),
];

/// `traefik:report` before 0.37.5 (when the bash report learnt JSON and masking): bash
/// `cmd-traefik-report-single` (plugins/traefik-vhosts/command-functions), every value global
/// with its default under the bare key, the password unmasked; `priority` (per app) until
/// v0.34.0, the entry points from v0.34.5.
const LEGACY: &[LegacyLayout] = &[
    LegacyLayout {
        until: DokkuVersion::new(0, 34, 0),
        renderer: Renderer::Bash { noun: "traefik", global_scope: false, empty_info_fails: false },
        fields: &[
            global_or("--traefik-api-enabled", "api-enabled", "false"),
            global_or("--traefik-api-vhost", "api-vhost", "traefik.dokku.me"),
            global_or("--traefik-basic-auth-password", "basic-auth-password", ""),
            global_or("--traefik-basic-auth-username", "basic-auth-username", ""),
            global_or("--traefik-dashboard-enabled", "dashboard-enabled", "false"),
            global_or_image("--traefik-image", IMAGES),
            global_or("--traefik-letsencrypt-email", "letsencrypt-email", ""),
            global_or(
                "--traefik-letsencrypt-server",
                "letsencrypt-server",
                "https://acme-v02.api.letsencrypt.org/directory",
            ),
            from("--traefik-log-level", "--traefik-computed-log-level"),
            app_or("--traefik-priority", "priority", ""),
        ],
        namespace: "traefik",
    },
    LegacyLayout {
        until: DokkuVersion::new(0, 34, 5),
        renderer: Renderer::Bash { noun: "traefik", global_scope: false, empty_info_fails: false },
        fields: &[
            global_or("--traefik-api-enabled", "api-enabled", "false"),
            global_or("--traefik-api-vhost", "api-vhost", "traefik.dokku.me"),
            global_or("--traefik-basic-auth-password", "basic-auth-password", ""),
            global_or("--traefik-basic-auth-username", "basic-auth-username", ""),
            global_or("--traefik-dashboard-enabled", "dashboard-enabled", "false"),
            global_or_image("--traefik-image", IMAGES),
            global_or("--traefik-letsencrypt-email", "letsencrypt-email", ""),
            global_or(
                "--traefik-letsencrypt-server",
                "letsencrypt-server",
                "https://acme-v02.api.letsencrypt.org/directory",
            ),
            from("--traefik-log-level", "--traefik-computed-log-level"),
        ],
        namespace: "traefik",
    },
    LegacyLayout {
        until: DokkuVersion::new(0, 37, 5),
        renderer: Renderer::Bash { noun: "traefik", global_scope: false, empty_info_fails: false },
        fields: &[
            global_or("--traefik-api-enabled", "api-enabled", "false"),
            global_or("--traefik-api-vhost", "api-vhost", "traefik.dokku.me"),
            global_or("--traefik-basic-auth-password", "basic-auth-password", ""),
            global_or("--traefik-basic-auth-username", "basic-auth-username", ""),
            global_or("--traefik-dashboard-enabled", "dashboard-enabled", "false"),
            global_or_image("--traefik-image", IMAGES),
            global_or("--traefik-letsencrypt-email", "letsencrypt-email", ""),
            global_or(
                "--traefik-letsencrypt-server",
                "letsencrypt-server",
                "https://acme-v02.api.letsencrypt.org/directory",
            ),
            from("--traefik-log-level", "--traefik-computed-log-level"),
            global_or("--traefik-http-entry-point", "http-entry-point", "http"),
            global_or("--traefik-https-entry-point", "https-entry-point", "https"),
        ],
        namespace: "traefik",
    },
];

/// report.go's flags (every one global); the image default is the `FROM` of
/// plugins/traefik-vhosts/Dockerfile.
const PROPERTIES: &[ProxyProperty] = &[
    global_only("api-enabled", "false"),
    global_only("api-entry-point", ""),
    global_only("api-entry-point-address", ""),
    global_only("api-vhost", "traefik.dokku.me"),
    global_only("basic-auth-password", ""),
    global_only("basic-auth-username", ""),
    global_only("challenge-mode", "tls"),
    global_only("dashboard-enabled", "false"),
    global_only("dns-provider", ""),
    global_only("http-entry-point", "http"),
    global_only("https-entry-point", "https"),
    global_only("image", "traefik:v3.7.10"),
    global_only("letsencrypt-email", ""),
    global_only("letsencrypt-server", "https://acme-v02.api.letsencrypt.org/directory"),
    log_level(),
];

/// subcommands/set's key arrays: every key is global only, and so are `dns-provider-*` keys.
const KEYS: BashKeys = BashKeys {
    namespace: "traefik",
    valid: VALID_KEYS,
    global: VALID_KEYS,
    global_only: VALID_KEYS,
    listed: "api-enabled api-entry-point api-entry-point-address api-vhost challenge-mode dashboard-enabled basic-auth-username basic-auth-password dns-provider dns-provider-<ENV_VAR> image letsencrypt-email letsencrypt-server log-level http-entry-point https-entry-point",
    global_prefix: Some("dns-provider-"),
    app_check: BashAppCheck::OutsideGlobalKeys,
};

/// subcommands/set `VALID_KEYS` (`GLOBAL_KEYS` and `GLOBAL_ONLY_KEYS` hold the same keys).
const VALID_KEYS: &[&str] = &[
    "api-enabled",
    "api-entry-point",
    "api-entry-point-address",
    "api-vhost",
    "challenge-mode",
    "dashboard-enabled",
    "basic-auth-username",
    "basic-auth-password",
    "dns-provider",
    "image",
    "letsencrypt-email",
    "letsencrypt-server",
    "log-level",
    "http-entry-point",
    "https-entry-point",
];

/// report.go `valueMask`.
const VALUE_MASK: &str = "*******";

/// Routes `traefik:*`.
pub(crate) fn dispatch(inv: &mut Invocation<'_>, sub: &str, args: &[String]) -> Option<Outcome> {
    Some(match sub {
        "report" => report(inv, args),
        "set" => bash_property_set(inv, &KEYS, &bash_set_args(args)),
        _ => return super::proxy_labels::dispatch(inv, "traefik", sub, args),
    })
}

/// `traefik:report`: credentials (`basic-auth-password`, `dns-provider-*`) show as
/// `*******` unless the report is JSON or that very flag was asked for (`maskedReportFunc`).
fn report(inv: &mut Invocation<'_>, args: &[String]) -> Outcome {
    let parsed = parse_report_args(args).unwrap_or_default();
    let json = parsed.format.as_deref() == Some("json");
    let info_flag = parsed.info_flag.unwrap_or_default();
    run_versioned_report(inv, &REPORT, LEGACY, args, &|inv, subject| {
        let mut values = ReportValues::default();
        add_proxy_properties(inv, subject, "traefik", PROPERTIES, &mut values);
        // dnsProviderReportFlags: every global `dns-provider-*` property.
        let dns_provider_variables: Vec<(String, String)> = inv
            .state
            .global_properties
            .get("traefik")
            .map(|properties| {
                properties
                    .iter()
                    .filter(|(key, _)| key.starts_with("dns-provider-"))
                    .map(|(key, value)| (key.clone(), value.clone()))
                    .collect()
            })
            .unwrap_or_default();
        for (key, value) in dns_provider_variables {
            values.set(&format!("--traefik-global-{key}"), value);
        }
        let masked: Vec<String> = values
            .flags
            .keys()
            .filter(|flag| {
                flag.ends_with("-basic-auth-password") || flag.starts_with("--traefik-global-dns-provider-")
            })
            .cloned()
            .collect();
        for flag in masked {
            if json || info_flag == flag {
                continue;
            }
            if let Some(value) = values.flags.get_mut(&flag)
                && !value.is_empty()
            {
                VALUE_MASK.clone_into(value);
            }
        }
        values
    })
}
