//! Export and apply glue: the cron plugin as the engine sees it. Everything but the export as
//! root is the property plugin mechanics of [`Properties<Cron>`](Properties).

use dokku_core::plugin::{DiffOptions, ExportScope, Exported, Plugin, PluginDiff};
use dokku_core::property_plugin::{Properties, PropertyRecord};
use dokku_core::{Client, Command, Error};

use crate::files::cron_record_from_files;
use crate::tasks::{DeployedTasks, deployed_tasks};
use crate::{Cron, SPEC};

/// The key under which an app's tasks land in its record's `info` (as the report path puts
/// them, from the spec's counted list).
const TASKS: &str = "tasks";

/// The `cron` plugin for the export/apply engine.
#[derive(Clone, Copy, Debug, Default)]
pub struct CronPlugin;

impl Plugin for CronPlugin {
    const KEY: &'static str = <Properties<Cron> as Plugin>::KEY;
    const DOKKU_NAME: &'static str = <Properties<Cron> as Plugin>::DOKKU_NAME;
    const REQUIRES: &'static [&'static str] = <Properties<Cron> as Plugin>::REQUIRES;
    type Record = PropertyRecord;

    /// The reports; as root, the files, and `cron:list` only for the apps whose tasks the files
    /// do not decide (see [`deployed_tasks`](crate::deployed_tasks)).
    async fn export(client: &Client, scope: &ExportScope) -> Result<Exported<PropertyRecord>, Error> {
        match scope.files.as_deref() {
            Some(files) if scope.version >= SPEC.since => export_from_files(client, files, scope).await,
            _ => Properties::<Cron>::export(client, scope).await,
        }
    }

    fn longest_read(apps: usize) -> f64 {
        Properties::<Cron>::longest_read(apps)
    }

    fn validate(record: &PropertyRecord) -> Vec<(String, String)> {
        Properties::<Cron>::validate(record)
    }

    fn apply_commands(records: &[PropertyRecord]) -> Vec<Command> {
        Properties::<Cron>::apply_commands(records)
    }

    fn diff(current: &[PropertyRecord], desired: &[PropertyRecord], options: &DiffOptions) -> PluginDiff {
        Properties::<Cron>::diff(current, desired, options)
    }
}

/// The records from the files: the global one (when `scope.system`), then each app in scope with
/// something set, its tasks computed or, where the files do not decide, read with `cron:list`.
async fn export_from_files(
    client: &Client,
    files: &dokku_core::file_snapshot::FileSnapshot,
    scope: &ExportScope,
) -> Result<Exported<PropertyRecord>, Error> {
    let mut exported = Exported::default();
    let subjects =
        scope.system.then_some(None).into_iter().chain(scope.apps.iter().map(|a| Some(a.as_str())));
    let mut records = Vec::new();
    for subject in subjects {
        let (record, warning) = cron_record_from_files(files, subject, &scope.version);
        exported.warnings.extend(warning);
        records.push(record);
    }
    let mut known = Vec::new();
    let mut asked = Vec::new();
    for app in &scope.apps {
        match deployed_tasks(files, app) {
            DeployedTasks::None => {}
            DeployedTasks::Known(tasks) => known.push((app.as_str(), Some(tasks))),
            DeployedTasks::Ask => asked.push(app.as_str()),
        }
    }
    let lists = futures_util::future::try_join_all(asked.iter().map(|app| read_tasks(client, app))).await?;
    for (app, tasks) in known.into_iter().chain(asked.into_iter().zip(lists)) {
        if let Some(tasks) = tasks
            && let Some(record) = records.iter_mut().find(|r| r.app_name.as_deref() == Some(app))
        {
            record.info.insert(TASKS.to_owned(), tasks);
        }
    }
    // An app with nothing set has nothing to apply: left out, as on the report path.
    exported.records = records.into_iter().filter(|r| !r.is_empty()).collect();
    Ok(exported)
}

/// `cron:list <app> --format json`: the app's tasks, `None` for none. When the list fails
/// (an invalid entry), the report path would have failed the same way only if the report
/// counted tasks before that entry, so the count decides (`cron:report <app> --cron-task-count`).
async fn read_tasks(client: &Client, app: &str) -> Result<Option<serde_json::Value>, Error> {
    let cmd = Command::dokku("cron:list").args([app, "--format", "json"]).allow_failure();
    let out = client.output(&cmd).await?;
    if !out.success() {
        let count = Command::dokku(SPEC.report.subcommand).args([app, "--cron-task-count"]);
        let counted = client.stdout(&count).await?.trim().parse::<u64>().unwrap_or(0);
        if counted > 0 {
            return Err(Error::Config(format!("{cmd} failed: {}", out.message())));
        }
        return Ok(None);
    }
    let value: serde_json::Value = serde_json::from_str(out.stdout.trim())
        .map_err(|e| Error::Config(format!("{cmd}: not a JSON list: {e}")))?;
    Ok(value.as_array().is_some_and(|tasks| !tasks.is_empty()).then_some(value))
}
