//! Pure parsers: `apps:report` text and `--format json` into [`App`] records, and `apps:list`.

use dokku_core::reports::{ReportForm, ReportSpec};
use dokku_core::text::{
    ReportSubject, ReportValues, TextError, parse_name_list, report_values_from_json, report_values_from_text,
};
use dokku_core::{DokkuVersion, timestamp};

use crate::model::{App, AppsGlobal};

/// How `apps:report` is read: the bulk form is cheap (0.16 s for 30 apps against 0.05–0.09 s per
/// app on a measured 0.38.27), and the per-app JSON form exists since 0.23.1.
pub const REPORT: ReportSpec = ReportSpec {
    subcommand: "apps:report",
    type_prefix: "app",
    form: ReportForm::Bulk,
    json_since: DokkuVersion::new(0, 23, 1),
};

/// Keys this model takes from a report (the rest lands in `extra`).
const GLOBAL_KEY: &str = "global-disable-autocreation";

/// Builds an [`App`] from one report's values; returns what the model did not know as warnings.
pub fn app_from_values(mut values: ReportValues) -> Result<(App, Option<String>), String> {
    let name = values.app().ok_or("an apps report block without an app name")?.to_owned();
    let locked = match values.take("locked").as_deref() {
        Some("true") => true,
        Some("false" | "") | None => false,
        Some(other) => return Err(format!("app {name}: `locked` is {other:?}, expected true or false")),
    };
    let created_at = timestamp::from_unix_text(&values.take("created-at").unwrap_or_default())
        .map_err(|e| format!("app {name}: created-at: {e}"))?;
    let non_empty = |v: Option<String>| v.filter(|s| !s.is_empty());
    let app = App {
        path: values.take("dir").unwrap_or_default(),
        locked,
        created_at,
        deploy_source: non_empty(values.take("deploy-source")),
        deploy_source_metadata: non_empty(values.take("deploy-source-metadata")),
        extra: Default::default(),
        name,
    };
    // The global property is repeated in every app's report; it is exported once, globally.
    values.discard(|k| k == GLOBAL_KEY);
    let warning = dokku_core::reports::unknown_fields_warning("apps", &values);
    let app = App { extra: values.values.into_iter().collect(), ..app };
    Ok((app, warning))
}

/// The global settings as every app report repeats them (`None` when no app reported them).
pub fn global_from_values(values: &ReportValues) -> Option<AppsGlobal> {
    values.get(GLOBAL_KEY).map(|v| AppsGlobal { disable_autocreation: v == "true" })
}

fn to_error(e: String) -> TextError {
    TextError::new(0, "an apps report with valid values", &e)
}

/// Parses `apps:report [<app>]` text into apps, with warnings for unknown fields.
pub fn parse_report_text(text: &str) -> Result<(Vec<App>, Vec<String>), TextError> {
    let mut apps = Vec::new();
    let mut warnings = Vec::new();
    for values in report_values_from_text(text, REPORT.type_prefix)? {
        let (app, warning) = app_from_values(values).map_err(to_error)?;
        apps.push(app);
        warnings.extend(warning);
    }
    Ok((apps, warnings))
}

/// Parses `apps:report <app> --format json`.
pub fn parse_report_json(app: &str, text: &str) -> Result<(App, Option<String>), TextError> {
    let values = report_values_from_json(text, ReportSubject::App(app.to_owned()), REPORT.type_prefix)?;
    app_from_values(values).map_err(to_error)
}

/// The header of `apps:list` (`=====> My Apps`), which `--quiet` drops. With no apps, Dokku
/// prints only the header (the "no apps" message goes to stderr, exit 0).
pub const APPS_LIST_TITLE: &str = "My Apps";

/// Parses `dokku apps:list` (with or without `--quiet`) into app names, in printed order.
pub fn parse_apps_list(text: &str) -> Result<Vec<String>, TextError> {
    parse_name_list(text, APPS_LIST_TITLE)
}
