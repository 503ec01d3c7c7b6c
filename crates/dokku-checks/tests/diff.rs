//! The converging plan: nothing for a server that already matches, only the process types whose
//! status changes otherwise, `_all_` rewritten through the commands without types, removals
//! only with prune.

use std::path::Path;

use dokku_checks::{ALL_PROCESSES, Check, CheckStatus, ChecksPlugin};
use dokku_core::plugin::{ChangeKind, DiffOptions, Plugin};

use CheckStatus::{Disabled, Enabled, Skipped};

fn check(app: &str, process: &str, status: CheckStatus) -> Check {
    Check {
        process: process.into(),
        app_name: Some(app.into()),
        status: Some(status),
        app_wait_to_retire: None,
        global_wait_to_retire: None,
        extra: Default::default(),
    }
}

/// A realistic server: pydokku's capture of three apps, plus the global record.
fn captured() -> Vec<Check> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("test_data/pydokku/checks__report__three-apps.txt");
    let text = std::fs::read_to_string(path).unwrap_or_default();
    let mut records = vec![dokku_checks::global_record(Some(60))];
    records.extend(dokku_checks::parse_report_text(&text).map(|(r, _)| r).unwrap_or_default());
    records
}

#[test]
fn a_server_that_matches_gets_no_commands() {
    let records = captured();
    assert_eq!(records.len(), 6, "{records:?}");
    for options in [DiffOptions::default(), DiffOptions::PRUNE] {
        let plan = ChecksPlugin::diff(&records, &records, &options);
        assert!(plan.commands.is_empty() && plan.changes.is_empty(), "{:?}", plan.command_lines());
    }
    // pydokku documents copy the global value into app records, and may spell enabled types out.
    let mut pydokku = records.clone();
    for record in pydokku.iter_mut().filter(|r| r.app_name.is_some()) {
        record.global_wait_to_retire = Some(60);
    }
    pydokku.push(check("test-app-9", "release", Enabled));
    assert!(ChecksPlugin::diff(&records, &pydokku, &DiffOptions::PRUNE).commands.is_empty());
}

#[test]
fn a_changed_status_moves_only_that_type() {
    let current = [check("a", "web", Disabled), check("a", "worker", Skipped)];
    let desired = [check("a", "web", Skipped), check("a", "cron", Disabled)];
    let plan = ChecksPlugin::diff(&current, &desired, &DiffOptions::default());
    assert_eq!(
        plan.command_lines(),
        ["dokku checks:enable a worker", "dokku checks:disable a cron", "dokku checks:skip a web"]
    );
    let changes: Vec<(&str, Option<&str>, Option<&str>)> =
        plan.changes.iter().map(|c| (c.subject.as_str(), c.old.as_deref(), c.new.as_deref())).collect();
    assert_eq!(
        changes,
        [
            ("process cron", Some("enabled"), Some("disabled")),
            ("process web", Some("disabled"), Some("skipped")),
            ("process worker", Some("skipped"), Some("enabled")),
        ]
    );
    assert!(plan.restart.is_empty() && plan.rebuild.is_empty());
}

#[test]
fn the_all_status_is_rewritten_without_types_and_the_types_follow() {
    let current = [check("a", ALL_PROCESSES, Enabled)];
    let desired = [check("a", ALL_PROCESSES, Disabled), check("a", "worker", Skipped)];
    let plan = ChecksPlugin::diff(&current, &desired, &DiffOptions::default());
    assert_eq!(plan.command_lines(), ["dokku checks:disable a", "dokku checks:skip a worker"]);
    // And back: enabling everything is the bare `checks:enable`.
    let back = ChecksPlugin::diff(&desired, &current, &DiffOptions::default());
    assert_eq!(back.command_lines(), ["dokku checks:enable a"]);
    assert_eq!(back.changes.len(), 2);
}

#[test]
fn wait_to_retire_is_set_when_different_and_unset_only_with_prune() {
    let mut held = check("a", ALL_PROCESSES, Enabled);
    held.app_wait_to_retire = Some(30);
    let current = [dokku_checks::global_record(Some(60)), held.clone()];
    let mut wanted = held.clone();
    wanted.app_wait_to_retire = Some(45);
    let plan = ChecksPlugin::diff(&current, &[wanted], &DiffOptions::default());
    assert_eq!(plan.command_lines(), ["dokku checks:set a wait-to-retire 45"]);
    assert_eq!(plan.changes[0].kind, ChangeKind::Change);

    let unmanaged = [check("a", ALL_PROCESSES, Enabled)];
    assert!(ChecksPlugin::diff(&current, &unmanaged, &DiffOptions::default()).commands.is_empty());
    let pruned = ChecksPlugin::diff(&current, &unmanaged, &DiffOptions::PRUNE);
    assert_eq!(
        pruned.command_lines(),
        ["dokku checks:set --global wait-to-retire", "dokku checks:set a wait-to-retire"]
    );
    assert!(pruned.changes.iter().all(|c| c.kind == ChangeKind::Remove && !c.secret));
}

#[test]
fn a_new_app_gets_what_apply_would_send() {
    let desired = [check("new", "web", Disabled), check("new", "worker", Skipped)];
    let plan = ChecksPlugin::diff(&[], &desired, &DiffOptions::default());
    assert_eq!(plan.commands, ChecksPlugin::apply_commands(&desired));
    assert!(plan.changes.iter().all(|c| c.kind == ChangeKind::Add));
}

#[test]
fn unmentioned_apps_go_back_to_defaults_only_with_prune() {
    let current = [check("a", ALL_PROCESSES, Enabled), check("b", "web", Disabled)];
    let desired = [check("a", ALL_PROCESSES, Enabled)];
    assert!(ChecksPlugin::diff(&current, &desired, &DiffOptions::default()).commands.is_empty());
    let pruned = ChecksPlugin::diff(&current, &desired, &DiffOptions::PRUNE);
    assert_eq!(pruned.command_lines(), ["dokku checks:enable b web"]);
}
