//! Every captured `letsencrypt:report` (text and JSON) and `letsencrypt:list` parses to the
//! expected records.

use std::path::Path;

use dokku_core::fixtures::check_fixtures;
use serde_json::json;

fn parse_report(path: &Path, text: &str) -> serde_json::Value {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    if name.contains("format-json") {
        // The capture's app is named in its descriptor (`letsencrypt__report__app1-format-json`).
        let app = name.split("__").nth(2).and_then(|d| d.strip_suffix("-format-json.txt")).unwrap_or("");
        match dokku_letsencrypt::parse_report_json(app, text) {
            Ok((record, warnings)) => json!({ "letsencrypt": [record], "warnings": warnings }),
            Err(e) => json!({ "error": e.to_string() }),
        }
    } else {
        match dokku_letsencrypt::parse_report_text(text) {
            Ok((records, warnings)) => json!({ "letsencrypt": records, "warnings": warnings }),
            Err(e) => json!({ "error": e.to_string() }),
        }
    }
}

fn parse_list(_path: &Path, text: &str) -> serde_json::Value {
    match dokku_letsencrypt::grace_periods_from_list(text) {
        Ok(graces) => json!({ "grace_period_seconds": graces }),
        Err(e) => json!({ "error": e.to_string() }),
    }
}

fn data(dir: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("test_data").join(dir)
}

#[test]
fn captured_reports_parse_to_expected_records() {
    assert!(check_fixtures(&data("report"), parse_report) >= 3);
}

#[test]
fn captured_lists_give_grace_periods() {
    assert!(check_fixtures(&data("list"), parse_list) >= 2);
}

#[test]
fn text_and_json_paths_give_the_same_record() {
    let dir = data("report/0.38.27");
    let read = |f: &str| std::fs::read_to_string(dir.join(f)).unwrap_or_default();
    let (from_text, _) =
        dokku_letsencrypt::parse_report_text(&read("letsencrypt__report__app1.txt")).unwrap_or_default();
    let from_json =
        dokku_letsencrypt::parse_report_json("app1", &read("letsencrypt__report__app1-format-json.txt")).ok();
    assert!(!from_text.is_empty());
    assert_eq!(from_text.first(), from_json.as_ref().map(|(record, _)| record));
}

/// A plugin 0.25 report with a certificate and DNS credentials at both levels.
const FULL: &str = "=====> app1 letsencrypt information
       Letsencrypt active:            true
       Letsencrypt autorenew:         true
       Letsencrypt computed dns provider: cloudflare
       Letsencrypt global dns provider: cloudflare
       Letsencrypt dns provider:
       Letsencrypt computed email:    me@example.com
       Letsencrypt global email:      admin@example.com
       Letsencrypt email:             me@example.com
       Letsencrypt expiration:        1736287254
       Letsencrypt computed graceperiod: 864000
       Letsencrypt global graceperiod:
       Letsencrypt graceperiod:       864000
       Letsencrypt computed lego args:
       Letsencrypt global lego args:
       Letsencrypt lego args:
       Letsencrypt computed lego docker options:
       Letsencrypt global lego docker options:
       Letsencrypt lego docker options:
       Letsencrypt computed server:   https://acme-v02.api.letsencrypt.org/directory
       Letsencrypt global server:
       Letsencrypt server:
       Letsencrypt computed dns provider CF_DNS_API_TOKEN: app-token
       Letsencrypt global dns provider CF_DNS_API_TOKEN: global-token
       Letsencrypt dns provider CF_DNS_API_TOKEN: app-token
       Letsencrypt computed dns provider CF_ZONE_API_TOKEN: ****
       Letsencrypt global dns provider CF_ZONE_API_TOKEN: ****
       Letsencrypt brand new thing:   yes
";

#[test]
fn a_full_report_splits_into_app_and_global_values() {
    let (records, warnings) = dokku_letsencrypt::parse_report_text(FULL).unwrap_or_default();
    let app = &records[0];
    assert!(app.enabled);
    let shown =
        |t: &Option<dokku_core::timestamp::Timestamp>| t.as_ref().map(dokku_core::timestamp::to_rfc3339);
    assert_eq!(shown(&app.expires_at).as_deref(), Some("2025-01-07T22:00:54Z"));
    assert_eq!(shown(&app.renewals_at).as_deref(), Some("2024-12-28T22:00:54Z"));
    let options: Vec<(&str, &str)> = app.options.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    assert_eq!(
        options,
        [
            ("dns-provider-CF_DNS_API_TOKEN", "app-token"),
            ("email", "me@example.com"),
            ("graceperiod", "864000")
        ]
    );
    assert_eq!(app.extra.get("brand-new-thing").map(String::as_str), Some("yes"));
    assert_eq!(warnings.len(), 1, "{warnings:?}");

    let values = dokku_core::text::report_values_from_text(FULL, "letsencrypt").unwrap_or_default();
    let (global, warnings) = dokku_letsencrypt::global_from_values(&values[0]);
    let options: Vec<(&str, &str)> = global.options.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    assert_eq!(
        options,
        [
            ("dns-provider", "cloudflare"),
            ("dns-provider-CF_DNS_API_TOKEN", "global-token"),
            ("email", "admin@example.com")
        ]
    );
    assert!(warnings.len() == 1 && warnings[0].contains("CF_ZONE_API_TOKEN"), "{warnings:?}");
    assert_eq!(dokku_letsencrypt::autorenew(&values[0]), Some(true));
}

#[test]
fn a_bad_value_is_an_error_naming_the_app() {
    let text = "=====> app1 letsencrypt information\n       Letsencrypt active:   maybe\n";
    let err = dokku_letsencrypt::parse_report_text(text).err().map(|e| e.to_string()).unwrap_or_default();
    assert!(err.contains("app1") && err.contains("active"), "{err}");
}

#[test]
fn the_list_grammar_survives_every_input() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("test_data");
    let ran = dokku_core::fixtures::survive_every_input(&dir, |text| {
        let _ = dokku_letsencrypt::parse_letsencrypt_list(text);
    });
    assert!(ran > dokku_core::fixtures::PATHOLOGICAL_INPUTS.len());
}
