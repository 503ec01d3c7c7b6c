//! Converging apply, plan and diff on the simulator over the real sshd (and locally): a second
//! apply changes nothing, drift is shown and fixed exactly, restarts happen once per deployed
//! app, a failed apply resumes, and no secret appears anywhere unless asked for.

#![allow(clippy::disallowed_methods, clippy::disallowed_types)]
// Reason: these tests run the dokkuctl binary as a user would.

use std::process::Output;

use dokku_cli::engine::apply::{ConvergeOptions, converge};
use dokku_cli::engine::check::FindingKind;
use dokku_cli::engine::error::EngineError;
use dokku_cli::engine::export::ReadFrom;
use dokku_cli::engine::observer::Recorder;
use dokku_cli::engine::registry::registered;
use dokku_core::{Client, Command, Secret};
use dokku_e2e::scenario::{HOSTILE_VALUES, export_text, populate, run};
use dokku_e2e::{Harness, SimSlot, client_options};

/// State-changing commands the simulator received (reads left out).
fn writes(slot: &SimSlot) -> Vec<String> {
    slot.writes()
}

/// A document of a populated server (3 apps, every plugin).
async fn document(h: &Harness) -> String {
    let source = h.sim_slot();
    let client = source.local(client_options());
    populate(&client, 3).await;
    export_text(&client).await.0
}

async fn converge_ok(client: &Client, doc: &str) -> dokku_cli::engine::apply::ApplyReport {
    converge(client, doc, &registered(), ConvergeOptions::default(), &Recorder::default())
        .await
        .unwrap_or_else(|e| panic!("apply: {e}"))
        .0
}

/// Exports everything, with what the engine said.
async fn export_recorded(
    client: &Client,
    read: ReadFrom,
) -> (serde_json::Map<String, serde_json::Value>, Recorder) {
    let recorder = Recorder::default();
    let exported = dokku_cli::engine::export::export(
        client,
        &registered(),
        &dokku_cli::engine::export::ExportOptions { read, ..Default::default() },
        &recorder,
    )
    .await
    .unwrap_or_else(|e| panic!("{e}"));
    (exported, recorder)
}

fn text(out: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_second_apply_sends_no_state_changing_command() {
    let h = Harness::from_env();
    let doc = document(&h).await;
    for user in [h.admin_user.clone(), h.dokku_user.clone()] {
        let slot = h.sim_slot();
        if user == h.dokku_user {
            // Plugins need root: the admin installs them, as an operator would.
            let admin = slot.ssh(&h.admin_user, client_options()).await;
            for name in ["letsencrypt", "maintenance", "redirect"] {
                let url = format!("https://github.com/dokku/dokku-{name}.git");
                run(&admin, dokku_plugin::builders::install(&url, None, name)).await;
            }
            admin.close().await.unwrap_or_else(|e| panic!("{e}"));
        }
        let client = slot.ssh(&user, client_options()).await;
        slot.clear_commands();
        // The dokku user cannot add ssh keys: the check stops the apply, `--force` skips them.
        let force = user == h.dokku_user;
        if force {
            let refused =
                converge(&client, &doc, &registered(), ConvergeOptions::default(), &Recorder::default())
                    .await;
            let Err(EngineError::Findings(findings)) = refused else { panic!("as {user}: {refused:?}") };
            assert!(
                findings.iter().any(|f| f.path == "$.ssh_keys" && f.kind == FindingKind::NeedsRoot),
                "as {user}: {findings:?}"
            );
            assert_eq!(writes(&slot), Vec::<String>::new(), "as {user}: nothing was sent");
        }
        let recorder = Recorder::default();
        let forced = ConvergeOptions { force, ..ConvergeOptions::default() };
        converge(&client, &doc, &registered(), forced.clone(), &recorder)
            .await
            .unwrap_or_else(|e| panic!("apply as {user}: {e}"));
        // Known hosts are compared only where they can be read: `git:allow-host` appends on
        // every run, so the dokku user sends none and says so.
        let allow_hosts = writes(&slot).iter().filter(|w| w.starts_with("git:allow-host")).count();
        let warnings = recorder.warnings.lock().map(|w| w.join("\n")).unwrap_or_default();
        if user == h.dokku_user {
            assert_eq!(allow_hosts, 0, "as {user}");
            assert!(warnings.contains("known host(s) were not compared"), "as {user}: {warnings}");
            assert!(!warnings.contains("netrc-password"), "as {user}: {warnings}");
            // Dokku 0.38 confirms credentials without root: the unconfirmed one was set.
            let sent = writes(&slot);
            assert!(sent.iter().any(|w| w == "git:auth git.example.com deployer"), "as {user}: {sent:?}");
            assert!(!warnings.contains("were not compared or sent"), "as {user}: {warnings}");
        } else {
            assert_eq!(allow_hosts, 1, "as {user}: the document's one known host");
            // Dokku 0.38 reads the netrc password from stdin: it never reaches the argv.
            let sent = writes(&slot);
            assert!(sent.iter().any(|w| w == "git:auth git.example.com deployer"), "as {user}: {sent:?}");
            assert!(sent.iter().all(|w| !w.contains("netrc-password")), "as {user}: {sent:?}");
            let netrc = std::fs::read_to_string(slot.root.join("fs/home/dokku/.netrc")).unwrap_or_default();
            assert!(netrc.contains("password netrc-password"), "as {user}: the password arrived: {netrc:?}");
        }
        slot.clear_commands();
        let (second, _) = converge(&client, &doc, &registered(), forced, &Recorder::default())
            .await
            .unwrap_or_else(|e| panic!("second apply as {user}: {e}"));
        client.close().await.unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(writes(&slot), Vec::<String>::new(), "as {user}: the second apply changed something");
        assert!(second.done.is_empty(), "as {user}: {:?}", second.done);
    }
    // And locally.
    let slot = h.sim_slot();
    let client = slot.local(client_options());
    converge_ok(&client, &doc).await;
    slot.clear_commands();
    converge_ok(&client, &doc).await;
    assert_eq!(writes(&slot), Vec::<String>::new(), "locally: the second apply changed something");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn drift_is_planned_exactly_masked_and_fixed() {
    let h = Harness::from_env();
    let doc = document(&h).await;
    let slot = h.sim_slot();
    let admin = slot.ssh(&h.admin_user, client_options()).await;
    converge_ok(&admin, &doc).await;
    // Three settings changed by hand.
    let drifted = Secret::new("drifted-secret-value".to_owned());
    run(&admin, dokku_config::builders::set(Some("app-001"), [("APP_INDEX", &drifted)], false)).await;
    run(&admin, dokku_nginx::builders::set(Some("app-002"), "client-max-body-size", Some("1m"))).await;
    run(&admin, Command::dokku("apps:lock").arg("app-000")).await;
    admin.close().await.unwrap_or_else(|e| panic!("{e}"));
    let path = tempfile::NamedTempFile::new().unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(path.path(), &doc).unwrap_or_else(|e| panic!("{e}"));
    let doc_path = path.path().display().to_string();

    let plan = slot.dokkuctl(&h.admin_user, &["-q", "plan", "--detailed-exitcode", &doc_path]);
    let shown = text(&plan);
    assert_eq!(plan.status.code(), Some(2), "{shown}");
    let changes: Vec<&str> = shown.lines().filter(|l| l.trim_start().starts_with(['+', '-', '~'])).collect();
    assert_eq!(changes.len(), 3, "exactly the three drifted settings: {shown}");
    assert!(shown.contains("APP_INDEX: (secret, changed)"), "{shown}");
    assert!(shown.contains("client-max-body-size: 1m -> 20m"), "{shown}");
    assert!(!shown.contains("drifted-secret-value") && !shown.contains("value-1"), "{shown}");
    let json = slot.dokkuctl(&h.admin_user, &["-q", "plan", "--format", "json", &doc_path]);
    let json_text = text(&json);
    assert!(
        !json_text.contains("drifted-secret-value") && json_text.contains("\"changed\":true"),
        "{json_text}"
    );

    slot.clear_commands();
    let apply = slot.dokkuctl(&h.admin_user, &["-q", "apply", &doc_path]);
    let applied = text(&apply);
    assert!(apply.status.success(), "{applied}");
    assert!(!applied.contains("drifted-secret-value") && !applied.contains("value-1"), "{applied}");
    let mut sent = writes(&slot);
    sent.sort();
    let mut expected =
        vec!["apps:unlock app-000".to_owned(), "nginx:set app-002 client-max-body-size 20m".to_owned()];
    expected.push(sent.iter().find(|c| c.starts_with("config:set")).cloned().unwrap_or_default());
    expected.sort();
    assert_eq!(sent, expected, "exactly the commands needed");
    let config = sent.iter().find(|c| c.starts_with("config:set")).cloned().unwrap_or_default();
    assert!(config.starts_with("config:set --encoded --no-restart app-001 APP_INDEX="), "{config}");
    let again = slot.dokkuctl(&h.admin_user, &["-q", "plan", "--detailed-exitcode", &doc_path]);
    assert_eq!(again.status.code(), Some(0), "{}", text(&again));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn restarts_happen_once_per_deployed_app_at_the_end() {
    let h = Harness::from_env();
    let doc = document(&h).await;
    let slot = h.sim_slot();
    let client = slot.local(client_options());
    converge_ok(&client, &doc).await;
    std::fs::write(slot.root.join("settings.env"), "DOKKU_SIM_DEPLOYED_APPS=app-000,app-001\n")
        .unwrap_or_else(|e| panic!("{e}"));
    // The document changes config of two deployed apps and one undeployed app.
    let mut value: serde_json::Value = serde_json::from_str(&doc).unwrap_or_default();
    for record in value["config"].as_array_mut().into_iter().flatten() {
        if record["key"] == "APP_INDEX" {
            record["value"] = serde_json::json!("changed");
        }
    }
    slot.clear_commands();
    converge_ok(&client, &value.to_string()).await;
    let sent = writes(&slot);
    let mut restarts: Vec<&str> = sent
        .iter()
        .map(String::as_str)
        .filter(|c| c.starts_with("ps:restart") || c.starts_with("ps:rebuild"))
        .collect();
    restarts.sort_unstable();
    assert_eq!(restarts, ["ps:restart app-000", "ps:restart app-001"], "{sent:?}");
    let first_restart = sent.iter().position(|c| c.starts_with("ps:restart")).unwrap_or(0);
    assert!(
        sent[first_restart..].iter().all(|c| c.starts_with("ps:restart")),
        "restarts come last: {sent:?}"
    );
    assert!(sent.iter().filter(|c| c.starts_with("config:set")).count() == 3, "{sent:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failed_apply_resumes_from_where_the_server_is() {
    let h = Harness::from_env();
    let doc = document(&h).await;
    let slot = h.sim_slot();
    let client = slot.local(client_options());
    std::fs::write(slot.root.join("settings.env"), "DOKKU_SIM_FAIL=nginx:set\n")
        .unwrap_or_else(|e| panic!("{e}"));
    let failed =
        converge(&client, &doc, &registered(), ConvergeOptions::default(), &Recorder::default()).await;
    assert!(matches!(failed, Err(EngineError::Interrupted { .. })), "{failed:?}");
    std::fs::remove_file(slot.root.join("settings.env")).unwrap_or_else(|e| panic!("{e}"));
    converge_ok(&client, &doc).await;
    slot.clear_commands();
    converge_ok(&client, &doc).await;
    assert_eq!(writes(&slot), Vec::<String>::new());
    let (exported, _) = export_text(&client).await;
    assert_eq!(dokku_e2e::scenario::comparable(&exported), dokku_e2e::scenario::comparable(&doc));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_diff_between_two_servers_lists_exactly_their_differences() {
    let h = Harness::from_env();
    let doc = document(&h).await;
    let (a, b) = (h.sim_slot(), h.sim_slot());
    let (ca, cb) = (a.ssh(&h.admin_user, client_options()).await, b.local(client_options()));
    converge_ok(&ca, &doc).await;
    converge_ok(&cb, &doc).await;
    run(&ca, dokku_ports::builders::set("app-001", &["http:8080:5000".into()])).await;
    let secret = Secret::new("only-on-a".to_owned());
    run(&ca, dokku_config::builders::set(None, [("ONLY_A", &secret)], false)).await;
    ca.close().await.unwrap_or_else(|e| panic!("{e}"));
    let out = h
        .dokkuctl()
        .args(h.dokkuctl_ssh_args(&h.admin_user, &a.key))
        // One layout for both sides: b converged from the same document, so the simulator
        // wrote the same known hosts and netrc into both slots. Their property stores differ,
        // though, and one layout cannot point at both: the sides are read through their reports.
        .args(a.dokkuctl_layout_args())
        .args([
            "-q",
            "--read",
            "reports",
            "diff",
            "--detailed-exitcode",
            &format!("ssh://{}@{}:{}", h.admin_user, h.host, h.port),
            "local",
        ])
        .env("PATH", format!("{}:/usr/bin:/bin", h.state_dir.join("bin").display()))
        .env("DOKKU_TEST_BACKEND", "sim")
        .env("DOKKU_SIM_ROOT", &b.root)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let shown = text(&out);
    assert_eq!(out.status.code(), Some(2), "{shown}");
    let mut changes: Vec<&str> =
        shown.lines().map(str::trim).filter(|l| l.starts_with(['+', '-', '~'])).collect();
    changes.sort_unstable();
    // A has one global variable B lacks, and another port map for app-001.
    assert_eq!(
        changes,
        [
            "+ port http:80:5000: http:80:5000",
            "+ port https:443:5000: https:443:5000",
            "- ONLY_A: (secret)",
            "- port http:8080:5000: http:8080:5000",
        ],
        "{shown}"
    );
    assert!(!shown.contains("only-on-a"), "{shown}");
}

#[test]
fn secrets_never_appear_in_outputs_unless_asked() {
    let h = Harness::from_env();
    let slot = h.sim_slot();
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let values: Vec<&str> = HOSTILE_VALUES.iter().map(|(_, v)| *v).filter(|v| v.len() > 3).collect();
    let doc = format!(
        r#"{{"dokku_rs": {{"version": "0.1.0", "format": 1}}, "dokku": {{"version": "0.38.27"}},
        "apps": [{{"name": "app-1", "path": "/home/dokku/app-1", "locked": false}}],
        "config": [{}]}}"#,
        values
            .iter()
            .enumerate()
            .map(|(i, v)| format!(
                r#"{{"key": "K{i}", "value": {}, "app_name": "app-1"}}"#,
                serde_json::json!(v)
            ))
            .collect::<Vec<_>>()
            .join(",")
    );
    let path = dir.path().join("doc.json");
    std::fs::write(&path, &doc).unwrap_or_else(|e| panic!("{e}"));
    let p = path.display().to_string();
    let mut outputs = vec![
        slot.dokkuctl(&h.admin_user, &["plan", &p]),
        slot.dokkuctl(&h.admin_user, &["plan", "--format", "json", &p]),
        slot.dokkuctl(&h.admin_user, &["-v", "apply", &p]),
        slot.dokkuctl(&h.admin_user, &["apply", "--print-only", &p]),
        slot.dokkuctl(&h.admin_user, &["diff", &p, &format!("ssh://{}@{}:{}", h.admin_user, h.host, h.port)]),
    ];
    // An error path: the same values in a document with a bad key.
    let bad = doc.replace("\"K0\"", "\"BAD KEY\"");
    std::fs::write(&path, &bad).unwrap_or_else(|e| panic!("{e}"));
    outputs.push(slot.dokkuctl(&h.admin_user, &["apply", &p]));
    for out in &outputs {
        let all = text(out);
        for v in &values {
            let encoded = dokku_core::shell_quote(v);
            assert!(!all.contains(v) && !all.contains(&encoded), "{v:?} leaked:\n{all}");
        }
    }
    std::fs::write(&path, &doc).unwrap_or_else(|e| panic!("{e}"));
    let fresh = h.sim_slot();
    let shown = fresh.dokkuctl(&h.admin_user, &["plan", "--show-secrets", &p]);
    assert!(text(&shown).contains("it's \"quoted\""), "asked for, secrets show: {}", text(&shown));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn third_party_plugins_missing_on_the_server_are_skipped_with_a_note() {
    let h = Harness::from_env();
    let doc = document(&h).await;
    // Export: a server without the official plugins exports everything else.
    let bare = h.sim_slot();
    let client = bare.local(client_options());
    run(&client, dokku_apps::builders::create("plain")).await;
    // From the reports: as root the files would give the third-party plugins' values with no
    // command, and it is their early read commands that this checks.
    let (exported, recorder) = export_recorded(&client, ReadFrom::Reports).await;
    let progress = recorder.progress.lock().map(|p| p.clone()).unwrap_or_default();
    for plugin in ["letsencrypt", "maintenance", "redirect"] {
        assert!(!exported.contains_key(plugin), "{plugin} exported from a server without it");
        assert!(
            progress.iter().any(|l| l == &format!("{plugin}: plugin not installed, skipped")),
            "{progress:?}"
        );
    }
    assert!(exported.contains_key("apps") && exported.contains_key("config"));
    // Their reads started before plugin:list answered and failed: nothing of that is shown.
    let warnings = recorder.warnings.lock().map(|w| w.clone()).unwrap_or_default();
    assert!(warnings.is_empty(), "{warnings:?}");
    let tried =
        bare.commands().iter().filter(|a| a.first().is_some_and(|c| c.starts_with("letsencrypt"))).count();
    assert!(tried >= 1, "the letsencrypt read was not held back for plugin:list");
    // A disabled plugin's data is not exported either, whatever its early read returned.
    run(
        &client,
        dokku_plugin::builders::install("https://github.com/dokku/dokku-redirect.git", None, "redirect"),
    )
    .await;
    run(&client, Command::dokku("plugin:disable").arg("redirect").needs_root()).await;
    let (exported, recorder) = export_recorded(&client, ReadFrom::Auto).await;
    let progress = recorder.progress.lock().map(|p| p.clone()).unwrap_or_default();
    assert!(!exported.contains_key("redirect"), "a disabled plugin's data was exported");
    assert!(progress.iter().any(|l| l == "redirect: plugin disabled, skipped"), "{progress:?}");

    // Apply as the dokku user, who cannot install plugins: their data is skipped, named, and
    // everything else lands.
    let target = h.sim_slot();
    let dokku = target.ssh(&h.dokku_user, client_options()).await;
    // The check names each missing plugin and stops before anything is sent; --force goes on.
    let refused =
        converge(&dokku, &doc, &registered(), ConvergeOptions::default(), &Recorder::default()).await;
    let Err(EngineError::Findings(findings)) = refused else { panic!("{refused:?}") };
    for plugin in ["letsencrypt", "maintenance", "redirect"] {
        assert!(
            findings.iter().any(|f| f.kind == FindingKind::MissingPlugin && f.message.contains(plugin)),
            "{findings:?}"
        );
    }
    assert_eq!(target.writes(), Vec::<String>::new(), "nothing was sent");
    let observer = Recorder::default();
    let forced = ConvergeOptions { force: true, ..ConvergeOptions::default() };
    let (report, _) =
        converge(&dokku, &doc, &registered(), forced, &observer).await.unwrap_or_else(|e| panic!("{e}"));
    let warnings = observer.warnings.lock().map(|w| w.clone()).unwrap_or_default();
    assert!(warnings.iter().any(|w| w.contains("installing plugins needs root")), "{warnings:?}");
    for plugin in ["letsencrypt", "maintenance", "redirect"] {
        assert!(
            report
                .skipped
                .iter()
                .any(|s| s.starts_with(&format!("{plugin}: Dokku plugin {plugin} is not installed"))),
            "{:?}",
            report.skipped
        );
        assert!(
            !target.writes().iter().any(|w| w.starts_with(&format!("{plugin}:"))),
            "nothing of {plugin} was sent"
        );
    }
    let (after, _) = export_text(&dokku).await;
    dokku.close().await.unwrap_or_else(|e| panic!("{e}"));
    let value: serde_json::Value = serde_json::from_str(&after).unwrap_or_default();
    assert_eq!(value["apps"].as_array().map(Vec::len), Some(3), "the apps were applied");
}

/// A hand-written document with integer-like config values (`007`, `+5`): Dokku stores them in
/// canonical form, and the plan after the apply sends nothing but says why the values differ.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn integer_like_config_values_converge_and_the_plan_says_why() {
    let h = Harness::from_env();
    let slot = h.sim_slot();
    let client = slot.local(client_options());
    run(&client, dokku_apps::builders::create("numbers")).await;
    let (doc, _) = export_text(&client).await;
    let mut value: serde_json::Value = serde_json::from_str(&doc).unwrap_or_else(|e| panic!("{e}"));
    let config = value.get_mut("config").and_then(|c| c.as_array_mut()).unwrap_or_else(|| panic!("{doc}"));
    for (key, written) in [("PADDED", "007"), ("SIGNED", "+5"), ("ZERO", "-0")] {
        config.push(serde_json::json!({ "app_name": "numbers", "key": key, "value": written }));
    }
    let doc = serde_json::to_string_pretty(&value).unwrap_or_default();
    converge_ok(&client, &doc).await;
    let (stored, _) = export_text(&client).await;
    assert!(stored.contains("\"value\": \"7\"") && stored.contains("\"value\": \"5\""), "{stored}");
    let recorder = Recorder::default();
    let (plan, _) = dokku_cli::engine::converge::plan_against_server(
        &client,
        &doc,
        &registered(),
        &dokku_core::plugin::DiffOptions::default(),
        &recorder,
    )
    .await
    .unwrap_or_else(|e| panic!("plan: {e}"));
    let commands: Vec<String> = plan.steps.iter().flat_map(|s| s.diff.command_lines()).collect();
    assert!(commands.is_empty(), "{commands:?}");
    let notes: Vec<&String> = plan.notes.iter().filter(|n| n.contains("canonical form")).collect();
    assert_eq!(notes.len(), 3, "{:?}", plan.notes);
    assert!(notes.iter().all(|n| !n.contains("007") && !n.contains("+5")), "{notes:?}");
}
