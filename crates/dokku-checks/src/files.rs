//! Checks from Dokku's files (root fast path), pure: the values `checks:report` prints, got from
//! the property files its Go code reads (`plugins/checks/report.go` at v0.38.27), then read by
//! the same parser as the report's.
//!
//! - `disabled-list` / `skipped-list`: `PropertyGet("checks", app, "disabled"|"skipped")`, a
//!   comma list as `checks:disable`/`checks:skip` write it, `none` when empty or unset;
//! - `wait-to-retire`: the app's property; `global-wait-to-retire`: the `--global` one;
//! - `computed-wait-to-retire`: app, else global, else `60` (`reportComputedWaitToRetire`).

use dokku_core::file_snapshot::FileSnapshot;
use dokku_core::text::{ReportSubject, ReportValues};

/// The property namespace of the checks plugin.
const NAMESPACE: &str = "checks";
/// The subject directory of the server-wide values.
const GLOBAL: &str = "--global";
/// `reportComputedWaitToRetire`'s value when neither the app nor the server set one.
const DEFAULT_WAIT_TO_RETIRE: &str = "60";

/// The values `checks:report <app>` prints (`app`: `None` for `checks:report --global`).
pub fn report_values_from_files(files: &FileSnapshot, app: Option<&str>) -> ReportValues {
    let property =
        |subject: &str, key: &str| files.property(NAMESPACE, subject, key).unwrap_or_default().to_owned();
    let global_wait = property(GLOBAL, "wait-to-retire");
    let Some(app) = app else {
        let computed =
            if global_wait.is_empty() { DEFAULT_WAIT_TO_RETIRE.to_owned() } else { global_wait.clone() };
        return ReportValues {
            subject: ReportSubject::Global,
            values: vec![
                ("computed-wait-to-retire".into(), computed),
                ("global-wait-to-retire".into(), global_wait),
            ],
        };
    };
    let list = |key: &str| {
        let value = property(app, key);
        if value.is_empty() { "none".to_owned() } else { value }
    };
    let wait = property(app, "wait-to-retire");
    let computed = [&wait, &global_wait]
        .into_iter()
        .find(|v| !v.is_empty())
        .map_or_else(|| DEFAULT_WAIT_TO_RETIRE.to_owned(), |v| v.clone());
    ReportValues {
        subject: ReportSubject::App(app.to_owned()),
        values: vec![
            ("disabled-list".into(), list("disabled")),
            ("skipped-list".into(), list("skipped")),
            ("computed-wait-to-retire".into(), computed),
            ("global-wait-to-retire".into(), global_wait),
            ("wait-to-retire".into(), wait),
        ],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ALL_PROCESSES, CheckStatus};
    use crate::parse::{checks_from_values, global_from_values};

    fn snapshot(output: &str) -> FileSnapshot {
        FileSnapshot::parse(output, "/c")
    }

    #[test]
    fn lists_and_waits_come_from_the_property_files_with_the_reports_fallbacks() {
        let files = snapshot(
            "/c/checks/--global/wait-to-retire\x0045\n/c/checks/a/disabled\x00worker,cron\n\
             /c/checks/a/skipped\x00web\n/c/checks/a/wait-to-retire\x0030\n",
        );
        let a = report_values_from_files(&files, Some("a"));
        assert_eq!(a.get("disabled-list"), Some("worker,cron"));
        assert_eq!(a.get("computed-wait-to-retire"), Some("30"));
        let b = report_values_from_files(&files, Some("b"));
        assert_eq!(b.get("disabled-list"), Some("none"));
        assert_eq!(b.get("skipped-list"), Some("none"));
        assert_eq!(b.get("computed-wait-to-retire"), Some("45"));
        assert_eq!(b.get("wait-to-retire"), Some(""));
        let (records, warning) = checks_from_values(a).unwrap();
        assert!(warning.is_none());
        let statuses: Vec<(&str, CheckStatus, Option<u64>)> =
            records.iter().map(|c| (c.process.as_str(), c.status.unwrap(), c.app_wait_to_retire)).collect();
        assert_eq!(
            statuses,
            [
                ("worker", CheckStatus::Disabled, Some(30)),
                ("cron", CheckStatus::Disabled, Some(30)),
                ("web", CheckStatus::Skipped, Some(30))
            ]
        );
        let (records, _) = checks_from_values(b).unwrap();
        assert_eq!(records.len(), 1);
        assert_eq!(
            (records[0].process.as_str(), records[0].status),
            (ALL_PROCESSES, Some(CheckStatus::Enabled))
        );
        let (global, warning) = global_from_values(report_values_from_files(&files, None)).unwrap();
        assert_eq!((global.global_wait_to_retire, warning), (Some(45), None));
    }

    #[test]
    fn nothing_set_is_the_default_wait_and_no_global_value() {
        let files = snapshot("");
        let global = report_values_from_files(&files, None);
        assert_eq!(global.get("computed-wait-to-retire"), Some("60"));
        assert_eq!(global.get("global-wait-to-retire"), Some(""));
        let (global, _) = global_from_values(global).unwrap();
        assert_eq!(global.global_wait_to_retire, None);
    }
}
