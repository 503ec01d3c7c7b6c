//! Export and apply glue: the nginx-vhosts plugin as the engine sees it.

use dokku_core::file_times::modification_times;
use dokku_core::plugin::{DiffOptions, ExportScope, Exported, Plugin, PluginDiff};
use dokku_core::reports::{read_app_reports, read_global_report};
use dokku_core::{Client, Command, DokkuVersion, Error};

use crate::commands::{builders, parse_error};
use crate::files::{access_logs_to_stat, report_values_from_files};
use crate::model::{Nginx, is_default_log_path};
use crate::parse::{GlobalValues, REPORT, block_from_values};

/// The nginx-vhosts plugin for the export/apply engine.
#[derive(Clone, Copy, Debug, Default)]
pub struct NginxPlugin;

impl Plugin for NginxPlugin {
    const KEY: &'static str = "nginx";
    const DOKKU_NAME: &'static str = "nginx-vhosts";
    const REQUIRES: &'static [&'static str] = &["apps", "domains", "ports", "proxy", "redirect"];
    type Record = Nginx;

    async fn export(client: &Client, scope: &ExportScope) -> Result<Exported<Nginx>, Error> {
        let globals = GlobalValues::for_version(&scope.version);
        // As root on 0.38 and later (raw global values), the property files, and one `stat` of
        // the access logs apps set themselves (their dates): no report.
        if let Some(files) = scope.files.as_deref().filter(|_| globals == GlobalValues::Raw) {
            let modified = modification_times(client, &access_logs_to_stat(files, &scope.apps)).await?;
            let mut exported = Exported::default();
            if scope.system {
                let values = report_values_from_files(files, None, &modified);
                let block = block_from_values(values, globals).map_err(parse_error)?;
                exported.warnings.extend(block.warning);
                exported.records.extend(Some(block.global).filter(|g| !g.is_empty()));
            }
            for app in &scope.apps {
                let values = report_values_from_files(files, Some(app), &modified);
                let block = block_from_values(values, globals).map_err(parse_error)?;
                exported.warnings.extend(block.warning);
                exported.records.extend(block.app.filter(|app| !app.is_empty()));
            }
            return Ok(exported);
        }
        let reports = read_app_reports(client, &REPORT, &scope.apps, &scope.version).await?;
        let mut exported = Exported::default();
        let mut global = None;
        let mut apps = Vec::new();
        for values in reports {
            let block = block_from_values(values, globals).map_err(parse_error)?;
            // Every app block repeats the global values; the first one is as good as any.
            global.get_or_insert(block.global);
            exported.warnings.extend(block.warning);
            apps.extend(block.app.filter(|app| !app.is_empty()));
        }
        if scope.system {
            // Without apps the global values only show in `nginx:report --global` (0.38 and later).
            if global.is_none() && scope.version >= DokkuVersion::new(0, 38, 0) {
                let values = read_global_report(client, &REPORT, &scope.version).await?;
                let block = block_from_values(values, globals).map_err(parse_error)?;
                exported.warnings.extend(block.warning);
                global = Some(block.global);
            }
            exported.records.extend(global.filter(|g| !g.is_empty()));
        }
        exported.records.extend(apps);
        Ok(exported)
    }

    fn validate(record: &Nginx) -> Vec<(String, String)> {
        let mut problems = Vec::new();
        if let Some(app) = &record.app_name
            && !dokku_core::app_name::is_valid(app)
        {
            problems.push(("app_name".into(), format!("{app:?} is not a valid app name")));
        }
        for (field, value) in record.string_fields() {
            if value.is_some_and(|v| v.is_empty()) {
                problems.push((field.into(), "empty; leave the field out to keep Dokku's default".into()));
            }
        }
        problems
    }

    fn apply_commands(records: &[Nginx]) -> Vec<Command> {
        let (globals, apps): (Vec<&Nginx>, Vec<&Nginx>) = records.iter().partition(|r| r.app_name.is_none());
        globals
            .into_iter()
            .chain(apps)
            .flat_map(|record| {
                let app = record.app_name.as_deref();
                record
                    .set_properties()
                    .into_iter()
                    .filter(move |(key, value)| !is_default_log_path(app, key, value))
                    .map(move |(key, value)| builders::set(app, key, Some(&value)))
            })
            .collect()
    }

    fn diff(current: &[Nginx], desired: &[Nginx], options: &DiffOptions) -> PluginDiff {
        crate::diff::diff(current, desired, options)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(app: Option<&str>) -> Nginx {
        Nginx { app_name: app.map(str::to_owned), ..Nginx::default() }
    }

    #[test]
    fn apply_sends_only_what_is_set_globals_first_values_intact() {
        let app = Nginx {
            proxy_buffers: Some("8 4k".into()),
            hsts_max_age: Some(600),
            last_visited_at: dokku_core::timestamp::from_unix_text("1736745546").ok().flatten(),
            ..record(Some("app1"))
        };
        let global = Nginx { x_forwarded_port_value: Some("$server_port".into()), ..record(None) };
        let lines: Vec<String> =
            NginxPlugin::apply_commands(&[app, global]).iter().map(ToString::to_string).collect();
        assert_eq!(
            lines,
            [
                "dokku nginx:set --global x-forwarded-port-value '$server_port'",
                "dokku nginx:set app1 hsts-max-age 600",
                "dokku nginx:set app1 proxy-buffers '8 4k'",
            ]
        );
    }

    #[test]
    fn values_reach_dokku_as_single_arguments() {
        let app = Nginx { proxy_buffers: Some("8 4k".into()), ..record(Some("app1")) };
        let commands = NginxPlugin::apply_commands(&[app]);
        assert_eq!(commands[0].argv_exposed(), ["nginx:set", "app1", "proxy-buffers", "8 4k"]);
    }

    #[test]
    fn validation_names_the_field() {
        let bad = Nginx { client_max_body_size: Some(String::new()), ..record(Some("Bad_App")) };
        let fields: Vec<String> = NginxPlugin::validate(&bad).into_iter().map(|(f, _)| f).collect();
        assert_eq!(fields, ["app_name", "client_max_body_size"]);
    }
}
