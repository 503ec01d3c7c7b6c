//! Pure parsers: `ps:report` text and `--format json` into [`ProcessInfo`] and [`PsGlobal`].

use dokku_core::DokkuVersion;
use dokku_core::reports::{ReportForm, ReportSpec};
use dokku_core::text::{
    ReportSubject, ReportValues, TextError, report_values_from_json, report_values_from_text,
};

use crate::model::{Process, ProcessInfo, PsGlobal};

/// How `ps:report` is read: the bulk form is very slow (12–15 s for 30 apps on a measured
/// 0.38.27, against 0.12 s for one app), so apps are read one by one, as JSON (since 0.23.1).
pub const REPORT: ReportSpec = ReportSpec {
    subcommand: "ps:report",
    type_prefix: "ps",
    form: ReportForm::PerApp,
    json_since: DokkuVersion::new(0, 23, 1),
};

fn non_empty(value: Option<String>) -> Option<String> {
    value.filter(|s| !s.is_empty())
}

fn boolean(value: Option<String>, key: &str, whose: &str) -> Result<Option<bool>, String> {
    match non_empty(value).as_deref() {
        None => Ok(None),
        Some("true") => Ok(Some(true)),
        Some("false") => Ok(Some(false)),
        Some(other) => Err(format!("{whose}: `{key}` is {other:?}, expected true or false")),
    }
}

fn seconds(value: Option<String>, key: &str, whose: &str) -> Result<Option<u32>, String> {
    non_empty(value)
        .map(|v| v.parse::<u32>().map_err(|_| format!("{whose}: `{key}` is {v:?}, expected whole seconds")))
        .transpose()
}

/// Reads one `status-<type>-<n>` value: `running (CID: c6a5533b5f9)`; an empty CID (a
/// `missing` container) gives no container id.
fn process_from_status(key: &str, value: &str) -> Option<Process> {
    let (process_type, id) = key.strip_prefix("status-")?.rsplit_once('-')?;
    let id = id.parse().ok()?;
    let (status, container_id) = match value.split_once("(CID:") {
        Some((status, rest)) => (status.trim(), rest.trim().trim_end_matches(')').trim()),
        None => (value.trim(), ""),
    };
    Some(Process {
        process_type: process_type.to_owned(),
        id,
        status: (!status.is_empty()).then(|| status.to_owned()),
        container_id: (!container_id.is_empty()).then(|| container_id.to_owned()),
    })
}

/// Keys the model deliberately drops: `computed-*` values are what Dokku resolves from the app
/// and global values, `processes` is the container count (the `status-*` lines list them), and
/// the global values repeated in every app's report are exported once, in the global record.
fn is_derived(key: &str) -> bool {
    key.starts_with("computed-") || key.starts_with("global-") || key == "processes"
}

/// Builds a [`ProcessInfo`] from one app report's values (its scale is read separately);
/// returns what the model did not know as a warning.
pub fn info_from_values(mut values: ReportValues) -> Result<(ProcessInfo, Option<String>), String> {
    let app_name = values.app().ok_or("a ps report block without an app name")?.to_owned();
    let whose = format!("app {app_name}");
    let running = match values.take("running").as_deref() {
        Some("mixed") => None,
        other => boolean(other.map(str::to_owned), "running", &whose)?.or(Some(false)),
    };
    let mut processes = Vec::new();
    let mut unreadable = Vec::new();
    for (key, value) in values.values.iter().filter(|(k, _)| k.starts_with("status-")) {
        match process_from_status(key, value) {
            Some(process) => processes.push(process),
            None => unreadable.push((key.clone(), value.clone())),
        }
    }
    values.values.retain(|(k, _)| !k.starts_with("status-"));
    let info = ProcessInfo {
        deployed: boolean(values.take("deployed"), "deployed", &whose)?.unwrap_or(false),
        processes,
        scale: Default::default(),
        can_scale: boolean(values.take("can-scale"), "can-scale", &whose)?.unwrap_or(true),
        restart_policy: non_empty(values.take("restart-policy")),
        restore: boolean(values.take("restore"), "restore", &whose)?.unwrap_or(true),
        running,
        app_procfile_path: non_empty(values.take("procfile-path")),
        stop_timeout_seconds: seconds(values.take("stop-timeout-seconds"), "stop-timeout-seconds", &whose)?,
        start_cmd: non_empty(values.take("start-cmd")),
        dockerfile_start_cmd: non_empty(values.take("dockerfile-start-cmd")),
        skip_deploy: boolean(values.take("skip-deploy"), "skip-deploy", &whose)?,
        extra: Default::default(),
        app_name,
    };
    values.discard(is_derived);
    // Status lines that do not read as `<state> (CID: <id>)` are kept, not dropped.
    values.values.extend(unreadable);
    let warning = dokku_core::reports::unknown_fields_warning("ps", &values);
    Ok((ProcessInfo { extra: values.values.into_iter().collect(), ..info }, warning))
}

/// Builds the global settings from the global report (or from an app report, which repeats
/// them); returns what the model did not know as a warning.
pub fn global_from_values(values: &ReportValues) -> Result<(PsGlobal, Option<String>), String> {
    let mut values = values.clone();
    let global = PsGlobal {
        global_procfile_path: non_empty(values.take("global-procfile-path")),
        global_restart_policy: non_empty(values.take("global-restart-policy")),
        global_stop_timeout_seconds: seconds(
            values.take("global-stop-timeout-seconds"),
            "global-stop-timeout-seconds",
            "global",
        )?,
        global_skip_deploy: boolean(values.take("global-skip-deploy"), "global-skip-deploy", "global")?,
    };
    // Read from an app report, the app's own keys belong to the app record, not here.
    let warning = match values.app() {
        Some(_) => None,
        None => {
            values.discard(is_derived);
            dokku_core::reports::unknown_fields_warning("ps", &values)
        }
    };
    Ok((global, warning))
}

/// The first version whose reports print the raw global `procfile-path`; before it an unset value
/// printed its default `Procfile` (`reportGlobalProcfilePath`, plugins/ps/report.go at v0.35.20 and v0.38.5).
const RAW_GLOBAL_SINCE: DokkuVersion = DokkuVersion::new(0, 38, 6);

/// [`global_from_values`] as `version` printed them: before 0.38.6 the default `Procfile` is the
/// picture of an unset value and reads as unset.
pub fn global_from_values_at(
    values: &ReportValues,
    version: &DokkuVersion,
) -> Result<(PsGlobal, Option<String>), String> {
    let (mut global, warning) = global_from_values(values)?;
    if *version < RAW_GLOBAL_SINCE && global.global_procfile_path.as_deref() == Some("Procfile") {
        global.global_procfile_path = None;
    }
    Ok((global, warning))
}

fn to_error(e: String) -> TextError {
    TextError::new(0, "a ps report with valid values", &e)
}

/// Parses `ps:report [<app>]` text into app records, with warnings for unknown fields.
pub fn parse_report_text(text: &str) -> Result<(Vec<ProcessInfo>, Vec<String>), TextError> {
    let mut infos = Vec::new();
    let mut warnings = Vec::new();
    for values in report_values_from_text(text, REPORT.type_prefix)? {
        let (info, warning) = info_from_values(values).map_err(to_error)?;
        infos.push(info);
        warnings.extend(warning);
    }
    Ok((infos, warnings))
}

/// Parses `ps:report <app> --format json`.
pub fn parse_report_json(app: &str, text: &str) -> Result<(ProcessInfo, Option<String>), TextError> {
    let values = report_values_from_json(text, ReportSubject::App(app.to_owned()), REPORT.type_prefix)?;
    info_from_values(values).map_err(to_error)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_lines_become_processes() {
        let p = process_from_status("status-another-worker-2", "running (CID: c6a5533b5f9)");
        assert_eq!(p.as_ref().map(|p| (p.process_type.as_str(), p.id)), Some(("another-worker", 2)));
        assert_eq!(p.and_then(|p| p.container_id).as_deref(), Some("c6a5533b5f9"));
        let missing = process_from_status("status-web-1", "missing (CID: )");
        assert_eq!(missing.as_ref().and_then(|p| p.container_id.clone()), None);
        assert_eq!(missing.and_then(|p| p.status).as_deref(), Some("missing"));
        assert!(process_from_status("status-web", "running").is_none());
    }
}

#[cfg(test)]
mod older_reports {
    use dokku_core::DokkuVersion;
    use dokku_core::text::{ReportSubject, ReportValues};

    use super::global_from_values_at;

    #[test]
    fn an_old_global_default_is_unset_and_a_new_one_is_a_value() {
        let values = ReportValues {
            subject: ReportSubject::App("a1".to_owned()),
            values: vec![("global-procfile-path".to_owned(), "Procfile".to_owned())],
        };
        let old = global_from_values_at(&values, &DokkuVersion::new(0, 35, 20))
            .map(|(g, _)| g.global_procfile_path);
        assert_eq!(old, Ok(None));
        let new =
            global_from_values_at(&values, &DokkuVersion::new(0, 38, 6)).map(|(g, _)| g.global_procfile_path);
        assert_eq!(new, Ok(Some("Procfile".to_owned())));
    }
}
