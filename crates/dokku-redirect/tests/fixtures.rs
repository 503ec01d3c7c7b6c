//! Every captured `redirect <app>` table parses to the expected records.

use std::path::Path;

use dokku_core::fixtures::check_fixtures;
use serde_json::json;

fn parse(_path: &Path, text: &str) -> serde_json::Value {
    // The table does not name its app; every capture lists `app1`'s redirects.
    match dokku_redirect::parse_redirect_list("app1", text) {
        Ok(redirects) => json!({ "redirect": redirects }),
        Err(e) => json!({ "error": e.to_string() }),
    }
}

#[test]
fn captured_tables_parse_to_expected_records() {
    let checked = check_fixtures(&Path::new(env!("CARGO_MANIFEST_DIR")).join("test_data"), parse);
    assert!(checked >= 2);
}
