//! Proxy settings from Dokku's files (root fast path), pure: the values `proxy:report` prints,
//! got from the property files its Go code reads (`plugins/proxy/report.go` and
//! `functions.go` at v0.38.27), then read by the same parser as the report's.
//!
//! - `type`, `proxy-port`, `proxy-ssl-port`, `disabled`: the app's raw properties; the
//!   `global-*` values: the `--global` ones;
//! - `enabled`: `false` exactly when `disabled` is `true` (`IsAppProxyEnabled`, `proxy.go`);
//! - `computed-type`: app, else global, else `nginx`; `computed-proxy-port` and
//!   `computed-proxy-ssl-port`: app, else global; `computed-disabled`: the app's, else `false`.
//!
//! No apps:create trigger writes a proxy property (`plugins/proxy/triggers.go`), so an app
//! without files reads as enabled with nothing set, as its report does.

use dokku_core::file_snapshot::FileSnapshot;
use dokku_core::text::{ReportSubject, ReportValues};

/// The property namespace of the proxy plugin.
const NAMESPACE: &str = "proxy";
/// The subject directory of the server-wide values.
const GLOBAL: &str = "--global";
/// `getComputedProxyType`'s value when neither the app nor the server chose a proxy.
const DEFAULT_TYPE: &str = "nginx";

/// The first value of `candidates` that is set, else `default`.
fn first_set(candidates: &[&str], default: &str) -> String {
    candidates.iter().find(|v| !v.is_empty()).copied().unwrap_or(default).to_owned()
}

/// The values `proxy:report <app>` prints (`app`: `None` for `proxy:report --global`).
pub fn report_values_from_files(files: &FileSnapshot, app: Option<&str>) -> ReportValues {
    let property = |subject: &str, key: &str| files.property(NAMESPACE, subject, key).unwrap_or_default();
    let global_type = property(GLOBAL, "type");
    let global_port = property(GLOBAL, "proxy-port");
    let global_ssl_port = property(GLOBAL, "proxy-ssl-port");
    let globals = [
        ("global-proxy-port", global_port.to_owned()),
        ("global-proxy-ssl-port", global_ssl_port.to_owned()),
        ("global-type", global_type.to_owned()),
    ];
    let Some(app) = app else {
        let values = [
            ("computed-proxy-port", global_port.to_owned()),
            ("computed-proxy-ssl-port", global_ssl_port.to_owned()),
            ("computed-type", first_set(&[global_type], DEFAULT_TYPE)),
        ];
        let values = values.into_iter().chain(globals).map(|(k, v)| (k.to_owned(), v)).collect();
        return ReportValues { subject: ReportSubject::Global, values };
    };
    let app_type = property(app, "type");
    let port = property(app, "proxy-port");
    let ssl_port = property(app, "proxy-ssl-port");
    let disabled = property(app, "disabled");
    let values = [
        ("computed-disabled", first_set(&[disabled], "false")),
        ("computed-proxy-port", first_set(&[port, global_port], "")),
        ("computed-proxy-ssl-port", first_set(&[ssl_port, global_ssl_port], "")),
        ("computed-type", first_set(&[app_type, global_type], DEFAULT_TYPE)),
        ("disabled", disabled.to_owned()),
        ("enabled", (disabled != "true").to_string()),
    ];
    let own = [
        ("proxy-port", port.to_owned()),
        ("proxy-ssl-port", ssl_port.to_owned()),
        ("type", app_type.to_owned()),
    ];
    let values = values.into_iter().chain(globals).chain(own).map(|(k, v)| (k.to_owned(), v)).collect();
    ReportValues { subject: ReportSubject::App(app.to_owned()), values }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::{global_from_values, proxy_from_values};

    #[test]
    fn app_values_fall_back_to_the_global_ones_only_in_the_computed_fields() {
        let files = FileSnapshot::parse(
            "/c/proxy/--global/type\0caddy\n/c/proxy/--global/proxy-port\x008080\n\
             /c/proxy/a/disabled\0true\n/c/proxy/a/type\0traefik\n/c/proxy/a/proxy-ssl-port\x008443\n\
             /c/proxy/b/disabled\0false\n",
            "/c",
        );
        let a = report_values_from_files(&files, Some("a"));
        assert_eq!(a.get("enabled"), Some("false"));
        assert_eq!(a.get("computed-type"), Some("traefik"));
        assert_eq!(a.get("computed-proxy-port"), Some("8080"));
        assert_eq!(a.get("proxy-port"), Some(""));
        let (a, warning) = proxy_from_values(a).unwrap();
        assert!(warning.is_none());
        assert!(!a.enabled && a.app_type.as_deref() == Some("traefik"));
        assert_eq!((a.proxy_port, a.proxy_ssl_port), (None, Some(8443)));
        let b = report_values_from_files(&files, Some("b"));
        assert_eq!((b.get("enabled"), b.get("computed-type")), (Some("true"), Some("caddy")));
        let (global, warning) = global_from_values(&report_values_from_files(&files, None)).unwrap();
        assert!(warning.is_none());
        assert_eq!(global.global_type.as_deref(), Some("caddy"));
        assert_eq!((global.global_proxy_port, global.global_proxy_ssl_port), (Some(8080), None));
    }

    #[test]
    fn an_app_without_files_is_enabled_on_the_default_proxy() {
        let files = FileSnapshot::default();
        let values = report_values_from_files(&files, Some("a"));
        assert_eq!(values.get("computed-type"), Some("nginx"));
        assert_eq!(values.get("computed-disabled"), Some("false"));
        let (app, _) = proxy_from_values(values).unwrap();
        assert!(app.enabled && app.app_type.is_none());
        let global = report_values_from_files(&files, None);
        assert_eq!(global.get("computed-type"), Some("nginx"));
        assert!(global_from_values(&global).unwrap().0.is_empty());
    }
}
