//! Every captured `maintenance:report` (text and JSON) parses to the expected records.

use std::path::Path;

use dokku_core::fixtures::check_fixtures;
use serde_json::json;

fn parse(path: &Path, text: &str) -> serde_json::Value {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    if name.contains("format-json") {
        // The capture's app is named in its descriptor (`maintenance__report__app1-format-json`).
        let app = name.split("__").nth(2).and_then(|d| d.strip_suffix("-format-json.txt")).unwrap_or("");
        match dokku_maintenance::parse_report_json(app, text) {
            Ok((record, warnings)) => json!({ "maintenance": [record], "warnings": warnings }),
            Err(e) => json!({ "error": e.to_string() }),
        }
    } else {
        match dokku_maintenance::parse_report_text(text) {
            Ok((records, warnings)) => json!({ "maintenance": records, "warnings": warnings }),
            Err(e) => json!({ "error": e.to_string() }),
        }
    }
}

#[test]
fn captured_reports_parse_to_expected_records() {
    let checked = check_fixtures(&Path::new(env!("CARGO_MANIFEST_DIR")).join("test_data"), parse);
    assert!(checked >= 4);
}

#[test]
fn text_and_json_paths_give_the_same_record() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("test_data/0.38.27");
    let read = |f: &str| std::fs::read_to_string(dir.join(f)).unwrap_or_default();
    let (from_text, _) =
        dokku_maintenance::parse_report_text(&read("maintenance__report__app1.txt")).unwrap_or_default();
    let from_json =
        dokku_maintenance::parse_report_json("app1", &read("maintenance__report__app1-format-json.txt")).ok();
    assert!(!from_text.is_empty());
    assert_eq!(from_text.first(), from_json.as_ref().map(|(record, _)| record));
}

#[test]
fn a_custom_page_and_an_unknown_field_are_warned_about() {
    let text = "=====> app1 maintenance information\n       Maintenance enabled:           true\n       Maintenance custom page sha256: abc123\n       Maintenance shiny:             yes\n";
    let (records, warnings) = dokku_maintenance::parse_report_text(text).unwrap_or_default();
    assert!(records[0].enabled);
    assert_eq!(records[0].extra.get("shiny").map(String::as_str), Some("yes"));
    assert_eq!(warnings.len(), 2, "{warnings:?}");
    assert!(warnings[0].contains("abc123") && warnings[1].contains("shiny"), "{warnings:?}");
}

#[test]
fn a_bad_value_is_an_error_naming_the_app() {
    let text = "=====> app1 maintenance information\n       Maintenance enabled:   maybe\n";
    let err = dokku_maintenance::parse_report_text(text).err().map(|e| e.to_string()).unwrap_or_default();
    assert!(err.contains("app1") && err.contains("enabled"), "{err}");
}
