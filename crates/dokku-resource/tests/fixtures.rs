//! Every captured `resource:report` (text and JSON, each app, all apps, `--global`) and the
//! captured `resource:limit` output parse to the expected records; text and JSON agree.

use std::path::Path;

use dokku_resource::{Resources, app_from_values};
use serde_json::json;

const APPS: [&str; 4] = ["w2-alpha", "w2-beta", "w2-gamma", "w2-delta"];

fn dir() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("test_data/0.38.27")
}

fn read(file: &str) -> String {
    std::fs::read_to_string(dir().join(file)).unwrap_or_default()
}

/// The apps of the bulk text report, in its order (the bulk JSON form names none; Dokku prints
/// both in the same sorted order).
fn bulk_apps() -> Vec<String> {
    dokku_resource::parse_report_text(&read("resource__report__all.txt"))
        .map(|(records, _)| records.into_iter().map(|r| r.app_name).collect())
        .unwrap_or_default()
}

fn parse(path: &Path, text: &str) -> serde_json::Value {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    if name.starts_with("resource__limit__") {
        return match dokku_resource::parse_set_output(text) {
            Ok(output) => json!({ "set": output }),
            Err(e) => json!({ "error": e.to_string() }),
        };
    }
    if dokku_core::fixtures::capture_subject(&name) == ("global", true) {
        // Resources are per app: the global report has no fields.
        return dokku_core::fixtures::global_json_fields(text, "resource");
    }
    let result: Result<(Vec<Resources>, Vec<String>), String> =
        match dokku_core::fixtures::capture_subject(&name) {
            (_, false) => dokku_resource::parse_report_text(text).map_err(|e| e.to_string()),
            ("all", true) => {
                dokku_core::fixtures::bulk_json_records(text, "resource", bulk_apps(), |values| {
                    app_from_values(values).map_err(|e| e.to_string())
                })
            }
            (app, true) => dokku_resource::parse_report_json(app, text)
                .map(|(r, w)| (vec![r], w.into_iter().collect()))
                .map_err(|e| e.to_string()),
        };
    match result {
        Ok((records, warnings)) => json!({ "records": records, "warnings": warnings }),
        Err(e) => json!({ "error": e }),
    }
}

#[test]
fn captured_reports_parse_to_expected_records() {
    let checked = dokku_core::fixtures::check_fixtures(&dir(), parse);
    assert_eq!(checked, 13);
}

#[test]
fn text_and_json_give_the_same_records() {
    for app in APPS {
        let (from_json, warning) = dokku_resource::parse_report_json(
            app,
            &read(&format!("resource__report__{app}-format-json.txt")),
        )
        .unwrap_or_default();
        assert!(warning.is_none() && from_json.extra.is_empty(), "{app}: {warning:?}");
        let (from_text, _) =
            dokku_resource::parse_report_text(&read(&format!("resource__report__{app}.txt")))
                .unwrap_or_default();
        assert_eq!(from_text.first(), Some(&from_json), "{app}");
    }
    let (beta, _) =
        dokku_resource::parse_report_json("w2-beta", &read("resource__report__w2-beta-format-json.txt"))
            .unwrap_or_default();
    assert_eq!(beta.reservations["worker"]["memory"], "128m");
    assert_eq!(beta.limits["web"]["memory"], "256m");
}

#[test]
fn parsers_survive_every_input() {
    let ran = dokku_core::fixtures::survive_every_input(&dir(), |text| {
        let _ = dokku_resource::parse_report_text(text);
        let _ = dokku_resource::parse_report_json("a", text);
        let _ = dokku_resource::parse_set_output(text);
    });
    assert!(ran > 13);
}

#[test]
fn reports_before_0_38_8_read_the_same() {
    // Up to 0.38.7 the text labels had no `resource` word and JSON had no legacy twins.
    let text = "=====> app1 resource information\n       _default_ limit memory: 512m\n       web reserve memory swap: 1g\n";
    let json = r#"{"_default_.limit.memory":"512m","web.reserve.memory-swap":"1g"}"#;
    let (from_text, warnings) = dokku_resource::parse_report_text(text).unwrap_or_default();
    let (from_json, warning) = dokku_resource::parse_report_json("app1", json).unwrap_or_default();
    assert!(warnings.is_empty() && warning.is_none());
    assert_eq!(from_text.first(), Some(&from_json));
    assert_eq!(from_json.reservations["web"]["memory-swap"], "1g");
    // A field the model does not know is kept and named, never dropped.
    let (newer, warning) =
        dokku_resource::parse_report_json("app1", r#"{"web.limit.disk":"1g"}"#).unwrap_or_default();
    assert_eq!(newer.extra.get("web-limit-disk").map(String::as_str), Some("1g"));
    assert!(warning.is_some_and(|w| w.contains("web-limit-disk")));
}
