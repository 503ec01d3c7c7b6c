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
