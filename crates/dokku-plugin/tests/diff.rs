//! The converging plan of the plugin plugin: core plugins are never installed or removed.

use std::path::Path;

use dokku_core::installed_plugins::parse_installed_text;
use dokku_core::plugin::{ChangeKind, DiffOptions, Plugin};
use dokku_plugin::{PluginPlugin, PluginRecord};

/// The captured list with sources for the third-party plugins, as a root export has them.
fn captured() -> Vec<PluginRecord> {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("test_data/0.38.27/plugin__list__after-3rd-party.txt");
    let text = std::fs::read_to_string(path).unwrap_or_default();
    let mut records: Vec<PluginRecord> =
        parse_installed_text(&text).unwrap_or_default().iter().map(PluginRecord::from).collect();
    for record in records.iter_mut().filter(|r| !r.is_core()) {
        record.git_url = Some(format!("https://github.com/dokku/dokku-{}.git", record.name));
        record.git_reference = Some("0123456789abcdef0123456789abcdef01234567".into());
    }
    records
}

fn third_party(name: &str, reference: Option<&str>) -> PluginRecord {
    PluginRecord {
        name: name.into(),
        version: Some("1.0.0".into()),
        enabled: true,
        description: format!("dokku {name} plugin"),
        git_url: Some(format!("https://github.com/dokku/dokku-{name}.git")),
        git_reference: reference.map(str::to_owned),
    }
}

fn core(name: &str, enabled: bool) -> PluginRecord {
    PluginRecord {
        name: name.into(),
        version: Some("0.38.27".into()),
        enabled,
        description: format!("dokku core {name} plugin"),
        git_url: None,
        git_reference: None,
    }
}

#[test]
fn a_server_diffed_with_itself_needs_nothing() {
    let records = captured();
    assert!(records.iter().filter(|r| !r.is_core()).count() >= 3);
    for options in [DiffOptions::default(), DiffOptions::PRUNE_APPS] {
        let diff = PluginPlugin::diff(&records, &records, &options);
        assert!(diff.commands.is_empty() && diff.changes.is_empty(), "{:?}", diff.changes);
    }
}

#[test]
fn a_missing_plugin_is_installed_at_its_committish() {
    let desired = [
        third_party("redirect", Some("v0.9.1")),
        PluginRecord { enabled: false, ..third_party("maintenance", None) },
    ];
    let diff = PluginPlugin::diff(&[], &desired, &DiffOptions::default());
    assert_eq!(
        diff.command_lines(),
        [
            "dokku plugin:install https://github.com/dokku/dokku-redirect.git --committish v0.9.1 --name redirect",
            "dokku plugin:install https://github.com/dokku/dokku-maintenance.git --name maintenance",
            "dokku plugin:disable maintenance",
        ]
    );
    assert!(diff.commands.iter().all(|c| c.is_root_only()));
    assert_eq!(diff.changes[0].kind, ChangeKind::Add);
    assert_eq!(diff.changes[0].subject, "plugin redirect");
}

#[test]
fn core_plugins_are_only_enabled_or_disabled() {
    let current = [core("apps", true), core("builder", true)];
    let desired = [core("builder", false), core("cron", true)];
    let diff = PluginPlugin::diff(&current, &desired, &DiffOptions::PRUNE_APPS);
    assert_eq!(diff.command_lines(), ["dokku plugin:disable builder"]);
    assert_eq!(diff.changes.len(), 1);
}

#[test]
fn another_committish_updates_around_a_disabled_plugin() {
    let current = [
        third_party("redirect", Some("0123456789abcdef")),
        PluginRecord { enabled: false, ..third_party("maintenance", Some("a")) },
    ];
    let desired = [
        third_party("redirect", Some("0123456")),
        PluginRecord { enabled: false, ..third_party("maintenance", Some("b")) },
    ];
    let diff = PluginPlugin::diff(&current, &desired, &DiffOptions::default());
    assert_eq!(
        diff.command_lines(),
        [
            "dokku plugin:enable maintenance",
            "dokku plugin:update maintenance b",
            "dokku plugin:disable maintenance"
        ]
    );
    let desired = [third_party("redirect", Some("v1.0.0")), third_party("maintenance", Some("a"))];
    let diff = PluginPlugin::diff(&current, &desired, &DiffOptions::default());
    assert_eq!(
        diff.command_lines(),
        ["dokku plugin:update redirect v1.0.0", "dokku plugin:enable maintenance"]
    );
    let subjects: Vec<&str> = diff.changes.iter().map(|c| c.subject.as_str()).collect();
    assert_eq!(subjects, ["plugin redirect committish", "plugin maintenance enabled"]);
}

#[test]
fn an_unknown_current_committish_or_a_document_without_one_changes_nothing() {
    let current = [third_party("redirect", None)];
    let desired = [third_party("redirect", Some("v1.0.0"))];
    assert!(PluginPlugin::diff(&current, &desired, &DiffOptions::default()).changes.is_empty());
    assert!(PluginPlugin::diff(&desired, &current, &DiffOptions::default()).changes.is_empty());
}

#[test]
fn only_pruning_uninstalls_and_never_a_core_plugin() {
    let current = [core("apps", true), third_party("redirect", None)];
    assert!(PluginPlugin::diff(&current, &[], &DiffOptions::default()).commands.is_empty());
    let diff = PluginPlugin::diff(&current, &[], &DiffOptions::PRUNE_APPS);
    assert_eq!(diff.command_lines(), ["dokku plugin:uninstall redirect"]);
    assert_eq!(diff.changes[0].kind, ChangeKind::Remove);
}
