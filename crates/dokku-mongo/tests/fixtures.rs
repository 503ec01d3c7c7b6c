//! Every parser of the shared template on this plugin's output: `test_data/source/` holds
//! output written from the plugin's own `printf`/`echo` formats (derived from its source,
//! see `test_data/source/README.md`).

use std::path::Path;

use dokku_service_plugin::ServicePlugin;

#[test]
fn every_fixture_parses_as_expected() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("test_data/source");
    assert!(dokku_service_plugin::fixtures::check(&<dokku_mongo::Mongo as ServicePlugin>::SPEC, &dir) >= 10);
}
