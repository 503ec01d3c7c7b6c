//! The root path's values equal the captured reports': a snapshot of the files the captured
//! server held gives exactly the values its `letsencrypt:report` printed.

use std::path::Path;

use dokku_core::file_snapshot::FileSnapshot;
use dokku_core::text::{ReportSubject, report_values_from_text};
use dokku_letsencrypt::{REPORT, app_values_from_files, global_values_from_files};

fn captured(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("test_data/report/0.38.27").join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The captured server: `letsencrypt:set app1 email admin@example.com`, nothing else.
fn captured_server_files() -> FileSnapshot {
    FileSnapshot::parse_all_roots(
        "/var/lib/dokku/config/letsencrypt/app1/email\0admin@example.com\n",
        "/var/lib/dokku/config",
        Some("/home/dokku"),
        Some("/var/lib/dokku/data"),
    )
}

#[test]
fn an_app_reads_as_its_captured_report() {
    let report = report_values_from_text(&captured("letsencrypt__report__app1.txt"), REPORT.type_prefix)
        .unwrap_or_default();
    let from_files = app_values_from_files(&captured_server_files(), "app1");
    assert_eq!(report.len(), 1);
    assert_eq!(report[0].subject, ReportSubject::App("app1".into()));
    assert_eq!(from_files.values, report[0].values);
}

#[test]
fn the_global_values_read_as_the_captured_global_report() {
    let report = report_values_from_text(&captured("letsencrypt__report__global.txt"), REPORT.type_prefix)
        .unwrap_or_default();
    let from_files = global_values_from_files(&captured_server_files());
    assert_eq!(report.len(), 1);
    assert_eq!(from_files.values, report[0].values);
}
