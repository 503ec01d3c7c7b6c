//! Export server A → apply to an empty server B → export B: the documents are identical but for
//! the fields that are server-specific by nature (listed in `SERVER_SPECIFIC`). On the Dokku
//! simulator, over the real sshd, as the admin user (root through sudo) and as the Dokku user.

use dokku_cli::engine::apply::{ApplyOptions, apply};
use dokku_cli::engine::observer::Recorder;
use dokku_cli::engine::plan::plan_creation;
use dokku_cli::engine::registry::registered;
use dokku_e2e::scenario::{HOSTILE_VALUES, comparable, export_text, first_difference, populate};
use dokku_e2e::{Harness, client_options};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn export_apply_export_is_identical_as_admin() {
    let h = Harness::from_env();
    let (a, b) = (h.sim_slot(), h.sim_slot());
    let source = a.ssh(&h.admin_user, client_options()).await;
    populate(&source, 30).await;
    let (doc_a, recorder) = export_text(&source).await;
    let warnings = recorder.warnings.lock().map(|w| w.clone()).unwrap_or_default();
    assert!(doc_a.contains("value-7"), "config values are in the document as written (they are the data)");
    for (_, v) in HOSTILE_VALUES {
        assert!(!warnings.iter().any(|w| !v.is_empty() && w.contains(v)), "a secret leaked into a warning");
    }
    // A second export of the same server is byte-identical.
    assert_eq!(export_text(&source).await.0, doc_a);
    source.close().await.unwrap_or_else(|e| panic!("{e}"));

    let target = b.ssh(&h.admin_user, client_options()).await;
    let plan = plan_creation(&doc_a, &registered()).unwrap_or_else(|e| panic!("plan: {e}"));
    let applied = Recorder::default();
    let report = apply(&target, &plan, ApplyOptions::default(), &applied)
        .await
        .unwrap_or_else(|e| panic!("apply: {e}"));
    assert!(report.skipped.is_empty(), "{:?}", report.skipped);
    let (doc_b, _) = export_text(&target).await;
    target.close().await.unwrap_or_else(|e| panic!("{e}"));
    let (ca, cb) = (comparable(&doc_a), comparable(&doc_b));
    if ca != cb {
        // Kept for a person to diff when the assertion below fails.
        let _ = std::fs::write(std::env::temp_dir().join("dokku-rs-roundtrip-a.json"), &doc_a);
        let _ = std::fs::write(std::env::temp_dir().join("dokku-rs-roundtrip-b.json"), &doc_b);
    }
    assert!(ca == cb, "round trip differs: {}", first_difference(&ca, &cb));
}

/// Applies `doc` to `target` and returns the target's export and the apply report.
async fn apply_and_export(
    target: &dokku_core::Client,
    doc: &str,
) -> (String, dokku_cli::engine::apply::ApplyReport) {
    let plan = plan_creation(doc, &registered()).unwrap_or_else(|e| panic!("plan: {e}"));
    let report = apply(target, &plan, ApplyOptions::default(), &Recorder::default())
        .await
        .unwrap_or_else(|e| panic!("apply: {e}"));
    (export_text(target).await.0, report)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn export_apply_export_is_identical_as_the_dokku_user() {
    let h = Harness::from_env();
    let (a, b) = (h.sim_slot(), h.sim_slot());
    let admin_a = a.ssh(&h.admin_user, client_options()).await;
    populate(&admin_a, 5).await;
    admin_a.close().await.unwrap_or_else(|e| panic!("{e}"));

    let source = a.ssh(&h.dokku_user, client_options()).await;
    let (doc_a, recorder) = export_text(&source).await;
    source.close().await.unwrap_or_else(|e| panic!("{e}"));
    let warnings = recorder.warnings.lock().map(|w| w.clone()).unwrap_or_default();
    // The storage owners need a root-only read: one warning says what was left out.
    let root_only: Vec<&String> = warnings.iter().filter(|w| w.contains("storage")).collect();
    assert_eq!(root_only.len(), 1, "{warnings:?}");

    // Plugins and ssh keys need root: the admin installs the plugins; the key stays undone.
    let admin_b = b.ssh(&h.admin_user, client_options()).await;
    for (url, name) in [
        ("https://github.com/dokku/dokku-letsencrypt.git", "letsencrypt"),
        ("https://github.com/dokku/dokku-maintenance.git", "maintenance"),
        ("https://github.com/dokku/dokku-redirect.git", "redirect"),
    ] {
        admin_b
            .output(&dokku_plugin::builders::install(url, None, name))
            .await
            .unwrap_or_else(|e| panic!("{e}"));
    }
    admin_b.close().await.unwrap_or_else(|e| panic!("{e}"));
    let target = b.ssh(&h.dokku_user, client_options()).await;
    let (doc_b, report) = apply_and_export(&target, &doc_a).await;
    target.close().await.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(report.skipped.len(), 1, "{:?}", report.skipped);
    assert!(report.skipped[0].ends_with("dokku ssh-keys:add deploy"), "{:?}", report.skipped);
    let without_keys = |doc: &str| {
        let mut v: serde_json::Value = serde_json::from_str(doc).unwrap_or_default();
        if let Some(map) = v.as_object_mut() {
            map.remove("ssh_keys");
        }
        comparable(&v.to_string())
    };
    let (ca, cb) = (without_keys(&doc_a), without_keys(&doc_b));
    assert!(ca == cb, "round trip differs: {}", first_difference(&ca, &cb));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn export_apply_export_is_identical_locally() {
    let h = Harness::from_env();
    let (a, b) = (h.sim_slot(), h.sim_slot());
    let source = a.local(client_options());
    populate(&source, 5).await;
    let (doc_a, _) = export_text(&source).await;
    let (doc_b, report) = apply_and_export(&b.local(client_options()), &doc_a).await;
    assert!(report.skipped.is_empty(), "{:?}", report.skipped);
    let (ca, cb) = (comparable(&doc_a), comparable(&doc_b));
    assert!(ca == cb, "round trip differs: {}", first_difference(&ca, &cb));
}

/// The shipped showcase document (`examples/showcase-server.json`, the README's first command)
/// applies to an empty server and comes back identical: it stays a valid, complete export.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_showcase_example_applies_and_exports_identically() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/showcase-server.json");
    let doc = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let h = Harness::from_env();
    let target = h.sim_slot().ssh(&h.admin_user, client_options()).await;
    let (exported, report) = apply_and_export(&target, &doc).await;
    target.close().await.unwrap_or_else(|e| panic!("{e}"));
    assert!(report.skipped.is_empty(), "{:?}", report.skipped);
    let (want, got) = (comparable(&doc), comparable(&exported));
    assert!(want == got, "the showcase does not re-export as written: {}", first_difference(&want, &got));
}
