//! Creation: the commands that recreate records on an empty server.

use dokku_core::Command;

use crate::commands::builders;
use crate::model::{Kind, RESOURCES, ResourceValues, Resources};

/// A process type's values in Dokku's resource order (names it does not know last).
pub(crate) fn in_resource_order(values: &ResourceValues) -> Vec<(&str, &str)> {
    let mut ordered: Vec<(&str, &str)> = values.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    ordered.sort_by_key(|(k, _)| RESOURCES.iter().position(|r| r == k).unwrap_or(RESOURCES.len()));
    ordered
}

/// One `resource:limit` / `resource:reserve` per app, kind and process type, with every value
/// as a flag before the app.
pub(crate) fn commands(records: &[Resources]) -> Vec<Command> {
    let mut commands = Vec::new();
    for record in records {
        for kind in Kind::ALL {
            for (process, values) in record.of(kind).iter().filter(|(_, v)| !v.is_empty()) {
                commands.push(builders::set(&record.app_name, kind, process, in_resource_order(values)));
            }
        }
    }
    commands
}
