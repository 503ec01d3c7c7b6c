//! Every captured `storage:list` (text and JSON) and `storage:ensure-directory` parses as expected.

use std::path::Path;

use dokku_core::fixtures::check_fixtures;
use serde_json::json;

fn parse(path: &Path, text: &str) -> serde_json::Value {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let result = if name.starts_with("storage__ensure-directory__") {
        dokku_storage::parse_ensure_directory(text).map(|d| json!(d))
    } else if name.contains("format-json") {
        dokku_storage::parse_list_json("app", text).map(|m| json!(m))
    } else {
        dokku_storage::parse_list_text("app", text).map(|m| json!(m))
    };
    result.unwrap_or_else(|e| json!({ "error": e.to_string() }))
}

#[test]
fn captured_outputs_parse_to_expected_records() {
    let checked = check_fixtures(&Path::new(env!("CARGO_MANIFEST_DIR")).join("test_data"), parse);
    assert!(checked >= 8);
}

#[test]
fn text_and_json_lists_give_the_same_mounts() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("test_data/0.38.27");
    let read = |f: &str| std::fs::read_to_string(dir.join(f)).unwrap_or_default();
    let from_text = dokku_storage::parse_list_text("app1", &read("storage__list__app1.txt")).ok();
    let from_json = dokku_storage::parse_list_json("app1", &read("storage__list__app1-format-json.txt")).ok();
    assert!(from_text.as_ref().is_some_and(|m| m.len() == 1));
    assert_eq!(from_text, from_json);
}

#[test]
fn old_json_lists_carry_volume_options() {
    let text = "[\n  {\n    \"host_path\": \"/srv/x\",\n    \"container_path\": \"/x\",\n    \"volume_options\": \"ro\"\n  },\n  {\n    \"host_path\": \"/srv/y\",\n    \"container_path\": \"/y\",\n    \"volume_options\": \"\"\n  }\n]\n";
    let mounts = dokku_storage::parse_list_json("app1", text).unwrap_or_default();
    assert_eq!(mounts[0].mount_spec(), "/srv/x:/x:ro");
    assert_eq!(mounts[1].volume_options, None);
}

#[test]
fn stat_owners_keep_root_and_paths_with_spaces() {
    let owners = dokku_storage::parse_stat_owners(
        "0 0 /var/lib/dokku/data/storage/r\n32767 32767 /srv/with space\nbogus\n",
    );
    assert_eq!(owners.get("/var/lib/dokku/data/storage/r"), Some(&(0, 0)));
    assert_eq!(owners.get("/srv/with space"), Some(&(32767, 32767)));
    assert_eq!(owners.len(), 2);
}

#[test]
fn the_list_grammar_survives_every_input() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("test_data");
    let ran = dokku_core::fixtures::survive_every_input(&dir, |text| {
        let _ = dokku_storage::parse_storage_list(text);
    });
    assert!(ran > dokku_core::fixtures::PATHOLOGICAL_INPUTS.len());
}
