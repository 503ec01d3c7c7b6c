//! Every captured `network:report`, `network:list` and `network:info` parses to the expected records.

use std::path::Path;

use dokku_core::fixtures::check_fixtures;
use serde_json::json;

fn parse(path: &Path, text: &str) -> serde_json::Value {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let json_form = name.contains("format-json");
    if name.starts_with("network__list") && json_form {
        match dokku_network::parse_network_list_json(text) {
            Ok((networks, warnings)) => json!({ "networks": networks, "warnings": warnings }),
            Err(e) => json!({ "error": e.to_string() }),
        }
    } else if name.starts_with("network__list") {
        match dokku_network::parse_network_list_text(text) {
            Ok(networks) => json!({ "networks": networks }),
            Err(e) => json!({ "error": e.to_string() }),
        }
    } else if name.starts_with("network__info") {
        match dokku_network::parse_network_info_json(text) {
            Ok((network, warning)) => {
                json!({ "networks": [network], "warnings": warning.into_iter().collect::<Vec<_>>() })
            }
            Err(e) => json!({ "error": e.to_string() }),
        }
    } else if json_form {
        let app = name.split("__").nth(2).and_then(|d| d.strip_suffix("-format-json.txt")).unwrap_or("");
        match dokku_network::parse_report_json(app, text) {
            Ok((settings, global, warning)) => json!({
                "apps": [settings],
                "global": global,
                "warnings": warning.into_iter().collect::<Vec<_>>(),
            }),
            Err(e) => json!({ "error": e.to_string() }),
        }
    } else {
        match dokku_network::parse_report_text(text) {
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
    assert!(checked >= 10);
}

#[test]
fn text_and_json_reports_give_the_same_settings() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("test_data/0.38.27");
    let read = |f: &str| std::fs::read_to_string(dir.join(f)).unwrap_or_default();
    let from_text = dokku_network::parse_report_text(&read("network__report__app1.txt")).unwrap_or_default();
    let from_json =
        dokku_network::parse_report_json("app1", &read("network__report__app1-format-json.txt")).ok();
    assert_eq!(from_text.apps.first(), from_json.as_ref().map(|(s, _, _)| s));
    assert_eq!(from_text.global.as_ref(), from_json.as_ref().map(|(_, g, _)| g));
}

#[test]
fn text_and_json_lists_give_the_same_names() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("test_data/0.38.27");
    let read = |f: &str| std::fs::read_to_string(dir.join(f)).unwrap_or_default();
    let names = |networks: Vec<dokku_network::Network>| {
        let mut names: Vec<String> = networks.into_iter().map(|n| n.name).collect();
        names.sort();
        names
    };
    let text =
        dokku_network::parse_network_list_text(&read("network__list__default.txt")).unwrap_or_default();
    let json =
        dokku_network::parse_network_list_json(&read("network__list__format-json.txt")).unwrap_or_default();
    assert_eq!(names(text), names(json.0));
}

#[test]
fn the_global_json_report_has_twin_keys_and_no_app() {
    // As Dokku 0.38.27 prints `network:report --global --format json` (from the simulator).
    let text = r#"{"computed-attach-post-create":"","computed-bind-all-interfaces":"false","computed-initial-network":"net1","global-attach-post-create":"a,b","global-bind-all-interfaces":"","global-initial-network":"net1","global-tld":"","network-computed-attach-post-create":"","network-global-attach-post-create":"a,b","network-global-initial-network":"net1"}"#;
    let values = dokku_core::text::report_values_from_json(
        text,
        dokku_core::text::ReportSubject::Global,
        dokku_network::REPORT.type_prefix,
    );
    let global =
        values.ok().map(|v| (dokku_network::global_from_values(&v), dokku_network::global_warning(&v)));
    let Some((Ok(global), warning)) = global else { panic!("the global report did not parse") };
    assert_eq!(global.attach_post_create, ["a", "b"]);
    assert_eq!(global.initial_network.as_deref(), Some("net1"));
    assert_eq!(global.app_name, None);
    assert_eq!(warning, None);
}

#[test]
fn an_unknown_field_is_kept_and_warned_about() {
    let text = "=====> app1 network information\n       Network tld:   svc.local\n       Network shiny new thing:   yes\n";
    let report = dokku_network::parse_report_text(text).unwrap_or_default();
    assert_eq!(report.apps[0].extra.get("shiny-new-thing").map(String::as_str), Some("yes"));
    assert_eq!(report.apps[0].tld.as_deref(), Some("svc.local"));
    assert_eq!(report.warnings.len(), 1);
}

#[test]
fn a_bad_value_is_an_error_naming_the_app_and_key() {
    let text = "=====> app1 network information\n       Network bind all interfaces:   maybe\n";
    let err = dokku_network::parse_report_text(text).err().map(|e| e.to_string()).unwrap_or_default();
    assert!(err.contains("app1") && err.contains("bind-all-interfaces"), "{err}");
}

#[test]
fn the_list_grammar_survives_every_input() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("test_data");
    let ran = dokku_core::fixtures::survive_every_input(&dir, |text| {
        let _ = dokku_network::parse_network_list_text(text);
    });
    assert!(ran > dokku_core::fixtures::PATHOLOGICAL_INPUTS.len());
}
