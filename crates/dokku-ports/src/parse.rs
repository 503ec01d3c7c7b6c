//! Pure parsers: `ports:report` text and `--format json`, and the older `proxy:ports` table, into
//! [`Port`] records.

use dokku_core::DokkuVersion;
use dokku_core::file_snapshot::FileSnapshot;
use dokku_core::reports::{ReportForm, ReportSpec};
use dokku_core::text::{
    ReportSubject, ReportValues, TextError, report_values_from_json, report_values_from_text,
};

use crate::model::Port;

mod list_table;
pub use list_table::{PortListRow, parse_ports_list};

/// How `ports:report` is read: the bulk form is very slow (15–32 s for 30 apps on a measured
/// 0.38.27, against 0.08 s for one app), so apps are read one by one, as JSON (the plugin had
/// `--format json` from its first release, 0.31.0).
pub const REPORT: ReportSpec = ReportSpec {
    subcommand: "ports:report",
    type_prefix: "ports",
    form: ReportForm::PerApp,
    json_since: DokkuVersion::new(0, 31, 0),
};

/// The first version with the `ports` plugin; before it, `proxy:ports*` held the mappings.
pub const PORTS_PLUGIN_SINCE: DokkuVersion = DokkuVersion::new(0, 31, 0);

/// Whether `version` keeps port mappings in the `proxy` plugin (`proxy:ports <app>`).
pub fn uses_proxy_ports(version: &DokkuVersion) -> bool {
    version < &PORTS_PLUGIN_SINCE
}

/// Parses one mapping token `scheme:host[:container]` (pydokku's text form).
pub fn parse_port_token(token: &str, app_name: Option<&str>) -> Result<Port, String> {
    let (scheme, rest) = token.split_once(':').ok_or_else(|| format!("port map {token:?} has no `:`"))?;
    let number = |s: &str, what: &str| {
        s.parse::<u16>().map_err(|_| format!("port map {token:?}: the {what} {s:?} is not a port number"))
    };
    let (host_port, container_port) = match rest.split_once(':') {
        Some((host, container)) => (number(host, "host port")?, Some(number(container, "container port")?)),
        None => (number(rest, "host port")?, None),
    };
    if scheme.is_empty() {
        return Err(format!("port map {token:?} has an empty scheme"));
    }
    Ok(Port { scheme: scheme.to_owned(), host_port, app_name: app_name.map(str::to_owned), container_port })
}

/// Parses a space-separated map (`http:80:5000 https:443:5000`; empty gives no mappings).
pub fn parse_port_map(map: &str, app_name: Option<&str>) -> Result<Vec<Port>, String> {
    map.split_whitespace().map(|token| parse_port_token(token, app_name)).collect()
}

/// Builds an app's mappings from one report's values; returns what the model did not know as a
/// warning.
pub fn ports_from_values(mut values: ReportValues) -> Result<(Vec<Port>, Option<String>), String> {
    let app = values.app().map(str::to_owned);
    let whose = app.as_deref().map_or_else(|| "global".to_owned(), |a| format!("app {a}"));
    // Dokku's docs show an older label, `Port map:`, that loses the prefix differently.
    let map = values.take("map").or_else(|| values.take("port-map")).unwrap_or_default();
    let ports = parse_port_map(&map, app.as_deref()).map_err(|e| format!("{whose}: {e}"))?;
    // Derived values the model drops on purpose: the detected map is what Dokku computes from the
    // image (not a setting), and the `-json` keys (0.38.26 and later) repeat the maps as JSON.
    values.discard(|k| matches!(k, "map-detected" | "port-map-detected" | "map-json" | "map-detected-json"));
    let warning = dokku_core::reports::unknown_fields_warning("ports", &values);
    Ok((ports, warning))
}

fn to_error(e: String) -> TextError {
    TextError::new(0, "a ports report with valid port maps", &e)
}

/// Parses `ports:report [<app>]` text into mappings (apps in printed order), with warnings for
/// unknown fields.
pub fn parse_report_text(text: &str) -> Result<(Vec<Port>, Vec<String>), TextError> {
    let mut ports = Vec::new();
    let mut warnings = Vec::new();
    for values in report_values_from_text(text, REPORT.type_prefix)? {
        let (app_ports, warning) = ports_from_values(values).map_err(to_error)?;
        ports.extend(app_ports);
        warnings.extend(warning);
    }
    Ok((ports, warnings))
}

/// Parses `ports:report <app> --format json`.
pub fn parse_report_json(app: &str, text: &str) -> Result<(Vec<Port>, Option<String>), TextError> {
    let values = report_values_from_json(text, ReportSubject::App(app.to_owned()), REPORT.type_prefix)?;
    ports_from_values(values).map_err(to_error)
}

/// Parses the table of `proxy:ports <app>` (Dokku before 0.31) or `ports:list <app>`.
pub fn parse_ports_table(app: &str, text: &str) -> Result<Vec<Port>, TextError> {
    Ok(parse_ports_list(text)?
        .into_iter()
        .map(|row| Port {
            scheme: row.scheme,
            host_port: row.host_port,
            app_name: Some(app.to_owned()),
            container_port: Some(row.container_port),
        })
        .collect())
}

/// An app's configured mappings from Dokku's property store (`config/ports/<app>/map`, one
/// mapping per line, `PropertyListWrite` in `plugins/ports/functions.go` at v0.38.27), in order.
pub fn ports_from_files(files: &FileSnapshot, app: &str) -> Result<Vec<Port>, String> {
    let map = files.properties("ports", app).get("map").copied().unwrap_or_default();
    parse_port_map(map, Some(app)).map_err(|e| format!("app {app}: config/ports/{app}/map: {e}"))
}

/// Whether a failed `proxy:ports`/`ports:list` only said that the app has no mappings.
pub fn is_no_mappings_message(message: &str) -> bool {
    message.contains("No port mappings configured")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_with_and_without_container_port() {
        let port = parse_port_token("https:443:5000", Some("a")).ok();
        assert_eq!(port.map(|p| p.token()), Some("https:443:5000".to_owned()));
        assert_eq!(parse_port_token("http:80", None).ok().and_then(|p| p.container_port), None);
        assert!(parse_port_token("http:abc:5000", None).is_err());
        assert!(parse_port_token("http", None).is_err());
        assert!(parse_port_token(":80:5000", None).is_err());
        assert!(parse_port_token("http:80:70000", None).is_err());
    }

    #[test]
    fn maps_from_the_property_store_keep_their_order() {
        let files =
            FileSnapshot::parse("/c/ports/app1/map\0https:443:5000\n/c/ports/app1/map\0http:80:5000\n", "/c");
        let ports = ports_from_files(&files, "app1").unwrap_or_default();
        let tokens: Vec<String> = ports.iter().map(Port::token).collect();
        assert_eq!(tokens, ["https:443:5000", "http:80:5000"]);
        assert!(ports_from_files(&files, "app2").is_ok_and(|p| p.is_empty()));
        let bad = FileSnapshot::parse("/c/ports/app1/map\0http:x:5000\n", "/c");
        assert!(ports_from_files(&bad, "app1").is_err_and(|e| e.contains("config/ports/app1/map")));
    }

    #[test]
    fn proxy_ports_before_0_31() {
        assert!(uses_proxy_ports(&DokkuVersion::new(0, 30, 10)));
        assert!(!uses_proxy_ports(&DokkuVersion::new(0, 31, 0)));
    }
}
