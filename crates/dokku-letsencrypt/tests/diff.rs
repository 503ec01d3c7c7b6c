//! Captured server states diffed against themselves plan nothing.

use std::path::Path;

use dokku_core::plugin::{DiffOptions, Plugin};
use dokku_letsencrypt::{LetsEncrypt, LetsencryptPlugin, parse_report_text};

fn records(files: &[&str]) -> Vec<LetsEncrypt> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("test_data/report/0.38.27");
    files
        .iter()
        .flat_map(|f| {
            let text = std::fs::read_to_string(dir.join(f)).unwrap_or_default();
            parse_report_text(&text).map(|(records, _)| records).unwrap_or_default()
        })
        .collect()
}

#[test]
fn a_captured_state_diffed_with_itself_is_empty() {
    let state = records(&["letsencrypt__report__global.txt", "letsencrypt__report__app1.txt"]);
    assert_eq!(state.len(), 2);
    for prune in [false, true] {
        let plan = LetsencryptPlugin::diff(
            &state,
            &state,
            &DiffOptions { prune, prune_apps: prune, ..DiffOptions::default() },
        );
        assert!(plan.commands.is_empty() && plan.changes.is_empty(), "{plan:?}");
    }
    let json = serde_json::to_value(&state).unwrap_or_default();
    let document: Vec<LetsEncrypt> = serde_json::from_value(json).unwrap_or_default();
    let plan = LetsencryptPlugin::diff(&state, &document, &DiffOptions::PRUNE);
    assert!(plan.commands.is_empty(), "{plan:?}");
}
