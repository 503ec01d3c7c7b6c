//! Export and apply glue: the apps plugin as the engine sees it.

use dokku_core::plugin::{DiffOptions, ExportScope, Exported, Plugin, PluginDiff};
use dokku_core::reports::read_app_reports;
use dokku_core::{Client, Command, DokkuVersion, Error, app_name};

use crate::files::report_values_from_files;
use crate::model::{AppRecord, AppsGlobal};
use crate::parse::{REPORT, app_from_values, global_from_values};

/// The first version whose layout the file test covers for this plugin (the created-at
/// property, the deploy lock under the apps plugin's data directory).
const FILES_SINCE: DokkuVersion = DokkuVersion::new(0, 38, 0);

/// The apps plugin for the export/apply engine.
#[derive(Clone, Copy, Debug, Default)]
pub struct AppsPlugin;

impl Plugin for AppsPlugin {
    const KEY: &'static str = "apps";
    const DOKKU_NAME: &'static str = "apps";
    const REQUIRES: &'static [&'static str] = &["plugin"];
    type Record = AppRecord;

    async fn export(client: &Client, scope: &ExportScope) -> Result<Exported<AppRecord>, Error> {
        // As root on 0.38 and later, the property files, the deploy locks and the git hooks: no
        // report.
        let reports = match scope.files.as_deref().filter(|_| scope.version >= FILES_SINCE) {
            Some(files) => {
                scope.apps.iter().map(|app| report_values_from_files(files, app, client.layout())).collect()
            }
            None => read_app_reports(client, &REPORT, &scope.apps, &scope.version).await?,
        };
        // The global value as the first app's report repeats it (none without apps, on both
        // paths, so that both give the same document).
        let mut exported = Exported::default();
        let global = reports.first().and_then(global_from_values);
        if let (true, Some(global @ AppsGlobal { disable_autocreation: true })) = (scope.system, global) {
            exported.records.push(AppRecord::Global(global));
        }
        for values in reports {
            let (app, warning) = app_from_values(values)
                .map_err(|e| Error::Parse { command: "apps:report".into(), source: e.into() })?;
            exported.warnings.extend(warning);
            exported.records.push(AppRecord::App(app));
        }
        Ok(exported)
    }

    fn validate(record: &AppRecord) -> Vec<(String, String)> {
        match record {
            AppRecord::App(app) if !app_name::is_valid(&app.name) => {
                vec![("name".into(), app_name::invalid_message(&app.name))]
            }
            _ => Vec::new(),
        }
    }

    fn apply_commands(records: &[AppRecord]) -> Vec<Command> {
        crate::create::commands(records)
    }

    fn diff(current: &[AppRecord], desired: &[AppRecord], options: &DiffOptions) -> PluginDiff {
        crate::diff::diff(current, desired, options)
    }
}
