//! The converging plan of the apps plugin: minimal commands, nothing destroyed unasked.

use std::path::Path;

use dokku_apps::{App, AppRecord, AppsGlobal, AppsPlugin};
use dokku_core::plugin::{ChangeKind, DiffOptions, Plugin};

fn captured() -> Vec<AppRecord> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("test_data");
    let mut records = vec![AppRecord::Global(AppsGlobal { disable_autocreation: true })];
    for file in ["0.38.27/apps__report__all.txt", "pydokku/apps__report__three-apps.txt"] {
        let text = std::fs::read_to_string(dir.join(file)).unwrap_or_default();
        let (apps, _) = dokku_apps::parse_report_text(&text).unwrap_or_default();
        records.extend(apps.into_iter().map(AppRecord::App));
    }
    records
}

fn app(name: &str) -> App {
    App {
        name: name.into(),
        path: format!("/home/dokku/{name}"),
        locked: false,
        created_at: None,
        deploy_source: None,
        deploy_source_metadata: None,
        extra: Default::default(),
    }
}

const PRUNE_APPS: DiffOptions = DiffOptions::PRUNE_APPS;

#[test]
fn a_server_diffed_with_itself_needs_nothing() {
    let records = captured();
    assert!(records.len() >= 4, "{records:?}");
    for options in [DiffOptions::default(), PRUNE_APPS] {
        let diff = AppsPlugin::diff(&records, &records, &options);
        assert!(diff.commands.is_empty() && diff.changes.is_empty(), "{:?}", diff.changes);
    }
}

#[test]
fn informational_fields_and_a_document_without_them_change_nothing() {
    let current = captured();
    // A pydokku-like document: no created_at, no path, no extra fields.
    let desired: Vec<AppRecord> = current
        .iter()
        .map(|r| match r {
            AppRecord::App(a) => AppRecord::App(App { created_at: None, path: String::new(), ..a.clone() }),
            other => other.clone(),
        })
        .collect();
    assert!(AppsPlugin::diff(&current, &desired, &DiffOptions::default()).command_lines().is_empty());
}

#[test]
fn a_new_app_is_created_as_apply_creates_it() {
    let current = [AppRecord::App(app("app1"))];
    let new = App { locked: true, deploy_source: Some("git".into()), ..app("app2") };
    let desired = [AppRecord::App(app("app1")), AppRecord::App(new)];
    let diff = AppsPlugin::diff(&current, &desired, &DiffOptions::default());
    assert_eq!(
        diff.command_lines(),
        ["dokku apps:create app2", "dokku apps:set app2 deploy-source git", "dokku apps:lock app2"]
    );
    assert_eq!(diff.changes[0].kind, ChangeKind::Add);
    assert_eq!(diff.changes[0].subject, "app");
    assert!(diff.restart.is_empty() && diff.rebuild.is_empty());
}

#[test]
fn settings_of_an_existing_app_are_set_and_unset() {
    let current =
        [AppRecord::App(App { locked: true, deploy_source_metadata: Some("m".into()), ..app("app1") })];
    let desired = [AppRecord::App(App { deploy_source: Some("docker-image".into()), ..app("app1") })];
    let diff = AppsPlugin::diff(&current, &desired, &DiffOptions::default());
    assert_eq!(
        diff.command_lines(),
        ["dokku apps:set app1 deploy-source docker-image", "dokku apps:unlock app1"]
    );
    let subjects: Vec<&str> = diff.changes.iter().map(|c| c.subject.as_str()).collect();
    assert_eq!(subjects, ["deploy-source", "locked"]);
    // The metadata the document does not set is unset only when pruning.
    let pruned = AppsPlugin::diff(&current, &desired, &DiffOptions::PRUNE);
    assert_eq!(
        pruned.command_lines(),
        [
            "dokku apps:set app1 deploy-source docker-image",
            "dokku apps:set app1 deploy-source-metadata",
            "dokku apps:unlock app1",
        ]
    );
}

#[test]
fn apps_are_destroyed_only_with_prune_apps() {
    let current = [AppRecord::App(app("app1")), AppRecord::App(app("old"))];
    let desired = [AppRecord::App(app("app1"))];
    for options in [
        DiffOptions::default(),
        DiffOptions::PRUNE,
        DiffOptions { prune_apps: true, ..DiffOptions::default() },
    ] {
        let diff = AppsPlugin::diff(&current, &desired, &options);
        assert!(diff.commands.is_empty() && diff.changes.is_empty(), "{options:?}");
    }
    let diff = AppsPlugin::diff(&current, &desired, &PRUNE_APPS);
    assert_eq!(diff.command_lines(), ["dokku apps:destroy --force old"]);
    assert_eq!(diff.changes[0].kind, ChangeKind::Remove);
}

#[test]
fn the_global_setting_is_set_and_unset_only_when_pruning() {
    let on = [AppRecord::Global(AppsGlobal { disable_autocreation: true })];
    let off = [AppRecord::Global(AppsGlobal { disable_autocreation: false })];
    let diff = AppsPlugin::diff(&[], &on, &DiffOptions::default());
    assert_eq!(diff.command_lines(), ["dokku apps:set --global disable-autocreation true"]);
    assert_eq!(diff.changes[0].app, None);
    // An export has no global record when the setting is false.
    assert!(AppsPlugin::diff(&[], &off, &DiffOptions::default()).commands.is_empty());
    assert_eq!(
        AppsPlugin::diff(&on, &off, &DiffOptions::default()).command_lines(),
        ["dokku apps:set --global disable-autocreation false"]
    );
    assert!(AppsPlugin::diff(&on, &[], &DiffOptions::default()).commands.is_empty());
    assert_eq!(
        AppsPlugin::diff(&on, &[], &DiffOptions::PRUNE).command_lines(),
        ["dokku apps:set --global disable-autocreation"]
    );
}
