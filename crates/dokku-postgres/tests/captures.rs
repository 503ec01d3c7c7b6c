//! The table against real Dokku 0.38.27 captures (`test_data/0.38.27/`, copied from the
//! shared capture session): the plugin installs under the name the table uses, and its install
//! trigger pulls the image the table creates services with.

use std::path::Path;

use dokku_core::installed_plugins::parse_installed_text;
use dokku_postgres::Postgres;
use dokku_service_plugin::ServicePlugin;

fn read(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("test_data/0.38.27").join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn installed(name: &str) -> Vec<String> {
    let plugins = parse_installed_text(&read(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
    plugins.into_iter().filter(|p| !p.core).map(|p| p.name).collect()
}

#[test]
fn plugin_list_shows_the_plugin_under_its_command_prefix() {
    let name = Postgres::SPEC.command_prefix.to_owned();
    assert!(!installed("plugin__list__before.txt").contains(&name));
    assert!(installed("plugin__list__after-install.txt").contains(&name));
    assert!(!installed("plugin__list__after-uninstall.txt").contains(&name));
}

#[test]
fn the_install_trigger_pulls_the_default_image() {
    let image = format!("{}:{}", Postgres::SPEC.default_image, Postgres::SPEC.default_image_version);
    let pulled = read("plugin__install-trigger__postgres.txt");
    assert!(pulled.lines().any(|l| l == format!("docker.io/library/{image}")), "{image} not in {pulled}");
}
