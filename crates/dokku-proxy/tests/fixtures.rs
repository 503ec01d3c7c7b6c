//! Every captured `proxy:report` (text and JSON) parses to the expected records.

use std::path::Path;

use dokku_core::fixtures::check_fixtures;
use dokku_core::text::report_values_from_text;
use serde_json::json;

fn parse(path: &Path, text: &str) -> serde_json::Value {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    if name.contains("format-json") {
        // The capture's app is named in its descriptor (`proxy__report__app1-format-json`).
        let app = name.split("__").nth(2).and_then(|d| d.strip_suffix("-format-json.txt")).unwrap_or("");
        match dokku_proxy::parse_report_json(app, text) {
            Ok((proxy, warning)) => {
                json!({ "proxy": [proxy], "warnings": warning.into_iter().collect::<Vec<_>>() })
            }
            Err(e) => json!({ "error": e.to_string() }),
        }
    } else {
        // The global values as the first app's report repeats them (how Dokku before 0.38 shows them).
        let global = report_values_from_text(text, "proxy")
            .ok()
            .and_then(|blocks| blocks.first().map(dokku_proxy::global_from_values))
            .and_then(Result::ok)
            .map(|(global, _)| global);
        match dokku_proxy::parse_report_text(text) {
            Ok((proxies, warnings)) => json!({ "global": global, "proxy": proxies, "warnings": warnings }),
            Err(e) => json!({ "error": e.to_string() }),
        }
    }
}

#[test]
fn captured_reports_parse_to_expected_records() {
    let checked = check_fixtures(&Path::new(env!("CARGO_MANIFEST_DIR")).join("test_data"), parse);
    assert!(checked >= 5);
}

#[test]
fn text_and_json_paths_give_the_same_proxy() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("test_data/0.38.27");
    let read = |f: &str| std::fs::read_to_string(dir.join(f)).unwrap_or_default();
    let (from_text, warnings) =
        dokku_proxy::parse_report_text(&read("proxy__report__app1.txt")).unwrap_or_default();
    let from_json = dokku_proxy::parse_report_json("app1", &read("proxy__report__app1-format-json.txt")).ok();
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(from_text.first(), from_json.as_ref().map(|(proxy, _)| proxy));
    assert_eq!(from_json.and_then(|(_, warning)| warning), None);
}

#[test]
fn the_global_report_gives_the_global_record() {
    let text = "=====> --global proxy information\n       Proxy computed proxy port:     80\n       Proxy computed proxy ssl port: \n       Proxy computed type:           caddy\n       Proxy global proxy port:       8080\n       Proxy global proxy ssl port:   \n       Proxy global type:             caddy\n";
    let blocks = report_values_from_text(text, "proxy").unwrap_or_default();
    let (global, warning) = blocks.first().map(dokku_proxy::global_from_values).and_then(Result::ok).unzip();
    let global = global.unwrap_or_default();
    assert_eq!(global.global_type.as_deref(), Some("caddy"));
    assert_eq!(global.global_proxy_port, Some(8080));
    assert_eq!(warning.flatten(), None);
}

#[test]
fn unknown_fields_are_kept_and_bad_values_name_the_app() {
    let text = "=====> app1 proxy information\n       Proxy enabled:   true\n       Proxy shiny:     yes\n";
    let (proxies, warnings) = dokku_proxy::parse_report_text(text).unwrap_or_default();
    assert_eq!(proxies[0].extra.get("shiny").map(String::as_str), Some("yes"));
    assert!(warnings.len() == 1 && warnings[0].contains("shiny"), "{warnings:?}");
    let bad = "=====> app1 proxy information\n       Proxy enabled:   maybe\n";
    let err = dokku_proxy::parse_report_text(bad).err().map(|e| e.to_string()).unwrap_or_default();
    assert!(err.contains("app1") && err.contains("enabled"), "{err}");
}
