//! `export --read files`: as root, Dokku's property store is read from its files in one round
//! trip instead of the property plugins' reports. Dokku's files are an implementation detail,
//! so this proves, on the simulator (which writes the files Dokku writes for its state), that
//! both paths give the same document for the same populated server.

use std::time::Duration;

use dokku_cli::engine::document::to_text;
use dokku_cli::engine::export::{ExportOptions, ReadFrom, export};
use dokku_cli::engine::observer::Recorder;
use dokku_cli::engine::registry::registered;
use dokku_core::ClientOptions;
use dokku_e2e::Harness;
use dokku_e2e::scenario::{assert_valid_export, first_difference, populate, run};

const CERTS_DATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../crates/dokku-certs/test_data/generated");

fn options() -> ClientOptions {
    ClientOptions { command_timeout: Duration::from_secs(60), ..ClientOptions::default() }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_file_path_and_the_report_path_give_the_same_document() {
    let h = Harness::from_env();
    let slot = h.sim_slot();
    let admin = slot.ssh(&h.admin_user, options()).await;
    populate(&admin, 2).await;
    // One app with a certificate: only its certs are read with commands on the file path.
    let certs = std::path::Path::new(CERTS_DATA);
    let read =
        |name: &str| std::fs::read_to_string(certs.join(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
    run(&admin, dokku_certs::builders::add("app-001", &read("app.crt"), &read("app.key"))).await;
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
    ]
    .map(|plugin| format!("{plugin}:report"))
    .into_iter()
    .chain(["config:export", "letsencrypt:report", "redirect", "storage:list"].map(str::to_owned));
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
