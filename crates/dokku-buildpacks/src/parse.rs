//! Pure parsers: `buildpacks:report` (text and `--format json`) and `buildpacks:list` text into
//! [`Buildpacks`] records.

use dokku_core::DokkuVersion;
use dokku_core::reports::{ReportForm, ReportSpec, unknown_fields_warning};
use dokku_core::text::{
    ReportSubject, ReportValues, TextError, info1_header, numbered_lines, report_values_from_json,
    report_values_from_text,
};

use crate::model::{BuildpackUrl, Buildpacks};

/// How `buildpacks:report` is read. Only the report holds an app's stack, so `buildpacks:list`
/// (the list alone) is not complete. Costs on 0.38.27 as the issue states them (the bulk form
/// about 2 s for 30 apps, one app about 0.1 s; DOKKU_COSTS.md has no row for this plugin):
/// modelled as 0.1 s + 0.063 s per app against 0.1 s, so in bulk from three apps on.
pub const REPORT: ReportSpec = ReportSpec {
    subcommand: "buildpacks:report",
    type_prefix: "buildpacks",
    form: ReportForm::ByCost { bulk_base: 0.1, bulk_per_app: 0.063, one_app: 0.1 },
    json_since: DokkuVersion::new(0, 38, 0),
};

/// Derived values every app report prints: dropped without a warning, never applied.
const DERIVED_KEYS: [&str; 1] = ["computed-stack"];
/// The global value every app report repeats: exported once, in the global record.
const GLOBAL_KEY: &str = "global-stack";

/// Splits Dokku's comma-joined list (the report's only form of it).
fn split_list(value: Option<String>) -> Vec<BuildpackUrl> {
    value
        .unwrap_or_default()
        .split(',')
        .map(str::trim)
        .filter(|u| !u.is_empty())
        .map(BuildpackUrl::new)
        .collect()
}

fn non_empty(value: Option<String>) -> Option<String> {
    value.filter(|v| !v.trim().is_empty())
}

/// Builds one app's record from its report; returns what the model did not know as a warning.
pub fn app_from_values(mut values: ReportValues) -> Result<(Buildpacks, Option<String>), String> {
    let name = values.app().ok_or("a buildpacks report block without an app name")?.to_owned();
    let buildpacks = split_list(values.take("list"));
    let stack = non_empty(values.take("stack"));
    values.discard(|k| DERIVED_KEYS.contains(&k) || k == GLOBAL_KEY);
    let warning = unknown_fields_warning("buildpacks", &values);
    let extra = values.values.into_iter().collect();
    Ok((Buildpacks { app_name: Some(name), buildpacks, stack, extra }, warning))
}

/// Builds the global record from `buildpacks:report --global`, or from the global line an app
/// report repeats (only that line is read then: the app's own keys are not global fields).
pub fn global_from_values(values: &ReportValues) -> (Buildpacks, Option<String>) {
    let stack = non_empty(values.get(GLOBAL_KEY).map(str::to_owned));
    let mut rest = values.clone();
    rest.discard(|k| k == GLOBAL_KEY || DERIVED_KEYS.contains(&k));
    let (extra, warning) = if values.app().is_none() {
        (rest.values.iter().cloned().collect(), unknown_fields_warning("buildpacks", &rest))
    } else {
        (Default::default(), None)
    };
    (Buildpacks { app_name: None, buildpacks: Vec::new(), stack, extra }, warning)
}

fn to_error(e: String) -> TextError {
    TextError::new(0, "a buildpacks report with valid values", &e)
}

/// Parses `buildpacks:report [<app>|--global]` text: one record per block.
pub fn parse_report_text(text: &str) -> Result<(Vec<Buildpacks>, Vec<String>), TextError> {
    let mut records = Vec::new();
    let mut warnings = Vec::new();
    for values in report_values_from_text(text, REPORT.type_prefix)? {
        let (record, warning) = match values.subject {
            ReportSubject::Global => global_from_values(&values),
            _ => app_from_values(values).map_err(to_error)?,
        };
        records.push(record);
        warnings.extend(warning);
    }
    Ok((records, warnings))
}

/// Parses `buildpacks:report <app|--global> --format json` (`app` is `None` for `--global`).
pub fn parse_report_json(app: Option<&str>, text: &str) -> Result<(Buildpacks, Option<String>), TextError> {
    let subject = app.map_or(ReportSubject::Global, |a| ReportSubject::App(a.to_owned()));
    let values = report_values_from_json(text, subject, REPORT.type_prefix)?;
    match app {
        Some(_) => app_from_values(values).map_err(to_error),
        None => Ok(global_from_values(&values)),
    }
}

/// Parses `buildpacks:list <app>` text: the header (absent with `--quiet`), then one URL per
/// line in build order. Exact where the report's comma-joined list is not (a URL with a comma).
pub fn parse_list_text(text: &str) -> Result<Vec<BuildpackUrl>, TextError> {
    let mut urls = Vec::new();
    for (line_no, line) in numbered_lines(text) {
        if line.trim().is_empty() {
            continue;
        }
        if let Ok((_, title)) = info1_header(line) {
            if title.ends_with(" buildpack urls") {
                continue;
            }
            return Err(TextError::new(line_no, "`-----> <app> buildpack urls`", line));
        }
        urls.push(BuildpackUrl::new(line.trim()));
    }
    Ok(urls)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_reads_with_and_without_header() -> Result<(), TextError> {
        let text =
            "-----> a buildpack urls\n       https://x.example/a/b.git\n       https://x.example/c,d/e.git\n";
        let urls = parse_list_text(text)?;
        assert_eq!(urls.len(), 2);
        assert_eq!(urls[1].expose(), "https://x.example/c,d/e.git");
        assert_eq!(parse_list_text("https://x.example/a/b.git\n")?.len(), 1);
        assert!(parse_list_text("-----> Something else\n").is_err());
        Ok(())
    }
}
