//! Export and apply glue: the ps plugin as the engine sees it.

use dokku_core::file_snapshot::FileSnapshot;
use dokku_core::plugin::{DiffOptions, ExportScope, Exported, Plugin, PluginDiff};
use dokku_core::reports::{read_app_reports, read_global_values};
use dokku_core::{Client, Command, DokkuVersion, Error};
use futures_util::future::{try_join, try_join_all};

use crate::commands::{parse_error, read_scale};
use crate::containers::{ContainerStates, list_command};
use crate::files::{
    app_report_values, global_report_values, is_docker_local, needs_container_states, scale_from_files,
};
use crate::model::{ProcessInfo, PsRecord};
use crate::parse::{REPORT, global_from_values_at, info_from_values};

/// The ps plugin for the export/apply engine.
#[derive(Clone, Copy, Debug, Default)]
pub struct PsPlugin;

impl Plugin for PsPlugin {
    const KEY: &'static str = "ps";
    const DOKKU_NAME: &'static str = "ps";
    const REQUIRES: &'static [&'static str] = &["apps", "git"];
    type Record = PsRecord;

    async fn export(client: &Client, scope: &ExportScope) -> Result<Exported<PsRecord>, Error> {
        // As root on a Dokku whose report prints the raw restart policy (0.38.21+), the files.
        if let Some(files) = scope.files.as_deref().filter(|_| scope.version >= FILES_SINCE) {
            return export_from_files(client, scope, files).await;
        }
        let reports = read_app_reports(client, &REPORT, &scope.apps, &scope.version).await?;
        let mut exported = Exported::default();
        if scope.system {
            let global = read_global_values(client, &REPORT, &scope.version, &reports)
                .await?
                .map(|g| global_from_values_at(g.values(), &scope.version))
                .transpose()
                .map_err(parse_error)?;
            if let Some((global, warning)) = global {
                exported.warnings.extend(warning);
                if !global.is_empty() {
                    exported.records.push(PsRecord::Global(global));
                }
            }
        }
        let mut infos = Vec::with_capacity(reports.len());
        for values in reports {
            let (info, warning) = info_from_values(values).map_err(parse_error)?;
            exported.warnings.extend(warning);
            infos.push(info);
        }
        let scales =
            try_join_all(infos.iter().map(|info| read_scale(client, &info.app_name, &scope.version))).await?;
        for (info, scale) in infos.into_iter().zip(scales) {
            exported.records.push(PsRecord::App(ProcessInfo { scale, ..info }));
        }
        Ok(exported)
    }

    fn validate(record: &PsRecord) -> Vec<(String, String)> {
        let mut problems = Vec::new();
        let policy = |field: &str, value: &Option<String>, problems: &mut Vec<(String, String)>| {
            if let Some(v) = value.as_deref().filter(|v| !valid_restart_policy(v)) {
                problems.push((
                    field.to_owned(),
                    format!("{v:?} is not a restart policy (no, always, unless-stopped, on-failure[:N])"),
                ));
            }
        };
        match record {
            PsRecord::Global(global) => {
                policy("global_restart_policy", &global.global_restart_policy, &mut problems)
            }
            PsRecord::App(info) => {
                if info.app_name.is_empty() {
                    problems.push(("app_name".into(), "is empty".into()));
                }
                policy("restart_policy", &info.restart_policy, &mut problems);
                if let Some(bad) = info.scale.keys().find(|t| !valid_process_type(t)) {
                    problems.push(("scale".into(), format!("{bad:?} is not a process type")));
                }
            }
        }
        problems
    }

    /// Global settings first, then per app its settings and its scale. Runtime state
    /// (`deployed`, `running`, `processes`) is never applied, `ps:set` never restarts, and the
    /// scale is recorded with `--skip-deploy`, so nothing starts a container.
    fn apply_commands(records: &[PsRecord]) -> Vec<Command> {
        crate::create::commands(records)
    }

    fn diff(current: &[PsRecord], desired: &[PsRecord], options: &DiffOptions) -> PluginDiff {
        crate::diff::diff(current, desired, options)
    }
}

/// The first version whose `ps:report` prints the app's own restart policy (before, the policy
/// resolved from its docker options), as the file path reads it.
const FILES_SINCE: DokkuVersion = DokkuVersion::new(0, 38, 21);

/// The export from Dokku's files (`crate::files`): no `ps:report` and no `ps:scale`. Docker's
/// state of the containers is read in one root command, and only when some app has container
/// files. It is sent after the snapshot (which says whether it is needed) and beside every other
/// plugin's reads, `plugin:list` among them, which take longer, so it adds no wall time.
///
/// An app on another scheduler than docker-local (`scheduler:set <app> selected k3s`, rare) keeps
/// its `ps:report`: its deployed and running state come from that scheduler's triggers, and the
/// files say nothing of them. Its settings and scale still come from the files.
async fn export_from_files(
    client: &Client,
    scope: &ExportScope,
    files: &FileSnapshot,
) -> Result<Exported<PsRecord>, Error> {
    let (local, elsewhere): (Vec<&str>, Vec<&str>) =
        scope.apps.iter().map(String::as_str).partition(|app| is_docker_local(files, app));
    let elsewhere: Vec<String> = elsewhere.into_iter().map(str::to_owned).collect();
    let list = list_command();
    let listing = async {
        if needs_container_states(files, &local) { client.output(&list).await.map(Some) } else { Ok(None) }
    };
    let (listing, reports) =
        try_join(listing, read_app_reports(client, &REPORT, &elsewhere, &scope.version)).await?;
    let mut reports = reports.into_iter();
    let mut exported = Exported::default();
    let containers = match listing {
        Some(out) => {
            if !out.success() {
                // `ps:report` asks docker the same and prints `missing` when it does not answer.
                exported.warnings.push(format!(
                    "ps: {list} failed ({}): every container reads as missing, as ps:report shows it then",
                    out.message()
                ));
            }
            ContainerStates::parse(&out.stdout)
        }
        None => ContainerStates::default(),
    };
    if scope.system {
        let (global, warning) =
            global_from_values_at(&global_report_values(files), &scope.version).map_err(parse_error)?;
        exported.warnings.extend(warning);
        if !global.is_empty() {
            exported.records.push(PsRecord::Global(global));
        }
    }
    for app in &scope.apps {
        let values = if is_docker_local(files, app) {
            app_report_values(files, app, &containers)
        } else {
            reports.next().ok_or_else(|| parse_error(format!("no ps report for app {app}")))?
        };
        let (info, warning) = info_from_values(values).map_err(parse_error)?;
        exported.warnings.extend(warning);
        let scale = scale_from_files(files, app).map_err(parse_error)?;
        exported.records.push(PsRecord::App(ProcessInfo { scale, ..info }));
    }
    Ok(exported)
}

/// Dokku's restart policies: `no`, `always`, `unless-stopped`, `on-failure`, `on-failure:<n>`.
pub(crate) fn valid_restart_policy(policy: &str) -> bool {
    match policy.strip_prefix("on-failure:") {
        Some(n) => !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()),
        None => matches!(policy, "no" | "always" | "unless-stopped" | "on-failure"),
    }
}

fn valid_process_type(name: &str) -> bool {
    !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Process, PsGlobal};

    fn info(name: &str) -> ProcessInfo {
        ProcessInfo {
            app_name: name.into(),
            deployed: true,
            processes: Vec::new(),
            scale: Default::default(),
            can_scale: true,
            restart_policy: None,
            restore: true,
            running: Some(true),
            app_procfile_path: None,
            stop_timeout_seconds: None,
            start_cmd: None,
            dockerfile_start_cmd: None,
            skip_deploy: None,
            extra: Default::default(),
        }
    }

    fn lines(records: &[PsRecord]) -> Vec<String> {
        PsPlugin::apply_commands(records).iter().map(|c| c.argv_masked().join(" ")).collect()
    }

    #[test]
    fn apply_sets_globals_once_then_app_values_and_scale_without_deploying() {
        let mut a = info("a");
        a.restart_policy = Some("always".into());
        a.restore = false;
        a.scale = [("web".to_owned(), 2), ("worker".to_owned(), 1), ("cron".to_owned(), 0)].into();
        let global = PsGlobal { global_procfile_path: Some("Procfile.prod".into()), ..Default::default() };
        let got = lines(&[PsRecord::App(a), PsRecord::Global(global)]);
        assert_eq!(
            got,
            [
                "ps:set --global procfile-path Procfile.prod",
                "ps:set a restart-policy always",
                "ps:set a restore false",
                // The zero stays: Dokku keeps it only while the latest `ps:scale` names it.
                "ps:scale --skip-deploy a cron=0 web=2 worker=1",
            ]
        );
    }

    #[test]
    fn a_pydokku_record_scales_from_its_processes_and_never_restores() {
        let mut a = info("a");
        let process = |t: &str, id| Process { process_type: t.into(), id, status: None, container_id: None };
        a.processes = vec![process("web", 1), process("web", 2), process("worker", 1)];
        assert_eq!(lines(&[PsRecord::App(a)]), ["ps:scale --skip-deploy a web=2 worker=1"]);
    }

    #[test]
    fn a_pydokku_export_record_reads_as_an_app() -> Result<(), serde_json::Error> {
        let text = r#"{"app_name":"a","deployed":true,"processes":[{"type":"web","id":1,"status":"running","container_id":"c6a"}],"can_scale":true,"restart_policy":"on-failure:10","restore":true,"running":true,"global_procfile_path":"Procfile","app_procfile_path":null}"#;
        let record: PsRecord = serde_json::from_str(text)?;
        assert!(matches!(&record, PsRecord::App(info) if info.effective_scale().get("web") == Some(&1)));
        let global: PsRecord = serde_json::from_str(r#"{"global_procfile_path":"Procfile"}"#)?;
        assert!(matches!(global, PsRecord::Global(_)));
        Ok(())
    }

    #[test]
    fn restart_policies_are_checked() {
        assert!(valid_restart_policy("on-failure:10") && valid_restart_policy("unless-stopped"));
        assert!(!valid_restart_policy("on-failure:") && !valid_restart_policy("sometimes"));
        let mut a = info("a");
        a.restart_policy = Some("sometimes".into());
        assert_eq!(PsPlugin::validate(&PsRecord::App(a))[0].0, "restart_policy");
    }
}
