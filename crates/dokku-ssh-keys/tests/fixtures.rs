//! Every captured `ssh-keys:list` (text and JSON) and `authorized_keys` parses as expected.

use std::path::Path;

use dokku_core::fixtures::check_fixtures;
use serde_json::json;

fn parse(path: &Path, text: &str) -> serde_json::Value {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    if name.starts_with("ssh_keys__cat-authorized-keys__") {
        return json!(dokku_ssh_keys::parse_authorized_keys(text));
    }
    let result = if name.contains("format-json") {
        dokku_ssh_keys::parse_list_json(text)
    } else {
        dokku_ssh_keys::parse_list_text(text)
    };
    result.map_or_else(|e| json!({ "error": e.to_string() }), |keys| json!(keys))
}

#[test]
fn captured_outputs_parse_to_expected_records() {
    let checked = check_fixtures(&Path::new(env!("CARGO_MANIFEST_DIR")).join("test_data"), parse);
    assert!(checked >= 7);
}

#[test]
fn text_and_json_lists_give_the_same_names_and_fingerprints() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("test_data/0.38.27");
    let read = |f: &str| std::fs::read_to_string(dir.join(f)).unwrap_or_default();
    let strip = |keys: Vec<dokku_ssh_keys::SshKey>| -> Vec<(String, Option<String>)> {
        keys.into_iter().map(|k| (k.name, k.fingerprint)).collect()
    };
    let from_text = dokku_ssh_keys::parse_list_text(&read("ssh-keys__list__default.txt")).map(strip).ok();
    let from_json = dokku_ssh_keys::parse_list_json(&read("ssh-keys__list__format-json.txt")).map(strip).ok();
    assert!(from_text.as_ref().is_some_and(|k| k.len() == 2));
    assert_eq!(from_text, from_json);
}

#[test]
fn the_list_grammar_survives_every_input() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("test_data");
    let ran = dokku_core::fixtures::survive_every_input(&dir, |text| {
        let _ = dokku_ssh_keys::parse_ssh_keys_list(text);
    });
    assert!(ran > dokku_core::fixtures::PATHOLOGICAL_INPUTS.len());
}
