//! Every captured `builds:report` (all apps, each app, `--global`; text and JSON) of a real Dokku
//! 0.38.27 reads to the expected records.

use std::path::Path;

use dokku_core::DokkuVersion;
use dokku_core::fixtures::{check_fixtures, property_report_records};

#[test]
fn captured_reports_read_to_expected_records() {
    let version = DokkuVersion::new(0, 38, 27);
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("test_data");
    let checked = check_fixtures(&dir, |path, text| {
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        property_report_records(&dokku_builds::SPEC, &name, text, &version)
    });
    assert!(checked >= 11);
}
