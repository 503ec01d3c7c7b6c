//! The `nginx` (nginx-vhosts) plugin's settings, report and `show-config`.

use super::{first_arg, verify_app_bash};
use crate::invocation::Invocation;
use crate::output::Outcome;
use crate::property_report::app_property;
use crate::property_set::{PropertySetSpec, run_property_set};
use crate::report::{GoReportSpec, GoReportStyle, ReportValues, Subject, run_go_report};
use crate::version::DokkuVersion;

/// `nginx:report`.
const REPORT: GoReportSpec = GoReportSpec {
    plugin: "nginx",
    report_type: "nginx",
    style: GoReportStyle::PORTED,
    json_since: DokkuVersion::new(0, 38, 0),
};

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
        "report" => run_go_report(inv, &REPORT, args, &report_values),
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
