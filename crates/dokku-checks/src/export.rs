//! Export and apply glue: the checks plugin as the engine sees it.

use dokku_core::plugin::{DiffOptions, ExportScope, Exported, Plugin, PluginDiff};
use dokku_core::reports::{read_app_reports, read_global_report};
use dokku_core::{Client, Command, DokkuVersion, Error};

use crate::files::report_values_from_files;
use crate::model::{ALL_PROCESSES, Check};
use crate::parse::{
    REPORT, checks_from_values, global_from_values, global_record, global_wait_from_app_values,
};

/// The checks plugin for the export/apply engine.
#[derive(Clone, Copy, Debug, Default)]
pub struct ChecksPlugin;

/// The first version whose `checks:report` accepts `--global`.
const GLOBAL_REPORT_SINCE: DokkuVersion = DokkuVersion::new(0, 38, 0);

fn parse_error(message: String) -> Error {
    Error::Parse { command: "checks:report".into(), source: message.into() }
}

impl Plugin for ChecksPlugin {
    const KEY: &'static str = "checks";
    const DOKKU_NAME: &'static str = "checks";
    const REQUIRES: &'static [&'static str] = &["apps"];
    type Record = Check;

    async fn export(client: &Client, scope: &ExportScope) -> Result<Exported<Check>, Error> {
        // As root on a layout the file test covers, the property files: no command.
        if let Some(files) = scope.files.as_deref().filter(|_| scope.version >= GLOBAL_REPORT_SINCE) {
            let subjects = scope.system.then_some(None).into_iter();
            let subjects = subjects.chain(scope.apps.iter().map(|app| Some(app.as_str())));
            let mut exported = Exported::default();
            for app in subjects {
                let values = report_values_from_files(files, app);
                let (records, warning) = match app {
                    Some(_) => checks_from_values(values),
                    None => global_from_values(values).map(|(global, warning)| (vec![global], warning)),
                }
                .map_err(parse_error)?;
                exported.records.extend(records);
                exported.warnings.extend(warning);
            }
            return Ok(exported);
        }
        let reports = read_app_reports(client, &REPORT, &scope.apps, &scope.version).await?;
        let mut exported = Exported::default();
        if scope.system {
            // `--global` works without any app (pydokku lost the global value on a server with no
            // apps); older servers only repeat it inside app reports.
            if scope.version >= GLOBAL_REPORT_SINCE {
                let values = read_global_report(client, &REPORT, &scope.version).await?;
                let (global, warning) = global_from_values(values).map_err(parse_error)?;
                exported.records.push(global);
                exported.warnings.extend(warning);
            } else if let Some(first) = reports.first() {
                let wait = global_wait_from_app_values(first).map_err(parse_error)?;
                exported.records.push(global_record(wait));
            } else {
                exported.warnings.push(format!(
                    "checks: Dokku {} prints the global wait-to-retire only in app reports, and there are no apps: not exported",
                    scope.version
                ));
            }
        }
        for values in reports {
            let (checks, warning) = checks_from_values(values).map_err(parse_error)?;
            exported.records.extend(checks);
            exported.warnings.extend(warning);
        }
        Ok(exported)
    }

    fn validate(record: &Check) -> Vec<(String, String)> {
        let mut problems = Vec::new();
        let process = &record.process;
        if process.is_empty() || process.contains(',') || process.chars().any(char::is_whitespace) {
            problems.push((
                "process".into(),
                format!("{process:?} is not a process type name (no commas or spaces)"),
            ));
        }
        match &record.app_name {
            None if record.status.is_some() => {
                problems.push(("status".into(), "the global record (no app_name) has no status".into()));
            }
            None if process != ALL_PROCESSES => {
                problems.push((
                    "process".into(),
                    format!("the global record (no app_name) is for {ALL_PROCESSES:?}"),
                ));
            }
            Some(app) if app.is_empty() || app.starts_with('-') => {
                problems.push(("app_name".into(), format!("{app:?} is not an app name")));
            }
            _ => {}
        }
        problems
    }

    /// The global wait-to-retire first (only when set: pydokku sent the text `None`), then per app
    /// in document order: its wait-to-retire once, then one `checks:enable`, `checks:disable` and
    /// `checks:skip` each for the process types with that status. An app record's
    /// `global_wait_to_retire` (pydokku copied it everywhere) is ignored: globals come only from
    /// the global record, so an app-scoped document never changes server-wide settings.
    fn apply_commands(records: &[Check]) -> Vec<Command> {
        crate::create::commands(records)
    }

    fn diff(current: &[Check], desired: &[Check], options: &DiffOptions) -> PluginDiff {
        crate::diff::diff(current, desired, options)
    }
}
