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
        "apps",
        "checks",
        "nginx",
        "git",
        "network",
        "proxy",
    ]
    .map(|plugin| format!("{plugin}:report"))
    .into_iter()
    .chain(["config:export".to_owned()]);
    for read in reads {
        assert!(report_commands.iter().any(|c| c.starts_with(&read)), "{read} sent on the report path");
        assert!(!file_commands.iter().any(|c| c.starts_with(&read)), "{read} sent: {file_commands:#?}");
    }
    let certs_reports: Vec<&String> =
        file_commands.iter().filter(|c| c.starts_with("certs:report")).collect();
    assert!(
        !certs_reports.is_empty() && certs_reports.iter().all(|c| c.contains("app-001")),
        "certs read for the app with a certificate only: {certs_reports:#?}"
    );
    assert!(from_files.contains("BEGIN CERTIFICATE"), "the certificate is exported");
    let _ = admin.close().await;
}
