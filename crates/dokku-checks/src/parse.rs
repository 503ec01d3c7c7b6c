//! Pure parsers: `checks:report` text and `--format json` into [`Check`] records.

use dokku_core::DokkuVersion;
use dokku_core::reports::{ReportForm, ReportSpec, unknown_fields_warning};
use dokku_core::text::{
    ReportSubject, ReportValues, TextError, report_values_from_json, report_values_from_text,
};

use crate::model::{ALL_PROCESSES, Check, CheckStatus};

/// How `checks:report` is read: the bulk form is cheap (0.10 s for 30 apps against 0.07 s for
/// one app on a measured 0.38.27). The per-app and `--global` JSON forms exist since 0.38.0.
pub const REPORT: ReportSpec = ReportSpec {
    subcommand: "checks:report",
    type_prefix: "checks",
    form: ReportForm::Bulk,
    json_since: DokkuVersion::new(0, 38, 0),
};

/// The global value every app report repeats (raw stored value, empty when unset).
const GLOBAL_KEY: &str = "global-wait-to-retire";
/// The effective value (app → global → 60): derived, so never exported.
const COMPUTED_KEY: &str = "computed-wait-to-retire";

/// Reads a wait-to-retire value: whole seconds, or empty when unset.
fn seconds(who: &str, key: &str, value: Option<&str>) -> Result<Option<u64>, String> {
    match value.map(str::trim) {
        None | Some("") => Ok(None),
        Some(v) => {
            v.parse().map(Some).map_err(|_| format!("{who}: `{key}` is {v:?}, expected whole seconds"))
        }
    }
}

/// Reads a process list: comma-separated, `none` (or nothing) for an empty list.
fn process_list(value: Option<String>) -> Vec<String> {
    match value.as_deref().map(str::trim) {
        None | Some("" | "none") => Vec::new(),
        Some(list) => list.split(',').map(str::trim).filter(|p| !p.is_empty()).map(str::to_owned).collect(),
    }
}

/// The global wait-to-retire as an app report repeats it (the pydokku way to read it, and the
/// only one before `checks:report --global`).
pub fn global_wait_from_app_values(values: &ReportValues) -> Result<Option<u64>, String> {
    seconds("global", GLOBAL_KEY, values.get(GLOBAL_KEY))
}

/// Builds one app's [`Check`] records from its report: one per disabled, then per skipped
/// process type, or one enabled [`ALL_PROCESSES`] record when there are none. Returns what the
/// model did not know as a warning (the unknown fields ride on the first record).
pub fn checks_from_values(mut values: ReportValues) -> Result<(Vec<Check>, Option<String>), String> {
    let name = values.app().ok_or("a checks report block without an app name")?.to_owned();
    let who = format!("app {name}");
    let app_wait_to_retire = seconds(&who, "wait-to-retire", values.take("wait-to-retire").as_deref())?;
    let disabled = process_list(values.take("disabled-list"));
    let skipped = process_list(values.take("skipped-list"));
    // The global value goes to the global record; the computed one is derived.
    values.discard(|k| k == GLOBAL_KEY || k == COMPUTED_KEY);
    let warning = unknown_fields_warning("checks", &values);
    let record = |process: &str, status| Check {
        process: process.to_owned(),
        app_name: Some(name.clone()),
        status: Some(status),
        app_wait_to_retire,
        global_wait_to_retire: None,
        extra: Default::default(),
    };
    let mut records: Vec<Check> = if disabled.is_empty() && skipped.is_empty() {
        vec![record(ALL_PROCESSES, CheckStatus::Enabled)]
    } else {
        let disabled = disabled.iter().map(|p| record(p, CheckStatus::Disabled));
        disabled.chain(skipped.iter().map(|p| record(p, CheckStatus::Skipped))).collect()
    };
    if let Some(first) = records.first_mut() {
        first.extra = values.values.into_iter().collect();
    }
    Ok((records, warning))
}

/// Builds the global [`Check`] record from `checks:report --global`.
pub fn global_from_values(mut values: ReportValues) -> Result<(Check, Option<String>), String> {
    let global_wait_to_retire = seconds("global", GLOBAL_KEY, values.take(GLOBAL_KEY).as_deref())?;
    values.discard(|k| k == COMPUTED_KEY);
    let warning = unknown_fields_warning("checks", &values);
    let mut global = global_record(global_wait_to_retire);
    global.extra = values.values.into_iter().collect();
    Ok((global, warning))
}

/// The global record for a global wait-to-retire.
pub fn global_record(global_wait_to_retire: Option<u64>) -> Check {
    Check {
        process: ALL_PROCESSES.to_owned(),
        app_name: None,
        status: None,
        app_wait_to_retire: None,
        global_wait_to_retire,
        extra: Default::default(),
    }
}

fn to_error(e: String) -> TextError {
    TextError::new(0, "a checks report with valid values", &e)
}

/// Parses `checks:report [<app>|--global]` text into records (a global block gives the global
/// record), with warnings for unknown fields.
pub fn parse_report_text(text: &str) -> Result<(Vec<Check>, Vec<String>), TextError> {
    let mut records = Vec::new();
    let mut warnings = Vec::new();
    for values in report_values_from_text(text, REPORT.type_prefix)? {
        match values.subject {
            ReportSubject::Global => {
                let (global, warning) = global_from_values(values).map_err(to_error)?;
                records.push(global);
                warnings.extend(warning);
            }
            _ => {
                let (checks, warning) = checks_from_values(values).map_err(to_error)?;
                records.extend(checks);
                warnings.extend(warning);
            }
        }
    }
    Ok((records, warnings))
}

/// Parses `checks:report <app|--global> --format json` (`app` is `None` for `--global`).
pub fn parse_report_json(app: Option<&str>, text: &str) -> Result<(Vec<Check>, Option<String>), TextError> {
    let subject = app.map_or(ReportSubject::Global, |a| ReportSubject::App(a.to_owned()));
    let values = report_values_from_json(text, subject, REPORT.type_prefix)?;
    match app {
        Some(_) => checks_from_values(values),
        None => global_from_values(values).map(|(g, w)| (vec![g], w)),
    }
    .map_err(to_error)
}
