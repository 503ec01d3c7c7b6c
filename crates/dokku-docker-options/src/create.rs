//! Creation: the commands that recreate records on an empty server.

use dokku_core::Command;

use crate::commands::builders;
use crate::model::DockerOptions;

/// One `docker-options:add` per occurrence (duplicates included), scope by scope.
pub(crate) fn commands(records: &[DockerOptions]) -> Vec<Command> {
    let mut commands = Vec::new();
    for record in records {
        for (scope, list) in record.scopes() {
            commands.extend(list.iter().map(|option| builders::add(&record.app_name, &scope, option)));
        }
    }
    commands
}
