//! The `proxy` plugin: proxy type, enable/disable and proxy ports.

use super::{first_arg, verify_app_go};
use crate::invocation::Invocation;
use crate::legacy_report::{LegacyLayout, Renderer, global_or, run_versioned_report, same};
use crate::nginx_build;
use crate::output::Outcome;
use crate::pflag::parse_flags;
use crate::property_set::{PropertySetSpec, run_property_set};
use crate::report::{GoReportSpec, GoReportStyle, ReportValues, Subject};
use crate::version::DokkuVersion;

/// `proxy:report`.
const REPORT: GoReportSpec = GoReportSpec {
    plugin: "proxy",
    report_type: "proxy",
    style: GoReportStyle::LEGACY,
    json_since: DokkuVersion::new(0, 23, 1),
};

/// `proxy:report` before 0.38.0 (plugins/proxy/report.go and functions.go at v0.33.9 and
/// v0.35.20): the global type (config `DOKKU_PROXY_TYPE`, default `nginx`) is also the computed
/// one, since `reportComputedType` asks it first and it is never empty; no port keys.
const LEGACY: &[LegacyLayout] = &[LegacyLayout {
    until: DokkuVersion::new(0, 38, 0),
    renderer: Renderer::Go { trim_prefix: false, uppercase: true },
    fields: &[
        same("--proxy-enabled"),
        global_or("--proxy-computed-type", "type", "nginx"),
        global_or("--proxy-global-type", "type", "nginx"),
        same("--proxy-type"),
    ],
    namespace: "proxy",
}];

/// `proxy:set`.
const SET: PropertySetSpec = PropertySetSpec {
    namespace: "proxy",
    keys: &["disabled", "proxy-port", "proxy-ssl-port", "type"],
    global_keys: &["proxy-port", "proxy-ssl-port", "type"],
    noun: "property",
    verify_app: true,
};

/// Routes `proxy:*`.
pub(crate) fn dispatch(inv: &mut Invocation<'_>, sub: &str, args: &[String]) -> Option<Outcome> {
    Some(match sub {
        "report" => run_versioned_report(inv, &REPORT, LEGACY, args, &report_values),
        "set" => set(inv, args),
        "enable" => toggle(inv, args, true),
        "disable" => toggle(inv, args, false),
        "build-config" => build_config(inv, args),
        _ => return None,
    })
}

/// The computed proxy type: app → global → `nginx`.
pub(crate) fn proxy_type(inv: &Invocation<'_>, app: &str) -> String {
    inv.state.computed_property(app, "proxy", "type", "nginx")
}

/// Whether the proxy is enabled for the app.
pub(crate) fn is_enabled(inv: &Invocation<'_>, app: &str) -> bool {
    inv.state.computed_property(app, "proxy", "disabled", "false") != "true"
}

/// `proxy:set [--global] <app> <property> [<value>]` (`CommandSet`, plugins/proxy/subcommands.go):
/// pflag takes `--global` anywhere, then `Arg(0..2)` are app, property and value (property and
/// value with `--global`). When the property is not a proxy property and no value follows, it is
/// the legacy `proxy:set <app|--global> <type>` form: the word becomes the `type` value (a word
/// with a `:` is refused as a likely port mapping). An absent property is that form too, with an
/// empty type, so it unsets `type`.
fn set(inv: &mut Invocation<'_>, args: &[String]) -> Outcome {
    let flags = parse_flags(inv, "proxy:set", args, &["global"], &[])?;
    let global = flags.has("global");
    let (app, mut property, mut value) = if global {
        ("--global".to_owned(), flags.arg(0), flags.arg(1))
    } else {
        (flags.arg(0), flags.arg(1), flags.arg(2))
    };
    if !SET.keys.contains(&property.as_str()) && value.is_empty() {
        if property.contains(':') {
            inv.out.warn("Detected potential port mapping instead of proxy type");
            return Err(inv.out.fail("Consider using ports:set command or specifying a valid proxy"));
        }
        value = std::mem::replace(&mut property, "type".to_owned());
    }
    let mut rebuilt = vec![app, property];
    if !value.is_empty() {
        rebuilt.push(value);
    }
    if global {
        rebuilt[0] = "--global".to_owned();
    }
    run_property_set(inv, &SET, &rebuilt)
}

/// `proxy:enable` / `proxy:disable <app>` (`Enable`/`Disable`, plugins/proxy/proxy.go): the
/// `disabled` property, then the `proxy-enable`/`proxy-disable` trigger, which for an nginx app
/// (nginx-vhosts) enables or disables its vhosts without a restart (rebuilding the proxy config,
/// which stores a proxy port again on enable) and then restarts it (`app-restart`).
fn toggle(inv: &mut Invocation<'_>, args: &[String], enable: bool) -> Outcome {
    let app = first_arg(args);
    verify_app_go(inv, &app)?;
    let enabled = is_enabled(inv, &app);
    if enable == enabled {
        let message =
            if enable { "Proxy is already enabled for app" } else { "Proxy is already disable for app" };
        inv.out.info1(message);
        return Ok(());
    }
    inv.out.info1(if enable { "Enabling proxy for app" } else { "Disabling proxy for app" });
    if let Some(state) = inv.state.apps.get_mut(&app) {
        state.set_property("proxy", "disabled", if enable { "" } else { "true" });
    }
    if proxy_type(inv, &app) == "nginx" {
        if enable {
            super::domains::enable_without_restart(inv, &app);
        } else {
            super::domains::disable_without_restart(inv, &app);
        }
        super::ps::app_restart(inv, &app);
    }
    Ok(())
}

/// `proxy:build-config <app>`.
fn build_config(inv: &mut Invocation<'_>, args: &[String]) -> Outcome {
    let app = first_arg(args);
    verify_app_go(inv, &app)?;
    nginx_build::build(inv, &app);
    Ok(())
}

/// `proxy:report` values.
fn report_values(inv: &Invocation<'_>, subject: Subject<'_>) -> ReportValues {
    let mut values = ReportValues::default();
    let global = |key: &str| inv.state.global_property("proxy", key);
    values.set("--proxy-global-proxy-port", global("proxy-port"));
    values.set("--proxy-global-proxy-ssl-port", global("proxy-ssl-port"));
    values.set("--proxy-global-type", global("type"));
    let app = match subject {
        Subject::App(app) => app,
        Subject::Global => "--global",
    };
    let computed = |key: &str, default: &str| inv.state.computed_property(app, "proxy", key, default);
    values.set("--proxy-computed-proxy-port", computed("proxy-port", ""));
    values.set("--proxy-computed-proxy-ssl-port", computed("proxy-ssl-port", ""));
    values.set("--proxy-computed-type", computed("type", "nginx"));
    let Subject::App(app) = subject else {
        return values;
    };
    let own = |key: &str| inv.state.apps.get(app).map(|a| a.property("proxy", key)).unwrap_or_default();
    let disabled = own("disabled");
    values.set(
        "--proxy-computed-disabled",
        if disabled.is_empty() { "false".to_string() } else { disabled.clone() },
    );
    values.set("--proxy-disabled", disabled.clone());
    values.set("--proxy-enabled", (disabled != "true").to_string());
    values.set("--proxy-proxy-port", own("proxy-port"));
    values.set("--proxy-proxy-ssl-port", own("proxy-ssl-port"));
    values.set("--proxy-type", own("type"));
    values
}
