//! The converging plan: nothing for a server that already matches, lists compared as sets,
//! enabling before setting, removals only with prune.

use std::path::Path;

use dokku_core::plugin::{ChangeKind, DiffOptions, Plugin};
use dokku_domains::{Domain, DomainsPlugin};

fn domain(app: Option<&str>, enabled: bool, domains: &[&str]) -> Domain {
    Domain {
        enabled,
        domains: domains.iter().map(|d| (*d).to_owned()).collect(),
        app_name: app.map(str::to_owned),
        extra: Default::default(),
    }
}

/// A realistic server: pydokku's capture of a global list and three apps.
fn captured() -> Vec<Domain> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("test_data/pydokku/domains__report__global-and-three-apps.txt");
    let text = std::fs::read_to_string(path).unwrap_or_default();
    dokku_domains::parse_report_text(&text).map(|(records, _)| records).unwrap_or_default()
}

#[test]
fn a_server_that_matches_gets_no_commands() {
    let records = captured();
    assert_eq!(records.len(), 4, "{records:?}");
    for options in [DiffOptions::default(), DiffOptions::PRUNE] {
        let plan = DomainsPlugin::diff(&records, &records, &options);
        assert!(plan.commands.is_empty() && plan.changes.is_empty(), "{:?}", plan.command_lines());
    }
}

#[test]
fn lists_compare_as_sets_of_lower_cased_names() {
    let current = [domain(Some("a"), true, &["x.example.com", "y.example.com"])];
    let desired = [domain(Some("a"), true, &["Y.example.com", "x.example.com", "x.example.com"])];
    assert!(DomainsPlugin::diff(&current, &desired, &DiffOptions::default()).commands.is_empty());
}

#[test]
fn a_changed_list_is_set_exactly_and_an_emptied_one_deterministically() {
    let current = [domain(None, true, &["example.com"]), domain(Some("a"), true, &["a.example.com"])];
    let desired = [domain(Some("a"), true, &["a.example.com", "www.example.com"]), domain(None, true, &[])];
    let plan = DomainsPlugin::diff(&current, &desired, &DiffOptions::default());
    assert_eq!(
        plan.command_lines(),
        ["dokku domains:clear-global", "dokku domains:set a a.example.com www.example.com"]
    );
    let changes: Vec<(Option<&str>, &str, ChangeKind)> =
        plan.changes.iter().map(|c| (c.app.as_deref(), c.subject.as_str(), c.kind)).collect();
    assert_eq!(changes, [(None, "domains", ChangeKind::Change), (Some("a"), "domains", ChangeKind::Change)]);
    assert_eq!(plan.changes[1].new.as_deref(), Some("a.example.com www.example.com"));
    assert!(plan.restart.is_empty() && plan.changes.iter().all(|c| !c.secret));

    let emptied = DomainsPlugin::diff(&current, &[domain(Some("a"), true, &[])], &DiffOptions::default());
    assert_eq!(
        emptied.command_lines(),
        [
            "dokku domains:set a dokku-rs-placeholder.invalid",
            "dokku domains:remove a dokku-rs-placeholder.invalid"
        ]
    );
}

#[test]
fn enabling_comes_before_the_list_and_disabling_ignores_it() {
    let current = [domain(Some("a"), false, &[]), domain(Some("b"), true, &["b.example.com"])];
    let desired = [domain(Some("a"), true, &["a.example.com"]), domain(Some("b"), false, &["b.example.com"])];
    let plan = DomainsPlugin::diff(&current, &desired, &DiffOptions::default());
    assert_eq!(
        plan.command_lines(),
        ["dokku domains:enable a", "dokku domains:set a a.example.com", "dokku domains:disable b"]
    );
    let subjects: Vec<(Option<&str>, &str)> =
        plan.changes.iter().map(|c| (c.app.as_deref(), c.subject.as_str())).collect();
    assert_eq!(subjects, [(Some("a"), "enabled"), (Some("a"), "domains"), (Some("b"), "enabled")]);
    // Dokku deletes a disabled app's list, so the next export reads it empty: still converged.
    let after = [domain(Some("b"), false, &[])];
    assert!(DomainsPlugin::diff(&after, &desired[1..], &DiffOptions::default()).commands.is_empty());
}

#[test]
fn a_new_app_gets_what_apply_would_send() {
    let desired = [domain(Some("new"), true, &["new.example.com"])];
    let plan = DomainsPlugin::diff(&[], &desired, &DiffOptions::default());
    assert_eq!(plan.commands, DomainsPlugin::apply_commands(&desired));
    assert!(plan.changes.iter().all(|c| c.kind == ChangeKind::Add));
}

#[test]
fn unmentioned_lists_stay_unless_pruned() {
    let current = [
        domain(None, true, &["example.com"]),
        domain(Some("a"), true, &["a.example.com"]),
        domain(Some("b"), true, &["b.example.com"]),
        domain(Some("c"), true, &[]),
    ];
    let desired = [domain(Some("a"), true, &["a.example.com"])];
    assert!(DomainsPlugin::diff(&current, &desired, &DiffOptions::default()).commands.is_empty());
    let pruned = DomainsPlugin::diff(&current, &desired, &DiffOptions::PRUNE);
    assert_eq!(
        pruned.command_lines(),
        [
            "dokku domains:clear-global",
            "dokku domains:set b dokku-rs-placeholder.invalid",
            "dokku domains:remove b dokku-rs-placeholder.invalid",
        ]
    );
    assert!(pruned.changes.iter().all(|c| c.kind == ChangeKind::Remove));
}
