//! The table against real Dokku 0.38.27 captures (`test_data/0.38.27/`, copied from the
//! shared capture session): the plugin installs under the name the table uses, and its install
//! trigger pulls the image the table creates services with.

use std::path::Path;

use dokku_redis::Redis;
use dokku_service_plugin::ServicePlugin;
use dokku_service_plugin::fixtures::check_install_captures;

#[test]
fn the_table_matches_the_real_install() {
    check_install_captures(&Redis::SPEC, &Path::new(env!("CARGO_MANIFEST_DIR")).join("test_data/0.38.27"));
}
