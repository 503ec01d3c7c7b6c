//! `dokkuctl apply` and `export` as a user runs them: validation, interruption, version checks,
//! pydokku documents, printed scripts, app exports. On the simulator over the real sshd.

#![allow(clippy::disallowed_methods, clippy::disallowed_types)]
// Reason: these tests run the dokkuctl binary and the printed scripts.

use std::path::Path;
use std::process::Output;

use dokku_cli::engine::apply::{ApplyOptions, apply};
use dokku_cli::engine::error::EngineError;
use dokku_cli::engine::observer::Recorder;
use dokku_cli::engine::plan::plan_creation;
use dokku_cli::engine::registry::registered;
use dokku_core::Command;
use dokku_e2e::scenario::{comparable, export_text, first_difference, populate, run};
use dokku_e2e::{Harness, client_options};

fn example(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples").join(name).display().to_string()
}

fn text(out: &Output) -> (String, String) {
    (String::from_utf8_lossy(&out.stdout).into_owned(), String::from_utf8_lossy(&out.stderr).into_owned())
}

#[test]
fn bad_documents_are_refused_with_every_problem_named_and_nothing_sent() {
    let h = Harness::from_env();
    let slot = h.sim_slot();
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let cases: &[(&str, &[&str])] = &[
        ("{ not json", &["$: not valid JSON (line 1"]),
        (
            r#"{"dokku": {"version": "0.38.27"}, "apps": []}"#,
            &["none of `format_version`, `dokku_rs` or `pydokku`"],
        ),
        (
            r#"{"dokku_rs": {"format": 99}, "dokku": {"version": "0.38.27"}}"#,
            &["$.dokku_rs.format: format 99 is newer"],
        ),
        (
            r#"{"pydokku": {}, "dokku": {"version": "0.38.27"}, "apps": [{"name": "Bad_Name", "path": "/x", "locked": false}], "bogus": [], "config": [{"key": "A B", "value": "secret-value-123", "app_name": "ok"}], "ports": [{"scheme": "http", "host_port": "eighty", "app_name": "ok"}]}"#,
            &["$.apps[0].name", "$.bogus", "$.config[0].key", "$.ports[0].host_port"],
        ),
    ];
    for (i, (doc, expected)) in cases.iter().enumerate() {
        let path = dir.path().join(format!("bad-{i}.json"));
        std::fs::write(&path, doc).unwrap_or_else(|e| panic!("{e}"));
        let out = slot.dokkuctl(&h.admin_user, &["apply", &path.display().to_string()]);
        let (_, stderr) = text(&out);
        assert!(!out.status.success(), "case {i} must fail");
        for e in *expected {
            assert!(stderr.contains(e), "case {i}: {e:?} missing from {stderr}");
        }
        assert!(!stderr.contains("secret-value-123"), "a config value leaked into an error: {stderr}");
    }
    assert!(slot.commands().is_empty(), "nothing was sent: {:?}", slot.commands());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_interrupted_apply_lists_exactly_what_was_done_and_not_done() {
    let h = Harness::from_env();
    let slot = h.sim_slot();
    let client = slot.ssh(&h.admin_user, client_options()).await;
    run(&client, Command::dokku("apps:create").arg("app-2")).await;
    let doc = r#"{"dokku_rs": {"version": "0.1.0", "format": 1}, "dokku": {"version": "0.38.27"},
      "apps": [{"name": "app-0", "path": "/home/dokku/app-0", "locked": false},
               {"name": "app-1", "path": "/home/dokku/app-1", "locked": true},
               {"name": "app-2", "path": "/home/dokku/app-2", "locked": false},
               {"name": "app-3", "path": "/home/dokku/app-3", "locked": false}]}"#;
    let plan = plan_creation(doc, &registered()).unwrap_or_else(|e| panic!("{e}"));
    let result = apply(&client, &plan, ApplyOptions::default(), &Recorder::default()).await;
    client.close().await.unwrap_or_else(|e| panic!("{e}"));
    let (failed, done, not_done) = match result {
        Err(EngineError::Interrupted { failed, done, not_done }) => (failed, done, not_done),
        other => panic!("expected an interrupted apply, got {other:?}"),
    };
    assert!(failed.to_string().contains("Name is already taken"), "{failed}");
    // Apps are created side by side, so which of the others ran depends on timing; what the
    // report says must match the server exactly, and every command is in one list only.
    assert_eq!(not_done.first().map(String::as_str), Some("dokku apps:create app-2"));
    let mut all: Vec<String> = done.iter().chain(not_done.iter()).cloned().collect();
    all.sort();
    let mut expected: Vec<String> =
        plan.steps.iter().flat_map(|s| s.commands.iter().map(ToString::to_string)).collect();
    expected.sort();
    assert_eq!(all, expected);
    let logged: Vec<String> = slot
        .writes()
        .into_iter()
        .map(|line| format!("dokku {line}"))
        .filter(|line| line != "dokku apps:create app-2")
        .collect();
    let mut done_sorted = done.clone();
    done_sorted.sort();
    let mut logged_sorted = logged;
    logged_sorted.sort();
    assert_eq!(done_sorted, logged_sorted, "the report's done list is what the server received");
    let position = |c: &str| done.iter().position(|d| d == c);
    if let Some(lock) = position("dokku apps:lock app-1") {
        assert!(
            position("dokku apps:create app-1").is_some_and(|create| create < lock),
            "one app's commands stay in order"
        );
    }
}

#[test]
fn another_dokku_version_is_refused_without_force() {
    let h = Harness::from_env();
    let slot = h.sim_slot();
    let out = slot.dokkuctl(&h.admin_user, &["apply", &example("pydokku-export.json")]);
    let (_, stderr) = text(&out);
    assert!(!out.status.success());
    assert!(
        stderr.contains("version mismatch") && stderr.contains("0.35.15") && stderr.contains("--force"),
        "{stderr}"
    );
    assert!(slot.writes().is_empty(), "nothing was changed: {:?}", slot.writes());
}

#[test]
fn a_pydokku_document_applies_with_force() {
    let h = Harness::from_env();
    let slot = h.sim_slot();
    let out = slot.dokkuctl(&h.admin_user, &["-q", "apply", "--force", &example("pydokku-export.json")]);
    let (_, stderr) = text(&out);
    assert!(out.status.success(), "{stderr}");
    assert!(stderr.contains("version mismatch"), "the mismatch is still reported: {stderr}");
    let out = slot.dokkuctl(&h.admin_user, &["-q", "export", "--secrets", "inline", "-"]);
    let (doc, stderr) = text(&out);
    assert!(out.status.success(), "{stderr}");
    let value: serde_json::Value = serde_json::from_str(&doc).unwrap_or_default();
    let apps: Vec<&str> =
        value["apps"].as_array().into_iter().flatten().filter_map(|a| a["name"].as_str()).collect();
    assert_eq!(apps, ["test-app-7", "test-app-8", "test-app-9"]);
    let multi = value["config"].as_array().into_iter().flatten().find(|c| c["key"] == "MULTI");
    assert_eq!(multi.and_then(|c| c["value"].as_str()), Some("line 1\nline 2"));
    let redirect = &value["redirect"][0];
    assert_eq!(
        (redirect["source"].as_str(), redirect["code"].as_u64()),
        (Some("old.example.net"), Some(301))
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_printed_script_recreates_what_apply_does() {
    let h = Harness::from_env();
    let (a, b, c) = (h.sim_slot(), h.sim_slot(), h.sim_slot());
    let source = a.local(client_options());
    populate(&source, 3).await;
    let (doc, _) = export_text(&source).await;
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let doc_path = dir.path().join("doc.json");
    std::fs::write(&doc_path, &doc).unwrap_or_else(|e| panic!("{e}"));

    // No server at all: the script comes from the document alone.
    let out = h
        .dokkuctl()
        .args(["apply", "--print-only", "--show-secrets", &doc_path.display().to_string()])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let (script, stderr) = text(&out);
    assert!(out.status.success(), "{stderr}");
    let masked = h
        .dokkuctl()
        .args(["apply", "--print-only", &doc_path.display().to_string()])
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
        .unwrap_or_default();
    assert!(!masked.contains("value-1") && masked.contains("APP_INDEX=***"), "secrets masked by default");

    let script_path = dir.path().join("apply.sh");
    std::fs::write(&script_path, &script).unwrap_or_else(|e| panic!("{e}"));
    let ran = std::process::Command::new("sh")
        .arg(&script_path)
        .env("PATH", format!("{}:/usr/bin:/bin", h.state_dir.join("bin").display()))
        .env("DOKKU_TEST_BACKEND", "sim")
        .env("DOKKU_SIM_ROOT", &b.root)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(ran.status.success(), "{}", String::from_utf8_lossy(&ran.stderr));

    let plan = plan_creation(&doc, &registered()).unwrap_or_else(|e| panic!("{e}"));
    let applied = c.local(client_options());
    apply(&applied, &plan, ApplyOptions::default(), &Recorder::default())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let (by_script, _) = export_text(&b.local(client_options())).await;
    let (by_apply, _) = export_text(&applied).await;
    let (x, y) = (comparable(&by_script), comparable(&by_apply));
    assert!(x == y, "script and apply differ: {}", first_difference(&x, &y));
    assert_eq!(comparable(&doc), x);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_app_export_carries_no_global_settings() {
    let h = Harness::from_env();
    let slot = h.sim_slot();
    let admin = slot.ssh(&h.admin_user, client_options()).await;
    populate(&admin, 3).await;
    admin.close().await.unwrap_or_else(|e| panic!("{e}"));
    let out = slot.dokkuctl(&h.dokku_user, &["-q", "export", "--secrets", "inline", "--app", "app-001", "-"]);
    let (doc, stderr) = text(&out);
    assert!(out.status.success(), "{stderr}");
    let value: serde_json::Value = serde_json::from_str(&doc).unwrap_or_default();
    for (key, records) in value.as_object().into_iter().flatten() {
        let Some(records) = records.as_array() else { continue };
        for record in records {
            let own = match key.as_str() {
                "apps" => record["name"] == "app-001",
                "plugin" => record["description"].as_str().is_some_and(|d| !d.starts_with("dokku core")),
                // The networks the app attaches to come along, so that apply can attach it.
                "network" if record.get("app_name").is_none() => record["name"] == "backend-net",
                _ => record["app_name"] == "app-001",
            };
            assert!(own, "{key}: a record that is not app-001's: {record}");
        }
    }
    let plugins: Vec<&str> =
        value["plugin"].as_array().into_iter().flatten().filter_map(|p| p["name"].as_str()).collect();
    assert_eq!(plugins, ["letsencrypt", "maintenance", "redirect"], "the third-party plugins the app needs");
    let out = slot.dokkuctl(&h.dokku_user, &["-q", "export", "--secrets", "inline", "--app", "nope", "-"]);
    assert!(!out.status.success() && text(&out).1.contains("nope"));
}
