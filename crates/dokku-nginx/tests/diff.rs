//! A captured server state diffed against itself plans nothing.

use std::path::Path;

use dokku_core::plugin::{DiffOptions, Plugin};
use dokku_nginx::{GlobalValues, Nginx, NginxPlugin, parse_report_text};

fn records(file: &str, globals: GlobalValues) -> Vec<Nginx> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("test_data").join(file);
    let text = std::fs::read_to_string(path).unwrap_or_default();
    let report = parse_report_text(&text, globals).unwrap_or_default();
    report.global.into_iter().chain(report.apps).collect()
}

#[test]
fn a_captured_state_diffed_with_itself_is_empty() {
    for (file, globals) in [
        ("0.38.27/nginx__report__app1.txt", GlobalValues::Raw),
        ("pydokku/nginx__report__one-app.txt", GlobalValues::Resolved),
    ] {
        let state = records(file, globals);
        assert!(!state.is_empty(), "{file}");
        for prune in [false, true] {
            let plan = NginxPlugin::diff(
                &state,
                &state,
                &DiffOptions { prune, prune_apps: prune, ..DiffOptions::default() },
            );
            assert!(plan.commands.is_empty() && plan.changes.is_empty(), "{file}: {plan:?}");
        }
    }
}

#[test]
fn a_document_round_trip_through_json_changes_nothing() {
    let state = records("0.38.27/nginx__report__app1.txt", GlobalValues::Raw);
    let json = serde_json::to_value(&state).unwrap_or_default();
    let document: Vec<Nginx> = serde_json::from_value(json).unwrap_or_default();
    assert_eq!(document.len(), state.len());
    let plan = NginxPlugin::diff(&state, &document, &DiffOptions::default());
    assert!(plan.commands.is_empty(), "{plan:?}");
}
