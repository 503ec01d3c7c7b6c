//! Creation: the commands that recreate records on an empty server.

use dokku_core::Command;

use crate::commands::builders;
use crate::model::{Check, CheckStatus};

/// The commands that recreate `records` on an empty server, in order (the diff uses them for
/// records the server lacks, the [`Plugin`](dokku_core::plugin::Plugin) impl for a whole document).
pub(crate) fn commands(records: &[Check]) -> Vec<Command> {
    let mut commands: Vec<Command> = records
        .iter()
        .filter(|r| r.app_name.is_none())
        .filter_map(|r| r.global_wait_to_retire.map(|s| builders::set_wait_to_retire(None, Some(s))))
        .collect();
    let mut apps: Vec<&str> = Vec::new();
    for app in records.iter().filter_map(|r| r.app_name.as_deref()) {
        if !apps.contains(&app) {
            apps.push(app);
        }
    }
    for app in apps {
        let own: Vec<&Check> = records.iter().filter(|r| r.app_name.as_deref() == Some(app)).collect();
        if let Some(seconds) = own.iter().find_map(|r| r.app_wait_to_retire) {
            commands.push(builders::set_wait_to_retire(Some(app), Some(seconds)));
        }
        let with = |status| own.iter().filter(move |r| r.status == Some(status)).map(|r| r.process.as_str());
        if with(CheckStatus::Enabled).next().is_some() {
            commands.push(builders::enable(app, with(CheckStatus::Enabled)));
        }
        if with(CheckStatus::Disabled).next().is_some() {
            commands.push(builders::disable(app, with(CheckStatus::Disabled)));
        }
        if with(CheckStatus::Skipped).next().is_some() {
            commands.push(builders::skip(app, with(CheckStatus::Skipped)));
        }
    }
    commands
}
