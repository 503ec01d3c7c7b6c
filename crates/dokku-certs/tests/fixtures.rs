//! Every captured `certs:report` (text and JSON, each app, all apps, `--global`) parses to the
//! expected reports, and text and JSON agree.

use std::path::Path;

use dokku_certs::{CertReport, app_from_values};
use serde_json::json;

fn dir() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("test_data/0.38.27")
}

fn read(file: &str) -> String {
    std::fs::read_to_string(dir().join(file)).unwrap_or_default()
}

/// The apps of the bulk text report, in its order (the bulk JSON form names none).
fn bulk_apps() -> Vec<String> {
    dokku_certs::parse_report_text(&read("certs__report__all.txt"))
        .map(|(reports, _)| reports.into_iter().map(|r| r.app_name).collect())
        .unwrap_or_default()
}

fn parse(path: &Path, text: &str) -> serde_json::Value {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    if dokku_core::fixtures::capture_subject(&name) == ("global", true) {
        return dokku_core::fixtures::global_json_fields(text, "ssl");
    }
    let result: Result<(Vec<CertReport>, Vec<String>), String> =
        match dokku_core::fixtures::capture_subject(&name) {
            (_, false) => dokku_certs::parse_report_text(text).map_err(|e| e.to_string()),
            ("all", true) => dokku_core::fixtures::bulk_json_records(text, "ssl", bulk_apps(), |values| {
                app_from_values(values).map_err(|e| e.to_string())
            }),
            (app, true) => dokku_certs::parse_report_json(app, text)
                .map(|(r, w)| (vec![r], w.into_iter().collect()))
                .map_err(|e| e.to_string()),
        };
    match result {
        Ok((reports, warnings)) => json!({ "reports": reports, "warnings": warnings }),
        Err(e) => json!({ "error": e }),
    }
}

#[test]
fn captured_reports_parse_to_expected_reports() {
    let checked = dokku_core::fixtures::check_fixtures(&dir(), parse);
    assert_eq!(checked, 12);
}

#[test]
fn text_and_json_agree() {
    for app in ["w2-alpha", "w2-beta", "w2-gamma", "w2-delta"] {
        let (from_json, warning) =
            dokku_certs::parse_report_json(app, &read(&format!("certs__report__{app}-format-json.txt")))
                .unwrap_or_default();
        let (from_text, _) =
            dokku_certs::parse_report_text(&read(&format!("certs__report__{app}.txt"))).unwrap_or_default();
        assert_eq!(from_text.first(), Some(&from_json), "{app}");
        assert!(warning.is_none() && !from_json.enabled);
    }
}

#[test]
fn a_letsencrypt_certificate_is_recognised_by_its_issuer() {
    let report = r#"{"dir":"/home/dokku/a/tls","enabled":"true","expires-at":"Mar  1 12:00:00 2027 GMT","hostnames":"a.example.com www.a.example.com","issuer":"C=US, O=Let's Encrypt, CN=R11","starts-at":"","subject":"CN=a.example.com","verified":"verified by a certificate authority"}"#;
    let (parsed, warning) = dokku_certs::parse_report_json("a", report).unwrap_or_default();
    assert!(parsed.enabled && parsed.is_letsencrypt() && warning.is_none());
    assert_eq!(parsed.hostnames, ["a.example.com", "www.a.example.com"]);
    let own = report.replace("O=Let's Encrypt, CN=R11", "CN=Example CA");
    assert!(!dokku_certs::parse_report_json("a", &own).unwrap_or_default().0.is_letsencrypt());
}

#[test]
fn parsers_survive_every_input() {
    let ran = dokku_core::fixtures::survive_every_input(&dir(), |text| {
        let _ = dokku_certs::parse_report_text(text);
        let _ = dokku_certs::parse_report_json("a", text);
    });
    assert!(ran > 12);
}
