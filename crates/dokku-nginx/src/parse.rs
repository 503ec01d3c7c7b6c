//! Pure parsers: `nginx:report` text and `--format json` into [`Nginx`] records.
//!
//! Dokku prints every property three times: the raw app value (`Nginx <prop>`), the global value
//! (`Nginx global <prop>`) and the computed one (`Nginx computed <prop>`: app, else global, else
//! Dokku's default). Only what was explicitly set is exported, so that apply reproduces the
//! settings instead of freezing today's defaults (pydokku turned default log paths into explicit
//! settings and sent all 29 properties of every app): the computed values are dropped.

use dokku_core::reports::{ReportForm, ReportSpec, unknown_fields_warning};
use dokku_core::text::{
    ReportSubject, ReportValues, TextError, report_values_from_json, report_values_from_text,
};
use dokku_core::{DokkuVersion, timestamp};
use serde::Serialize;

use crate::model::{Nginx, PROPERTY_KEYS};

/// How `nginx:report` is read: the bulk form is cheap (0.09–0.14 s for 30 apps against 0.05 s per
/// app on a measured 0.38.27), and `--format json` exists since 0.38.0.
pub const REPORT: ReportSpec = ReportSpec {
    subcommand: "nginx:report",
    type_prefix: "nginx",
    form: ReportForm::Bulk,
    json_since: DokkuVersion::new(0, 38, 0),
};

/// What the `Nginx global <prop>` values of a report mean.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GlobalValues {
    /// Dokku 0.38 and later: the value stored globally, empty when unset.
    Raw,
    /// Before 0.38: the global value, else Dokku's default (the log paths even name the app). A
    /// value equal to the default cannot be told from an unset one, so it counts as unset.
    Resolved,
}

impl GlobalValues {
    /// The meaning of global values on `version`.
    pub fn for_version(version: &DokkuVersion) -> Self {
        if version >= &DokkuVersion::new(0, 38, 0) { Self::Raw } else { Self::Resolved }
    }
}

/// One report block read into records.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct NginxBlock {
    /// The app's own settings (`None` for a `--global` report).
    pub app: Option<Nginx>,
    /// The global settings as this block reports them.
    pub global: Nginx,
    /// Unknown report fields, if any (kept in `extra`).
    pub warning: Option<String>,
}

/// Dokku's defaults for the global values of old reports ([`GlobalValues::Resolved`]).
///
/// The buffer sizes follow the page size; 4 KiB pages (`4k`, `8 4k`, `8k`) are assumed, so on other
/// machines those defaults show up as explicit settings of the same value, which is harmless.
fn is_resolved_default(key: &str, value: &str, app: Option<&str>) -> bool {
    let default_log = |suffix: &str| {
        app.is_some_and(|app| {
            ["/var/log/nginx/", "/var/log/openresty/"]
                .iter()
                .any(|root| value == format!("{root}{app}-{suffix}.log"))
        })
    };
    match key {
        "access-log-path" => default_log("access"),
        "error-log-path" => default_log("error"),
        "bind-address-ipv6" => value == "::",
        "client-body-timeout"
        | "client-header-timeout"
        | "proxy-connect-timeout"
        | "proxy-read-timeout"
        | "proxy-send-timeout"
        | "send-timeout" => value == "60s",
        "client-max-body-size" => value == "1m",
        "disable-custom-config" | "hsts-preload" => value == "false",
        "hsts" | "hsts-include-subdomains" => value == "true",
        "hsts-max-age" => value == "15724800",
        "keepalive-timeout" => value == "75s",
        "lingering-timeout" => value == "5s",
        "nginx-conf-sigil-path" => value == "nginx.conf.sigil",
        "proxy-buffer-size" => value == "4k",
        "proxy-buffering" => value == "on",
        "proxy-buffers" => value == "8 4k",
        "proxy-busy-buffers-size" => value == "8k",
        "underscore-in-headers" => value == "off",
        "x-forwarded-for-value" => value == "$remote_addr",
        "x-forwarded-port-value" => value == "$server_port",
        "x-forwarded-proto-value" => value == "$scheme",
        _ => false,
    }
}

/// Takes an app property. Dokku's JSON names `nginx-conf-sigil-path` and `nginx-service-command`
/// with a leading `nginx-` that the shared reader strips as if it were the type prefix, so the
/// stripped spelling is accepted too.
fn take_app_property(values: &mut ReportValues, key: &str) -> Option<String> {
    values.take(key).or_else(|| key.strip_prefix("nginx-").and_then(|bare| values.take(bare)))
}

/// Builds the records of one report block (an app's, or the `--global` one).
pub fn block_from_values(mut values: ReportValues, globals: GlobalValues) -> Result<NginxBlock, String> {
    let app = values.app().map(str::to_owned);
    let whose = app.as_deref().map_or_else(|| "global".to_owned(), |a| format!("app {a}"));
    let mut global = Nginx::default();
    for key in PROPERTY_KEYS {
        let Some(text) = values.take(&format!("global-{key}")).filter(|v| !v.is_empty()) else { continue };
        if globals == GlobalValues::Resolved && is_resolved_default(key, &text, app.as_deref()) {
            continue;
        }
        global.set_property(key, &text).map_err(|e| format!("nginx: {whose}: global-{key}: {e}"))?;
    }
    // Computed values are app, else global, else default: derived, never exported.
    values.discard(|k| k.strip_prefix("computed-").is_some_and(|p| PROPERTY_KEYS.contains(&p)));
    let Some(name) = app else {
        let warning = unknown_fields_warning("nginx", &values);
        global.extra = values.values.into_iter().collect();
        return Ok(NginxBlock { app: None, global, warning });
    };
    let mut record = Nginx { app_name: Some(name.clone()), ..Nginx::default() };
    for key in PROPERTY_KEYS {
        if let Some(text) = take_app_property(&mut values, key).filter(|v| !v.is_empty()) {
            record.set_property(key, &text).map_err(|e| format!("nginx: app {name}: {key}: {e}"))?;
        }
    }
    record.last_visited_at = timestamp::from_unix_text(&values.take("last-visited-at").unwrap_or_default())
        .map_err(|e| format!("nginx: app {name}: last-visited-at: {e}"))?;
    let warning = unknown_fields_warning("nginx", &values);
    record.extra = values.values.into_iter().collect();
    Ok(NginxBlock { app: Some(record), global, warning })
}

/// Everything one `nginx:report` output holds.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct NginxReport {
    /// The global settings as the first block reports them (`None` without blocks).
    pub global: Option<Nginx>,
    /// The apps' own settings, in printed order.
    pub apps: Vec<Nginx>,
    /// Unknown report fields, one line per block.
    pub warnings: Vec<String>,
}

impl NginxReport {
    fn push(&mut self, block: NginxBlock) {
        if self.global.is_none() {
            self.global = Some(block.global);
        }
        self.apps.extend(block.app);
        self.warnings.extend(block.warning);
    }
}

fn to_error(e: String) -> TextError {
    TextError::new(0, "an nginx report with valid values", &e)
}

/// Parses `nginx:report [<app>|--global]` text.
pub fn parse_report_text(text: &str, globals: GlobalValues) -> Result<NginxReport, TextError> {
    let mut report = NginxReport::default();
    for values in report_values_from_text(text, REPORT.type_prefix)? {
        report.push(block_from_values(values, globals).map_err(to_error)?);
    }
    Ok(report)
}

/// Parses `nginx:report <app> --format json` (`app: None`: `nginx:report --global --format json`).
pub fn parse_report_json(
    app: Option<&str>,
    text: &str,
    globals: GlobalValues,
) -> Result<NginxReport, TextError> {
    let subject = app.map_or(ReportSubject::Global, |a| ReportSubject::App(a.to_owned()));
    let values = report_values_from_json(text, subject, REPORT.type_prefix)?;
    let mut report = NginxReport::default();
    report.push(block_from_values(values, globals).map_err(to_error)?);
    Ok(report)
}
