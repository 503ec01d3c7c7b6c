//! Export and apply glue: reinstall third-party plugins from where they came from.

use dokku_core::plugin::{DiffOptions, ExportScope, Exported, Plugin, PluginDiff};
use dokku_core::{Client, Command, Error};
use futures_util::future::try_join_all;

use crate::commands::builders;
use crate::git_source::{parse_git_head, parse_git_origin_url};
use crate::model::PluginRecord;

/// The plugin plugin for the export/apply engine.
#[derive(Clone, Copy, Debug, Default)]
pub struct PluginPlugin;

impl Plugin for PluginPlugin {
    const KEY: &'static str = "plugin";
    const DOKKU_NAME: &'static str = "plugin";
    const REQUIRES: &'static [&'static str] = &[];
    const READS_INSTALLED_PLUGINS: bool = true;
    type Record = PluginRecord;

    async fn export(client: &Client, scope: &ExportScope) -> Result<Exported<PluginRecord>, Error> {
        let mut exported = Exported::default();
        let mut records: Vec<PluginRecord> = scope.installed.iter().map(PluginRecord::from).collect();
        let unknown: Vec<usize> =
            (0..records.len()).filter(|&i| !records[i].is_core() && records[i].git_url.is_none()).collect();
        if !unknown.is_empty() {
            if scope.can_run_system_commands {
                // Older Dokku does not say where a plugin came from: read its git checkout.
                let reads = unknown.iter().map(|&i| read_source(client, &records[i].name));
                for (&i, (url, reference)) in unknown.iter().zip(try_join_all(reads).await?) {
                    records[i].git_url = url;
                    records[i].git_reference = reference;
                }
            } else {
                let names: Vec<&str> = unknown.iter().map(|&i| records[i].name.as_str()).collect();
                exported.warnings.push(format!(
                    "plugin: the source of {} third-party plugin(s) needs root-only reads, not possible as this user: {} (apply cannot reinstall them)",
                    names.len(),
                    names.join(", ")
                ));
            }
        }
        exported.records = records;
        Ok(exported)
    }

    fn validate(record: &PluginRecord) -> Vec<(String, String)> {
        match &record.git_url {
            Some(url)
                if !(url.starts_with("https:")
                    || url.starts_with("git")
                    || url.starts_with("ssh:")
                    || url.starts_with("file:")
                    || url.ends_with(".tar.gz")
                    || url.ends_with(".tgz")) =>
            {
                vec![("git_url".into(), format!("{url:?} is not a URL Dokku can install from"))]
            }
            _ => Vec::new(),
        }
    }

    fn apply_commands(records: &[PluginRecord]) -> Vec<Command> {
        let mut commands = Vec::new();
        for record in records.iter().filter(|r| !r.is_core()) {
            if let Some(url) = &record.git_url {
                commands.push(builders::install(url, record.git_reference.as_deref(), &record.name));
            }
            if !record.enabled {
                commands.push(builders::disable(&record.name));
            }
        }
        for record in records.iter().filter(|r| r.is_core() && !r.enabled) {
            commands.push(builders::disable(&record.name));
        }
        commands
    }

    fn diff(current: &[PluginRecord], desired: &[PluginRecord], options: &DiffOptions) -> PluginDiff {
        crate::diff::diff(current, desired, options)
    }
}

/// The origin URL and HEAD reference of a plugin's checkout (`None`s when unreadable).
async fn read_source(client: &Client, name: &str) -> Result<(Option<String>, Option<String>), Error> {
    let head = client.output(&builders::cat_git_file(client.layout(), name, "HEAD")).await?;
    let config = client.output(&builders::cat_git_file(client.layout(), name, "config")).await?;
    let reference = head.success().then(|| parse_git_head(&head.stdout)).flatten();
    let url = config.success().then(|| parse_git_origin_url(&config.stdout)).flatten();
    Ok((url, reference))
}
