//! Pure parsers: `certs:report` (text and `--format json`; report type `ssl`) into what export
//! needs to know about an app's certificate.

use std::collections::BTreeMap;

use dokku_core::DokkuVersion;
use dokku_core::reports::{ReportForm, ReportSpec, unknown_fields_warning};
use dokku_core::text::{
    ReportSubject, ReportValues, TextError, report_values_from_json, report_values_from_text,
};
use serde::Serialize;

/// How `certs:report` is read: one app at a time (`--format json` from 0.38.0). DOKKU_COSTS.md
/// has no measurement for this plugin; the report runs `openssl` for each app that has a
/// certificate, so the bulk form is taken to grow with the apps like the per-app reads.
pub const REPORT: ReportSpec = ReportSpec {
    subcommand: "certs:report",
    type_prefix: "ssl",
    form: ReportForm::PerApp,
    json_since: DokkuVersion::new(0, 38, 0),
};

/// Report keys that are derived from the certificate or the app (never applied).
const DERIVED_KEYS: [&str; 5] = ["dir", "issuer", "starts-at", "subject", "verified"];

/// One app's `certs:report`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct CertReport {
    /// The app.
    pub app_name: String,
    /// Whether the app has a certificate.
    pub enabled: bool,
    /// The expiry, as printed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expires_at: Option<String>,
    /// The names the certificate covers.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub hostnames: Vec<String>,
    /// The issuer, as printed (`C=US, O=Let's Encrypt, CN=R11`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub issuer: Option<String>,
    /// Report fields this version of the model does not know, kept verbatim.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub extra: BTreeMap<String, String>,
}

impl CertReport {
    /// Whether the letsencrypt plugin issued the certificate (its issuer is Let's Encrypt, staging
    /// included): such certificates are the letsencrypt plugin's to renew and re-create.
    pub fn is_letsencrypt(&self) -> bool {
        self.issuer.as_deref().is_some_and(names_letsencrypt)
    }
}

/// Whether an issuer's text (the report's line, or one of its attribute values read from the
/// certificate file) names Let's Encrypt, staging included.
pub(crate) fn names_letsencrypt(issuer: &str) -> bool {
    issuer.contains("Let's Encrypt")
}

fn non_empty(value: Option<String>) -> Option<String> {
    value.filter(|v| !v.trim().is_empty())
}

/// Builds one app's report; returns what the model did not know as a warning.
pub fn app_from_values(mut values: ReportValues) -> Result<(CertReport, Option<String>), String> {
    let name = values.app().ok_or("a certs report block without an app name")?.to_owned();
    let enabled = match values.take("enabled").as_deref() {
        Some("true") => true,
        Some("false" | "") | None => false,
        Some(other) => return Err(format!("app {name}: `enabled` is {other:?}, expected true or false")),
    };
    let expires_at = non_empty(values.take("expires-at"));
    let hostnames =
        values.take("hostnames").unwrap_or_default().split_whitespace().map(str::to_owned).collect();
    let issuer = non_empty(values.take("issuer"));
    values.discard(|k| DERIVED_KEYS.contains(&k));
    let warning = unknown_fields_warning("certs", &values);
    let extra = values.values.into_iter().collect();
    Ok((CertReport { app_name: name, enabled, expires_at, hostnames, issuer, extra }, warning))
}

fn to_error(e: String) -> TextError {
    TextError::new(0, "a certs report with valid values", &e)
}

/// Parses `certs:report [<app>|--global]` text, one report per app block (the `--global`
/// block has no fields).
pub fn parse_report_text(text: &str) -> Result<(Vec<CertReport>, Vec<String>), TextError> {
    let mut reports = Vec::new();
    let mut warnings = Vec::new();
    for values in report_values_from_text(text, REPORT.type_prefix)? {
        if values.subject == ReportSubject::Global {
            warnings.extend(unknown_fields_warning("certs", &values));
            continue;
        }
        let (report, warning) = app_from_values(values).map_err(to_error)?;
        reports.push(report);
        warnings.extend(warning);
    }
    Ok((reports, warnings))
}

/// Parses `certs:report <app> --format json`.
pub fn parse_report_json(app: &str, text: &str) -> Result<(CertReport, Option<String>), TextError> {
    let values = report_values_from_json(text, ReportSubject::App(app.to_owned()), REPORT.type_prefix)?;
    app_from_values(values).map_err(to_error)
}
