//! Export and apply glue: the maintenance plugin as the engine sees it.

use dokku_core::plugin::{DiffOptions, ExportScope, Exported, Plugin, PluginDiff};
use dokku_core::reports::read_app_reports;
use dokku_core::{Client, Command, Error};

use crate::commands::{builders, parse_error};
use crate::files::maintenance_from_files;
use crate::model::Maintenance;
use crate::parse::{REPORT, maintenance_from_values};

/// The maintenance plugin for the export/apply engine.
///
/// Without the plugin installed every `maintenance:*` command fails with
/// [`DokkuErrorKind::PluginNotInstalled`](dokku_core::DokkuErrorKind::PluginNotInstalled), which
/// export returns as is: the engine decides to skip the plugin with a warning.
#[derive(Clone, Copy, Debug, Default)]
pub struct MaintenancePlugin;

impl Plugin for MaintenancePlugin {
    const KEY: &'static str = "maintenance";
    const DOKKU_NAME: &'static str = "maintenance";
    const REQUIRES: &'static [&'static str] = &["plugin", "apps"];
    type Record = Maintenance;

    /// One record per app in scope (the plugin has no global settings). As root, from the files
    /// (no command); whether the plugin is installed is then decided by the engine's plugin list
    /// alone, as for the report path's failure on a server without it.
    async fn export(client: &Client, scope: &ExportScope) -> Result<Exported<Maintenance>, Error> {
        if let Some(files) = scope.files.as_deref() {
            let mut exported = Exported::default();
            for app in &scope.apps {
                let (record, warnings) = maintenance_from_files(files, app);
                exported.warnings.extend(warnings);
                exported.records.push(record);
            }
            return Ok(exported);
        }
        let reports = read_app_reports(client, &REPORT, &scope.apps, &scope.version).await?;
        let mut exported = Exported::default();
        for values in reports {
            let (record, warnings) = maintenance_from_values(values).map_err(parse_error)?;
            exported.warnings.extend(warnings);
            exported.records.push(record);
        }
        Ok(exported)
    }

    fn longest_read(apps: usize) -> f64 {
        REPORT.form.longest_command(apps)
    }

    fn validate(record: &Maintenance) -> Vec<(String, String)> {
        if record.app_name.trim().is_empty() {
            vec![("app_name".into(), "an app name is required".into())]
        } else {
            Vec::new()
        }
    }

    /// `maintenance:enable` for each enabled app. A disabled record needs nothing: a newly
    /// created app is not in maintenance mode (pydokku sent a no-op `maintenance:disable`).
    fn apply_commands(records: &[Maintenance]) -> Vec<Command> {
        records.iter().filter(|r| r.enabled).map(|r| builders::enable(&r.app_name)).collect()
    }

    fn diff(current: &[Maintenance], desired: &[Maintenance], options: &DiffOptions) -> PluginDiff {
        crate::diff::diff(current, desired, options)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(app: &str, enabled: bool) -> Maintenance {
        Maintenance { app_name: app.into(), enabled, extra: Default::default() }
    }

    #[test]
    fn only_enabled_apps_get_a_command() {
        let commands = MaintenancePlugin::apply_commands(&[record("a", false), record("b", true)]);
        let argv: Vec<Vec<&str>> = commands.iter().map(Command::argv_exposed).collect();
        assert_eq!(argv, vec![vec!["maintenance:enable", "b"]]);
    }

    #[test]
    fn an_empty_app_name_is_named() {
        let errors = MaintenancePlugin::validate(&record(" ", true));
        assert_eq!(errors.first().map(|(f, _)| f.as_str()), Some("app_name"));
    }
}
