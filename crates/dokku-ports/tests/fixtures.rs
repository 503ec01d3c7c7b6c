//! Every captured `ports:report` (text and JSON) and port table parses to the expected records.

use std::path::Path;

use dokku_core::fixtures::check_fixtures;
use serde_json::json;

/// The app named in a capture's descriptor (`ports__list__app1.txt`, `…__old-test-app-7.txt`).
fn descriptor(name: &str) -> &str {
    name.split("__").nth(2).and_then(|d| d.strip_suffix(".txt")).unwrap_or("")
}

fn parse(path: &Path, text: &str) -> serde_json::Value {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    if name.contains("format-json") {
        let app = descriptor(&name).trim_end_matches("-format-json");
        match dokku_ports::parse_report_json(app, text) {
            Ok((ports, warning)) => {
                json!({ "ports": ports, "warnings": warning.into_iter().collect::<Vec<_>>() })
            }
            Err(e) => json!({ "error": e.to_string() }),
        }
    } else if name.contains("__list__") || name.contains("__proxy-ports__") {
        // Tables: `ports:list <app>` and the pre-0.31 `proxy:ports <app>`.
        let app = descriptor(&name).trim_start_matches("old-");
        let app = app.split('.').next().unwrap_or(app);
        match dokku_ports::parse_ports_table(app, text) {
            Ok(ports) => json!({ "ports": ports }),
            Err(e) => json!({ "error": e.to_string() }),
        }
    } else {
        match dokku_ports::parse_report_text(text) {
            Ok((ports, warnings)) => json!({ "ports": ports, "warnings": warnings }),
            Err(e) => json!({ "error": e.to_string() }),
        }
    }
}

#[test]
fn captured_outputs_parse_to_expected_records() {
    let checked = check_fixtures(&Path::new(env!("CARGO_MANIFEST_DIR")).join("test_data"), parse);
    assert!(checked >= 9);
}

#[test]
fn text_json_and_table_give_the_same_ports() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("test_data/0.38.27");
    let read = |f: &str| std::fs::read_to_string(dir.join(f)).unwrap_or_default();
    let (from_text, warnings) =
        dokku_ports::parse_report_text(&read("ports__report__app1.txt")).unwrap_or_default();
    let from_json = dokku_ports::parse_report_json("app1", &read("ports__report__app1-format-json.txt")).ok();
    let from_table =
        dokku_ports::parse_ports_table("app1", &read("ports__list__app1.txt")).unwrap_or_default();
    assert_eq!(from_text.len(), 2);
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(Some(&from_text), from_json.as_ref().map(|(ports, _)| ports));
    assert_eq!(from_text, from_table);
}

#[test]
fn detected_ports_are_never_global_records() {
    // pydokku turned the first app's `Ports map detected` into global records (spec E.33).
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("test_data/pydokku");
    let text = std::fs::read_to_string(dir.join("ports__report__three-apps.txt")).unwrap_or_default();
    let (ports, _) = dokku_ports::parse_report_text(&text).unwrap_or_default();
    assert_eq!(ports.len(), 2);
    assert!(ports.iter().all(|p| p.app_name.as_deref() == Some("test-app-1")));
}

#[test]
fn an_unknown_field_is_warned_about_and_a_bad_map_is_an_error() {
    let text = "=====> app1 ports information\n       Ports map:        http:80:5000\n       Ports shiny:      yes\n";
    let (ports, warnings) = dokku_ports::parse_report_text(text).unwrap_or_default();
    assert_eq!(ports.len(), 1);
    assert!(warnings.len() == 1 && warnings[0].contains("shiny"), "{warnings:?}");
    let bad = "=====> app1 ports information\n       Ports map:        http:x:5000\n";
    let err = dokku_ports::parse_report_text(bad).err().map(|e| e.to_string()).unwrap_or_default();
    assert!(err.contains("app1") && err.contains("http:x:5000"), "{err}");
}

#[test]
fn the_list_grammar_survives_every_input() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("test_data");
    let ran = dokku_core::fixtures::survive_every_input(&dir, |text| {
        let _ = dokku_ports::parse_ports_list(text);
    });
    assert!(ran > dokku_core::fixtures::PATHOLOGICAL_INPUTS.len());
}
