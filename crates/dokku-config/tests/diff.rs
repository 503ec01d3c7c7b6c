//! The converging plan: nothing for a server that already matches, only the keys that differ
//! otherwise, removals only with prune, every value secret.

use std::path::Path;

use dokku_config::{ConfigPlugin, ConfigVar, vars_from_export};
use dokku_core::plugin::{ChangeKind, DiffOptions, Plugin};

/// A realistic server: the captured global and app exports of 0.38.27.
fn captured() -> Vec<ConfigVar> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("test_data/0.38.27");
    let read = |f: &str| std::fs::read_to_string(dir.join(f)).unwrap_or_default();
    let mut records =
        vars_from_export(None, &read("config__export__global-format-json.txt"), false).unwrap_or_default();
    records.extend(
        vars_from_export(Some("app1"), &read("config__export__app1-format-json.txt"), false)
            .unwrap_or_default(),
    );
    records
}

#[test]
fn a_server_that_matches_gets_no_commands() {
    let records = captured();
    assert!(records.len() >= 3, "{records:?}");
    for options in [DiffOptions::default(), DiffOptions::PRUNE] {
        let plan = ConfigPlugin::diff(&records, &records, &options);
        assert!(plan.commands.is_empty() && plan.changes.is_empty() && plan.restart.is_empty());
    }
    // The document's order does not matter.
    let reversed: Vec<ConfigVar> = records.iter().rev().cloned().collect();
    assert!(ConfigPlugin::diff(&records, &reversed, &DiffOptions::PRUNE).commands.is_empty());
}

#[test]
fn only_new_and_changed_keys_are_set_in_one_command_per_scope() {
    let current = vec![
        ConfigVar::new(None, "G", "g"),
        ConfigVar::new(Some("app1"), "A", "1"),
        ConfigVar::new(Some("app1"), "B", "2"),
    ];
    let desired = vec![
        ConfigVar::new(Some("app1"), "A", "1"),
        ConfigVar::new(Some("app1"), "B", "two"),
        ConfigVar::new(Some("app1"), "C", "3"),
        ConfigVar::new(None, "G", "g"),
    ];
    let plan = ConfigPlugin::diff(&current, &desired, &DiffOptions::default());
    assert_eq!(plan.command_lines(), ["dokku config:set --encoded --no-restart app1 B=*** C=***"]);
    assert_eq!(plan.commands[0].argv_exposed()[4], "B=dHdv");
    let kinds: Vec<(&str, ChangeKind)> = plan.changes.iter().map(|c| (c.subject.as_str(), c.kind)).collect();
    assert_eq!(kinds, [("B", ChangeKind::Change), ("C", ChangeKind::Add)]);
    assert_eq!(plan.changes[0].old.as_deref(), Some("2"));
    assert_eq!(plan.changes[0].new.as_deref(), Some("two"));
    assert_eq!(plan.restart, ["app1"]);
}

#[test]
fn a_new_app_gets_what_apply_would_send() {
    let desired = vec![ConfigVar::new(Some("new"), "A", "1"), ConfigVar::new(Some("new"), "B", "")];
    let plan = ConfigPlugin::diff(&[], &desired, &DiffOptions::default());
    assert_eq!(plan.commands, ConfigPlugin::apply_commands(&desired));
}

#[test]
fn extra_keys_stay_unless_pruned_and_internal_keys_never_go() {
    let current = vec![
        ConfigVar::new(None, "G", "g"),
        ConfigVar::new(Some("app1"), "A", "1"),
        ConfigVar::new(Some("app1"), "OLD", "x"),
        // An export never holds these, but a plan must not remove them even if one did.
        ConfigVar::new(Some("app1"), "DOKKU_PROXY_PORT", "80"),
        ConfigVar::new(Some("app2"), "Z", "z"),
    ];
    let desired = vec![ConfigVar::new(Some("app1"), "A", "1")];
    let kept = ConfigPlugin::diff(&current, &desired, &DiffOptions::default());
    assert!(kept.commands.is_empty() && kept.changes.is_empty());
    let pruned = ConfigPlugin::diff(&current, &desired, &DiffOptions::PRUNE);
    assert_eq!(
        pruned.command_lines(),
        [
            "dokku config:unset --no-restart app1 OLD",
            "dokku config:unset --no-restart --global G",
            "dokku config:unset --no-restart app2 Z",
        ]
    );
    assert!(pruned.changes.iter().all(|c| c.kind == ChangeKind::Remove));
    assert_eq!(pruned.restart, ["app1", "app2"]);
}

#[test]
fn every_change_is_secret_and_no_value_shows_in_a_command() {
    let current = vec![ConfigVar::new(Some("app1"), "TOKEN", "old-hunter2")];
    let desired = vec![ConfigVar::new(Some("app1"), "TOKEN", "new-hunter2")];
    let plan = ConfigPlugin::diff(&current, &desired, &DiffOptions::PRUNE);
    assert_eq!(plan.changes.len(), 1);
    assert!(plan.changes.iter().all(|c| c.secret && !c.subject.contains("hunter2")));
    assert!(plan.command_lines().iter().all(|l| !l.contains("hunter2")));
}
