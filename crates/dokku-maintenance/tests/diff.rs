//! A captured server state diffed against itself plans nothing.

use std::path::Path;

use dokku_core::plugin::{DiffOptions, Plugin};
use dokku_maintenance::{Maintenance, MaintenancePlugin, parse_report_text};

#[test]
fn a_captured_state_diffed_with_itself_is_empty() {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("test_data/pydokku/maintenance__report__four-apps.txt");
    let text = std::fs::read_to_string(path).unwrap_or_default();
    let state: Vec<Maintenance> = parse_report_text(&text).map(|(records, _)| records).unwrap_or_default();
    assert_eq!(state.len(), 4);
    for prune in [false, true] {
        let plan = MaintenancePlugin::diff(
            &state,
            &state,
            &DiffOptions { prune, prune_apps: prune, ..DiffOptions::default() },
        );
        assert!(plan.commands.is_empty() && plan.changes.is_empty(), "{plan:?}");
    }
}
