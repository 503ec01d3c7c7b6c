//! Every captured `ps:report` and `ps:scale` (text and JSON) parses to the expected records.

use std::path::Path;

use dokku_core::fixtures::check_fixtures;
use dokku_core::text::report_values_from_text;
use serde_json::json;

fn parse(path: &Path, text: &str) -> serde_json::Value {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    if name.contains("__scale__") {
        let parsed = if name.contains("format-json") {
            dokku_ps::parse_scale_json(text)
        } else {
            dokku_ps::parse_scale_text(text)
        };
        return match parsed {
            Ok(scale) => json!({ "scale": scale }),
            Err(e) => json!({ "error": e.to_string() }),
        };
    }
    if name.contains("format-json") {
        // The capture's app is named in its descriptor (`ps__report__app1-format-json`).
        let app = name.split("__").nth(2).and_then(|d| d.strip_suffix("-format-json.txt")).unwrap_or("");
        return match dokku_ps::parse_report_json(app, text) {
            Ok((info, warning)) => {
                json!({ "ps": [info], "warnings": warning.into_iter().collect::<Vec<_>>() })
            }
            Err(e) => json!({ "error": e.to_string() }),
        };
    }
    // The global values as the first app's report repeats them (how Dokku before 0.38 shows them).
    let global = report_values_from_text(text, "ps")
        .ok()
        .and_then(|blocks| blocks.first().map(dokku_ps::global_from_values))
        .and_then(Result::ok)
        .map(|(global, _)| global);
    match dokku_ps::parse_report_text(text) {
        Ok((infos, warnings)) => json!({ "global": global, "ps": infos, "warnings": warnings }),
        Err(e) => json!({ "error": e.to_string() }),
    }
}

#[test]
fn captured_outputs_parse_to_expected_records() {
    let checked = check_fixtures(&Path::new(env!("CARGO_MANIFEST_DIR")).join("test_data"), parse);
    assert!(checked >= 10);
}

#[test]
fn text_and_json_paths_give_the_same_info() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("test_data/0.38.27");
    let read = |f: &str| std::fs::read_to_string(dir.join(f)).unwrap_or_default();
    let (from_text, warnings) =
        dokku_ps::parse_report_text(&read("ps__report__app1.txt")).unwrap_or_default();
    let from_json = dokku_ps::parse_report_json("app1", &read("ps__report__app1-format-json.txt")).ok();
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(from_text.first(), from_json.as_ref().map(|(info, _)| info));
    assert_eq!(from_json.and_then(|(_, warning)| warning), None);
}

#[test]
fn app_records_carry_no_global_values() {
    // pydokku put `global_procfile_path` into every app record (spec E.27).
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("test_data/pydokku");
    let text = std::fs::read_to_string(dir.join("ps__report__three-apps.txt")).unwrap_or_default();
    let (infos, _) = dokku_ps::parse_report_text(&text).unwrap_or_default();
    let exported = serde_json::to_string(&infos).unwrap_or_default();
    assert_eq!(infos.len(), 3);
    assert!(!exported.contains("global"), "{exported}");
}

#[test]
fn unknown_fields_are_kept_and_bad_values_name_the_app() {
    let text = "=====> app1 ps information\n       Deployed:   false\n       Ps shiny:   yes\n       Running:    mixed\n";
    let (infos, warnings) = dokku_ps::parse_report_text(text).unwrap_or_default();
    assert_eq!(infos[0].extra.get("shiny").map(String::as_str), Some("yes"));
    assert_eq!(infos[0].running, None);
    assert!(warnings.len() == 1 && warnings[0].contains("shiny"), "{warnings:?}");
    let bad = "=====> app1 ps information\n       Restore:   maybe\n";
    let err = dokku_ps::parse_report_text(bad).err().map(|e| e.to_string()).unwrap_or_default();
    assert!(err.contains("app1") && err.contains("restore"), "{err}");
}
