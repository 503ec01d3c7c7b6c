//! Every captured `apps:report` (text and JSON) and `apps:list` parses to the expected records.

use std::path::Path;

use dokku_core::fixtures::check_fixtures;
use serde_json::json;

fn parse(path: &Path, text: &str) -> serde_json::Value {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    // `apps:list`, run directly or through SSH (`ssh__apps-list__…`, `ssh__root-apps-list__…`).
    if name.starts_with("apps__list__") || name.contains("apps-list__") {
        return dokku_apps::parse_apps_list(text)
            .map_or_else(|e| json!({ "error": e.to_string() }), |names| json!({ "names": names }));
    }
    if name.contains("format-json") {
        // The capture's app is named in its descriptor (`apps__report__app1-format-json`).
        let app = name.split("__").nth(2).and_then(|d| d.strip_suffix("-format-json.txt")).unwrap_or("");
        match dokku_apps::parse_report_json(app, text) {
            Ok((app, warning)) => {
                json!({ "apps": [app], "warnings": warning.into_iter().collect::<Vec<_>>() })
            }
            Err(e) => json!({ "error": e.to_string() }),
        }
    } else {
        match dokku_apps::parse_report_text(text) {
            Ok((apps, warnings)) => json!({ "apps": apps, "warnings": warnings }),
            Err(e) => json!({ "error": e.to_string() }),
        }
    }
}

#[test]
fn captured_reports_parse_to_expected_records() {
    let checked = check_fixtures(&Path::new(env!("CARGO_MANIFEST_DIR")).join("test_data"), parse);
    assert!(checked >= 12);
}

#[test]
fn text_and_json_paths_give_the_same_app() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("test_data/0.38.27");
    let read = |f: &str| std::fs::read_to_string(dir.join(f)).unwrap_or_default();
    let (from_text, _) = dokku_apps::parse_report_text(&read("apps__report__app1.txt")).unwrap_or_default();
    let from_json = dokku_apps::parse_report_json("app1", &read("apps__report__app1-format-json.txt")).ok();
    assert_eq!(from_text.first(), from_json.as_ref().map(|(app, _)| app));
}

#[test]
fn an_unknown_field_is_kept_and_warned_about() {
    let text = "=====> app1 app information\n       App created at:   1795694096\n       App dir:   /home/dokku/app1\n       App locked:   true\n       App shiny new thing:   yes\n";
    let (apps, warnings) = dokku_apps::parse_report_text(text).unwrap_or_default();
    assert_eq!(apps[0].extra.get("shiny-new-thing").map(String::as_str), Some("yes"));
    assert!(apps[0].locked);
    assert_eq!(warnings.len(), 1);
    assert!(warnings[0].contains("shiny-new-thing"), "{warnings:?}");
}

#[test]
fn a_bad_value_is_an_error_naming_the_app() {
    let text = "=====> app1 app information\n       App locked:   maybe\n";
    let err = dokku_apps::parse_report_text(text).err().map(|e| e.to_string()).unwrap_or_default();
    assert!(err.contains("app1") && err.contains("locked"), "{err}");
}

#[test]
fn the_list_grammar_survives_every_input() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("test_data");
    let ran = dokku_core::fixtures::survive_every_input(&dir, |text| {
        let _ = dokku_apps::parse_apps_list(text);
    });
    assert!(ran > dokku_core::fixtures::PATHOLOGICAL_INPUTS.len());
}
