//! Cron from Dokku's files (root fast path), pure: what `cron:report` prints, got from the
//! files its Go code reads (`plugins/cron/report.go` and `cron.go` at v0.38.27).
//!
//! The settings (`mailto`, `mailfrom`, `maintenance`) are property files like any property
//! plugin's. Two things are cron's own:
//! - the per-task switches `maintenance.<task id>` (`addCronMaintenanceFlags` prints each as
//!   `--cron-maintenance-<task id>`, a field the spec does not declare, so the report path keeps
//!   it in `extra` with a warning, as done here);
//! - the tasks, which `FetchCronTasks` computes from the app's deployed `app.json`
//!   (`$DOKKU_LIB_ROOT/data/app-json/<app>/app.json`, `getAppJSONPath` in `plugins/app-json`):
//!   each entry's schedule is checked with robfig/cron's parser and its command with
//!   mvdan.cc/sh's word parser, and the first invalid entry makes the list an error. Those
//!   checks are not reproduced here, so the files decide only when an app certainly has no task
//!   ([`declares_tasks`]); for an app whose `app.json` lists entries, `cron:list` computes them
//!   (the report path sends that same command for every app with tasks).

use dokku_core::DokkuVersion;
use dokku_core::file_snapshot::FileSnapshot;
use dokku_core::property_plugin::{PropertyRecord, record_from_files};
use dokku_core::reports::unknown_fields_warning;
use dokku_core::text::{ReportSubject, ReportValues};

use crate::SPEC;

/// cron.go `MaintenancePropertyPrefix`: the per-task maintenance properties.
const TASK_MAINTENANCE_PREFIX: &str = "maintenance.";

/// One subject's record from the files (`app`: `None` for `--global`), with the warning the
/// report path gives for the per-task switches (unknown report fields kept in `extra`).
pub fn cron_record_from_files(
    files: &FileSnapshot,
    app: Option<&str>,
    version: &DokkuVersion,
) -> (PropertyRecord, Option<String>) {
    let mut record = record_from_files(&SPEC, files, app, version);
    let Some(app) = app else { return (record, None) };
    // `--cron-maintenance-<id>` loses its `--cron-` prefix in the report (`TrimPrefix`).
    let task_switches: Vec<(String, String)> = files
        .properties(SPEC.namespace, app)
        .into_iter()
        .filter_map(|(key, value)| {
            key.strip_prefix(TASK_MAINTENANCE_PREFIX)
                .map(|id| (format!("maintenance-{id}"), value.to_owned()))
        })
        .collect();
    let unknown = ReportValues { subject: ReportSubject::App(app.to_owned()), values: task_switches };
    let warning = unknown_fields_warning(SPEC.namespace, &unknown);
    record.extra.extend(unknown.values);
    (record, warning)
}

/// Whether an app's deployed `app.json` may give it cron tasks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DeclaredTasks {
    /// Certainly none: `cron:report` counts 0 and the report path reads no list.
    None,
    /// The file lists entries (or is JSON with comments, which only Dokku's parser reads):
    /// `cron:list` says which are tasks.
    Listed,
}

/// What `FetchCronTasks` would find in `app_json` (the deployed file's content, `None` when
/// there is none): `GetAppJSON` reads a missing or blank file as no `app.json`; a file Go's
/// `json.Unmarshal` cannot read into Dokku's `AppJSON` (not an object, a `cron` that is not a
/// list) is an error, which the report counts as no task. Go matches the `cron` key without
/// regard to ASCII case (no other character folds to one of its letters).
pub fn declares_tasks(app_json: Option<&str>) -> DeclaredTasks {
    let Some(text) = app_json.filter(|text| !text.trim().is_empty()) else {
        return DeclaredTasks::None;
    };
    // Plain JSON is JSONC too (hujson); what serde_json refuses may still be JSONC.
    let Ok(document) = serde_json::from_str::<serde_json::Value>(text) else {
        return DeclaredTasks::Listed;
    };
    let Some(fields) = document.as_object() else {
        return DeclaredTasks::None;
    };
    let mut cron = fields.iter().filter(|(key, _)| key.eq_ignore_ascii_case("cron"));
    match (cron.next(), cron.next()) {
        (None, _) => DeclaredTasks::None,
        // Several spellings: Go applies each in document order, which a map does not keep.
        (Some(_), Some(_)) => DeclaredTasks::Listed,
        (Some((_, value)), None) => match value.as_array() {
            Some(entries) if !entries.is_empty() => DeclaredTasks::Listed,
            _ => DeclaredTasks::None,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_listed_cron_entry_asks_for_the_task_list() {
        for (text, expected) in [
            (None, DeclaredTasks::None),
            (Some(" \n"), DeclaredTasks::None),
            (Some(r#"{"scripts": {"dokku": {"predeploy": "x"}}}"#), DeclaredTasks::None),
            (Some(r#"{"cron": []}"#), DeclaredTasks::None),
            (Some(r#"{"cron": null}"#), DeclaredTasks::None),
            (Some(r#"{"cron": {"command": "x"}}"#), DeclaredTasks::None),
            (Some("[1]"), DeclaredTasks::None),
            (Some(r#"{"cron": [{"command": "x", "schedule": "@daily"}]}"#), DeclaredTasks::Listed),
            (Some(r#"{"CRON": [{"command": "x", "schedule": "@daily"}]}"#), DeclaredTasks::Listed),
            (Some("{\"cron\": [], // none yet\n}"), DeclaredTasks::Listed),
            (Some(r#"{"cron": [], "Cron": []}"#), DeclaredTasks::Listed),
        ] {
            assert_eq!(declares_tasks(text), expected, "{text:?}");
        }
    }

    #[test]
    fn settings_come_from_the_store_and_task_switches_are_kept_as_the_report_keeps_them() {
        let files = FileSnapshot::parse(
            "/c/cron/a/maintenance\0true\n/c/cron/a/maintenance.abc12\0true\n\
             /c/cron/--global/mailto\0ops@example.com\n/c/cron/--global/maintenance\0false\n",
            "/c",
        );
        let version = DokkuVersion::new(0, 38, 27);
        let (app, warning) = cron_record_from_files(&files, Some("a"), &version);
        assert_eq!(app.properties.get("maintenance").map(String::as_str), Some("true"));
        assert_eq!(app.extra.get("maintenance-abc12").map(String::as_str), Some("true"));
        assert!(warning.is_some_and(|w| w.contains("maintenance-abc12")));
        let (global, warning) = cron_record_from_files(&files, None, &version);
        assert_eq!(global.properties.get("mailto").map(String::as_str), Some("ops@example.com"));
        assert!(global.extra.is_empty() && warning.is_none());
    }
}
