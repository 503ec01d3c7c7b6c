//! ps from Dokku's files (root fast path), pure: the values `ps:report <app>`,
//! `ps:report --global` and `ps:scale <app>` print, got from the files their code reads
//! (Dokku v0.38.27), then read by the report's own parser so that both paths give one record.
//!
//! - settings: the properties `ps/<app>/<key>` and `ps/--global/<key>`, as `plugins/ps/report.go`
//!   prints them (`restore` and `can-scale` default to true; `can-scale` is true only when its
//!   file says `true`, `common.ToBool`);
//! - the scale: `getFormations` (`plugins/ps/functions.go`): the property lists `ps/<app>/scale`
//!   and `ps/<app>/scale.old`, the types of the old list that the current one lacks added;
//! - deployed: `common.IsDeployed`: the property `common/<app>/deployed` when it has a value, else
//!   (docker-local's `scheduler-is-deployed`) whether `$DOKKU_ROOT/<app>/CONTAINER` or a
//!   `CONTAINER.*` file exists;
//! - running and the `status-<type>-<n>` lines: docker-local's `scheduler-app-status` and
//!   `addStatusFlags` (`plugins/ps/report.go`): the container ids in `$DOKKU_ROOT/<app>/CONTAINER.*`
//!   and docker's state of each ([`ContainerStates`]).
//!
//! Only the docker-local scheduler keeps its containers in these files; an app on another
//! scheduler is read from its report (see [`is_docker_local`]).

use std::collections::BTreeMap;

use dokku_core::file_snapshot::FileSnapshot;
use dokku_core::text::{ReportSubject, ReportValues, canonical_key};

use crate::containers::ContainerStates;

/// The scheduler that keeps an app's containers in `$DOKKU_ROOT/<app>/CONTAINER.*`.
const DOCKER_LOCAL: &str = "docker-local";

/// `common.GetAppScheduler` through the scheduler plugin's `scheduler-detect`
/// (`plugins/scheduler/triggers.go`): the app's `selected` property, else the global one, else
/// docker-local.
pub(crate) fn is_docker_local(files: &FileSnapshot, app: &str) -> bool {
    let selected = |subject: &str| {
        files.properties("scheduler", subject).get("selected").map(|s| s.trim()).filter(|s| !s.is_empty())
    };
    selected(app).or_else(|| selected("--global")).unwrap_or(DOCKER_LOCAL) == DOCKER_LOCAL
}

/// An app's container id files: `CONTAINER.<type>.<n>` by `<type>.<n>` (in file-name order), and
/// the legacy `CONTAINER`.
struct ContainerFiles<'f> {
    per_process: Vec<(&'f str, &'f str)>,
    legacy: Option<&'f str>,
}

impl<'f> ContainerFiles<'f> {
    fn of(files: &'f FileSnapshot, app: &str) -> Self {
        let prefix = format!("{app}/CONTAINER.");
        let per_process = files
            .dokku_root_files_starting_with(&prefix)
            .filter_map(|(path, content)| Some((path.get(prefix.len()..)?, content)))
            .filter(|(process, _)| !process.is_empty() && !process.contains('/'))
            .collect();
        Self { per_process, legacy: files.dokku_root_file(&format!("{app}/CONTAINER")) }
    }

    fn exist(&self) -> bool {
        self.legacy.is_some() || !self.per_process.is_empty()
    }

    /// `get_app_container_ids` (`plugins/common/functions`): the words of every `CONTAINER.*`
    /// file; the legacy `CONTAINER` file's only when there is none (the function appends those
    /// to a global variable that the first `local` of the loop then shadows).
    fn ids(&self) -> Vec<&'f str> {
        if self.per_process.is_empty() {
            return self.legacy.map(|text| text.split_whitespace().collect()).unwrap_or_default();
        }
        self.per_process.iter().flat_map(|(_, text)| text.split_whitespace()).collect()
    }
}

/// Whether some app of `apps` on the docker-local scheduler has container id files: only then
/// does the report ask docker anything.
pub(crate) fn needs_container_states(files: &FileSnapshot, apps: &[&str]) -> bool {
    apps.iter().any(|app| is_docker_local(files, app) && ContainerFiles::of(files, app).exist())
}

/// What `ps:report <app> --format json` prints for a docker-local app, as the report parser's
/// values (the computed and repeated global keys, which the model drops, left out).
pub(crate) fn app_report_values(
    files: &FileSnapshot,
    app: &str,
    containers: &ContainerStates,
) -> ReportValues {
    let own = files.properties("ps", app);
    let raw = |key: &str| own.get(key).copied().unwrap_or_default().to_owned();
    let container_files = ContainerFiles::of(files, app);
    let deployed = match files.properties("common", app).get("deployed") {
        Some(value) => *value == "true",
        None => container_files.exist(),
    };
    let mut values = vec![
        ("deployed".to_owned(), deployed.to_string()),
        ("can-scale".to_owned(), (own.get("can-scale").copied().unwrap_or("true") == "true").to_string()),
        ("dockerfile-start-cmd".to_owned(), raw("dockerfile-start-cmd")),
        ("procfile-path".to_owned(), raw("procfile-path")),
        ("restart-policy".to_owned(), raw("restart-policy")),
        ("skip-deploy".to_owned(), raw("skip-deploy")),
        ("start-cmd".to_owned(), raw("start-cmd")),
        ("stop-timeout-seconds".to_owned(), raw("stop-timeout-seconds")),
        ("restore".to_owned(), own.get("restore").copied().unwrap_or("true").to_owned()),
        ("running".to_owned(), running_state(&container_files.ids(), containers).to_owned()),
    ];
    // `addStatusFlags`: one `status-<type>.<n>` per file, `<state> (CID: <first 11 characters>)`
    // of the file's first non-blank line, `missing` when docker does not know the container.
    // The JSON keys sort as the file names do; the parser reads `.` as `-`.
    for (process, text) in &container_files.per_process {
        let id = text.lines().map(str::trim).find(|line| !line.is_empty()).unwrap_or_default();
        let status = containers.status(id).unwrap_or("missing");
        let short = id.get(..11).unwrap_or(id);
        values.push((canonical_key(&format!("status-{process}")), format!("{status} (CID: {short})")));
    }
    ReportValues { subject: ReportSubject::App(app.to_owned()), values }
}

/// `scheduler-app-status`'s second word: `false` without containers or with none running,
/// `true` when all run, else `mixed`.
fn running_state(ids: &[&str], containers: &ContainerStates) -> &'static str {
    let running = ids.iter().filter(|id| containers.is_running(id)).count();
    match running {
        0 => "false",
        n if n == ids.len() => "true",
        _ => "mixed",
    }
}

/// What `ps:report --global --format json` prints of the global settings.
pub(crate) fn global_report_values(files: &FileSnapshot) -> ReportValues {
    let global = files.properties("ps", "--global");
    let values = ["procfile-path", "restart-policy", "skip-deploy", "stop-timeout-seconds"]
        .map(|key| (format!("global-{key}"), global.get(key).copied().unwrap_or_default().to_owned()))
        .into();
    ReportValues { subject: ReportSubject::Global, values }
}

/// `getFormations`: the app's `scale` list, then the types of `scale.old` it lacks, each line
/// read by `parseProcessTuples` (the first count of a type wins). A line that Dokku cannot read
/// makes `ps:scale` fail, and so this; a negative count is not a scale this model can hold.
pub(crate) fn scale_from_files(files: &FileSnapshot, app: &str) -> Result<BTreeMap<String, u32>, String> {
    let own = files.properties("ps", app);
    let mut scale = BTreeMap::new();
    for key in ["scale", "scale.old"] {
        let mut seen_here = Vec::new();
        for line in own.get(key).copied().unwrap_or_default().lines() {
            let (process_type, count) = parse_process_tuple(line)
                .map_err(|problem| format!("app {app}: the ps `{key}` property: {problem}"))?;
            if seen_here.contains(&process_type) {
                continue;
            }
            seen_here.push(process_type);
            if !scale.contains_key(process_type) {
                let count = u32::try_from(count)
                    .map_err(|_| format!("app {app}: the ps `{key}` property: {process_type} has {count}"))?;
                scale.insert(process_type.to_owned(), count);
            }
        }
    }
    Ok(scale)
}

/// One `<type>=<count>` of `parseProcessTuples`: both sides trimmed, the count as
/// `strconv.Atoi` reads it (an optional sign, then digits).
fn parse_process_tuple(line: &str) -> Result<(&str, i64), String> {
    let (process_type, count) =
        line.split_once('=').ok_or_else(|| format!("Missing count for process type {line}"))?;
    let count = count.trim();
    let digits = count.strip_prefix(['+', '-']).unwrap_or(count);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(format!("Invalid count for process type {process_type}"));
    }
    let count = count.parse::<i64>().map_err(|_| format!("Invalid count for process type {process_type}"))?;
    Ok((process_type.trim(), count))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::{global_from_values, info_from_values};

    fn snapshot(files: &[(&str, &str)]) -> FileSnapshot {
        let mut output = String::new();
        for (path, content) in files {
            for line in content.split('\n') {
                output.push_str(&format!("{path}\0{line}\n"));
            }
        }
        FileSnapshot::parse_roots(&output, "/c", Some("/h"))
    }

    const WEB_1: &str = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    const WEB_2: &str = "1123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    const WORKER_1: &str = "2123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    #[test]
    fn a_deployed_app_gets_its_settings_states_and_processes() {
        let files = snapshot(&[
            ("/c/ps/a/restart-policy", "always"),
            ("/c/ps/a/restore", "false"),
            ("/c/ps/a/can-scale", "yes"),
            ("/c/ps/a/stop-timeout-seconds", "20"),
            ("/c/common/a/deployed", "true"),
            ("/h/a/CONTAINER.web.1", WEB_1),
            ("/h/a/CONTAINER.web.2", WEB_2),
            ("/h/a/CONTAINER.worker.1", WORKER_1),
        ]);
        let states = ContainerStates::parse(&format!("{WEB_1} running\n{WORKER_1} paused\n"));
        let (info, warning) = info_from_values(app_report_values(&files, "a", &states)).unwrap();
        assert_eq!(warning, None);
        assert!(info.deployed && !info.restore && !info.can_scale, "{info:?}");
        assert_eq!(info.restart_policy.as_deref(), Some("always"));
        assert_eq!(info.stop_timeout_seconds, Some(20));
        assert_eq!(info.running, None, "web.2 is missing: mixed");
        let processes: Vec<_> = info
            .processes
            .iter()
            .map(|p| (p.process_type.as_str(), p.id, p.status.as_deref(), p.container_id.as_deref()))
            .collect();
        assert_eq!(
            processes,
            [
                ("web", 1, Some("running"), Some("0123456789a")),
                ("web", 2, Some("missing"), Some("1123456789a")),
                ("worker", 1, Some("paused"), Some("2123456789a")),
            ]
        );
    }

    #[test]
    fn deployed_comes_from_the_property_else_from_the_container_files() {
        let files = snapshot(&[
            ("/c/common/a/deployed", "false"),
            ("/h/a/CONTAINER.web.1", WEB_1),
            ("/h/b/CONTAINER.web.1", WEB_1),
            ("/h/c/CONTAINER", WEB_1),
        ]);
        let states = ContainerStates::parse(&format!("{WEB_1} exited\n"));
        let info = |app| info_from_values(app_report_values(&files, app, &states)).unwrap().0;
        assert!(!info("a").deployed && info("b").deployed && info("c").deployed && !info("d").deployed);
        assert_eq!(info("b").running, Some(false));
        assert!(info("c").processes.is_empty(), "the legacy file has no status line");
        assert!(needs_container_states(&files, &["d", "c"]) && !needs_container_states(&files, &["d"]));
    }

    #[test]
    fn running_is_true_only_when_every_container_runs() {
        let states = ContainerStates::parse("a running\nb restarting\nc exited\n");
        assert_eq!(running_state(&["a", "b"], &states), "true");
        assert_eq!(running_state(&["a", "c"], &states), "mixed");
        assert_eq!(running_state(&["c", "x"], &states), "false");
        assert_eq!(running_state(&[], &states), "false");
        let legacy_and_new = snapshot(&[("/h/a/CONTAINER", "a"), ("/h/a/CONTAINER.web.1", "c")]);
        assert_eq!(ContainerFiles::of(&legacy_and_new, "a").ids(), ["c"]);
        let legacy = snapshot(&[("/h/a/CONTAINER", "a b")]);
        assert_eq!(ContainerFiles::of(&legacy, "a").ids(), ["a", "b"]);
    }

    #[test]
    fn an_app_without_files_reads_as_a_fresh_app() {
        let (info, _) =
            info_from_values(app_report_values(&snapshot(&[]), "a", &Default::default())).unwrap();
        assert!(!info.deployed && info.restore && info.can_scale && info.running == Some(false));
        assert!(info.processes.is_empty() && info.restart_policy.is_none() && info.skip_deploy.is_none());
    }

    #[test]
    fn the_scale_joins_the_current_and_old_lists() {
        let files = snapshot(&[
            ("/c/ps/a/scale", "web=2\nworker= 1\nweb=5"),
            ("/c/ps/a/scale.old", "release=0\nworker=0\ncron=+0"),
            ("/c/ps/b/scale", "web=-1"),
            ("/c/ps/c/scale", "web"),
        ]);
        let scale = scale_from_files(&files, "a").unwrap();
        assert_eq!(
            scale.into_iter().collect::<Vec<_>>(),
            [
                ("cron".to_owned(), 0),
                ("release".to_owned(), 0),
                ("web".to_owned(), 2),
                ("worker".to_owned(), 1)
            ]
        );
        assert!(scale_from_files(&files, "b").is_err_and(|e| e.contains("app b")));
        assert!(scale_from_files(&files, "c").is_err_and(|e| e.contains("Missing count")));
        assert!(scale_from_files(&files, "d").is_ok_and(|s| s.is_empty()));
    }

    #[test]
    fn the_scheduler_is_the_apps_then_the_global_one() {
        let files = snapshot(&[
            ("/c/scheduler/--global/selected", "k3s"),
            ("/c/scheduler/a/selected", "docker-local"),
        ]);
        assert!(is_docker_local(&files, "a") && !is_docker_local(&files, "b"));
        assert!(is_docker_local(&snapshot(&[]), "b"));
    }

    #[test]
    fn global_values_are_the_raw_global_properties() {
        let files = snapshot(&[
            ("/c/ps/--global/restart-policy", "no"),
            ("/c/ps/--global/stop-timeout-seconds", "9"),
        ]);
        let (global, warning) = global_from_values(&global_report_values(&files)).unwrap();
        assert_eq!(warning, None);
        assert_eq!(global.global_restart_policy.as_deref(), Some("no"));
        assert_eq!(global.global_stop_timeout_seconds, Some(9));
        assert!(global.global_procfile_path.is_none() && global.global_skip_deploy.is_none());
    }
}
