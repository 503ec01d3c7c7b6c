//! Creation: the commands that recreate records on an empty server.

use dokku_core::Command;

use crate::commands::builders;
use crate::model::{ProcessInfo, PsGlobal, PsRecord};

/// The commands that recreate `records` on an empty server, in order (the diff uses them for
/// records the server lacks, the [`Plugin`](dokku_core::plugin::Plugin) impl for a whole document).
pub(crate) fn commands(records: &[PsRecord]) -> Vec<Command> {
    let mut globals = Vec::new();
    let mut apps = Vec::new();
    for record in records {
        match record {
            PsRecord::Global(global) => globals.extend(global_commands(global)),
            PsRecord::App(info) => apps.extend(app_commands(info)),
        }
    }
    globals.extend(apps);
    globals
}

fn global_commands(global: &PsGlobal) -> Vec<Command> {
    let settings = [
        ("procfile-path", global.global_procfile_path.clone()),
        ("restart-policy", global.global_restart_policy.clone()),
        ("stop-timeout-seconds", global.global_stop_timeout_seconds.map(|s| s.to_string())),
        ("skip-deploy", global.global_skip_deploy.map(|b| b.to_string())),
    ];
    settings
        .into_iter()
        .filter_map(|(key, value)| value.map(|v| builders::set(None, key, Some(&v))))
        .collect()
}

fn app_commands(info: &ProcessInfo) -> Vec<Command> {
    let app = Some(info.app_name.as_str());
    let settings = [
        ("procfile-path", info.app_procfile_path.clone()),
        ("restart-policy", info.restart_policy.clone()),
        ("stop-timeout-seconds", info.stop_timeout_seconds.map(|s| s.to_string())),
        ("start-cmd", info.start_cmd.clone()),
        ("dockerfile-start-cmd", info.dockerfile_start_cmd.clone()),
        ("skip-deploy", info.skip_deploy.map(|b| b.to_string())),
        // `restore` defaults to true: only the exception is a setting.
        ("restore", (!info.restore).then(|| "false".to_owned())),
    ];
    let mut commands: Vec<Command> = settings
        .into_iter()
        .filter_map(|(key, value)| value.map(|v| builders::set(app, key, Some(&v))))
        .collect();
    // An app whose app.json has a `formation` cannot be scaled by hand (Dokku refuses); its
    // scale comes back with its next deploy. Every recorded type goes in one `ps:scale`, zeros
    // included: Dokku keeps a zero for a type outside the Procfile (`release=0`) only as long as
    // the latest `ps:scale` named it (its `scale.old` property is rewritten from each call's
    // arguments alone).
    let scale = info.effective_scale();
    let wanted: Vec<(&str, u32)> = scale.iter().map(|(t, n)| (t.as_str(), *n)).collect();
    if info.can_scale && !wanted.is_empty() {
        commands.push(builders::scale(&info.app_name, wanted));
    }
    commands
}
