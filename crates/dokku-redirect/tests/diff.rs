//! Captured server states diffed against themselves plan nothing.

use std::path::Path;

use dokku_core::plugin::{DiffOptions, Plugin};
use dokku_redirect::{RedirectPlugin, parse_redirect_list};

#[test]
fn a_captured_state_diffed_with_itself_is_empty() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("test_data");
    for file in ["0.38.27/redirect__default__app1.txt", "pydokku/redirect__list__three-redirects.txt"] {
        let text = std::fs::read_to_string(dir.join(file)).unwrap_or_default();
        let state = parse_redirect_list("app1", &text).unwrap_or_default();
        assert!(state.len() >= 2, "{file}");
        for prune in [false, true] {
            let plan = RedirectPlugin::diff(
                &state,
                &state,
                &DiffOptions { prune, prune_apps: prune, ..DiffOptions::default() },
            );
            assert!(plan.commands.is_empty() && plan.changes.is_empty(), "{file}: {plan:?}");
        }
    }
}
