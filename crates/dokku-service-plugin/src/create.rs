//! The commands that create a service as recorded, and those that recreate its settings and
//! links once it exists (shared by apply on an empty server and the converging diff).

use dokku_core::Command;

use crate::commands;
use crate::model::{ServiceLink, ServiceRecord};
use crate::spec::ServiceSpec;

/// The commands that create `record` and its settings (backups, exposure), links excluded.
pub fn service_commands(spec: &ServiceSpec, record: &ServiceRecord) -> Vec<Command> {
    let name = record.name.as_str();
    let mut out = vec![commands::create(spec, record)];
    if !record.exposed_ports.is_empty() {
        out.push(commands::expose(spec, name, &record.exposed_ports));
    }
    if spec.has_backups() {
        if let Some(auth) = &record.backup_auth {
            out.push(commands::backup_auth(spec, name, auth));
        }
        if let Some(schedule) = &record.backup_schedule {
            out.push(commands::backup_schedule(spec, name, schedule));
        }
        if let Some(key) = &record.backup_encryption_key {
            out.push(commands::backup_set_encryption(spec, name, key.expose()));
        }
    }
    if spec.implements("backup-set-public-key-encryption")
        && let Some(key_id) = &record.backup_public_key_id
    {
        out.push(commands::backup_set_public_key_encryption(spec, name, key_id));
    }
    out
}

/// The commands that link `link` (and copy its URL to the variables `:promote` left).
pub fn link_commands(spec: &ServiceSpec, record: &ServiceRecord, link: &ServiceLink) -> Vec<Command> {
    let password = record.password.as_ref().map(|p| p.expose().as_str());
    let mut out = vec![commands::link(spec, &record.name, link)];
    out.extend(commands::link_copies(spec, &record.name, link, password));
    out
}

/// Everything that recreates `records` on a server without them: each service, then its links.
pub fn creation_commands(spec: &ServiceSpec, records: &[ServiceRecord]) -> Vec<Command> {
    let services = records.iter().flat_map(|r| service_commands(spec, r));
    let links = records.iter().flat_map(|r| r.links.iter().flat_map(move |l| link_commands(spec, r, l)));
    services.chain(links).collect()
}
