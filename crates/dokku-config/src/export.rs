//! Export and apply glue: the config plugin as the engine sees it.

use dokku_core::ownership::OwnedValue;
use dokku_core::plugin::{DiffOptions, ExportScope, Exported, Plugin, PluginDiff};
use dokku_core::{Client, Command, Error};
use futures_util::future::try_join_all;

use dokku_core::file_snapshot::config_root;

use crate::commands::{Config, builders};
use crate::files::vars_from_files;
use crate::model::{ConfigVar, scopes};

/// The first Dokku that keeps the `ENV` files under `$DOKKU_LIB_ROOT/config/` (before, they were
/// `$DOKKU_ROOT/<app>/ENV` and `$DOKKU_ROOT/ENV`, outside what the snapshot reads).
use dokku_core::env_file::{IN_PROPERTY_STORE_SINCE as ENV_IN_PROPERTY_STORE, valid_key};

/// The config plugin for the export/apply engine.
#[derive(Clone, Copy, Debug, Default)]
pub struct ConfigPlugin;

impl Plugin for ConfigPlugin {
    const KEY: &'static str = "config";
    const DOKKU_NAME: &'static str = "config";
    const REQUIRES: &'static [&'static str] = &["apps"];
    type Record = ConfigVar;

    async fn export(client: &Client, scope: &ExportScope) -> Result<Exported<ConfigVar>, Error> {
        let mut exported = Exported::default();
        // As root on Dokku 0.38 and later, the `ENV` files in the property store: no command.
        if let Some(files) = scope.files.as_deref().filter(|_| scope.version >= ENV_IN_PROPERTY_STORE) {
            let root = config_root(client.layout());
            let subjects =
                scope.system.then_some(None).into_iter().chain(scope.apps.iter().map(|a| Some(a.as_str())));
            for app in subjects {
                match vars_from_files(files, &root, app) {
                    Ok((vars, warnings)) => {
                        exported.records.extend(vars);
                        exported.warnings.extend(warnings);
                    }
                    // A file godotenv cannot read: Dokku's own read says what it makes of it.
                    Err(problem) => {
                        exported.warnings.push(format!("{problem}; read with config:export instead"));
                        exported.records.extend(Config::new(client).vars(app, false, false).await?);
                    }
                }
            }
            exported.records.sort_by(|a, b| (&a.app_name, &a.key).cmp(&(&b.app_name, &b.key)));
            return Ok(exported);
        }
        // `config:export --format json` is cheap (0.03–0.2 s per app), so one read per scope.
        let config = Config::new(client);
        if scope.system {
            exported.records.extend(config.vars(None, false, false).await?);
        }
        let per_app = try_join_all(scope.apps.iter().map(|app| config.vars(Some(app), false, false))).await?;
        exported.records.extend(per_app.into_iter().flatten());
        // The server's key order reflects the order values were set in, which a migration does
        // not keep: sort by key so that two servers with the same config export the same bytes.
        exported.records.sort_by(|a, b| (&a.app_name, &a.key).cmp(&(&b.app_name, &b.key)));
        Ok(exported)
    }

    fn validate(record: &ConfigVar) -> Vec<(String, String)> {
        let mut problems = Vec::new();
        if !valid_key(&record.key) {
            problems.push((
                "key".into(),
                format!(
                    "{:?} is not a valid variable name (letters, digits and '_', not starting with a digit)",
                    record.key
                ),
            ));
        }
        if record.app_name.as_deref().is_some_and(|app| app.is_empty() || app.starts_with('-')) {
            problems.push(("app_name".into(), format!("{:?} is not an app name", record.app_name)));
        }
        problems
    }

    fn apply_commands(records: &[ConfigVar]) -> Vec<Command> {
        scopes(records).into_iter().map(|(app, vars)| builders::set(app, vars, false)).collect()
    }

    fn diff(current: &[ConfigVar], desired: &[ConfigVar], options: &DiffOptions) -> PluginDiff {
        crate::diff::diff(current, desired, options)
    }

    /// A variable another plugin writes and recreates (a service link's `<ALIAS>_URL`) is named
    /// by its key.
    fn release_owned(records: &mut Vec<ConfigVar>, owned: &[OwnedValue]) {
        records.retain(|r| {
            !owned.iter().any(|o| o.is_held_by(Self::KEY, r.app_name.as_deref()) && o.item == r.key)
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_follow_dokku() {
        assert!(valid_key("A") && valid_key("_x1") && valid_key("aKey"));
        assert!(!valid_key("") && !valid_key("1A") && !valid_key("A-B") && !valid_key("A B"));
    }
}
