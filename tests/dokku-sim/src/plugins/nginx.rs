//! The `nginx` (nginx-vhosts) plugin's settings, report and `show-config`.

use super::{first_arg, verify_app_bash};
use crate::invocation::Invocation;
use crate::legacy_report::{
    Field, LegacyLayout, Renderer, from, global_or, global_or_log, run_versioned_report, same,
};
use crate::output::Outcome;
use crate::property_report::app_property;
use crate::property_set::{PropertySetSpec, run_property_set};
use crate::report::{GoReportSpec, GoReportStyle, ReportValues, Subject};
use crate::version::DokkuVersion;

/// `nginx:report`.
const REPORT: GoReportSpec = GoReportSpec {
    plugin: "nginx",
    report_type: "nginx",
    style: GoReportStyle::PORTED,
    json_since: DokkuVersion::new(0, 38, 0),
};

/// nginx-vhosts/command-functions `cmd-nginx-report-single` at v0.33.9.
const FIELDS_V0_33: &[Field] = &[
    same("--nginx-access-log-format"),
    same("--nginx-computed-access-log-format"),
    global_or("--nginx-global-access-log-format", "access-log-format", ""),
    same("--nginx-access-log-path"),
    same("--nginx-computed-access-log-path"),
    global_or_log("--nginx-global-access-log-path", "access-log-path", "access"),
    same("--nginx-bind-address-ipv4"),
    same("--nginx-computed-bind-address-ipv4"),
    global_or("--nginx-global-bind-address-ipv4", "bind-address-ipv4", ""),
    same("--nginx-bind-address-ipv6"),
    same("--nginx-computed-bind-address-ipv6"),
    global_or("--nginx-global-bind-address-ipv6", "bind-address-ipv6", "::"),
    same("--nginx-client-max-body-size"),
    same("--nginx-computed-client-max-body-size"),
    global_or("--nginx-global-client-max-body-size", "client-max-body-size", "1m"),
    same("--nginx-disable-custom-config"),
    same("--nginx-computed-disable-custom-config"),
    global_or("--nginx-global-disable-custom-config", "disable-custom-config", "false"),
    same("--nginx-error-log-path"),
    same("--nginx-computed-error-log-path"),
    global_or_log("--nginx-global-error-log-path", "error-log-path", "error"),
    same("--nginx-hsts-include-subdomains"),
    same("--nginx-computed-hsts-include-subdomains"),
    global_or("--nginx-global-hsts-include-subdomains", "hsts-include-subdomains", "true"),
    same("--nginx-hsts-max-age"),
    same("--nginx-computed-hsts-max-age"),
    global_or("--nginx-global-hsts-max-age", "hsts-max-age", "15724800"),
    same("--nginx-hsts-preload"),
    same("--nginx-computed-hsts-preload"),
    global_or("--nginx-global-hsts-preload", "hsts-preload", "false"),
    same("--nginx-hsts"),
    same("--nginx-computed-hsts"),
    global_or("--nginx-global-hsts", "hsts", "true"),
    same("--nginx-last-visited-at"),
    same("--nginx-nginx-conf-sigil-path"),
    same("--nginx-computed-nginx-conf-sigil-path"),
    global_or("--nginx-global-nginx-conf-sigil-path", "nginx-conf-sigil-path", "nginx.conf.sigil"),
    same("--nginx-proxy-buffer-size"),
    same("--nginx-computed-proxy-buffer-size"),
    global_or("--nginx-global-proxy-buffer-size", "proxy-buffer-size", "4k"),
    same("--nginx-proxy-buffering"),
    same("--nginx-computed-proxy-buffering"),
    global_or("--nginx-global-proxy-buffering", "proxy-buffering", "on"),
    same("--nginx-proxy-buffers"),
    same("--nginx-computed-proxy-buffers"),
    global_or("--nginx-global-proxy-buffers", "proxy-buffers", "8 4k"),
    same("--nginx-proxy-busy-buffers-size"),
    same("--nginx-computed-proxy-busy-buffers-size"),
    global_or("--nginx-global-proxy-busy-buffers-size", "proxy-busy-buffers-size", "8k"),
    same("--nginx-proxy-read-timeout"),
    same("--nginx-computed-proxy-read-timeout"),
    global_or("--nginx-global-proxy-read-timeout", "proxy-read-timeout", "60s"),
    same("--nginx-underscore-in-headers"),
    same("--nginx-computed-underscore-in-headers"),
    global_or("--nginx-global-underscore-in-headers", "underscore-in-headers", "off"),
    same("--nginx-x-forwarded-for-value"),
    same("--nginx-computed-x-forwarded-for-value"),
    global_or("--nginx-global-x-forwarded-for-value", "x-forwarded-for-value", "$remote_addr"),
    same("--nginx-x-forwarded-port-value"),
    same("--nginx-computed-x-forwarded-port-value"),
    global_or("--nginx-global-x-forwarded-port-value", "x-forwarded-port-value", "$server_port"),
    same("--nginx-x-forwarded-proto-value"),
    same("--nginx-computed-x-forwarded-proto-value"),
    global_or("--nginx-global-x-forwarded-proto-value", "x-forwarded-proto-value", "$scheme"),
    same("--nginx-x-forwarded-ssl"),
    same("--nginx-computed-x-forwarded-ssl"),
    global_or("--nginx-global-x-forwarded-ssl", "x-forwarded-ssl", ""),
];

/// nginx-vhosts/command-functions `cmd-nginx-report-single` at v0.35.20.
const FIELDS_V0_35: &[Field] = &[
    same("--nginx-access-log-format"),
    same("--nginx-computed-access-log-format"),
    global_or("--nginx-global-access-log-format", "access-log-format", ""),
    same("--nginx-access-log-path"),
    same("--nginx-computed-access-log-path"),
    global_or_log("--nginx-global-access-log-path", "access-log-path", "access"),
    same("--nginx-bind-address-ipv4"),
    same("--nginx-computed-bind-address-ipv4"),
    global_or("--nginx-global-bind-address-ipv4", "bind-address-ipv4", ""),
    same("--nginx-bind-address-ipv6"),
    same("--nginx-computed-bind-address-ipv6"),
    global_or("--nginx-global-bind-address-ipv6", "bind-address-ipv6", "::"),
    same("--nginx-client-body-timeout"),
    same("--nginx-computed-client-body-timeout"),
    from("--nginx-global-client-body-timeout", "--nginx-computed-client-body-timeout"),
    same("--nginx-client-header-timeout"),
    same("--nginx-computed-client-header-timeout"),
    from("--nginx-global-client-header-timeout", "--nginx-computed-client-header-timeout"),
    same("--nginx-client-max-body-size"),
    same("--nginx-computed-client-max-body-size"),
    global_or("--nginx-global-client-max-body-size", "client-max-body-size", "1m"),
    same("--nginx-disable-custom-config"),
    same("--nginx-computed-disable-custom-config"),
    global_or("--nginx-global-disable-custom-config", "disable-custom-config", "false"),
    same("--nginx-error-log-path"),
    same("--nginx-computed-error-log-path"),
    global_or_log("--nginx-global-error-log-path", "error-log-path", "error"),
    same("--nginx-hsts-include-subdomains"),
    same("--nginx-computed-hsts-include-subdomains"),
    global_or("--nginx-global-hsts-include-subdomains", "hsts-include-subdomains", "true"),
    same("--nginx-hsts-max-age"),
    same("--nginx-computed-hsts-max-age"),
    global_or("--nginx-global-hsts-max-age", "hsts-max-age", "15724800"),
    same("--nginx-hsts-preload"),
    same("--nginx-computed-hsts-preload"),
    global_or("--nginx-global-hsts-preload", "hsts-preload", "false"),
    same("--nginx-hsts"),
    same("--nginx-computed-hsts"),
    global_or("--nginx-global-hsts", "hsts", "true"),
    same("--nginx-last-visited-at"),
    same("--nginx-keepalive-timeout"),
    same("--nginx-computed-keepalive-timeout"),
    from("--nginx-global-keepalive-timeout", "--nginx-computed-keepalive-timeout"),
    same("--nginx-lingering-timeout"),
    same("--nginx-computed-lingering-timeout"),
    from("--nginx-global-lingering-timeout", "--nginx-computed-lingering-timeout"),
    same("--nginx-nginx-conf-sigil-path"),
    same("--nginx-computed-nginx-conf-sigil-path"),
    global_or("--nginx-global-nginx-conf-sigil-path", "nginx-conf-sigil-path", "nginx.conf.sigil"),
    same("--nginx-proxy-buffer-size"),
    same("--nginx-computed-proxy-buffer-size"),
    global_or("--nginx-global-proxy-buffer-size", "proxy-buffer-size", "4k"),
    same("--nginx-proxy-buffering"),
    same("--nginx-computed-proxy-buffering"),
    global_or("--nginx-global-proxy-buffering", "proxy-buffering", "on"),
    same("--nginx-proxy-buffers"),
    same("--nginx-computed-proxy-buffers"),
    global_or("--nginx-global-proxy-buffers", "proxy-buffers", "8 4k"),
    same("--nginx-proxy-busy-buffers-size"),
    same("--nginx-computed-proxy-busy-buffers-size"),
    global_or("--nginx-global-proxy-busy-buffers-size", "proxy-busy-buffers-size", "8k"),
    same("--nginx-proxy-connect-timeout"),
    same("--nginx-computed-proxy-connect-timeout"),
    global_or("--nginx-global-proxy-connect-timeout", "proxy-connect-timeout", "60s"),
    same("--nginx-proxy-read-timeout"),
    same("--nginx-computed-proxy-read-timeout"),
    global_or("--nginx-global-proxy-read-timeout", "proxy-read-timeout", "60s"),
    same("--nginx-proxy-send-timeout"),
    same("--nginx-computed-proxy-send-timeout"),
    global_or("--nginx-global-proxy-send-timeout", "proxy-send-timeout", "60s"),
    same("--nginx-send-timeout"),
    same("--nginx-computed-send-timeout"),
    global_or("--nginx-global-send-timeout", "send-timeout", "60s"),
    same("--nginx-underscore-in-headers"),
    same("--nginx-computed-underscore-in-headers"),
    global_or("--nginx-global-underscore-in-headers", "underscore-in-headers", "off"),
    same("--nginx-x-forwarded-for-value"),
    same("--nginx-computed-x-forwarded-for-value"),
    global_or("--nginx-global-x-forwarded-for-value", "x-forwarded-for-value", "$remote_addr"),
    same("--nginx-x-forwarded-port-value"),
    same("--nginx-computed-x-forwarded-port-value"),
    global_or("--nginx-global-x-forwarded-port-value", "x-forwarded-port-value", "$server_port"),
    same("--nginx-x-forwarded-proto-value"),
    same("--nginx-computed-x-forwarded-proto-value"),
    global_or("--nginx-global-x-forwarded-proto-value", "x-forwarded-proto-value", "$scheme"),
    same("--nginx-x-forwarded-ssl"),
    same("--nginx-computed-x-forwarded-ssl"),
    global_or("--nginx-global-x-forwarded-ssl", "x-forwarded-ssl", ""),
];

/// nginx-vhosts/command-functions `cmd-nginx-report-single` at v0.37.4.
const FIELDS_V0_37: &[Field] = &[
    same("--nginx-access-log-format"),
    same("--nginx-computed-access-log-format"),
    global_or("--nginx-global-access-log-format", "access-log-format", ""),
    same("--nginx-access-log-path"),
    same("--nginx-computed-access-log-path"),
    global_or_log("--nginx-global-access-log-path", "access-log-path", "access"),
    same("--nginx-bind-address-ipv4"),
    same("--nginx-computed-bind-address-ipv4"),
    global_or("--nginx-global-bind-address-ipv4", "bind-address-ipv4", ""),
    same("--nginx-bind-address-ipv6"),
    same("--nginx-computed-bind-address-ipv6"),
    global_or("--nginx-global-bind-address-ipv6", "bind-address-ipv6", "::"),
    same("--nginx-client-body-timeout"),
    same("--nginx-computed-client-body-timeout"),
    from("--nginx-global-client-body-timeout", "--nginx-computed-client-body-timeout"),
    same("--nginx-client-header-timeout"),
    same("--nginx-computed-client-header-timeout"),
    from("--nginx-global-client-header-timeout", "--nginx-computed-client-header-timeout"),
    same("--nginx-client-max-body-size"),
    same("--nginx-computed-client-max-body-size"),
    global_or("--nginx-global-client-max-body-size", "client-max-body-size", "1m"),
    same("--nginx-disable-custom-config"),
    same("--nginx-computed-disable-custom-config"),
    global_or("--nginx-global-disable-custom-config", "disable-custom-config", "false"),
    same("--nginx-error-log-path"),
    same("--nginx-computed-error-log-path"),
    global_or_log("--nginx-global-error-log-path", "error-log-path", "error"),
    same("--nginx-hsts-include-subdomains"),
    same("--nginx-computed-hsts-include-subdomains"),
    global_or("--nginx-global-hsts-include-subdomains", "hsts-include-subdomains", "true"),
    same("--nginx-hsts-max-age"),
    same("--nginx-computed-hsts-max-age"),
    global_or("--nginx-global-hsts-max-age", "hsts-max-age", "15724800"),
    same("--nginx-hsts-preload"),
    same("--nginx-computed-hsts-preload"),
    global_or("--nginx-global-hsts-preload", "hsts-preload", "false"),
    same("--nginx-hsts"),
    same("--nginx-computed-hsts"),
    global_or("--nginx-global-hsts", "hsts", "true"),
    same("--nginx-last-visited-at"),
    same("--nginx-keepalive-timeout"),
    same("--nginx-computed-keepalive-timeout"),
    from("--nginx-global-keepalive-timeout", "--nginx-computed-keepalive-timeout"),
    same("--nginx-lingering-timeout"),
    same("--nginx-computed-lingering-timeout"),
    from("--nginx-global-lingering-timeout", "--nginx-computed-lingering-timeout"),
    same("--nginx-nginx-conf-sigil-path"),
    same("--nginx-computed-nginx-conf-sigil-path"),
    global_or("--nginx-global-nginx-conf-sigil-path", "nginx-conf-sigil-path", "nginx.conf.sigil"),
    same("--nginx-proxy-buffer-size"),
    same("--nginx-computed-proxy-buffer-size"),
    global_or("--nginx-global-proxy-buffer-size", "proxy-buffer-size", "4k"),
    same("--nginx-proxy-buffering"),
    same("--nginx-computed-proxy-buffering"),
    global_or("--nginx-global-proxy-buffering", "proxy-buffering", "on"),
    same("--nginx-proxy-buffers"),
    same("--nginx-computed-proxy-buffers"),
    global_or("--nginx-global-proxy-buffers", "proxy-buffers", "8 4k"),
    same("--nginx-proxy-busy-buffers-size"),
    same("--nginx-computed-proxy-busy-buffers-size"),
    global_or("--nginx-global-proxy-busy-buffers-size", "proxy-busy-buffers-size", "8k"),
    same("--nginx-proxy-connect-timeout"),
    same("--nginx-computed-proxy-connect-timeout"),
    global_or("--nginx-global-proxy-connect-timeout", "proxy-connect-timeout", "60s"),
    same("--nginx-proxy-read-timeout"),
    same("--nginx-computed-proxy-read-timeout"),
    global_or("--nginx-global-proxy-read-timeout", "proxy-read-timeout", "60s"),
    same("--nginx-proxy-send-timeout"),
    same("--nginx-computed-proxy-send-timeout"),
    global_or("--nginx-global-proxy-send-timeout", "proxy-send-timeout", "60s"),
    same("--nginx-send-timeout"),
    same("--nginx-computed-send-timeout"),
    global_or("--nginx-global-send-timeout", "send-timeout", "60s"),
    same("--nginx-proxy-keepalive"),
    same("--nginx-computed-proxy-keepalive"),
    global_or("--nginx-global-proxy-keepalive", "proxy-keepalive", ""),
    same("--nginx-underscore-in-headers"),
    same("--nginx-computed-underscore-in-headers"),
    global_or("--nginx-global-underscore-in-headers", "underscore-in-headers", "off"),
    same("--nginx-x-forwarded-for-value"),
    same("--nginx-computed-x-forwarded-for-value"),
    global_or("--nginx-global-x-forwarded-for-value", "x-forwarded-for-value", "$remote_addr"),
    same("--nginx-x-forwarded-port-value"),
    same("--nginx-computed-x-forwarded-port-value"),
    global_or("--nginx-global-x-forwarded-port-value", "x-forwarded-port-value", "$server_port"),
    same("--nginx-x-forwarded-proto-value"),
    same("--nginx-computed-x-forwarded-proto-value"),
    global_or("--nginx-global-x-forwarded-proto-value", "x-forwarded-proto-value", "$scheme"),
    same("--nginx-x-forwarded-ssl"),
    same("--nginx-computed-x-forwarded-ssl"),
    global_or("--nginx-global-x-forwarded-ssl", "x-forwarded-ssl", ""),
];

/// `nginx:report` before the Go port: bash `cmd-nginx-report-single` (plugins/nginx-vhosts/
/// command-functions) over the `nginx-property` binary, whose global values fall back to the
/// defaults (and, v0.35.x to v0.37.x, print the computed value for four timeouts). Fields from
/// v0.33.8 (older 0.33 patches lacked `underscore-in-headers` and most computed/global keys).
const LEGACY: &[LegacyLayout] = &[
    LegacyLayout {
        until: DokkuVersion::new(0, 35, 6),
        renderer: Renderer::Bash { noun: "nginx", global_scope: false, empty_info_fails: true },
        fields: FIELDS_V0_33,
        namespace: "nginx",
    },
    LegacyLayout {
        until: DokkuVersion::new(0, 37, 4),
        renderer: Renderer::Bash { noun: "nginx", global_scope: false, empty_info_fails: true },
        fields: FIELDS_V0_35,
        namespace: "nginx",
    },
    LegacyLayout {
        until: DokkuVersion::new(0, 38, 0),
        renderer: Renderer::Bash { noun: "nginx", global_scope: false, empty_info_fails: true },
        fields: FIELDS_V0_37,
        namespace: "nginx",
    },
];

/// Every nginx property with its built-in default (`APP` stands for the app name).
const PROPERTIES: &[(&str, &str)] = &[
    ("access-log-format", ""),
    ("access-log-path", "/var/log/nginx/APP-access.log"),
    ("bind-address-ipv4", ""),
    ("bind-address-ipv6", "::"),
    ("client-body-timeout", "60s"),
    ("client-header-timeout", "60s"),
    ("client-max-body-size", "1m"),
    ("disable-custom-config", "false"),
    ("error-log-path", "/var/log/nginx/APP-error.log"),
    ("hsts", "true"),
    ("hsts-include-subdomains", "true"),
    ("hsts-max-age", "15724800"),
    ("hsts-preload", "false"),
    ("keepalive-timeout", "75s"),
    ("lingering-timeout", "5s"),
    ("nginx-conf-sigil-path", "nginx.conf.sigil"),
    ("nginx-service-command", ""),
    ("proxy-buffer-size", "4k"),
    ("proxy-buffering", "on"),
    ("proxy-buffers", "8 4k"),
    ("proxy-busy-buffers-size", "8k"),
    ("proxy-connect-timeout", "60s"),
    ("proxy-keepalive", ""),
    ("proxy-read-timeout", "60s"),
    ("proxy-send-timeout", "60s"),
    ("send-timeout", "60s"),
    ("underscore-in-headers", "off"),
    ("x-forwarded-for-value", "$remote_addr"),
    ("x-forwarded-port-value", "$server_port"),
    ("x-forwarded-proto-value", "$scheme"),
    ("x-forwarded-ssl", ""),
];

/// The global `nginx-service-command` of the capture host, whose nginx was a stand-in; a fresh
/// simulator starts with the same value so reports match the captures.
const SERVICE_COMMAND: &str = "/usr/local/bin/nginx-service-stub";

/// `nginx:set` keys.
const KEYS: &[&str] = &[
    "access-log-format",
    "access-log-path",
    "bind-address-ipv4",
    "bind-address-ipv6",
    "client-body-timeout",
    "client-header-timeout",
    "client-max-body-size",
    "disable-custom-config",
    "error-log-path",
    "hsts",
    "hsts-include-subdomains",
    "hsts-max-age",
    "hsts-preload",
    "keepalive-timeout",
    "lingering-timeout",
    "nginx-conf-sigil-path",
    "nginx-service-command",
    "proxy-buffer-size",
    "proxy-buffering",
    "proxy-buffers",
    "proxy-busy-buffers-size",
    "proxy-connect-timeout",
    "proxy-keepalive",
    "proxy-read-timeout",
    "proxy-send-timeout",
    "send-timeout",
    "underscore-in-headers",
    "x-forwarded-for-value",
    "x-forwarded-port-value",
    "x-forwarded-proto-value",
    "x-forwarded-ssl",
];

/// `nginx:set`: every key is global-capable, so the app is never verified.
const SET: PropertySetSpec =
    PropertySetSpec { namespace: "nginx", keys: KEYS, global_keys: KEYS, noun: "key", verify_app: false };

/// Routes `nginx:*`.
pub(crate) fn dispatch(inv: &mut Invocation<'_>, sub: &str, args: &[String]) -> Option<Outcome> {
    Some(match sub {
        "set" => set(inv, args),
        "report" => run_versioned_report(inv, &REPORT, LEGACY, args, &report_values),
        "show-config" | "show-conf" => show_config(inv, args),
        _ => return None,
    })
}

/// `nginx:set`, with the proxy-keepalive integer check.
fn set(inv: &mut Invocation<'_>, args: &[String]) -> Outcome {
    let words: Vec<&String> = args.iter().filter(|a| *a != "--global").collect();
    let key_index = usize::from(words.len() == args.len());
    if words.get(key_index).is_some_and(|k| *k == "proxy-keepalive")
        && let Some(value) = words.get(key_index + 1)
        && value.parse::<u64>().is_err()
    {
        return Err(inv.out.fail("Invalid value for proxy-keepalive: must be an integer"));
    }
    run_property_set(inv, &SET, args)
}

/// The raw global value of a property.
fn global_value(inv: &Invocation<'_>, property: &str) -> String {
    let value = inv.state.global_property("nginx", property);
    if value.is_empty() && property == "nginx-service-command" {
        return SERVICE_COMMAND.to_string();
    }
    value
}

/// `nginx:show-config <app>`.
fn show_config(inv: &mut Invocation<'_>, args: &[String]) -> Outcome {
    let app = first_arg(args);
    verify_app_bash(inv, &app)?;
    if super::proxy_type(inv, &app) != "nginx" {
        return Err(inv.out.fail("This command is only available for apps with the nginx proxy type"));
    }
    let conf = inv.state.apps.get(&app).and_then(|a| a.nginx_conf.clone());
    match conf {
        Some(conf) => {
            inv.out.line(&conf);
            Ok(())
        }
        None => Err(inv.out.fail(&format!("No nginx.conf exists for {app}"))),
    }
}

/// `nginx:report` values.
fn report_values(inv: &Invocation<'_>, subject: Subject<'_>) -> ReportValues {
    let mut values = ReportValues::default();
    let name = match subject {
        Subject::App(app) => app,
        Subject::Global => "--global",
    };
    for (property, default) in PROPERTIES {
        let global = global_value(inv, property);
        let own = match subject {
            Subject::App(app) => app_property(inv, app, "nginx", property),
            Subject::Global => String::new(),
        };
        let computed = if !own.is_empty() {
            own.clone()
        } else if !global.is_empty() {
            global.clone()
        } else {
            default.replace("APP", name)
        };
        values.set(&format!("--nginx-global-{property}"), global);
        // `ReportSingleApp` (plugins/nginx-vhosts/report.go) keeps only the `-global-` flags
        // for `--global`.
        if matches!(subject, Subject::App(_)) {
            values.set(&format!("--nginx-computed-{property}"), computed);
            values.set(&format!("--nginx-{property}"), own);
        }
    }
    if matches!(subject, Subject::App(_)) {
        values.set("--nginx-last-visited-at", "");
    }
    values
}

/// The capture host's global `nginx-service-command` property file, which the simulator's state
/// leaves implicit ([`SERVICE_COMMAND`] stands for an unset value): written as `nginx:set`
/// writes it (`PropertyWrite`, no newline, 0600) so the files say what the reports say.
pub(crate) fn capture_host_files(state: &crate::state::State) -> Option<(String, String)> {
    state.global_property("nginx", "nginx-service-command").is_empty().then(|| {
        let path =
            format!("{}/config/nginx/--global/nginx-service-command", crate::server_files::DOKKU_LIB_ROOT);
        (path, SERVICE_COMMAND.to_owned())
    })
}
