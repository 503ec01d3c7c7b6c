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
            let plan = GitPlugin::diff(&state, &state, &DiffOptions { prune, prune_apps: prune });
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
    let plan = GitPlugin::diff(&state, &document, &DiffOptions { prune: true, prune_apps: false });
    assert!(plan.commands.is_empty(), "{plan:?}");
}
