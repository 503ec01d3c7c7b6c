//! The fixture check the plugin crates' tests share (feature `test-support`): every
//! `<type>__<subcommand>__<subject>.txt` under a directory is parsed by the parser of that
//! subcommand, and the result compared with `<stem>.expected.json` beside it. A subject may
//! carry a variant after `@` (`db@no-iam`).

use std::path::Path;

use serde_json::{Value, json};

use crate::parse::{
    parse_app_variables, parse_backup_schedule, parse_exposed_ports, parse_info, parse_info_links,
    parse_names, parse_service_files, parse_service_list, password_from_dsn,
};
use crate::spec::ServiceSpec;

fn result<T: serde::Serialize, E: std::fmt::Display>(r: Result<T, E>) -> Value {
    match r {
        Ok(v) => serde_json::to_value(v).unwrap_or(Value::Null),
        Err(e) => json!({ "error": e.to_string() }),
    }
}

/// What the parser of the fixture `path` makes of `text`. The subject is the service (or app)
/// the command was about.
pub fn parse_fixture(spec: &ServiceSpec, path: &Path, text: &str) -> Value {
    let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or_default();
    let mut parts = stem.splitn(3, "__");
    let (_, subcommand, subject) =
        (parts.next(), parts.next().unwrap_or_default(), parts.next().unwrap_or_default());
    // `<subject>@<variant>`: several fixtures about one service.
    let subject = subject.split('@').next().unwrap_or_default();
    let value = dokku_core::text::parse_info_flag(text);
    match subcommand {
        "list" => result(parse_service_list(text)),
        "info" => result(parse_info(text)),
        "info-dsn" => json!({ "dsn": value, "password": password_from_dsn(spec, subject, value) }),
        "info-exposed-ports" => result(parse_exposed_ports(value)),
        "info-links" => json!(parse_info_links(value)),
        "info-config-options" => json!(value),
        "links" | "app-links" => result(parse_names(text)),
        "backup-schedule-cat" => result(parse_backup_schedule(spec, subject, text)),
        "service-files" => {
            result(parse_service_files(&format!("/var/lib/dokku/services/{}", spec.command_prefix), text))
        }
        "config-export" => result(parse_app_variables(text)),
        other => json!({ "error": format!("no parser for fixtures of `{other}`") }),
    }
}

/// Checks every fixture under `dir` (see [`parse_fixture`]); returns how many.
pub fn check(spec: &ServiceSpec, dir: &Path) -> usize {
    dokku_core::fixtures::check_fixtures(dir, |path, text| parse_fixture(spec, path, text))
}

/// Checks a plugin's table against real captures of its install in `dir` (`plugin:list` before,
/// after install and after uninstall, and the install trigger's output): the plugin installs
/// under the name the table uses, and its install trigger pulls the image the table creates
/// services with.
pub fn check_install_captures(spec: &ServiceSpec, dir: &Path) {
    let read = |name: &str| {
        let path = dir.join(name);
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    };
    let installed = |name: &str| -> Vec<String> {
        let plugins = dokku_core::installed_plugins::parse_installed_text(&read(name))
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        plugins.into_iter().filter(|p| !p.core).map(|p| p.name).collect()
    };
    let name = spec.command_prefix.to_owned();
    assert!(!installed("plugin__list__before.txt").contains(&name));
    assert!(installed("plugin__list__after-install.txt").contains(&name));
    assert!(!installed("plugin__list__after-uninstall.txt").contains(&name));
    let image = format!("{}:{}", spec.default_image, spec.default_image_version);
    let pulled = read(&format!("plugin__install-trigger__{name}.txt"));
    assert!(pulled.lines().any(|l| l == format!("docker.io/library/{image}")), "{image} not in {pulled}");
}
