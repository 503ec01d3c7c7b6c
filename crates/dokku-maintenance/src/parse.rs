//! Pure parsers: `maintenance:report` text and `--format json` into [`Maintenance`] records.

use dokku_core::DokkuVersion;
use dokku_core::reports::{ReportForm, ReportSpec};
use dokku_core::text::{
    ReportSubject, ReportValues, TextError, report_values_from_json, report_values_from_text,
};

use crate::model::Maintenance;

/// How `maintenance:report` is read: by cost. Measured on 0.38.27 (`DOKKU_COSTS.md`), the bulk
/// form costs 0.45–0.93 s for 30 apps and one app's 0.19 s, so from a dozen apps on one bulk
/// report beats a report per app even with five in flight. Always as text: `--format json`
/// arrived with the plugin's own 0.9.0 release (2026-07), which the Dokku version says nothing
/// about, while the text form is understood by every plugin version; hence a `json_since` no
/// Dokku release reaches.
pub const REPORT: ReportSpec = ReportSpec {
    subcommand: "maintenance:report",
    type_prefix: "maintenance",
    form: ReportForm::ByCost { bulk_base: 0.2, bulk_per_app: 0.02, one_app: 0.18 },
    json_since: DokkuVersion::new(u32::MAX, 0, 0),
};

/// The report key of the custom page's checksum (plugin 0.9.1 and later).
const CUSTOM_PAGE_KEY: &str = "custom-page-sha256";

/// Builds a [`Maintenance`] record from one app's report values.
///
/// Returns the record and the warnings for the user: unknown fields (kept in `extra`), and a
/// custom maintenance page, which is not exported (it is a tarball uploaded on stdin; only its
/// checksum is reported).
pub fn maintenance_from_values(mut values: ReportValues) -> Result<(Maintenance, Vec<String>), String> {
    let app_name = values.app().ok_or("a maintenance report block without an app name")?.to_owned();
    let enabled = match values.take("enabled").as_deref() {
        Some("true") => true,
        Some("false" | "") | None => false,
        Some(other) => return Err(format!("app {app_name}: `enabled` is {other:?}, expected true or false")),
    };
    let mut warnings = Vec::new();
    // The page itself cannot be read back through Dokku's commands in a form apply could replay
    // without root, so the checksum is dropped; a set page is worth telling the user about.
    if let Some(sha) = values.take(CUSTOM_PAGE_KEY).filter(|s| !s.is_empty()) {
        warnings.push(format!(
            "maintenance: app {app_name}: a custom maintenance page (sha256 {sha}) is not exported; \
             upload it again with `maintenance:custom-page`"
        ));
    }
    warnings.extend(dokku_core::reports::unknown_fields_warning("maintenance", &values));
    let record = Maintenance { app_name, enabled, extra: values.values.into_iter().collect() };
    Ok((record, warnings))
}

fn to_error(e: String) -> TextError {
    TextError::new(0, "a maintenance report with valid values", &e)
}

/// Parses `maintenance:report [<app>]` text into records, with warnings.
pub fn parse_report_text(text: &str) -> Result<(Vec<Maintenance>, Vec<String>), TextError> {
    let mut records = Vec::new();
    let mut warnings = Vec::new();
    for values in report_values_from_text(text, REPORT.type_prefix)? {
        let (record, warning) = maintenance_from_values(values).map_err(to_error)?;
        records.push(record);
        warnings.extend(warning);
    }
    Ok((records, warnings))
}

/// Parses `maintenance:report <app> --format json` (plugin 0.9.0 and later).
pub fn parse_report_json(app: &str, text: &str) -> Result<(Maintenance, Vec<String>), TextError> {
    let values = report_values_from_json(text, ReportSubject::App(app.to_owned()), REPORT.type_prefix)?;
    maintenance_from_values(values).map_err(to_error)
}
