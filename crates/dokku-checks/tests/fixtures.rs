//! Every captured `checks:report` (text and JSON) parses to the expected records, and apply
//! recreates them with globals only in the global record.

use std::path::Path;

use dokku_checks::{ALL_PROCESSES, Check, CheckStatus, ChecksPlugin};
use dokku_core::plugin::{Glue, Plugin, PluginGlue};
use dokku_core::text::report_values_from_text;
use serde_json::json;

fn parse(path: &Path, text: &str) -> serde_json::Value {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    if name.contains("format-json") {
        // The capture's scope is named in its descriptor (`…__app1-format-json`).
        let scope = name.split("__").nth(2).and_then(|d| d.strip_suffix("-format-json.txt")).unwrap_or("");
        let app = (scope != "global").then_some(scope);
        return match dokku_checks::parse_report_json(app, text) {
            Ok((checks, warning)) => {
                json!({ "checks": checks, "warnings": warning.into_iter().collect::<Vec<_>>() })
            }
            Err(e) => json!({ "error": e.to_string() }),
        };
    }
    // The global record as an older server's export builds it: from the first app report.
    let global = report_values_from_text(text, "checks")
        .ok()
        .and_then(|blocks| blocks.first().map(dokku_checks::global_wait_from_app_values))
        .map(|wait| wait.map(dokku_checks::global_record));
    match (dokku_checks::parse_report_text(text), global) {
        (Ok((checks, warnings)), Some(Ok(global))) => {
            json!({ "global_from_first_app": global, "checks": checks, "warnings": warnings })
        }
        (Err(e), _) => json!({ "error": e.to_string() }),
        (_, Some(Err(e))) => json!({ "error": e }),
        (Ok((checks, warnings)), None) => json!({ "checks": checks, "warnings": warnings }),
    }
}

#[test]
fn captured_reports_parse_to_expected_records() {
    let checked =
        dokku_core::fixtures::check_fixtures(&Path::new(env!("CARGO_MANIFEST_DIR")).join("test_data"), parse);
    assert!(checked >= 5);
}

#[test]
fn text_and_json_paths_give_the_same_records() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("test_data/0.38.27");
    let read = |f: &str| std::fs::read_to_string(dir.join(f)).unwrap_or_default();
    let (from_text, _) =
        dokku_checks::parse_report_text(&read("checks__report__app1.txt")).unwrap_or_default();
    let (from_json, _) =
        dokku_checks::parse_report_json(Some("app1"), &read("checks__report__app1-format-json.txt"))
            .unwrap_or_default();
    assert_eq!(from_text, from_json);
    assert_eq!(from_text.len(), 2);
}

#[test]
fn bash_era_global_report_gives_the_global_record() {
    let text = "=====> global checks information\n       Checks computed wait to retire: 45                       \n       Checks global wait to retire:  45                       \n";
    let (records, warnings) = dokku_checks::parse_report_text(text).unwrap_or_default();
    assert_eq!(records, [dokku_checks::global_record(Some(45))]);
    assert!(warnings.is_empty());
}

fn check(
    app: Option<&str>,
    process: &str,
    status: Option<CheckStatus>,
    app_wait: Option<u64>,
    global_wait: Option<u64>,
) -> Check {
    Check {
        process: process.into(),
        app_name: app.map(str::to_owned),
        status,
        app_wait_to_retire: app_wait,
        global_wait_to_retire: global_wait,
        extra: Default::default(),
    }
}

#[test]
fn apply_sets_globals_once_and_never_sends_none() {
    use CheckStatus::*;
    let records = vec![
        check(Some("app8"), ALL_PROCESSES, Some(Enabled), Some(30), Some(60)),
        check(None, ALL_PROCESSES, None, None, Some(60)),
        check(Some("app9"), "web", Some(Disabled), None, Some(60)),
        check(Some("app9"), "worker", Some(Disabled), None, Some(60)),
        check(Some("app9"), "another-worker", Some(Skipped), None, Some(60)),
        check(Some("app10"), ALL_PROCESSES, Some(Disabled), None, None),
    ];
    let lines: Vec<String> = ChecksPlugin::apply_commands(&records).iter().map(ToString::to_string).collect();
    assert_eq!(
        lines,
        [
            "dokku checks:set --global wait-to-retire 60",
            "dokku checks:set app8 wait-to-retire 30",
            "dokku checks:enable app8",
            "dokku checks:disable app9 web,worker",
            "dokku checks:skip app9 another-worker",
            "dokku checks:disable app10",
        ]
    );
    let unset_global = [check(None, ALL_PROCESSES, None, None, None)];
    assert!(ChecksPlugin::apply_commands(&unset_global).is_empty());
}

#[test]
fn pydokku_documents_are_read_and_checked() {
    let glue = Glue::<ChecksPlugin>::new();
    let doc = [
        json!({ "process": "_all_", "global_wait_to_retire": 60 }),
        json!({ "process": "_all_", "app_name": "test-app-7", "status": "enabled", "global_wait_to_retire": 60 }),
    ];
    let lines: Vec<String> =
        glue.plan_create(&doc).unwrap_or_default().iter().map(ToString::to_string).collect();
    assert_eq!(lines, ["dokku checks:set --global wait-to-retire 60", "dokku checks:enable test-app-7"]);
    let bad = [
        json!({ "process": "web,worker", "app_name": "a", "status": "disabled" }),
        json!({ "process": "_all_", "status": "enabled" }),
        json!({ "process": "web", "app_name": "a", "status": "paused" }),
    ];
    let errors = glue.plan_create(&bad).err().unwrap_or_default();
    let paths: Vec<&str> = errors.iter().map(|e| e.path.as_str()).collect();
    assert_eq!(paths, ["$.checks[0].process", "$.checks[1].status", "$.checks[2].status"], "{errors:?}");
}
