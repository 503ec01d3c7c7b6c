//! Creation: the commands that recreate records on an empty server.

use dokku_core::Command;

use crate::commands::builders;
use crate::model::Domain;

/// The commands that recreate `records` on an empty server, in order (the diff uses them for
/// records the server lacks, the [`Plugin`](dokku_core::plugin::Plugin) impl for a whole document).
pub(crate) fn commands(records: &[Domain]) -> Vec<Command> {
    let globals = records.iter().filter(|r| r.app_name.is_none());
    let apps = records.iter().filter(|r| r.app_name.is_some());
    let mut commands = Vec::new();
    for record in globals.chain(apps) {
        let app = record.app_name.as_deref();
        // Dokku's `domains:set` on an app whose vhosts are disabled (created before a global
        // domain existed, as on a freshly applied server) enables them afterwards and so
        // overwrites the list just set with the default `<app>.<global domain>`. Enabling
        // first makes the set final; on an enabled app it only prints a notice.
        if let (Some(app), true) = (app, record.enabled) {
            commands.push(builders::enable(app));
        }
        commands.extend(builders::set_exactly(app, record.domains.iter().map(String::as_str)));
        if let (Some(app), false) = (app, record.enabled) {
            commands.push(builders::disable(app));
        }
    }
    commands
}
