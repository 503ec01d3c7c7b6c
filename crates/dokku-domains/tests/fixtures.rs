//! Every captured `domains:report` (text and JSON) parses to the expected records, and apply
//! recreates them deterministically.

use std::path::Path;

use dokku_core::plugin::{Glue, Plugin, PluginGlue};
use dokku_domains::{Domain, DomainsPlugin};
use serde_json::json;

fn parse(path: &Path, text: &str) -> serde_json::Value {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    if name.contains("format-json") {
        // The capture's scope is named in its descriptor (`…__app1-format-json`).
        let scope = name.split("__").nth(2).and_then(|d| d.strip_suffix("-format-json.txt")).unwrap_or("");
        let app = (scope != "global").then_some(scope);
        match dokku_domains::parse_report_json(app, text) {
            Ok((domain, warning)) => {
                json!({ "domains": [domain], "warnings": warning.into_iter().collect::<Vec<_>>() })
            }
            Err(e) => json!({ "error": e.to_string() }),
        }
    } else {
        match dokku_domains::parse_report_text(text) {
            Ok((domains, warnings)) => json!({ "domains": domains, "warnings": warnings }),
            Err(e) => json!({ "error": e.to_string() }),
        }
    }
}

#[test]
fn captured_reports_parse_to_expected_records() {
    let checked =
        dokku_core::fixtures::check_fixtures(&Path::new(env!("CARGO_MANIFEST_DIR")).join("test_data"), parse);
    assert!(checked >= 7);
}

#[test]
fn text_and_json_paths_give_the_same_record() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("test_data/0.38.27");
    let read = |f: &str| std::fs::read_to_string(dir.join(f)).unwrap_or_default();
    let (from_text, _) =
        dokku_domains::parse_report_text(&read("domains__report__app1.txt")).unwrap_or_default();
    let from_json =
        dokku_domains::parse_report_json(Some("app1"), &read("domains__report__app1-format-json.txt")).ok();
    assert_eq!(from_text.first(), from_json.as_ref().map(|(d, _)| d));
    assert!(from_text.first().is_some_and(|d| d.extra.is_empty()));
}

fn domain(app: Option<&str>, enabled: bool, domains: &[&str]) -> Domain {
    Domain {
        enabled,
        domains: domains.iter().map(|d| (*d).to_owned()).collect(),
        app_name: app.map(str::to_owned),
        extra: Default::default(),
    }
}

#[test]
fn apply_is_deterministic_global_first_and_keeps_disabled_apps_domains() {
    let records = vec![
        domain(Some("app1"), true, &["a.example.com", "b.example.com"]),
        domain(Some("app2"), true, &[]),
        domain(None, false, &[]),
        domain(Some("app3"), false, &["c.example.com"]),
    ];
    let lines: Vec<String> =
        DomainsPlugin::apply_commands(&records).iter().map(ToString::to_string).collect();
    assert_eq!(
        lines,
        [
            "dokku domains:clear-global",
            "dokku domains:enable app1",
            "dokku domains:set app1 a.example.com b.example.com",
            "dokku domains:enable app2",
            "dokku domains:set app2 dokku-rs-placeholder.invalid",
            "dokku domains:remove app2 dokku-rs-placeholder.invalid",
            "dokku domains:set app3 c.example.com",
            "dokku domains:disable app3",
        ]
    );
    assert_eq!(DomainsPlugin::apply_commands(&records), DomainsPlugin::apply_commands(&records));
    let global = DomainsPlugin::apply_commands(&[domain(None, true, &["example.com"])]);
    assert_eq!(
        global.iter().map(ToString::to_string).collect::<Vec<_>>(),
        ["dokku domains:set-global example.com"]
    );
    assert_eq!(global[0].written_app(), Some(None));
}

#[test]
fn pydokku_documents_are_read_and_bad_domains_named() {
    let glue = Glue::<DomainsPlugin>::new();
    let doc = [
        json!({ "enabled": true, "domains": ["dokku.example.net"] }),
        json!({ "enabled": false, "domains": [], "app_name": "test-app-7" }),
    ];
    let lines: Vec<String> =
        glue.plan_create(&doc).unwrap_or_default().iter().map(ToString::to_string).collect();
    assert_eq!(lines.len(), 4, "{lines:?}");
    assert_eq!(lines[3], "dokku domains:disable test-app-7");
    let bad = [json!({ "enabled": true, "domains": ["ok.example.com", "bad_domain!"], "app_name": "app1" })];
    let errors = glue.plan_create(&bad).err().unwrap_or_default();
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].path, "$.domains[0].domains[1]");
}
