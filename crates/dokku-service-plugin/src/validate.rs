//! Checks of a service record beyond its types, against the plugin's table.

use crate::model::ServiceRecord;
use crate::spec::ServiceSpec;

/// Whether `alias` is one `--alias` keeps as given (the plugin upper-cases it and drops `_URL`).
fn valid_alias(alias: &str) -> bool {
    !alias.is_empty()
        && !alias.ends_with("_URL")
        && alias.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
        && !alias.starts_with(|c: char| c.is_ascii_digit())
}

/// Every problem of `record`, each with the field it concerns.
pub fn validate(spec: &ServiceSpec, record: &ServiceRecord) -> Vec<(String, String)> {
    let mut problems = Vec::new();
    let mut problem = |field: &str, message: String| problems.push((field.to_owned(), message));
    if !ServiceSpec::is_valid_service_name(&record.name) {
        problem("name", format!("{:?} is not a service name (letters, digits, '_' and '-')", record.name));
    }
    if !record.exposed_ports.is_empty() && record.exposed_ports.len() != spec.ports.len() {
        problem(
            "exposed_ports",
            format!("{} exposes {} port(s), in this order: {:?}", spec.key, spec.ports.len(), spec.ports),
        );
    }
    if record.password.is_some() && !spec.has_password() {
        problem("password", format!("{} services have no password", spec.key));
    }
    if record.root_password.is_some() && !spec.has_root_password() {
        problem("root_password", format!("{} services have no root password", spec.key));
    }
    if !spec.has_backups() {
        for (field, set) in [
            ("backup_schedule", record.backup_schedule.is_some()),
            ("backup_auth", record.backup_auth.is_some()),
            ("backup_encryption_key", record.backup_encryption_key.is_some()),
        ] {
            if set {
                problem(field, format!("{} does not implement backups", spec.key));
            }
        }
    }
    for (i, link) in record.links.iter().enumerate() {
        if !dokku_core::app_name::is_valid(&link.app) {
            problem(&format!("links[{i}].app"), dokku_core::app_name::invalid_message(&link.app));
        }
        for alias in std::iter::once(&link.alias).chain(&link.also) {
            if !valid_alias(alias) {
                problem(
                    &format!("links[{i}].alias"),
                    format!("{alias:?} is not an alias (upper-case letters, digits and '_', without `_URL`)"),
                );
            }
        }
        if record.links[..i].iter().any(|l| l.app == link.app) {
            problem(&format!("links[{i}].app"), format!("{} is linked twice", link.app));
        }
    }
    problems
}
