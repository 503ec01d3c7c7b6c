//! Export and apply glue: the config plugin as the engine sees it.

use dokku_core::plugin::{DiffOptions, ExportScope, Exported, Plugin, PluginDiff};
use dokku_core::{Client, Command, Error, Secret};
use futures_util::future::try_join_all;

use crate::commands::{Config, builders};
use crate::model::ConfigVar;

/// The config plugin for the export/apply engine.
#[derive(Clone, Copy, Debug, Default)]
pub struct ConfigPlugin;

impl Plugin for ConfigPlugin {
    const KEY: &'static str = "config";
    const DOKKU_NAME: &'static str = "config";
    const REQUIRES: &'static [&'static str] = &["apps"];
    type Record = ConfigVar;

    async fn export(client: &Client, scope: &ExportScope) -> Result<Exported<ConfigVar>, Error> {
        // `config:export --format json` is cheap (0.03–0.2 s per app), so one read per scope.
        let config = Config::new(client);
        let mut exported = Exported::default();
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
}

/// One scope's variables in apply order.
pub(crate) type ScopeVars<'a> = (Option<&'a str>, Vec<(&'a str, &'a Secret<String>)>);

/// Groups records by scope: the global scope first, then the apps in order of first appearance,
/// each key once at its first position with its last value (as `config:set` would leave it).
///
/// pydokku sorted the records by app name, which crashed on a global record next to any other
/// record (null compared with text); grouping needs no ordering between scopes.
pub(crate) fn scopes(records: &[ConfigVar]) -> Vec<ScopeVars<'_>> {
    let mut groups: Vec<ScopeVars<'_>> = Vec::new();
    let globals_first = records
        .iter()
        .filter(|r| r.app_name.is_none())
        .chain(records.iter().filter(|r| r.app_name.is_some()));
    for record in globals_first {
        let app = record.app_name.as_deref();
        let at = match groups.iter().position(|(a, _)| *a == app) {
            Some(at) => at,
            None => {
                groups.push((app, Vec::new()));
                groups.len() - 1
            }
        };
        let vars = &mut groups[at].1;
        match vars.iter_mut().find(|(k, _)| *k == record.key) {
            Some(slot) => slot.1 = &record.value,
            None => vars.push((&record.key, &record.value)),
        }
    }
    groups
}

/// Dokku's rule for variable names: `^[a-zA-Z_][a-zA-Z0-9_]*$`.
fn valid_key(key: &str) -> bool {
    let mut chars = key.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
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
