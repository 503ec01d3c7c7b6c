//! The maintenance plan: `maintenance:enable` / `maintenance:disable` for each app whose mode
//! differs from the document's.
//!
//! Every app has a record in an export, so an app missing from the document is one the document
//! does not describe: it is left alone, even with prune (apps themselves are the apps plugin's
//! business). Maintenance mode swaps the nginx configuration itself, so nothing restarts.

use dokku_core::diffing::pair_by;
use dokku_core::plugin::{Change, DiffOptions, PluginDiff};

use crate::commands::builders;
use crate::model::Maintenance;

/// The plan for one plugin's records; see the module documentation.
pub(crate) fn diff(current: &[Maintenance], desired: &[Maintenance], _options: &DiffOptions) -> PluginDiff {
    let paired = pair_by(current, desired, |r| r.app_name.clone());
    // A new app starts out of maintenance mode.
    let wanted =
        paired.both.iter().map(|(c, d)| (c.enabled, *d)).chain(paired.added.iter().map(|d| (false, *d)));
    let mut plan = PluginDiff::default();
    for (was, record) in wanted.filter(|(was, d)| *was != d.enabled) {
        let app = record.app_name.as_str();
        plan.commands.push(if record.enabled { builders::enable(app) } else { builders::disable(app) });
        plan.changes.push(Change::new(
            Some(app),
            "enabled",
            Some(was.to_string()),
            Some(record.enabled.to_string()),
        ));
    }
    plan
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(app: &str, enabled: bool) -> Maintenance {
        Maintenance { app_name: app.into(), enabled, extra: Default::default() }
    }

    #[test]
    fn equal_states_plan_nothing() {
        let server = [record("a", true), record("b", false)];
        let mut document = server.clone();
        document[0].extra.insert("custom-page-sha256".into(), "abc".into());
        for options in [DiffOptions::default(), DiffOptions::PRUNE_APPS] {
            let plan = diff(&server, &document, &options);
            assert!(plan.commands.is_empty() && plan.changes.is_empty(), "{plan:?}");
        }
    }

    #[test]
    fn differing_modes_are_switched_and_new_apps_enabled_when_wanted() {
        let server = [record("a", true), record("b", false), record("gone", true)];
        let document = [record("b", true), record("a", false), record("new", true), record("new2", false)];
        for options in [DiffOptions::default(), DiffOptions::PRUNE_APPS] {
            let plan = diff(&server, &document, &options);
            assert_eq!(
                plan.command_lines(),
                ["dokku maintenance:enable b", "dokku maintenance:disable a", "dokku maintenance:enable new"]
            );
            let change = &plan.changes[1];
            assert_eq!(
                (change.subject.as_str(), change.old.as_deref(), change.new.as_deref()),
                ("enabled", Some("true"), Some("false"))
            );
            assert!(plan.changes.iter().all(|c| !c.secret));
            assert!(plan.restart.is_empty() && plan.rebuild.is_empty());
        }
    }
}
