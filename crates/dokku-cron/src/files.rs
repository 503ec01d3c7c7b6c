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
//!   see [`crate::tasks`], which computes them where the files decide, and leaves the rest to
//!   `cron:list` (the report path sends that command for every app with tasks).

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

#[cfg(test)]
mod tests {
    use super::*;

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
