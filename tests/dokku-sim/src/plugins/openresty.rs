//! The `openresty` plugin (plugins/openresty-vhosts): Go report, bash `openresty:set`, proxy
//! labels.

use base64::Engine;

use super::proxy_properties::{ProxyProperty, add_proxy_properties, global_only, log_level, per_app};
use crate::command_property_set::{BashAppCheck, BashKeys, bash_property_set, bash_set_args};
use crate::invocation::Invocation;
use crate::legacy_report::{
    Field, LegacyLayout, Renderer, app_or, app_or_log, from, global_or, global_or_image,
    run_versioned_report, same,
};
use crate::output::Outcome;
use crate::report::{GoReportSpec, GoReportStyle, ReportValues, Subject};
use crate::version::DokkuVersion;

/// `openresty:report` (bash reports took `--format json` from 0.38.0; Go since 0.38.22).
const REPORT: GoReportSpec = GoReportSpec {
    plugin: "openresty",
    report_type: "openresty",
    style: GoReportStyle::PORTED,
    json_since: DokkuVersion::new(0, 38, 0),
};

/// plugins/openresty-vhosts/Dockerfile's `FROM` by version, before 0.33.8 the default in its
/// `internal-functions` (what an unset image printed).
const IMAGES: &[(DokkuVersion, &str)] = &[
    (DokkuVersion::new(0, 31, 0), "dokku/openresty-docker-proxy:0.5.6"),
    (DokkuVersion::new(0, 33, 0), "dokku/openresty-docker-proxy:0.6.0"),
    (DokkuVersion::new(0, 33, 8), "dokku/openresty-docker-proxy:0.7.0"),
    (DokkuVersion::new(0, 34, 5), "dokku/openresty-docker-proxy:0.8.0"),
    (DokkuVersion::new(0, 35, 0), "dokku/openresty-docker-proxy:0.9.0"),
    (DokkuVersion::new(0, 35, 3), "dokku/openresty-docker-proxy:0.9.1"),
    (DokkuVersion::new(0, 35, 16), "dokku/openresty-docker-proxy:0.9.3"),
];

/// openresty-vhosts/command-functions `cmd-openresty-report-single` at v0.33.9: per-app values
/// with their defaults (`fn-plugin-property-get-default "openresty" "$APP" ...`; a 4 KiB page).
const FIELDS_V0_33: &[Field] = &[
    app_or("--openresty-access-log-format", "access-log-format", ""),
    app_or_log("--openresty-access-log-path", "access-log-path", "access"),
    from(
        "--openresty-allowed-letsencrypt-domains-func-base64",
        "--openresty-computed-allowed-letsencrypt-domains-func-base64",
    ),
    app_or("--openresty-bind-address-ipv4", "bind-address-ipv4", ""),
    app_or("--openresty-bind-address-ipv6", "bind-address-ipv6", "::"),
    app_or("--openresty-client-max-body-size", "client-max-body-size", ""),
    app_or_log("--openresty-error-log-path", "error-log-path", "error"),
    global_or("--openresty-global-hsts", "hsts", "true"),
    same("--openresty-computed-hsts"),
    same("--openresty-hsts"),
    app_or("--openresty-hsts-include-subdomains", "hsts-include-subdomains", "true"),
    app_or("--openresty-hsts-max-age", "hsts-max-age", "15724800"),
    app_or("--openresty-hsts-preload", "hsts-preload", "false"),
    global_or_image("--openresty-image", IMAGES),
    global_or("--openresty-letsencrypt-email", "letsencrypt-email", ""),
    global_or(
        "--openresty-letsencrypt-server",
        "letsencrypt-server",
        "https://acme-v02.api.letsencrypt.org/directory",
    ),
    app_or("--openresty-proxy-buffer-size", "proxy-buffer-size", "4k"),
    app_or("--openresty-proxy-buffering", "proxy-buffering", "on"),
    app_or("--openresty-proxy-buffers", "proxy-buffers", "8 4k"),
    app_or("--openresty-proxy-busy-buffers-size", "proxy-busy-buffers-size", "8k"),
    app_or("--openresty-proxy-read-timeout", "proxy-read-timeout", "60s"),
    app_or("--openresty-underscore-in-headers", "underscore-in-headers", "off"),
    app_or("--openresty-x-forwarded-for-value", "x-forwarded-for-value", "$remote_addr"),
    app_or("--openresty-x-forwarded-port-value", "x-forwarded-port-value", "$server_port"),
    app_or("--openresty-x-forwarded-proto-value", "x-forwarded-proto-value", "$scheme"),
    app_or("--openresty-x-forwarded-ssl", "x-forwarded-ssl", ""),
];

/// openresty-vhosts/command-functions `cmd-openresty-report-single` at v0.35.20: per-app values
/// with their defaults (`fn-plugin-property-get-default "openresty" "$APP" ...`; a 4 KiB page).
const FIELDS_V0_35: &[Field] = &[
    app_or("--openresty-access-log-format", "access-log-format", ""),
    app_or_log("--openresty-access-log-path", "access-log-path", "access"),
    from(
        "--openresty-allowed-letsencrypt-domains-func-base64",
        "--openresty-computed-allowed-letsencrypt-domains-func-base64",
    ),
    app_or("--openresty-bind-address-ipv4", "bind-address-ipv4", ""),
    app_or("--openresty-bind-address-ipv6", "bind-address-ipv6", "::"),
    app_or("--openresty-client-body-timeout", "client-body-timeout", "60s"),
    // v0.35.20's `fn-openresty-client-header-timeout` reads the client-body-timeout property.
    app_or("--openresty-client-header-timeout", "client-body-timeout", "60s"),
    app_or("--openresty-client-max-body-size", "client-max-body-size", ""),
    app_or_log("--openresty-error-log-path", "error-log-path", "error"),
    global_or("--openresty-global-hsts", "hsts", "true"),
    same("--openresty-computed-hsts"),
    same("--openresty-hsts"),
    app_or("--openresty-hsts-include-subdomains", "hsts-include-subdomains", "true"),
    app_or("--openresty-hsts-max-age", "hsts-max-age", "15724800"),
    app_or("--openresty-hsts-preload", "hsts-preload", "false"),
    global_or_image("--openresty-image", IMAGES),
    app_or("--openresty-keepalive-timeout", "keepalive-timeout", "75s"),
    global_or("--openresty-letsencrypt-email", "letsencrypt-email", ""),
    global_or(
        "--openresty-letsencrypt-server",
        "letsencrypt-server",
        "https://acme-v02.api.letsencrypt.org/directory",
    ),
    app_or("--openresty-lingering-timeout", "lingering-timeout", "5s"),
    app_or("--openresty-proxy-buffer-size", "proxy-buffer-size", "4k"),
    app_or("--openresty-proxy-buffering", "proxy-buffering", "on"),
    app_or("--openresty-proxy-buffers", "proxy-buffers", "8 4k"),
    app_or("--openresty-proxy-busy-buffers-size", "proxy-busy-buffers-size", "8k"),
    app_or("--openresty-proxy-connect-timeout", "proxy-connect-timeout", "60s"),
    app_or("--openresty-proxy-read-timeout", "proxy-read-timeout", "60s"),
    app_or("--openresty-proxy-send-timeout", "proxy-send-timeout", "60s"),
    app_or("--openresty-send-timeout", "send-timeout", "60s"),
    app_or("--openresty-underscore-in-headers", "underscore-in-headers", "off"),
    app_or("--openresty-x-forwarded-for-value", "x-forwarded-for-value", "$remote_addr"),
    app_or("--openresty-x-forwarded-port-value", "x-forwarded-port-value", "$server_port"),
    app_or("--openresty-x-forwarded-proto-value", "x-forwarded-proto-value", "$scheme"),
    app_or("--openresty-x-forwarded-ssl", "x-forwarded-ssl", ""),
];

/// `openresty:report` before the Go port: bash `cmd-openresty-report-single` (plugins/
/// openresty-vhosts/command-functions): each value with its default (app ones per app, global
/// ones under bare keys), only `hsts` as a triplet. Fields from v0.33.8.
const LEGACY: &[LegacyLayout] = &[
    LegacyLayout {
        until: DokkuVersion::new(0, 35, 6),
        renderer: Renderer::Bash { noun: "openresty", global_scope: false, empty_info_fails: false },
        fields: FIELDS_V0_33,
        namespace: "openresty",
    },
    LegacyLayout {
        until: DokkuVersion::new(0, 38, 0),
        renderer: Renderer::Bash { noun: "openresty", global_scope: false, empty_info_fails: false },
        fields: FIELDS_V0_35,
        namespace: "openresty",
    },
];

/// report.go `openrestyProps()` on a host with 4 KiB pages (the buffer defaults derive from
/// `os.Getpagesize()`), plus `hsts` (`openrestyHstsIsEnabled`: app, then global, then
/// `true`). The image default is the `FROM` of plugins/openresty-vhosts/Dockerfile.
const PROPERTIES: &[ProxyProperty] = &[
    per_app("access-log-format", ""),
    per_app("access-log-path", "/var/log/nginx/{app}-access.log"),
    per_app("bind-address-ipv4", ""),
    per_app("bind-address-ipv6", "::"),
    per_app("client-body-timeout", "60s"),
    per_app("client-header-timeout", "60s"),
    per_app("client-max-body-size", "1m"),
    per_app("error-log-path", "/var/log/nginx/{app}-error.log"),
    per_app("hsts", "true"),
    per_app("hsts-include-subdomains", "true"),
    per_app("hsts-max-age", "15724800"),
    per_app("hsts-preload", "false"),
    global_only("image", "dokku/openresty-docker-proxy:0.12.1"),
    per_app("keepalive-timeout", "75s"),
    global_only("letsencrypt-email", ""),
    global_only("letsencrypt-server", "https://acme-v02.api.letsencrypt.org/directory"),
    per_app("lingering-timeout", "5s"),
    ProxyProperty { uppercase: false, ..log_level() },
    per_app("proxy-buffer-size", "4k"),
    per_app("proxy-buffering", "on"),
    per_app("proxy-buffers", "8 4k"),
    per_app("proxy-busy-buffers-size", "8k"),
    per_app("proxy-connect-timeout", "60s"),
    per_app("proxy-read-timeout", "60s"),
    per_app("proxy-send-timeout", "60s"),
    per_app("send-timeout", "60s"),
    per_app("underscore-in-headers", "off"),
    per_app("x-forwarded-for-value", "$remote_addr"),
    per_app("x-forwarded-port-value", "$server_port"),
    per_app("x-forwarded-proto-value", "$scheme"),
    per_app("x-forwarded-ssl", ""),
];

/// subcommands/set's key arrays and its hand-written key list (which names
/// `proxy-connect-timeout` twice and leaves out the buffer keys it accepts).
const KEYS: BashKeys = BashKeys {
    namespace: "openresty",
    valid: VALID_KEYS,
    global: VALID_KEYS,
    global_only: &[
        "allowed-letsencrypt-domains-func-base64",
        "image",
        "log-level",
        "letsencrypt-email",
        "letsencrypt-server",
    ],
    listed: "access-log-format, access-log-path, allowed-letsencrypt-domains-func-base64, bind-address-ipv4, bind-address-ipv6, client-body-timeout, client-header-timeout, client-max-body-size, error-log-path, hsts, hsts-include-subdomains, hsts-preload, hsts-max-age, image, keepalive-timeout, log-level, letsencrypt-email, letsencrypt-server, lingering-timeout, proxy-connect-timeout, proxy-connect-timeout, proxy-read-timeout, proxy-send-timeout, send-timeout, underscore-in-headers, x-forwarded-for-value, x-forwarded-port-value, x-forwarded-proto-value, x-forwarded-ssl",
    global_prefix: None,
    app_check: BashAppCheck::OutsideGlobalKeys,
};

/// subcommands/set `VALID_KEYS` (`GLOBAL_KEYS` is the same array).
const VALID_KEYS: &[&str] = &[
    "access-log-format",
    "access-log-path",
    "allowed-letsencrypt-domains-func-base64",
    "bind-address-ipv4",
    "bind-address-ipv6",
    "client-body-timeout",
    "client-header-timeout",
    "client-max-body-size",
    "error-log-path",
    "hsts",
    "hsts-include-subdomains",
    "hsts-preload",
    "hsts-max-age",
    "image",
    "keepalive-timeout",
    "log-level",
    "letsencrypt-email",
    "letsencrypt-server",
    "lingering-timeout",
    "proxy-buffer-size",
    "proxy-buffering",
    "proxy-buffers",
    "proxy-busy-buffers-size",
    "proxy-connect-timeout",
    "proxy-read-timeout",
    "send-timeout",
    "proxy-send-timeout",
    "underscore-in-headers",
    "x-forwarded-for-value",
    "x-forwarded-port-value",
    "x-forwarded-proto-value",
    "x-forwarded-ssl",
];

/// Routes `openresty:*`.
pub(crate) fn dispatch(inv: &mut Invocation<'_>, sub: &str, args: &[String]) -> Option<Outcome> {
    Some(match sub {
        "report" => run_versioned_report(inv, &REPORT, LEGACY, args, &report_values),
        "set" => bash_property_set(inv, &KEYS, &bash_set_args(args)),
        _ => return super::proxy_labels::dispatch(inv, "openresty", sub, args),
    })
}

/// `openresty:report` values; `allowed-letsencrypt-domains-func-base64` is global only and
/// computed as the base64 of the global value, `return true` when unset.
fn report_values(inv: &Invocation<'_>, subject: Subject<'_>) -> ReportValues {
    let mut values = ReportValues::default();
    add_proxy_properties(inv, subject, "openresty", PROPERTIES, &mut values);
    let key = "allowed-letsencrypt-domains-func-base64";
    let global = inv.state.global_property("openresty", key);
    let function = if global.is_empty() { "return true".to_owned() } else { global.clone() };
    values.set(&format!("--openresty-global-{key}"), global);
    values.set(
        &format!("--openresty-computed-{key}"),
        base64::engine::general_purpose::STANDARD.encode(function),
    );
    values
}
