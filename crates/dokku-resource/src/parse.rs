//! Pure parsers: `resource:report` (text and `--format json`) into [`Resources`] records.
//!
//! The report prints one line per stored property only, keyed `<type>.<limit|reserve>.<resource>`
//! (JSON `web.limit.memory`, text `resource web limit memory:`, before 0.38.8 without the
//! `resource` word). The key is read from its end (the resource, then the kind), so a process
//! type may hold any character.

use dokku_core::DokkuVersion;
use dokku_core::reports::{ReportForm, ReportSpec, unknown_fields_warning};
use dokku_core::text::{
    ReportSubject, ReportValues, TextError, report_values_from_json, report_values_from_text,
};

use crate::model::{Kind, RESOURCES, Resources};

/// How `resource:report` is read. There is no measured cost for this plugin (DOKKU_COSTS.md has
/// no row); it is a Go report of stored properties like `buildpacks:report`, so the same costs
/// are assumed: 0.1 s + 0.063 s per app in bulk against 0.1 s per app, bulk from three apps on.
/// The text form is complete here (values are single words; the bulk text names its apps).
pub const REPORT: ReportSpec = ReportSpec {
    subcommand: "resource:report",
    type_prefix: "resource",
    form: ReportForm::ByCost { bulk_base: 0.1, bulk_per_app: 0.063, one_app: 0.1 },
    json_since: DokkuVersion::new(0, 38, 0),
};

/// Splits a canonical key (`web-limit-memory-swap`) into process type, kind and resource.
fn split_key(key: &str) -> Option<(&str, Kind, &'static str)> {
    // Longest resource names first: `memory-swap` before `memory`.
    let mut by_length = RESOURCES;
    by_length.sort_by_key(|r| std::cmp::Reverse(r.len()));
    let (rest, resource) = by_length
        .iter()
        .find_map(|r| key.strip_suffix(r).and_then(|k| k.strip_suffix('-')).map(|k| (k, *r)))?;
    let (process, kind) = Kind::ALL.iter().find_map(|kind| {
        rest.strip_suffix(kind.as_str()).and_then(|p| p.strip_suffix('-')).map(|p| (p, *kind))
    })?;
    (!process.is_empty()).then_some((process, kind, resource))
}

/// Builds one app's record from its report; returns what the model did not know as a warning.
pub fn app_from_values(mut values: ReportValues) -> Result<(Resources, Option<String>), String> {
    let name = values.app().ok_or("a resource report block without an app name")?.to_owned();
    let mut record = Resources::new(&name);
    let keys: Vec<String> = values.values.iter().map(|(k, _)| k.clone()).collect();
    for key in keys {
        let Some((process, kind, resource)) = split_key(&key) else { continue };
        let value = values.take(&key).unwrap_or_default();
        if !value.is_empty() {
            record.of_mut(kind).entry(process.to_owned()).or_default().insert(resource.to_owned(), value);
        }
    }
    let warning = unknown_fields_warning("resource", &values);
    record.extra = values.values.into_iter().collect();
    Ok((record, warning))
}

fn to_error(e: String) -> TextError {
    TextError::new(0, "a resource report with valid values", &e)
}

/// Parses `resource:report [<app>|--global]` text: one record per app block; a `--global` block
/// (which has no fields) only adds a warning if it ever has some.
pub fn parse_report_text(text: &str) -> Result<(Vec<Resources>, Vec<String>), TextError> {
    let mut records = Vec::new();
    let mut warnings = Vec::new();
    for values in report_values_from_text(text, REPORT.type_prefix)? {
        if values.subject == ReportSubject::Global {
            warnings.extend(unknown_fields_warning("resource", &values));
            continue;
        }
        let (record, warning) = app_from_values(values).map_err(to_error)?;
        records.push(record);
        warnings.extend(warning);
    }
    Ok((records, warnings))
}

/// Parses `resource:report <app> --format json`.
pub fn parse_report_json(app: &str, text: &str) -> Result<(Resources, Option<String>), TextError> {
    let values = report_values_from_json(text, ReportSubject::App(app.to_owned()), REPORT.type_prefix)?;
    app_from_values(values).map_err(to_error)
}

/// What `resource:limit` / `resource:reserve` said it did.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct SetOutput {
    /// The app.
    pub app: String,
    /// Limits or reservations.
    pub kind: String,
    /// The process type (`_default_` when the header names none).
    pub process: String,
    /// Resource → the value set, or `None` for a cleared one, in printed (random) order.
    pub values: Vec<(String, Option<String>)>,
}

/// Parses the output of `resource:limit` / `resource:reserve` with values:
/// `=====> Setting resource <limits|reservation> for <app>[ (<type>)]`, then `<resource>: <value>`
/// or `<resource>: cleared` lines.
pub fn parse_set_output(text: &str) -> Result<SetOutput, TextError> {
    let mut lines = dokku_core::text::numbered_lines(text).filter(|(_, l)| !l.trim().is_empty());
    let (line_no, header) =
        lines.next().ok_or_else(|| TextError::new(1, "`=====> Setting resource …`", ""))?;
    let expected = "`=====> Setting resource <limits|reservation> for <app>`";
    let (_, title) =
        dokku_core::text::info2_header(header).map_err(|_| TextError::new(line_no, expected, header))?;
    let rest =
        title.strip_prefix("Setting resource ").ok_or_else(|| TextError::new(line_no, expected, header))?;
    let (kind, target) = rest.split_once(" for ").ok_or_else(|| TextError::new(line_no, expected, header))?;
    let (app, process) = match target.split_once(" (") {
        Some((app, process)) => (app, process.trim_end_matches(')')),
        None => (target, crate::model::DEFAULT_PROCESS_TYPE),
    };
    let mut output = SetOutput {
        app: app.to_owned(),
        kind: kind.to_owned(),
        process: process.to_owned(),
        values: Vec::new(),
    };
    for (line_no, line) in lines {
        let (resource, value) = line
            .trim()
            .split_once(": ")
            .ok_or_else(|| TextError::new(line_no, "`<resource>: <value>`", line))?;
        let value = (value != "cleared").then(|| value.to_owned());
        output.values.push((resource.to_owned(), value));
    }
    Ok(output)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_read_from_their_end() {
        assert_eq!(split_key("_default_-limit-memory-swap"), Some(("_default_", Kind::Limit, "memory-swap")));
        assert_eq!(split_key("web-reserve-memory"), Some(("web", Kind::Reserve, "memory")));
        assert_eq!(split_key("my-limit-worker-limit-cpu"), Some(("my-limit-worker", Kind::Limit, "cpu")));
        assert_eq!(split_key("web-limit-network-ingress"), Some(("web", Kind::Limit, "network-ingress")));
        assert_eq!(split_key("limit-cpu"), None);
        assert_eq!(split_key("web-limit-disk"), None);
    }
}
