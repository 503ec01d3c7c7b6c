//! Older Dokku versions, as the simulator imitates them from Dokku's source (`DOKKU_SIM_VERSION`):
//! the same server read as 0.38.27 (JSON reports where they exist) and as 0.37.0 (text reports,
//! bash-era report shapes) gives the same document; and on 0.35.20 and 0.33.9, export → apply to
//! a fresh server of the same version → export again is identical and a plan against it is empty.

use dokku_cli::engine::apply::{ApplyOptions, apply};
use dokku_cli::engine::export::ReadFrom;
use dokku_cli::engine::observer::Recorder;
use dokku_cli::engine::plan::plan_creation;
use dokku_cli::engine::registry::registered;
use dokku_core::DokkuVersion;
use dokku_e2e::scenario::{comparable, export_text, export_text_reading, first_difference, populate_at};
use dokku_e2e::{Harness, SimSlot, client_options};

/// Makes the slot's simulator imitate `version` (the setting survives the slot's sshd).
fn imitate(slot: &SimSlot, version: &str) {
    std::fs::write(slot.root.join("settings.env"), format!("DOKKU_SIM_VERSION={version}\n"))
        .unwrap_or_else(|e| panic!("{e}"));
}

/// What a 0.37.0 server does not show as 0.38.27 does, by plugin, each for a reason found in
/// Dokku's source (the simulator prints both as they did; the state is one 0.37.0 can hold):
/// - openresty: the bash report printed every per-app value with its default and no global
///   value but `hsts` (plugins/openresty-vhosts/command-functions, v0.37.10);
/// - scheduler_docker_local: the bash report printed no global value at all;
/// - proxy: `proxy-port` keys appear in 0.38.8, and the global type printed its default `nginx`;
/// - ps: the global restart policy and the stop timeout are 0.38 settings, and the global
///   procfile path printed its default `Procfile` before 0.38.6.
const SHOWN_OTHERWISE_BEFORE_0_38: &[&str] = &["openresty", "scheduler_docker_local", "proxy", "ps"];

/// The document without what legitimately depends on the version: the version itself, the
/// plugin list (core plugins carry Dokku's version; before 0.38.22 a plugin's git source needs
/// a root-only read of its checkout, which this machine does not have), the plugins of
/// [`SHOWN_OTHERWISE_BEFORE_0_38`], and nginx's global `nginx-service-command`, which reports
/// print only from 0.38.8 (dokku commit 2b5d2e10e) and the simulator starts with (the capture
/// host's stand-in).
fn version_neutral(doc: &str) -> String {
    let mut value: serde_json::Value = serde_json::from_str(doc).unwrap_or_default();
    if let Some(map) = value.as_object_mut() {
        map.remove("dokku");
        map.remove("plugin");
        for key in SHOWN_OTHERWISE_BEFORE_0_38 {
            map.remove(*key);
        }
        for record in map.get_mut("nginx").and_then(|n| n.as_array_mut()).into_iter().flatten() {
            if let Some(record) = record.as_object_mut() {
                record.remove("nginx_service_command");
            }
        }
    }
    comparable(&value.to_string())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn text_and_json_reports_give_the_same_document() {
    let h = Harness::from_env();
    let slot = h.sim_slot();
    let client = slot.local(client_options());
    // What a 0.37.0 server can hold, read by 0.38.27 and by 0.37.0.
    populate_at(&client, 3, &DokkuVersion::new(0, 37, 0)).await;
    // The reports, not the files (this client runs as root): the point is the two report forms.
    let (current, _) = export_text_reading(&client, ReadFrom::Reports).await;
    let json_reads = slot.commands().iter().filter(|a| a.iter().any(|w| w == "json")).count();
    assert!(json_reads > 10, "0.38.27 is read through --format json where it can be");

    imitate(&slot, "0.37.0");
    slot.clear_commands();
    let older = slot.local(client_options());
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
    if a != b {
        // Kept for a person to diff when the assertion below fails.
        let _ = std::fs::write(std::env::temp_dir().join("dokku-rs-versions-0.38.27.json"), &current);
        let _ = std::fs::write(std::env::temp_dir().join("dokku-rs-versions-0.37.0.json"), &old);
    }
    assert!(a == b, "text and JSON paths differ: {}", first_difference(&a, &b));
}

/// Export a populated `version` server, apply to a fresh one of the same version, export again:
/// identical; and a plan of the document against the copy changes nothing.
async fn round_trip_at(version: &str) {
    let h = Harness::from_env();
    let (a, b) = (h.sim_slot(), h.sim_slot());
    imitate(&a, version);
    imitate(&b, version);
    let parsed = DokkuVersion::parse(&format!("dokku version {version}")).unwrap_or_else(|e| panic!("{e:?}"));
    let source = a.local(client_options());
    populate_at(&source, 3, &parsed).await;
    let (doc_a, _) = export_text(&source).await;
    let value: serde_json::Value = serde_json::from_str(&doc_a).unwrap_or_default();
    assert_eq!(value["dokku"]["version"], version);
    let json_reports: Vec<Vec<String>> = a
        .commands()
        .into_iter()
        .filter(|argv| argv.first().is_some_and(|c| c.ends_with(":report")))
        .filter(|argv| {
            // Go reports had JSON long before 0.33; the bash ones had none, and `--global` came
            // to every report in 0.38 (domains had it before; letsencrypt is not Dokku's).
            let bash =
                ["domains", "nginx", "checks", "git", "certs", "caddy", "traefik", "openresty", "haproxy"];
            let global_before = ["domains:report", "letsencrypt:report"];
            (bash.iter().any(|p| argv[0] == format!("{p}:report")) && argv.iter().any(|w| w == "json"))
                || (argv.iter().any(|w| w == "--global") && !global_before.contains(&argv[0].as_str()))
        })
        .collect();
    assert!(json_reports.is_empty(), "{version} had no such report forms: {json_reports:?}");

    let target = b.local(client_options());
    let plan = plan_creation(&doc_a, &registered()).unwrap_or_else(|e| panic!("plan: {e}"));
    let report = apply(&target, &plan, ApplyOptions::default(), &Recorder::default())
        .await
        .unwrap_or_else(|e| panic!("apply: {e}"));
    assert!(report.skipped.is_empty(), "{:?}", report.skipped);
    let (doc_b, _) = export_text(&target).await;
    let (ca, cb) = (comparable(&doc_a), comparable(&doc_b));
    if ca != cb {
        let _ =
            std::fs::write(std::env::temp_dir().join(format!("dokku-rs-versions-{version}-a.json")), &doc_a);
        let _ =
            std::fs::write(std::env::temp_dir().join(format!("dokku-rs-versions-{version}-b.json")), &doc_b);
    }
    assert!(ca == cb, "{version}: round trip differs: {}", first_difference(&ca, &cb));

    let (converging, _) = dokku_cli::engine::converge::plan_against_server(
        &target,
        &doc_a,
        &registered(),
        &dokku_core::plugin::DiffOptions::default(),
        &Recorder::default(),
    )
    .await
    .unwrap_or_else(|e| panic!("plan: {e}"));
    let commands: Vec<String> = converging.steps.iter().flat_map(|s| s.diff.command_lines()).collect();
    assert!(commands.is_empty(), "{version}: the copy needs no change: {commands:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn round_trip_on_dokku_0_35() {
    round_trip_at("0.35.20").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn round_trip_on_dokku_0_33() {
    round_trip_at("0.33.9").await;
}
