//! The converging plan: flags before the app, one process type cleared at a time, memory units
//! compared as Docker reads them, removals only with prune.

use std::path::Path;

use dokku_core::plugin::{ChangeKind, DiffOptions, Plugin};
use dokku_resource::{Kind, ResourcePlugin, Resources};

fn record(app: &str, values: &[(Kind, &str, &str, &str)]) -> Resources {
    let mut record = Resources::new(app);
    for (kind, process, resource, value) in values {
        record
            .of_mut(*kind)
            .entry((*process).to_owned())
            .or_default()
            .insert((*resource).to_owned(), (*value).to_owned());
    }
    record
}

/// The captured server: every app's JSON report.
fn captured() -> Vec<Resources> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("test_data/0.38.27");
    ["w2-alpha", "w2-beta", "w2-gamma", "w2-delta"]
        .iter()
        .filter_map(|app| {
            let text =
                std::fs::read_to_string(dir.join(format!("resource__report__{app}-format-json.txt"))).ok()?;
            dokku_resource::parse_report_json(app, &text).ok().map(|(r, _)| r)
        })
        .collect()
}

use Kind::{Limit, Reserve};

#[test]
fn a_server_that_matches_gets_no_commands() {
    let records = captured();
    assert_eq!(records.len(), 4);
    for options in [DiffOptions::default(), DiffOptions::PRUNE, DiffOptions::PRUNE_APPS] {
        let plan = ResourcePlugin::diff(&records, &records, &options);
        assert!(
            plan.commands.is_empty() && plan.changes.is_empty() && plan.notes.is_empty(),
            "{:?}",
            plan.command_lines()
        );
    }
}

#[test]
fn memory_units_compare_as_docker_reads_them() {
    let current =
        [record("a", &[(Limit, "_default_", "memory", "512m"), (Limit, "web", "memory-swap", "1g")])];
    let same =
        [record("a", &[(Limit, "_default_", "memory", "512MB"), (Limit, "web", "memory-swap", "1024m")])];
    assert!(ResourcePlugin::diff(&current, &same, &DiffOptions::PRUNE).commands.is_empty());
    let bare = [record("a", &[(Limit, "_default_", "memory", "512"), (Limit, "web", "memory-swap", "1g")])];
    assert!(ResourcePlugin::diff(&current, &bare, &DiffOptions::PRUNE).commands.is_empty(), "Dokku adds `m`");
    let other = [record("a", &[(Limit, "_default_", "memory", "1g"), (Limit, "web", "memory-swap", "1g")])];
    let plan = ResourcePlugin::diff(&current, &other, &DiffOptions::default());
    assert_eq!(plan.command_lines(), ["dokku resource:limit --process-type _default_ --memory 1g a"]);
    assert_eq!(plan.restart, ["a"]);
    assert_eq!(plan.changes[0].subject, "_default_.limit.memory");
    assert_eq!(plan.changes[0].kind, ChangeKind::Change);
}

#[test]
fn flags_go_before_the_app_one_command_per_type() {
    let desired = [record(
        "a",
        &[
            (Limit, "web", "memory", "256m"),
            (Limit, "web", "cpu", "2"),
            (Reserve, "worker", "memory", "128m"),
            (Limit, "_default_", "nvidia-gpu", "all"),
        ],
    )];
    let lines: Vec<String> =
        ResourcePlugin::apply_commands(&desired).iter().map(ToString::to_string).collect();
    assert_eq!(
        lines,
        [
            "dokku resource:limit --process-type _default_ --nvidia-gpu all a",
            "dokku resource:limit --process-type web --cpu 2 --memory 256m a",
            "dokku resource:reserve --process-type worker --memory 128m a",
        ]
    );
    for command in ResourcePlugin::apply_commands(&desired) {
        assert_eq!(command.argv_exposed().last(), Some(&"a"), "the app is the last word");
    }
    assert_eq!(
        ResourcePlugin::diff(&[], &desired, &DiffOptions::default()).commands,
        ResourcePlugin::apply_commands(&desired)
    );
}

#[test]
fn clears_touch_only_what_the_diff_says_and_only_with_prune() {
    let current = [record(
        "a",
        &[
            (Limit, "_default_", "memory", "512m"),
            (Limit, "_default_", "cpu", "1"),
            (Limit, "web", "memory", "256m"),
            (Reserve, "web", "memory", "128m"),
        ],
    )];
    // The document drops `_default_` cpu and the whole web limit; the web reservation stays.
    let desired =
        [record("a", &[(Limit, "_default_", "memory", "512m"), (Reserve, "web", "memory", "128m")])];
    let kept = ResourcePlugin::diff(&current, &desired, &DiffOptions::default());
    assert!(kept.commands.is_empty());
    assert_eq!(kept.notes.len(), 2, "{:?}", kept.notes);
    let pruned = ResourcePlugin::diff(&current, &desired, &DiffOptions::PRUNE);
    assert_eq!(
        pruned.command_lines(),
        [
            "dokku resource:limit --process-type _default_ --cpu clear a",
            "dokku resource:limit-clear --process-type web a",
        ]
    );
    assert!(pruned.changes.iter().all(|c| c.kind == ChangeKind::Remove));
    assert!(
        pruned.command_lines().iter().all(|l| l.contains("--process-type")),
        "never the wipe-everything form"
    );
}

#[test]
fn unmentioned_apps_keep_their_values_unless_pruned() {
    let current = [
        record("a", &[(Limit, "_default_", "cpu", "1")]),
        record("b", &[(Reserve, "_default_", "memory", "1g")]),
    ];
    let desired = [record("a", &[(Limit, "_default_", "cpu", "1")])];
    assert!(ResourcePlugin::diff(&current, &desired, &DiffOptions::default()).commands.is_empty());
    let pruned = ResourcePlugin::diff(&current, &desired, &DiffOptions::PRUNE);
    assert_eq!(pruned.command_lines(), ["dokku resource:reserve-clear --process-type _default_ b"]);
    assert_eq!(pruned.restart, ["b"]);
    assert!(ResourcePlugin::diff(&current, &desired, &DiffOptions::PRUNE_APPS).commands.is_empty());
}

#[test]
fn validation_names_the_field() {
    let bad = record(
        "a",
        &[
            (Limit, "web", "memory", "512M"),
            (Limit, "web", "disk", "1g"),
            (Reserve, "worker", "cpu", "clear"),
            (Limit, "web", "cpu", "1 2"),
        ],
    );
    let fields: Vec<String> = ResourcePlugin::validate(&bad).into_iter().map(|(f, _)| f).collect();
    assert_eq!(fields, ["limits.web.cpu", "limits.web.disk", "limits.web.memory", "reservations.worker.cpu"]);
    assert!(ResourcePlugin::validate(&captured()[0]).is_empty());
}
