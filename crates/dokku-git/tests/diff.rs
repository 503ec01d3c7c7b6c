//! Captured server states diffed against themselves plan nothing.

use std::path::Path;

use dokku_core::DokkuVersion;
use dokku_core::plugin::{DiffOptions, Plugin};
use dokku_git::{GitPlugin, GitRecord, parse_netrc, parse_report_text};

fn read(file: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("test_data").join(file))
        .unwrap_or_default()
}

/// What an export of the capture would hold: the netrc credentials, the global settings and
/// the apps.
fn records(report: &str, version: DokkuVersion) -> Vec<GitRecord> {
    let parsed = parse_report_text(&read(report), &version).unwrap_or_default();
    let auths = parse_netrc(&read("pydokku/git__cat-netrc__two-hosts.txt"));
    auths
        .into_iter()
        .map(GitRecord::Auth)
        .chain(parsed.global.filter(|g| !g.is_empty()).map(GitRecord::Global))
        .chain(parsed.apps.into_iter().map(GitRecord::App))
        .collect()
}

#[test]
fn a_captured_state_diffed_with_itself_is_empty() {
    for (report, version) in [
        ("0.38.27/git__report__app1.txt", DokkuVersion::new(0, 38, 27)),
        ("pydokku/git__report__four-apps.txt", DokkuVersion::new(0, 35, 15)),
    ] {
        let state = records(report, version);
        assert!(state.len() >= 3, "{report}");
        for prune in [false, true] {
            let plan = GitPlugin::diff(
                &state,
                &state,
                &DiffOptions { prune, prune_apps: prune, ..DiffOptions::default() },
            );
            assert!(plan.commands.is_empty() && plan.changes.is_empty(), "{report}: {plan:?}");
        }
    }
}

#[test]
fn a_document_round_trip_through_json_changes_nothing() {
    let state = records("pydokku/git__report__four-apps.txt", DokkuVersion::new(0, 35, 15));
    let json = serde_json::to_value(&state).unwrap_or_default();
    let document: Vec<GitRecord> = serde_json::from_value(json).unwrap_or_default();
    assert_eq!(document.len(), state.len());
    let plan = GitPlugin::diff(&state, &document, &DiffOptions::PRUNE);
    assert!(plan.commands.is_empty(), "{plan:?}");
}

#[test]
fn unread_server_files_send_nothing_for_hosts_and_credentials_and_say_so() {
    let desired = records("pydokku/git__report__four-apps.txt", DokkuVersion::new(0, 35, 15));
    let known_host = serde_json::json!({"name": "github.com", "public_key": "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl"});
    let mut desired = desired;
    desired.push(serde_json::from_value(known_host).unwrap_or_else(|e| panic!("{e}")));
    // The current state as the dokku user reads it: the settings, no files.
    let current: Vec<GitRecord> =
        desired.iter().filter(|r| matches!(r, GitRecord::Global(_) | GitRecord::App(_))).cloned().collect();
    let unread = DiffOptions { prune: true, server_files_unread: true, ..DiffOptions::default() };
    let plan = GitPlugin::diff(&current, &desired, &unread);
    assert!(plan.commands.is_empty() && plan.changes.is_empty(), "{plan:?}");
    let notes = plan.notes.join("\n");
    assert!(notes.contains("github.com") && notes.contains("git:allow-host"), "{notes}");
    let passwords: Vec<String> = desired
        .iter()
        .filter_map(|r| match r {
            GitRecord::Auth(a) => a.password.as_ref().map(|p| p.expose().clone()),
            _ => None,
        })
        .collect();
    assert!(!passwords.is_empty());
    assert!(passwords.iter().all(|p| !notes.contains(p.as_str())), "no password in notes: {notes}");

    // Read as root, the same current state plans the host and the credentials.
    let read = DiffOptions { server_files_unread: false, ..unread };
    let plan = GitPlugin::diff(&current, &desired, &read);
    assert!(plan.commands.iter().any(|c| c.subcommand() == "git:allow-host"), "{plan:?}");
    assert!(plan.commands.iter().any(|c| c.subcommand() == "git:auth"), "{plan:?}");
    assert!(plan.notes.is_empty());
}

#[test]
fn on_dokku_0_38_unread_credentials_are_compared_with_the_confirmed_ones() {
    let desired = records("pydokku/git__report__four-apps.txt", DokkuVersion::new(0, 35, 15));
    let auths: Vec<&GitRecord> = desired.iter().filter(|r| matches!(r, GitRecord::Auth(_))).collect();
    assert!(auths.len() >= 2, "the capture has two credentials");
    // git:auth-status confirmed the first credential only.
    let mut current: Vec<GitRecord> =
        desired.iter().filter(|r| matches!(r, GitRecord::Global(_) | GitRecord::App(_))).cloned().collect();
    current.push(auths[0].clone());
    let options = DiffOptions {
        prune: true,
        prune_apps: false,
        server_files_unread: true,
        server_version: Some(DokkuVersion::new(0, 38, 27)),
        ..DiffOptions::default()
    };
    let plan = GitPlugin::diff(&current, &desired, &options);
    let sent: Vec<String> = plan.commands.iter().map(ToString::to_string).collect();
    assert_eq!(sent.len(), auths.len() - 1, "only the unconfirmed credentials: {sent:?}");
    assert!(sent.iter().all(|c| c.starts_with("echo") && c.contains("dokku git:auth ")), "{sent:?}");
    assert!(sent.iter().all(|c| c.contains("***")), "the piped password is masked: {sent:?}");
    assert!(plan.notes.is_empty(), "nothing left unsaid: {:?}", plan.notes);
}
