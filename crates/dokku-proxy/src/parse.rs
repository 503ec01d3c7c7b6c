//! Pure parsers: `proxy:report` text and `--format json` into [`Proxy`] records.

use dokku_core::DokkuVersion;
use dokku_core::reports::{ReportForm, ReportSpec};
use dokku_core::text::{
    ReportSubject, ReportValues, TextError, report_values_from_json, report_values_from_text,
};

use crate::model::{Proxy, ProxyGlobal};

/// How `proxy:report` is read: the bulk form is cheap (0.07–0.13 s for 30 apps against
/// 0.04–0.05 s per app on a measured 0.38.27), and the per-app JSON form exists since 0.23.1.
pub const REPORT: ReportSpec = ReportSpec {
    subcommand: "proxy:report",
    type_prefix: "proxy",
    form: ReportForm::Bulk,
    json_since: DokkuVersion::new(0, 23, 1),
};

/// An empty value means "not set".
fn non_empty(value: Option<String>) -> Option<String> {
    value.filter(|s| !s.is_empty())
}

fn port(value: Option<String>, key: &str, whose: &str) -> Result<Option<u16>, String> {
    non_empty(value)
        .map(|v| v.parse::<u16>().map_err(|_| format!("{whose}: `{key}` is {v:?}, expected a port number")))
        .transpose()
}

/// Keys the model deliberately drops from every report (app or global).
fn is_derived(key: &str) -> bool {
    // `computed-*` values are what Dokku resolves from the app and global values (not settings).
    // `port-map` (Dokku before 0.31) belongs to the ports plugin, which reads it with
    // `proxy:ports`.
    key.starts_with("computed-") || key == "port-map"
}

/// Builds a [`Proxy`] from one app report's values; returns what the model did not know as a
/// warning.
pub fn proxy_from_values(mut values: ReportValues) -> Result<(Proxy, Option<String>), String> {
    let app_name = values.app().ok_or("a proxy report block without an app name")?.to_owned();
    let whose = format!("app {app_name}");
    let enabled = match values.take("enabled").as_deref() {
        Some("true") | None => true,
        Some("false") => false,
        Some(other) => return Err(format!("{whose}: `enabled` is {other:?}, expected true or false")),
    };
    let proxy = Proxy {
        enabled,
        app_type: non_empty(values.take("type")),
        proxy_port: port(values.take("proxy-port"), "proxy-port", &whose)?,
        proxy_ssl_port: port(values.take("proxy-ssl-port"), "proxy-ssl-port", &whose)?,
        extra: Default::default(),
        app_name,
    };
    // `disabled` (0.38.8 and later) is the raw form of `enabled`; the global values repeated in
    // every app's report are exported once, in the global record.
    values.discard(|k| is_derived(k) || k == "disabled" || k.starts_with("global-"));
    let warning = dokku_core::reports::unknown_fields_warning("proxy", &values);
    Ok((Proxy { extra: values.values.into_iter().collect(), ..proxy }, warning))
}

/// Builds the global settings from the global report (or from an app report, which repeats
/// them); returns what the model did not know as a warning.
pub fn global_from_values(values: &ReportValues) -> Result<(ProxyGlobal, Option<String>), String> {
    let mut values = values.clone();
    let global = ProxyGlobal {
        global_type: non_empty(values.take("global-type")),
        global_proxy_port: port(values.take("global-proxy-port"), "global-proxy-port", "global")?,
        global_proxy_ssl_port: port(values.take("global-proxy-ssl-port"), "global-proxy-ssl-port", "global")?,
    };
    // Read from an app report, the app's own keys belong to the app record, not here.
    let warning = match values.app() {
        Some(_) => None,
        None => {
            values.discard(is_derived);
            dokku_core::reports::unknown_fields_warning("proxy", &values)
        }
    };
    Ok((global, warning))
}

/// The first version whose reports print the raw global `type`; before it an unset value
/// printed its default `nginx` (`getGlobalProxyType`, plugins/proxy/functions.go at v0.35.20 and v0.38.5).
const RAW_GLOBAL_SINCE: DokkuVersion = DokkuVersion::new(0, 38, 6);

/// [`global_from_values`] as `version` printed them: before 0.38.6 the default `nginx` is the
/// picture of an unset value and reads as unset.
pub fn global_from_values_at(
    values: &ReportValues,
    version: &DokkuVersion,
) -> Result<(ProxyGlobal, Option<String>), String> {
    let (mut global, warning) = global_from_values(values)?;
    if *version < RAW_GLOBAL_SINCE && global.global_type.as_deref() == Some("nginx") {
        global.global_type = None;
    }
    Ok((global, warning))
}

fn to_error(e: String) -> TextError {
    TextError::new(0, "a proxy report with valid values", &e)
}

/// Parses `proxy:report [<app>]` text into app records, with warnings for unknown fields.
pub fn parse_report_text(text: &str) -> Result<(Vec<Proxy>, Vec<String>), TextError> {
    let mut proxies = Vec::new();
    let mut warnings = Vec::new();
    for values in report_values_from_text(text, REPORT.type_prefix)? {
        let (proxy, warning) = proxy_from_values(values).map_err(to_error)?;
        proxies.push(proxy);
        warnings.extend(warning);
    }
    Ok((proxies, warnings))
}

/// Parses `proxy:report <app> --format json`.
pub fn parse_report_json(app: &str, text: &str) -> Result<(Proxy, Option<String>), TextError> {
    let values = report_values_from_json(text, ReportSubject::App(app.to_owned()), REPORT.type_prefix)?;
    proxy_from_values(values).map_err(to_error)
}

#[cfg(test)]
mod older_reports {
    use dokku_core::DokkuVersion;
    use dokku_core::text::{ReportSubject, ReportValues};

    use super::global_from_values_at;

    #[test]
    fn an_old_global_default_is_unset_and_a_new_one_is_a_value() {
        let values = ReportValues {
            subject: ReportSubject::App("a1".to_owned()),
            values: vec![("global-type".to_owned(), "nginx".to_owned())],
        };
        let old = global_from_values_at(&values, &DokkuVersion::new(0, 35, 20)).map(|(g, _)| g.global_type);
        assert_eq!(old, Ok(None));
        let new = global_from_values_at(&values, &DokkuVersion::new(0, 38, 6)).map(|(g, _)| g.global_type);
        assert_eq!(new, Ok(Some("nginx".to_owned())));
    }
}
