//! The converging plan: order is behaviour, `--replace` only where the server has it, removals
//! only with prune, credentials never shown.

use std::path::Path;

use dokku_buildpacks::{BuildpackUrl, Buildpacks, BuildpacksPlugin};
use dokku_core::DokkuVersion;
use dokku_core::plugin::{ChangeKind, DiffOptions, Plugin};

fn record(app: Option<&str>, urls: &[&str], stack: Option<&str>) -> Buildpacks {
    Buildpacks {
        app_name: app.map(str::to_owned),
        buildpacks: urls.iter().map(|u| BuildpackUrl::new(*u)).collect(),
        stack: stack.map(str::to_owned),
        extra: Default::default(),
    }
}

fn on(version: (u32, u32, u32)) -> DiffOptions {
    DiffOptions {
        server_version: Some(DokkuVersion::new(version.0, version.1, version.2)),
        ..DiffOptions::default()
    }
}

/// The captured server: the bulk report and the global report.
fn captured() -> Vec<Buildpacks> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("test_data/0.38.27");
    let read = |f: &str| std::fs::read_to_string(dir.join(f)).unwrap_or_default();
    let (mut records, _) =
        dokku_buildpacks::parse_report_text(&read("buildpacks__report__global.txt")).unwrap_or_default();
    records.extend(
        dokku_buildpacks::parse_report_text(&read("buildpacks__report__all.txt")).unwrap_or_default().0,
    );
    records
}

const APT: &str = "https://github.com/heroku/heroku-buildpack-apt.git";
const NODE: &str = "https://github.com/heroku/heroku-buildpack-nodejs.git";
const SECRET: &str = "https://bot:ghp_token123@github.com/acme/private-bp.git";

#[test]
fn a_server_that_matches_gets_no_commands() {
    let records = captured();
    assert_eq!(records.len(), 5, "{records:?}");
    for options in [DiffOptions::default(), DiffOptions::PRUNE, on((0, 38, 27))] {
        let plan = BuildpacksPlugin::diff(&records, &records, &options);
        assert!(plan.commands.is_empty() && plan.changes.is_empty(), "{:?}", plan.command_lines());
    }
    // Recreating the captured server and reading it back gives the same records, so a second
    // apply sends nothing: shorthand in the document compares in the form Dokku stores.
    let shorthand = [record(
        Some("w2-beta"),
        &["heroku/apt", "heroku/nodejs", "heroku-community/python"],
        Some("gliderlabs/herokuish:latest-22"),
    )];
    assert!(BuildpacksPlugin::diff(&records, &shorthand, &DiffOptions::default()).commands.is_empty());
}

#[test]
fn order_is_behaviour_and_the_list_is_written_whole() {
    let current = [record(Some("a"), &[APT, NODE], None)];
    let swapped = [record(Some("a"), &[NODE, APT], None)];
    let atomic = BuildpacksPlugin::diff(&current, &swapped, &on((0, 38, 22)));
    assert_eq!(atomic.command_lines(), [format!("dokku buildpacks:set --replace a {NODE} {APT}")]);
    assert_eq!(atomic.rebuild, ["a"]);
    assert!(atomic.restart.is_empty());
    for older in [on((0, 38, 21)), DiffOptions::default()] {
        let plan = BuildpacksPlugin::diff(&current, &swapped, &older);
        assert_eq!(
            plan.command_lines(),
            [
                "dokku buildpacks:clear a".to_owned(),
                format!("dokku buildpacks:add a {NODE}"),
                format!("dokku buildpacks:add a {APT}")
            ]
        );
    }
}

#[test]
fn emptying_a_list_or_unsetting_a_stack_needs_prune() {
    let current = [
        record(None, &[], Some("g:1")),
        record(Some("a"), &[APT], Some("s:1")),
        record(Some("b"), &[NODE], None),
    ];
    let desired = [record(None, &[], None), record(Some("a"), &[], None)];
    let kept = BuildpacksPlugin::diff(&current, &desired, &DiffOptions::default());
    assert!(kept.commands.is_empty());
    assert_eq!(kept.notes.len(), 2, "{:?}", kept.notes);
    let pruned = BuildpacksPlugin::diff(&current, &desired, &DiffOptions::PRUNE);
    assert_eq!(
        pruned.command_lines(),
        [
            "dokku buildpacks:set-property --global stack",
            "dokku buildpacks:clear a",
            "dokku buildpacks:set-property a stack",
            "dokku buildpacks:clear b",
        ]
    );
    assert!(pruned.changes.iter().all(|c| c.kind == ChangeKind::Remove), "{:?}", pruned.changes);
    assert_eq!(pruned.rebuild, ["a", "b"]);
    // With prune_apps, an app without a record is being destroyed: nothing to clear.
    let destroyed = BuildpacksPlugin::diff(&current, &desired, &DiffOptions::PRUNE_APPS);
    assert!(!destroyed.command_lines().iter().any(|l| l.ends_with(" b")), "{:?}", destroyed.command_lines());
    // No global record: the global stack is left alone, even with prune.
    let no_global = BuildpacksPlugin::diff(&current[..1], &[], &DiffOptions::PRUNE);
    assert!(no_global.commands.is_empty());
}

#[test]
fn stacks_are_set_app_and_global() {
    let current = [record(None, &[], None), record(Some("a"), &[], Some("s:1"))];
    let desired = [record(Some("a"), &[], Some("s:2")), record(None, &[], Some("g:1"))];
    let plan = BuildpacksPlugin::diff(&current, &desired, &DiffOptions::default());
    assert_eq!(
        plan.command_lines(),
        ["dokku buildpacks:set-property --global stack g:1", "dokku buildpacks:set-property a stack s:2"]
    );
    assert_eq!(plan.commands[0].written_app(), Some(None));
    assert_eq!(plan.rebuild, ["a"]);
    assert_eq!(plan.notes.len(), 1);
}

#[test]
fn credentials_never_show_in_commands_changes_or_debug() {
    let desired = [record(Some("a"), &[SECRET, NODE], None)];
    let current = [record(Some("a"), &[NODE], None)];
    for options in [on((0, 38, 27)), DiffOptions::default()] {
        let plan = BuildpacksPlugin::diff(&current, &desired, &options);
        let shown = format!("{:?} {:?} {:?}", plan.command_lines(), plan.changes, plan.commands);
        assert!(!shown.contains("ghp_token123") && !shown.contains("bot:"), "{shown}");
        assert!(plan.commands.iter().any(|c| c.argv_exposed().contains(&SECRET)), "sent in full");
    }
    let created = BuildpacksPlugin::apply_commands(&desired);
    assert_eq!(created[0].to_string(), "dokku buildpacks:add a https://***");
    assert!(!format!("{desired:?}").contains("ghp_token123"));
    let json = serde_json::to_string(&desired[0]).unwrap_or_default();
    // The record keeps the credentials, as a value of their own that export moves out.
    assert!(json.contains(r#""credentials":"bot:ghp_token123""#), "{json}");
    let back: Buildpacks = serde_json::from_str(&json).unwrap_or_default();
    assert_eq!(back, desired[0]);
}

#[test]
fn a_new_app_gets_what_apply_would_send() {
    let desired = [record(Some("new"), &[APT, NODE], Some("s:1"))];
    let plan = BuildpacksPlugin::diff(&[], &desired, &on((0, 38, 27)));
    assert_eq!(plan.commands, BuildpacksPlugin::apply_commands(&desired));
    assert_eq!(
        plan.command_lines(),
        [
            format!("dokku buildpacks:add new {APT}"),
            format!("dokku buildpacks:add new {NODE}"),
            "dokku buildpacks:set-property new stack s:1".to_owned()
        ]
    );
    assert!(plan.changes.iter().all(|c| c.kind == ChangeKind::Add));
}

#[test]
fn validation_names_the_field() {
    let bad = record(None, &["nodejs"], Some("two words"));
    let fields: Vec<String> = BuildpacksPlugin::validate(&bad).into_iter().map(|(f, _)| f).collect();
    assert_eq!(fields, ["buildpacks", "buildpacks[0]", "stack"]);
    assert!(BuildpacksPlugin::validate(&record(Some("a"), &["heroku/nodejs", SECRET], None)).is_empty());
}
