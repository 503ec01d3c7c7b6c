//! `export --read files`: as root, Dokku's property store is read from its files in one round
//! trip instead of the property plugins' reports. Dokku's files are an implementation detail,
//! so this proves, on the simulator (which writes the files Dokku writes for its state), that
//! both paths give the same document for the same populated server.

use dokku_cli::engine::document::to_text;
use dokku_cli::engine::export::{ExportOptions, ReadFrom, export};
use dokku_cli::engine::observer::Recorder;
use dokku_cli::engine::registry::registered;
use dokku_e2e::scenario::{assert_valid_export, first_difference, populate, run};
use dokku_e2e::{Harness, client_options};

const CERTS_DATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../crates/dokku-certs/test_data/generated");

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_file_path_and_the_report_path_give_the_same_document() {
    let h = Harness::from_env();
    let slot = h.sim_slot();
    let admin = slot.ssh(&h.admin_user, client_options()).await;
    populate(&admin, 2).await;
    // One app with a certificate: only its certs are read with commands on the file path.
    let certs = std::path::Path::new(CERTS_DATA);
    let read =
        |name: &str| std::fs::read_to_string(certs.join(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
    run(&admin, dokku_certs::builders::add("app-001", &read("app.crt"), &read("app.key"))).await;
    // One whose issuer names Let's Encrypt: left to the letsencrypt plugin on both paths, and on
    // the file path without a report (its issuer read from the file).
    run(&admin, dokku_certs::builders::add("app-000", &read("letsencrypt.crt"), &read("letsencrypt.key")))
        .await;
    // ps: one deployed app (its containers' files and docker's state of them), and a zero count
    // (kept in `scale.old`) beside the `scale` list of another.
    std::fs::write(slot.root.join("settings.env"), "DOKKU_SIM_DEPLOYED_APPS=app-000\n")
        .unwrap_or_else(|e| panic!("settings.env: {e}"));
    run(&admin, dokku_ps::builders::scale("app-001", [("release", 0)])).await;
    let mut texts = Vec::new();
    for read in [ReadFrom::Reports, ReadFrom::Files] {
        slot.clear_commands();
        let recorder = Recorder::default();
        let options = ExportOptions { read, ..ExportOptions::default() };
        let doc = export(&admin, &registered(), &options, &recorder)
            .await
            .unwrap_or_else(|e| panic!("export reading {read:?}: {e}"));
        let text = to_text(&doc, 2);
        assert_valid_export(&text);
        let sent: Vec<String> = slot.commands().into_iter().map(|argv| argv.join(" ")).collect();
        texts.push((text, sent));
    }
    let (from_reports, report_commands) = &texts[0];
    let (from_files, file_commands) = &texts[1];
    assert!(from_reports == from_files, "{}", first_difference(from_reports, from_files));
    // These plugins sent no read command: their values came from the files.
    let reads = [
        "builder",
        "logs",
        "registry",
        "scheduler",
        "caddy",
        "traefik",
        "ports",
        "domains",
        "docker-options",
        "buildpacks",
        "resource",
        "maintenance",
        "cron",
        "ps",
        "apps",
        "checks",
        "nginx",
        "git",
        "network",
        "proxy",
    ]
    .map(|plugin| format!("{plugin}:report"))
    .into_iter()
    .chain(
        ["config:export", "ps:scale", "letsencrypt:report", "redirect", "storage:list"].map(str::to_owned),
    );
    for read in reads {
        assert!(report_commands.iter().any(|c| c.starts_with(&read)), "{read} sent on the report path");
        assert!(!file_commands.iter().any(|c| c.starts_with(&read)), "{read} sent: {file_commands:#?}");
    }
    // Nor did the letsencrypt, redirect and storage plugins send anything else (a list, the
    // auto-renew status); `stat` of the mounted directories' owners is the one root read left.
    let third_party: Vec<&String> = file_commands
        .iter()
        .filter(|c| c.starts_with("letsencrypt") || c.starts_with("redirect") || c.starts_with("storage"))
        .collect();
    assert!(third_party.is_empty(), "{third_party:#?}");
    let certs_reports: Vec<&String> =
        file_commands.iter().filter(|c| c.starts_with("certs:report")).collect();
    assert!(
        !certs_reports.is_empty() && certs_reports.iter().all(|c| c.contains("app-001")),
        "certs read for the app with a certificate only: {certs_reports:#?}"
    );
    assert!(from_files.contains("BEGIN CERTIFICATE"), "the certificate is exported");
    // The dokku user's known hosts and netrc come with the snapshot on the file path (a root
    // `cat` of each on the report path), with the same records.
    for value in ["github.com", "git.example.com"] {
        assert!(from_files.contains(value), "{value} exported");
    }
    assert!(!from_files.contains("le.example.test"), "the Let's Encrypt certificate is left out");
    assert!(
        report_commands.iter().any(|c| c.starts_with("certs:report")),
        "the report path reads certificates by report"
    );
    // No app has a deployed app.json with cron entries: no task list is read either way.
    assert!(!file_commands.iter().any(|c| c.starts_with("cron:")), "{file_commands:#?}");
    for value in ["heroku/builder:24", "gliderlabs/herokuish:v2.0.0", "512m", "\"enabled\": true"] {
        assert!(from_files.contains(value), "{value} exported");
    }
    let document: serde_json::Value = serde_json::from_str(from_files).unwrap_or_default();
    let ps_app =
        |name: &str| document["ps"].as_array().into_iter().flatten().find(|r| r["app_name"] == name).cloned();
    let deployed = ps_app("app-000").unwrap_or_default();
    assert_eq!((&deployed["deployed"], &deployed["running"]), (&true.into(), &true.into()), "{deployed}");
    assert_eq!(deployed["processes"].as_array().map(Vec::len), Some(3), "{deployed}");
    let zero = ps_app("app-001").unwrap_or_default();
    assert_eq!(zero["scale"], serde_json::json!({"release": 0, "web": 2, "worker": 1}), "{zero}");
    // The populated values of these plugins are in the document: a read-only mount, a second
    // redirect, an app's grace period and the renewal date of app-001's certificate (its expiry,
    // 2036-11-30T09:02:31Z, minus the default 30 days).
    for value in [
        "\"container_path\": \"/data-ro\"",
        "\"volume_options\": \"ro\"",
        "legacy.app-000.example.com",
        "\"graceperiod\": \"86400\"",
        "2036-10-31T09:02:31Z",
    ] {
        assert!(from_files.contains(value), "{value} is exported");
    }
    let _ = admin.close().await;
}
