//! Export and apply glue: the apps plugin as the engine sees it.

use dokku_core::plugin::{DiffOptions, ExportScope, Exported, Plugin, PluginDiff};
use dokku_core::reports::read_app_reports;
use dokku_core::{Client, Command, Error, app_name};

use crate::model::{AppRecord, AppsGlobal};
use crate::parse::{REPORT, app_from_values, global_from_values};

/// The apps plugin for the export/apply engine.
#[derive(Clone, Copy, Debug, Default)]
pub struct AppsPlugin;

impl Plugin for AppsPlugin {
    const KEY: &'static str = "apps";
    const DOKKU_NAME: &'static str = "apps";
    const REQUIRES: &'static [&'static str] = &["plugin"];
    type Record = AppRecord;

    async fn export(client: &Client, scope: &ExportScope) -> Result<Exported<AppRecord>, Error> {
        let reports = read_app_reports(client, &REPORT, &scope.apps, &scope.version).await?;
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
