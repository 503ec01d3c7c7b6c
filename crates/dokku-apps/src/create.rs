//! Creation: the commands that recreate records on an empty server.

use dokku_core::Command;

use crate::commands::builders;
use crate::model::AppRecord;

/// The commands that recreate `records` on an empty server, in order (the diff uses them for
/// records the server lacks, the [`Plugin`](dokku_core::plugin::Plugin) impl for a whole document).
pub(crate) fn commands(records: &[AppRecord]) -> Vec<Command> {
    let mut commands = Vec::new();
    for record in records {
        match record {
            AppRecord::Global(global) => {
                let value = global.disable_autocreation.to_string();
                commands.push(builders::set(None, "disable-autocreation", Some(&value)));
            }
            AppRecord::App(app) => {
                commands.push(builders::create(&app.name));
                if let Some(source) = &app.deploy_source {
                    commands.push(builders::set(Some(&app.name), "deploy-source", Some(source)));
                }
                if let Some(meta) = &app.deploy_source_metadata {
                    commands.push(builders::set(Some(&app.name), "deploy-source-metadata", Some(meta)));
                }
                if app.locked {
                    commands.push(builders::lock(&app.name));
                }
            }
        }
    }
    commands
}
