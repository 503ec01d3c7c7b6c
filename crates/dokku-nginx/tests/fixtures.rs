//! Every captured `nginx:report` (text and JSON) parses to the expected records.

use std::path::Path;

use dokku_core::fixtures::check_fixtures;
use dokku_nginx::{GlobalValues, parse_report_json, parse_report_text};
use serde_json::json;

/// Captures from Dokku 0.38 and later print raw global values; older ones (pydokku's samples are
/// from 0.35) print them resolved.
fn globals_of(path: &Path) -> GlobalValues {
    if path.components().any(|c| c.as_os_str() == "pydokku") {
        GlobalValues::Resolved
    } else {
        GlobalValues::Raw
    }
}

fn parse(path: &Path, text: &str) -> serde_json::Value {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let result = if name.contains("format-json") {
        // The capture's app is named in its descriptor (`nginx__report__app1-format-json`).
        let app = name.split("__").nth(2).and_then(|d| d.strip_suffix("-format-json.txt")).unwrap_or("");
        parse_report_json(Some(app), text, globals_of(path))
    } else {
        parse_report_text(text, globals_of(path))
    };
    match result {
        Ok(report) => serde_json::to_value(report).unwrap_or_default(),
        Err(e) => json!({ "error": e.to_string() }),
    }
}

#[test]
fn captured_reports_parse_to_expected_records() {
    let checked = check_fixtures(&Path::new(env!("CARGO_MANIFEST_DIR")).join("test_data"), parse);
    assert!(checked >= 3);
}

#[test]
fn text_and_json_paths_give_the_same_records() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("test_data/0.38.27");
    let read = |f: &str| std::fs::read_to_string(dir.join(f)).unwrap_or_default();
    let from_text = parse_report_text(&read("nginx__report__app1.txt"), GlobalValues::Raw).ok();
    let from_json =
        parse_report_json(Some("app1"), &read("nginx__report__app1-format-json.txt"), GlobalValues::Raw).ok();
    assert!(from_text.is_some());
    assert_eq!(from_text, from_json);
}

#[test]
fn a_global_report_gives_the_global_record() {
    let text = "=====> --global nginx information\n       Nginx global hsts:              false\n       Nginx global proxy buffers:     8 8k\n";
    let report = parse_report_text(text, GlobalValues::Raw).unwrap_or_default();
    assert!(report.apps.is_empty() && report.warnings.is_empty(), "{report:?}");
    let global = report.global.unwrap_or_default();
    assert_eq!((global.hsts, global.proxy_buffers.as_deref()), (Some(false), Some("8 8k")));
}

#[test]
fn an_unknown_field_is_kept_and_warned_about() {
    let text =
        "=====> app1 nginx information\n       Nginx hsts:   true\n       Nginx shiny new thing:   yes\n";
    let report = parse_report_text(text, GlobalValues::Raw).unwrap_or_default();
    assert_eq!(report.apps[0].extra.get("shiny-new-thing").map(String::as_str), Some("yes"));
    assert_eq!(report.apps[0].hsts, Some(true));
    assert_eq!(report.warnings.len(), 1);
    assert!(report.warnings[0].contains("shiny-new-thing"), "{:?}", report.warnings);
}

#[test]
fn a_bad_value_is_an_error_naming_the_app_and_key() {
    let text = "=====> app1 nginx information\n       Nginx hsts max age:   soon\n";
    let err = parse_report_text(text, GlobalValues::Raw).err().map(|e| e.to_string()).unwrap_or_default();
    assert!(err.contains("app1") && err.contains("hsts-max-age"), "{err}");
}
