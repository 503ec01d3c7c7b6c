//! Every captured `buildpacks:report` (text and JSON, each app, all apps, `--global`) and
//! `buildpacks:list` parses to the expected records, and the text and JSON paths agree.

use std::path::Path;

use dokku_buildpacks::{Buildpacks, app_from_values};
use serde_json::json;

fn dir() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("test_data/0.38.27")
}

/// The apps of the bulk text report, in its order: the bulk JSON form names no app, and Dokku
/// prints both in the same (sorted) order.
fn bulk_apps() -> Vec<String> {
    let text = std::fs::read_to_string(dir().join("buildpacks__report__all.txt")).unwrap_or_default();
    dokku_buildpacks::parse_report_text(&text)
        .map(|(records, _)| records.into_iter().filter_map(|r| r.app_name).collect())
        .unwrap_or_default()
}

fn parse(path: &Path, text: &str) -> serde_json::Value {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let (subject, json) = dokku_core::fixtures::capture_subject(&name);
    if name.starts_with("buildpacks__list__") {
        return match dokku_buildpacks::parse_list_text(text) {
            Ok(urls) => json!({ "buildpacks": urls }),
            Err(e) => json!({ "error": e.to_string() }),
        };
    }
    let result: Result<(Vec<Buildpacks>, Vec<String>), String> = match (json, subject) {
        (false, _) => dokku_buildpacks::parse_report_text(text).map_err(|e| e.to_string()),
        (true, "all") => dokku_core::fixtures::bulk_json_records(text, "buildpacks", bulk_apps(), |values| {
            app_from_values(values).map_err(|e| e.to_string())
        }),
        (true, "global") => dokku_buildpacks::parse_report_json(None, text)
            .map(|(r, w)| (vec![r], w.into_iter().collect()))
            .map_err(|e| e.to_string()),
        (true, app) => dokku_buildpacks::parse_report_json(Some(app), text)
            .map(|(r, w)| (vec![r], w.into_iter().collect()))
            .map_err(|e| e.to_string()),
    };
    match result {
        Ok((records, warnings)) => json!({ "records": records, "warnings": warnings }),
        Err(e) => json!({ "error": e }),
    }
}

#[test]
fn captured_reports_and_lists_parse_to_expected_records() {
    let checked = dokku_core::fixtures::check_fixtures(&dir(), parse);
    assert_eq!(checked, 16);
}

#[test]
fn text_json_and_list_give_the_same_records() {
    let read = |f: &str| std::fs::read_to_string(dir().join(f)).unwrap_or_default();
    for app in ["w2-alpha", "w2-beta", "w2-gamma", "w2-delta"] {
        let (from_text, _) =
            dokku_buildpacks::parse_report_text(&read(&format!("buildpacks__report__{app}.txt")))
                .unwrap_or_default();
        let from_json = dokku_buildpacks::parse_report_json(
            Some(app),
            &read(&format!("buildpacks__report__{app}-format-json.txt")),
        )
        .ok()
        .map(|(r, _)| r);
        assert_eq!(from_text.first(), from_json.as_ref(), "{app}");
        let listed = dokku_buildpacks::parse_list_text(&read(&format!("buildpacks__list__{app}.txt"))).ok();
        assert_eq!(listed.as_ref(), from_json.as_ref().map(|r| &r.buildpacks), "{app}");
        assert!(from_json.is_some_and(|r| r.extra.is_empty()));
    }
    let (global, warning) =
        dokku_buildpacks::parse_report_json(None, &read("buildpacks__report__global-format-json.txt"))
            .unwrap_or_default();
    assert_eq!(global.stack.as_deref(), Some("gliderlabs/herokuish:latest-24"));
    assert!(warning.is_none());
}

#[test]
fn parsers_survive_every_input() {
    let ran = dokku_core::fixtures::survive_every_input(&dir(), |text| {
        let _ = dokku_buildpacks::parse_report_text(text);
        let _ = dokku_buildpacks::parse_report_json(Some("a"), text);
        let _ = dokku_buildpacks::parse_report_json(None, text);
        let _ = dokku_buildpacks::parse_list_text(text);
    });
    assert!(ran > 16);
}
