//! Pure parsers: `domains:report` text and `--format json` into [`Domain`] records.

use dokku_core::DokkuVersion;
use dokku_core::reports::{ReportForm, ReportSpec, unknown_fields_warning};
use dokku_core::text::{
    ReportSubject, ReportValues, TextError, report_values_from_json, report_values_from_text,
};

use crate::model::Domain;

/// How `domains:report` is read: by measured cost on 0.38.27 (bulk 2.0–3.4 s for 30 apps,
/// about 0.2 s + 0.09 s per app; one app 0.24–0.30 s), so in bulk from two apps on, plus one
/// `--global` read for the global record. The per-app JSON form exists since 0.38.0.
pub const REPORT: ReportSpec = ReportSpec {
    subcommand: "domains:report",
    type_prefix: "domains",
    form: ReportForm::ByCost { bulk_base: 0.2, bulk_per_app: 0.09, one_app: 0.27 },
    json_since: DokkuVersion::new(0, 38, 0),
};

/// The global keys every app report repeats: exported once, in the global record.
const GLOBAL_KEYS: [&str; 2] = ["global-enabled", "global-vhosts"];

/// Reads a `true`/`false` report value; `default` when Dokku printed nothing.
fn flag(who: &str, key: &str, value: Option<String>, default: bool) -> Result<bool, String> {
    match value.as_deref() {
        Some("true") => Ok(true),
        Some("false") => Ok(false),
        Some("") | None => Ok(default),
        Some(other) => Err(format!("{who}: `{key}` is {other:?}, expected true or false")),
    }
}

/// Splits a vhosts value (Dokku collapses all whitespace to single spaces).
fn domain_list(value: Option<String>) -> Vec<String> {
    value.unwrap_or_default().split_whitespace().map(str::to_owned).collect()
}

/// Builds one app's [`Domain`] record from its report; returns what the model did not know as a
/// warning. The global values the report repeats are left to the global record.
pub fn app_from_values(mut values: ReportValues) -> Result<(Domain, Option<String>), String> {
    let name = values.app().ok_or("a domains report block without an app name")?.to_owned();
    let who = format!("app {name}");
    // Dokku enables virtual hosts for new apps, so a missing value means enabled.
    let enabled = flag(&who, "app-enabled", values.take("app-enabled"), true)?;
    let domains = domain_list(values.take("app-vhosts"));
    values.discard(|k| GLOBAL_KEYS.contains(&k));
    let warning = unknown_fields_warning("domains", &values);
    let extra = values.values.into_iter().collect();
    Ok((Domain { enabled, domains, app_name: Some(name), extra }, warning))
}

/// Builds the global [`Domain`] record from `domains:report --global` (or any report's global
/// lines); returns what the model did not know as a warning.
pub fn global_from_values(mut values: ReportValues) -> Result<(Domain, Option<String>), String> {
    // Dokku calls global domains enabled when the global list holds a valid name.
    let enabled = flag("global", "global-enabled", values.take("global-enabled"), false)?;
    let domains = domain_list(values.take("global-vhosts"));
    let warning = unknown_fields_warning("domains", &values);
    let extra = values.values.into_iter().collect();
    Ok((Domain { enabled, domains, app_name: None, extra }, warning))
}

fn to_error(e: String) -> TextError {
    TextError::new(0, "a domains report with valid values", &e)
}

/// Parses `domains:report [<app>|--global]` text (one or more blocks; a global block, named
/// `--global`, `global` or `Global` depending on the version, gives the global record).
pub fn parse_report_text(text: &str) -> Result<(Vec<Domain>, Vec<String>), TextError> {
    let mut records = Vec::new();
    let mut warnings = Vec::new();
    for values in report_values_from_text(text, REPORT.type_prefix)? {
        let (record, warning) = match values.subject {
            ReportSubject::Global => global_from_values(values),
            _ => app_from_values(values),
        }
        .map_err(to_error)?;
        records.push(record);
        warnings.extend(warning);
    }
    Ok((records, warnings))
}

/// Parses `domains:report <app|--global> --format json` (`app` is `None` for `--global`).
pub fn parse_report_json(app: Option<&str>, text: &str) -> Result<(Domain, Option<String>), TextError> {
    let subject = app.map_or(ReportSubject::Global, |a| ReportSubject::App(a.to_owned()));
    let values = report_values_from_json(text, subject, REPORT.type_prefix)?;
    match app {
        Some(_) => app_from_values(values),
        None => global_from_values(values),
    }
    .map_err(to_error)
}
