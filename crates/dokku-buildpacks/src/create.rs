//! Creation: the commands that recreate records on an empty server.

use dokku_core::Command;

use crate::commands::builders;
use crate::model::Buildpacks;

/// The commands that recreate `records` on an empty server, in order: the global stack first,
/// then each app's buildpacks (one `buildpacks:add` per URL, in build order: a new app's list is
/// empty, and every Dokku version has `add`) and stack.
pub(crate) fn commands(records: &[Buildpacks]) -> Vec<Command> {
    let globals = records.iter().filter(|r| r.app_name.is_none());
    let apps = records.iter().filter(|r| r.app_name.is_some());
    let mut commands = Vec::new();
    for record in globals.chain(apps) {
        let app = record.app_name.as_deref();
        if let Some(app) = app {
            commands.extend(record.buildpacks.iter().map(|url| builders::add(app, url)));
        }
        if let Some(stack) = record.stack.as_deref() {
            commands.push(builders::set_stack(app, Some(stack)));
        }
    }
    commands
}
