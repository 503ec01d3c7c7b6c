//! Captured `plugin:list` output and git checkout files parse to the expected records.

use std::path::Path;

use dokku_core::fixtures::check_fixtures;
use dokku_core::installed_plugins::parse_installed_text;
use dokku_plugin::{PluginRecord, parse_git_head, parse_git_origin_url};
use serde_json::json;

fn parse(path: &Path, text: &str) -> serde_json::Value {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    if name.contains("cat-git-head") {
        json!({ "git_reference": parse_git_head(text) })
    } else if name.contains("cat-git-config") {
        json!({ "git_url": parse_git_origin_url(text) })
    } else {
        match parse_installed_text(text) {
            Ok(rows) => json!(rows.iter().map(PluginRecord::from).collect::<Vec<_>>()),
            Err(e) => json!({ "error": e.to_string() }),
        }
    }
}

#[test]
fn captured_outputs_parse_to_expected_records() {
    assert!(check_fixtures(&Path::new(env!("CARGO_MANIFEST_DIR")).join("test_data"), parse) >= 5);
}
