//! Every captured git output (reports, netrc, deploy-key generation) parses to the expected records.

use std::path::Path;

use dokku_core::DokkuVersion;
use dokku_core::fixtures::check_fixtures;
use serde_json::json;

/// The Dokku version a capture comes from (pydokku's samples were taken on 0.35).
fn version_of(path: &Path) -> DokkuVersion {
    if path.to_string_lossy().contains("/pydokku/") {
        DokkuVersion::new(0, 35, 15)
    } else {
        DokkuVersion::new(0, 38, 27)
    }
}

fn parse(path: &Path, text: &str) -> serde_json::Value {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let version = version_of(path);
    if name.starts_with("git__cat-netrc__") {
        json!({ "auth": dokku_git::parse_netrc(text) })
    } else if name.starts_with("git__generate-deploy-key__") {
        match dokku_git::parse_generate_deploy_key(text) {
            Ok(key) => json!({ "deploy_key": key }),
            Err(e) => json!({ "error": e }),
        }
    } else if name.contains("format-json") {
        let app = name.split("__").nth(2).and_then(|d| d.strip_suffix("-format-json.txt")).unwrap_or("");
        match dokku_git::parse_report_json(app, text, &version) {
            Ok((git, global, warning)) => {
                json!({ "apps": [git], "global": global, "warnings": warning.into_iter().collect::<Vec<_>>() })
            }
            Err(e) => json!({ "error": e.to_string() }),
        }
    } else {
        match dokku_git::parse_report_text(text, &version) {
            Ok(report) => {
                json!({ "apps": report.apps, "global": report.global, "warnings": report.warnings })
            }
            Err(e) => json!({ "error": e.to_string() }),
        }
    }
}

#[test]
fn captured_outputs_parse_to_expected_records() {
    let checked = check_fixtures(&Path::new(env!("CARGO_MANIFEST_DIR")).join("test_data"), parse);
    assert!(checked >= 7);
}

#[test]
fn text_and_json_paths_give_the_same_records() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("test_data/0.38.27");
    let read = |f: &str| std::fs::read_to_string(dir.join(f)).unwrap_or_default();
    let version = DokkuVersion::new(0, 38, 27);
    let from_text =
        dokku_git::parse_report_text(&read("git__report__app1.txt"), &version).unwrap_or_default();
    let from_json =
        dokku_git::parse_report_json("app1", &read("git__report__app1-format-json.txt"), &version).ok();
    assert_eq!(from_text.apps.first(), from_json.as_ref().map(|(git, _, _)| git));
    assert_eq!(from_text.global.as_ref(), from_json.as_ref().map(|(_, global, _)| global));
}

#[test]
fn an_unknown_field_is_kept_and_warned_about() {
    let text =
        "=====> app1 git information\n       Git deploy branch:   main\n       Git shiny new thing:   yes\n";
    let report = dokku_git::parse_report_text(text, &DokkuVersion::new(0, 38, 27)).unwrap_or_default();
    let warnings = report.warnings;
    assert_eq!(report.apps[0].extra.get("shiny-new-thing").map(String::as_str), Some("yes"));
    assert_eq!(warnings.len(), 1);
    assert!(warnings[0].contains("shiny-new-thing"), "{warnings:?}");
}

#[test]
fn a_bad_value_is_an_error_naming_the_app_and_key() {
    let text = "=====> app1 git information\n       Git keep git dir:   maybe\n";
    let err = dokku_git::parse_report_text(text, &DokkuVersion::new(0, 38, 27))
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(err.contains("app1") && err.contains("keep-git-dir"), "{err}");
}
