//! The same server read as Dokku 0.38.27 (JSON reports where they exist) and as an older Dokku
//! (text reports for the plugins that had no JSON then): both paths give the same document.

use std::time::Duration;

use dokku_core::ClientOptions;
use dokku_e2e::Harness;
use dokku_e2e::scenario::{comparable, export_text, first_difference, populate};

fn options() -> ClientOptions {
    ClientOptions { command_timeout: Duration::from_secs(60), ..ClientOptions::default() }
}

/// The document without what legitimately depends on the version: the version itself and the
/// plugin list (core plugins carry Dokku's version; before 0.38.22 a plugin's git source needs
/// a root-only read of its checkout, which this machine does not have).
/// The property plugins: their older report shapes are proven on captured output and unit tests
/// (`dokku_core::property_plugin`), not here, since the simulator's older-version switch
/// imitates only the core plugins' reports (and `builds`, `scheduler`'s `shell` and more did not
/// exist in 0.37).
const PROPERTY_PLUGINS: &[&str] = &[
    "builder",
    "builder_dockerfile",
    "builder_herokuish",
    "builder_lambda",
    "builder_nixpacks",
    "builder_pack",
    "builder_railpack",
    "app_json",
    "builds",
    "scheduler",
    "scheduler_docker_local",
    "logs",
    "cron",
    "registry",
    "caddy",
    "haproxy",
    "traefik",
    "openresty",
];

fn version_neutral(doc: &str) -> String {
    let mut value: serde_json::Value = serde_json::from_str(doc).unwrap_or_default();
    if let Some(map) = value.as_object_mut() {
        map.remove("dokku");
        map.remove("plugin");
        for key in PROPERTY_PLUGINS {
            map.remove(*key);
        }
    }
    comparable(&value.to_string())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn text_and_json_reports_give_the_same_document() {
    let h = Harness::from_env();
    let slot = h.sim_slot();
    let client = slot.local(options());
    populate(&client, 3).await;
    let (current, _) = export_text(&client).await;
    let json_reads = slot.commands().iter().filter(|a| a.iter().any(|w| w == "json")).count();
    assert!(json_reads > 10, "0.38.27 is read through --format json where it can be");

    std::fs::write(slot.root.join("settings.env"), "DOKKU_SIM_VERSION=0.37.0\n")
        .unwrap_or_else(|e| panic!("{e}"));
    slot.clear_commands();
    let older = slot.local(options());
    let (old, _) = export_text(&older).await;
    let text_reads: Vec<Vec<String>> = slot
        .commands()
        .into_iter()
        .filter(|a| {
            a.first().is_some_and(|c| c == "domains:report" || c == "nginx:report" || c == "checks:report")
        })
        .collect();
    assert!(!text_reads.is_empty(), "the bash-era reports were read");
    assert!(
        text_reads.iter().all(|a| !a.iter().any(|w| w == "json")),
        "0.37 had no JSON for these bash reports: {text_reads:?}"
    );
    let value: serde_json::Value = serde_json::from_str(&old).unwrap_or_default();
    assert_eq!(value["dokku"]["version"], "0.37.0");
    let (a, b) = (version_neutral(&current), version_neutral(&old));
    assert!(a == b, "text and JSON paths differ: {}", first_difference(&a, &b));
}
