//! `cargo xtask fixtures capture` end to end: against the simulator over the real sshd, as the
//! admin user (root through sudo), into a temporary directory. The session directory must be
//! complete, replay identically through the simulator (so the `INDEX.md` written is the one the
//! conformance test reads), and a newer Dokku's unknown report field must come out of the
//! parsers as `extra`, not as a parse failure.
//!
//! It lives in xtask rather than tests/e2e because xtask already depends on dokku-e2e (for the
//! harness), so dokku-e2e cannot depend back on xtask to call the capture as a library.

use std::path::Path;
use std::time::Duration;

use dokku_core::ClientOptions;
use dokku_e2e::{Harness, SimSlot};
use dokku_sim::replay::{ReplayOptions, replay};
use xtask::fixtures::capture::{CaptureOptions, Captured, capture};
use xtask::fixtures::steps;

fn options() -> ClientOptions {
    ClientOptions { max_in_flight: 1, command_timeout: Duration::from_secs(60), ..ClientOptions::default() }
}

/// `plugin:install` of the three third-party plugins and the two service plugins, so their
/// steps are captured too.
fn plugin_installs() -> Vec<Vec<String>> {
    ["letsencrypt", "maintenance", "redirect", "postgres", "redis"]
        .iter()
        .map(|plugin| {
            let url = format!("https://github.com/dokku/dokku-{plugin}.git");
            ["plugin:install", url.as_str(), "--name", plugin].map(str::to_owned).to_vec()
        })
        .collect()
}

async fn install_plugins(h: &Harness, slot: &SimSlot) {
    let client = slot.ssh(&h.admin_user, options()).await;
    for args in plugin_installs() {
        let cmd = dokku_core::Command::dokku(args[0].clone()).args(args[1..].iter().cloned());
        client.output(&cmd).await.unwrap_or_else(|e| panic!("{cmd}: {e}"));
    }
    client.close().await.unwrap_or_else(|e| panic!("{e}"));
}

async fn capture_slot(h: &Harness, slot: &SimSlot, out: &Path) -> anyhow::Result<Captured> {
    let client = slot.ssh(&h.admin_user, options()).await;
    let options = CaptureOptions {
        out: out.to_owned(),
        distribute_into: None,
        server_is_disposable: false,
        via: format!("over ssh as {}", h.admin_user),
    };
    let captured = capture(&client, &options).await;
    client.close().await.unwrap_or_else(|e| panic!("{e}"));
    captured
}

fn apps_of(slot: &SimSlot) -> Vec<String> {
    let state = std::fs::read_to_string(slot.root.join("state.json")).unwrap_or_default();
    let value: serde_json::Value = serde_json::from_str(&state).unwrap_or_default();
    value["apps"].as_object().map(|apps| apps.keys().cloned().collect()).unwrap_or_default()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn capture_writes_a_complete_session_that_replays_identically() {
    let h = Harness::from_env();
    let slot = h.sim_slot();
    install_plugins(&h, &slot).await;
    let out = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let captured = capture_slot(&h, &slot, out.path()).await.unwrap_or_else(|e| panic!("capture: {e:#}"));

    assert_eq!(captured.version, "0.38.27");
    assert!(captured.skipped_plugins.is_empty(), "{:?}", captured.skipped_plugins);
    assert_eq!(captured.entries.len(), steps::session().len(), "every declared step ran");
    let index = std::fs::read_to_string(captured.dir.join("INDEX.md")).unwrap_or_default();
    for (number, entry) in captured.entries.iter().enumerate() {
        for extension in ["txt", "err", "rc"] {
            let file = captured.dir.join(format!("{}.{extension}", entry.stem));
            assert!(file.exists(), "{} missing", file.display());
        }
        assert!(
            index.contains(&format!("| {} | `{}` | {} |", number + 1, entry.stem, entry.status)),
            "{index}"
        );
    }
    assert!(apps_of(&slot).is_empty(), "cleanup left apps behind: {:?}", apps_of(&slot));

    let replayed = replay(
        &captured.dir,
        &ReplayOptions {
            simulator: h.state_dir.join("bin/dokku-sim"),
            prelude: plugin_installs(),
            ..ReplayOptions::default()
        },
    )
    .unwrap_or_else(|e| panic!("replay: {e}"));
    assert_eq!(replayed.steps, captured.entries.len(), "INDEX.md reads back to every step");
    assert!(replayed.differences.is_empty(), "{:#?}", replayed.differences);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_server_with_other_apps_is_refused_and_left_alone() {
    let h = Harness::from_env();
    let slot = h.sim_slot();
    let client = slot.ssh(&h.admin_user, options()).await;
    let create = dokku_core::Command::dokku("apps:create").arg("precious");
    client.output(&create).await.unwrap_or_else(|e| panic!("{e}"));
    client.close().await.unwrap_or_else(|e| panic!("{e}"));
    let out = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let error = capture_slot(&h, &slot, out.path()).await.err().map(|e| format!("{e:#}")).unwrap_or_default();
    assert!(error.contains("precious") && error.contains("--i-know-this-server-is-disposable"), "{error}");
    assert_eq!(apps_of(&slot), ["precious"]);
    assert_eq!(std::fs::read_dir(out.path()).map(Iterator::count).unwrap_or(1), 0, "nothing written");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_newer_dokkus_unknown_report_field_is_extra_not_a_parse_failure() {
    let h = Harness::from_env();
    let slot = h.sim_slot();
    // sshd passes only DOKKU_SIM_ROOT to the simulator: its settings travel in the state directory.
    std::fs::write(
        slot.root.join("settings.env"),
        "DOKKU_SIM_VERSION=0.99.0\nDOKKU_SIM_NEW_REPORT_FIELD=fixture-future=yes\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let out = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let captured = capture_slot(&h, &slot, out.path()).await.unwrap_or_else(|e| panic!("capture: {e:#}"));
    assert_eq!(captured.version, "0.99.0");
    let read =
        |stem: &str| std::fs::read_to_string(captured.dir.join(format!("{stem}.txt"))).unwrap_or_default();
    let app = steps::APP;

    let text = read(&format!("apps__report__{app}"));
    assert!(text.contains("App fixture future:"), "{text}");
    let (apps, warnings) = dokku_apps::parse_report_text(&text).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(apps[0].extra.get("fixture-future").map(String::as_str), Some("yes"));
    assert!(warnings.iter().any(|w| w.contains("fixture-future")), "{warnings:?}");

    let json = read(&format!("ports__report__{app}-format-json"));
    let (_, warning) = dokku_ports::parse_report_json(app, &json).unwrap_or_else(|e| panic!("{e}"));
    assert!(warning.is_some_and(|w| w.contains("fixture-future")), "{json}");

    let (_, warnings) =
        dokku_ps::parse_report_text(&read(&format!("ps__report__{app}"))).unwrap_or_else(|e| panic!("{e}"));
    assert!(warnings.iter().any(|w| w.contains("fixture-future")), "{warnings:?}");
}
