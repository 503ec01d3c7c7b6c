//! The converging plan: multisets (duplicates added and removed by occurrence), exact text with
//! spaces, `=` and quotes, `--process` before the app, removals only with prune, secrets masked.

use std::path::Path;

use dokku_core::DokkuVersion;
use dokku_core::plugin::{ChangeKind, DiffOptions, Plugin};
use dokku_docker_options::{DockerOption, DockerOptions, DockerOptionsPlugin};

const VERSION: DokkuVersion = DokkuVersion::new(0, 38, 27);

fn record(app: &str, deploy: &[&str], build: &[&str], worker: &[&str]) -> DockerOptions {
    let list = |texts: &[&str]| texts.iter().map(|t| DockerOption::new(*t)).collect::<Vec<_>>();
    let mut record = DockerOptions::new(app);
    record.deploy = list(deploy);
    record.build = list(build);
    if !worker.is_empty() {
        record.deploy_processes.insert("worker".into(), list(worker));
    }
    record
}

/// The captured server: every app's JSON report.
fn captured() -> Vec<DockerOptions> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("test_data/0.38.27");
    ["w2-alpha", "w2-beta", "w2-gamma", "w2-delta"]
        .iter()
        .filter_map(|app| {
            let text =
                std::fs::read_to_string(dir.join(format!("docker-options__report__{app}-format-json.txt")))
                    .ok()?;
            dokku_docker_options::parse_report_json(app, &text, &VERSION).ok().map(|(r, _)| r)
        })
        .collect()
}

#[test]
fn a_server_that_matches_gets_no_commands() {
    let records = captured();
    assert_eq!(records.len(), 4);
    for options in [DiffOptions::default(), DiffOptions::PRUNE, DiffOptions::PRUNE_APPS] {
        let plan = DockerOptionsPlugin::diff(&records, &records, &options);
        assert!(
            plan.commands.is_empty() && plan.changes.is_empty() && plan.notes.is_empty(),
            "{:?}",
            plan.command_lines()
        );
    }
    // Dokku sorts each list: another order is the same multiset.
    let mut shuffled = records.clone();
    shuffled[0].run.reverse();
    assert!(DockerOptionsPlugin::diff(&records, &shuffled, &DiffOptions::PRUNE).commands.is_empty());
}

#[test]
fn duplicates_are_occurrences_never_deduplicated() {
    let current = [record("a", &["--cpus 1"], &[], &[])];
    let twice = [record("a", &["--cpus 1", "--cpus 1", "--cpus 1"], &[], &[])];
    let plan = DockerOptionsPlugin::diff(&current, &twice, &DiffOptions::default());
    assert_eq!(plan.command_lines(), ["dokku docker-options:add a deploy '--cpus 1'"; 2]);
    assert_eq!(plan.restart, ["a"]);
    // Fewer occurrences: only with prune; `remove` drops them all, so the rest is added back.
    assert!(DockerOptionsPlugin::diff(&twice, &current, &DiffOptions::default()).commands.is_empty());
    let notes = DockerOptionsPlugin::diff(&twice, &current, &DiffOptions::default()).notes;
    assert_eq!(notes.len(), 1, "{notes:?}");
    let pruned = DockerOptionsPlugin::diff(&twice, &current, &DiffOptions::PRUNE);
    assert_eq!(
        pruned.command_lines(),
        ["dokku docker-options:remove a deploy '--cpus 1'", "dokku docker-options:add a deploy '--cpus 1'"]
    );
}

#[test]
fn options_with_spaces_equals_and_quotes_go_as_one_argument_each() {
    let tricky =
        ["-e MODE=web worker", "--label 'com.example.note=it'\\''s here'", "--log-opt tag=\"{{.Name}}\""];
    let desired = [record("a", &[], &[], &[]), record("b", &[], &[], &[])];
    let mut wanted = desired[0].clone();
    wanted.run = tricky.iter().map(|t| DockerOption::new(*t)).collect();
    let plan = DockerOptionsPlugin::diff(&desired, &[wanted], &DiffOptions::default());
    assert_eq!(plan.commands.len(), 3);
    for (command, text) in plan.commands.iter().zip(tricky) {
        assert_eq!(command.argv_exposed(), ["docker-options:add", "a", "run", text]);
    }
    assert_eq!(plan.command_lines()[0], "dokku docker-options:add a run '-e MODE='***");
}

#[test]
fn process_scopes_put_the_flag_before_the_app() {
    let current = [record("a", &[], &[], &["--cpus 0.5"])];
    let desired = [record("a", &[], &[], &["--cpus 1"])];
    let plan = DockerOptionsPlugin::diff(&current, &desired, &DiffOptions::PRUNE);
    assert_eq!(
        plan.command_lines(),
        [
            "dokku docker-options:add --process worker a deploy '--cpus 1'",
            "dokku docker-options:remove --process worker a deploy '--cpus 0.5'",
        ]
    );
    assert_eq!(plan.changes[0].subject, "deploy.worker");
    // An emptied scope is cleared in one command, and only that scope.
    let emptied = DockerOptionsPlugin::diff(&current, &[record("a", &[], &[], &[])], &DiffOptions::PRUNE);
    assert_eq!(emptied.command_lines(), ["dokku docker-options:clear --process worker a deploy"]);
    // A server before 0.38.0 has no process scopes: left out, with a note.
    let old = DiffOptions { server_version: Some(DokkuVersion::new(0, 37, 9)), ..DiffOptions::default() };
    let plan = DockerOptionsPlugin::diff(&[], &desired, &old);
    assert!(plan.commands.is_empty() && plan.notes.len() == 1);
}

#[test]
fn build_needs_a_rebuild_and_deploy_a_restart() {
    let plan = DockerOptionsPlugin::diff(
        &[],
        &[record("a", &[], &["--network host"], &[])],
        &DiffOptions::default(),
    );
    assert_eq!(plan.rebuild, ["a"]);
    assert!(plan.restart.is_empty());
}

#[test]
fn unmentioned_apps_keep_their_options_unless_pruned() {
    let current = [record("a", &["--cpus 1"], &[], &[]), record("b", &["--cpus 2"], &["--pull"], &[])];
    let desired = [record("a", &["--cpus 1"], &[], &[])];
    assert!(DockerOptionsPlugin::diff(&current, &desired, &DiffOptions::default()).commands.is_empty());
    let pruned = DockerOptionsPlugin::diff(&current, &desired, &DiffOptions::PRUNE);
    assert_eq!(
        pruned.command_lines(),
        ["dokku docker-options:clear b build", "dokku docker-options:clear b deploy"]
    );
    assert!(pruned.changes.iter().all(|c| c.kind == ChangeKind::Remove));
    // With prune_apps the app is being destroyed: nothing to clear.
    assert!(DockerOptionsPlugin::diff(&current, &desired, &DiffOptions::PRUNE_APPS).commands.is_empty());
}

#[test]
fn secrets_never_show_in_plan_output() {
    let desired =
        [record("a", &["-e DATABASE_URL=postgres://u:hunter2@db/x"], &["--build-arg TOKEN=hunter2"], &[])];
    let plan = DockerOptionsPlugin::diff(&[], &desired, &DiffOptions::default());
    let shown = format!("{:?} {:?} {:?}", plan.command_lines(), plan.commands, desired);
    assert!(!shown.contains("hunter2"), "{shown}");
    assert!(plan.changes.iter().all(|c| c.secret), "plan values are masked unless --show-secrets");
    assert_eq!(
        plan.commands,
        DockerOptionsPlugin::apply_commands(&desired),
        "a new app gets what apply sends"
    );
}

#[test]
fn validation_names_the_field() {
    let mut bad = record("a", &["--cpus 1 --memory 1g"], &[], &["--link dokku.postgres.db:db"]);
    bad.deploy_processes.insert("bad type".into(), vec![DockerOption::new("--cpus 1")]);
    let fields: Vec<String> = DockerOptionsPlugin::validate(&bad).into_iter().map(|(f, _)| f).collect();
    assert_eq!(fields, ["deploy[0]", "deploy_processes.worker[0]", "deploy_processes.bad type"]);
}

#[test]
fn quoting_differences_are_the_same_option() {
    // Dokku stores `--label "a b"` re-quoted as `--label 'a b'`: a document with either converges.
    let stored = [record("a", &["--label 'com.example.q=a b'"], &[], &[])];
    let written = [record("a", &["--label \"com.example.q=a b\""], &[], &[])];
    assert!(DockerOptionsPlugin::diff(&stored, &written, &DiffOptions::PRUNE).commands.is_empty());
    let other = [record("a", &["--label 'com.example.q=a  b'"], &[], &[])];
    let plan = DockerOptionsPlugin::diff(&stored, &other, &DiffOptions::PRUNE);
    assert_eq!(
        plan.command_lines(),
        [
            "dokku docker-options:add a deploy '--label '\\''com.example.q=a  b'\\'''",
            "dokku docker-options:remove a deploy '--label '\\''com.example.q=a b'\\'''",
        ]
    );
}
