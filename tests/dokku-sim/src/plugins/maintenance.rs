//! The third-party `maintenance` plugin (dokku/dokku-maintenance 0.10.1).

use super::first_arg;
use crate::invocation::Invocation;
use crate::output::{Failure, Outcome};
use crate::report::{BashReport, parse_report_args, render_bash_block};

/// Routes `maintenance:*` when the plugin is installed.
pub(crate) fn dispatch(inv: &mut Invocation<'_>, sub: &str, args: &[String]) -> Option<Outcome> {
    if !super::plugin::is_enabled(inv, "maintenance") {
        return None;
    }
    Some(match sub {
        "enable" | "on" => toggle(inv, args, true, sub == "on"),
        "disable" | "off" => toggle(inv, args, false, sub == "off"),
        "report" => report(inv, args),
        _ => return None,
    })
}

/// `maintenance:enable|disable <app>`.
fn toggle(inv: &mut Invocation<'_>, args: &[String], enable: bool, deprecated: bool) -> Outcome {
    if deprecated {
        let verb = if enable { "enable" } else { "disable" };
        inv.out.warn(&format!("Deprecated: Please use maintenance:{verb}"));
    }
    let app = first_arg(args);
    if app.is_empty() {
        return Err(inv.out.fail("Please specify an app to run the command on"));
    }
    super::verify_app_bash(inv, &app)?;
    if inv.state.apps.get(&app).is_some_and(|state| state.maintenance == enable) {
        let word = if enable { "enabled" } else { "disabled" };
        inv.out.info1(&format!("Maintenance mode already {word}"));
        return Ok(());
    }
    let verb = if enable { "Enabling" } else { "Disabling" };
    inv.out.info1(&format!("{verb} maintenance mode for {app}..."));
    // `cmd-maintenance-enable` then runs `fn-maintenance-fix-permissions` (internal-functions),
    // whose `find … -exec chmod … {} +` must return to the starting directory; when the Dokku
    // user cannot, find fails and `set -e` ends the command before `maintenance.conf` is
    // written, so maintenance stays disabled (see `crate::working_directory`).
    if enable && let Some(directory) = crate::working_directory::unreachable_for_dokku_user() {
        let directory = directory.display();
        inv.out.err_line(&format!("find: Failed to change directory: {directory}: Permission denied"));
        inv.out.err_line(&format!(
            "find: Failed to restore initial working directory: {directory}: Permission denied"
        ));
        return Err(Failure(1));
    }
    if let Some(state) = inv.state.apps.get_mut(&app) {
        state.maintenance = enable;
    }
    inv.out.verbose("Done");
    Ok(())
}

/// `maintenance:report [<app>|--global] [<flag>] [--format stdout|json]`.
fn report(inv: &mut Invocation<'_>, args: &[String]) -> Outcome {
    let Ok(parsed) = parse_report_args(args) else {
        return Err(inv.out.fail("--format requires a value"));
    };
    let format = parsed.format.clone().unwrap_or_else(|| "stdout".to_string());
    if parsed.global {
        let report = BashReport { plugin: "maintenance", subject: "global", entries: Vec::new() };
        return render_bash_block(inv, &report, &format, parsed.info_flag.as_deref());
    }
    let apps: Vec<String> = match &parsed.app {
        Some(app) => {
            super::verify_app_bash(inv, app)?;
            vec![app.clone()]
        }
        None => inv.state.apps.keys().cloned().collect(),
    };
    if apps.is_empty() {
        inv.out.warn("You haven't deployed any applications yet");
        return Ok(());
    }
    for app in apps {
        let enabled = inv.state.apps.get(&app).is_some_and(|a| a.maintenance);
        let report = BashReport {
            plugin: "maintenance",
            subject: &app,
            entries: vec![
                ("--maintenance-enabled".to_string(), enabled.to_string()),
                ("--maintenance-custom-page-sha256".to_string(), String::new()),
            ],
        };
        render_bash_block(inv, &report, &format, parsed.info_flag.as_deref())?;
    }
    Ok(())
}

/// Where dokku-maintenance 0.10.1 keeps an app's page (`MAINTENANCE_DATA_ROOT`, its `config`).
const MAINTENANCE_DATA_ROOT: &str = "/var/www/dokku-maintenance";

/// The nginx include `maintenance:enable` installs for each app in maintenance mode: the
/// plugin's `templates/maintenance.conf` with `{MAINTENANCE_ROOT}` replaced by the app's page
/// directory (`cmd-maintenance-enable` in `command-functions`, 0.10.1), at
/// `$DOKKU_ROOT/<app>/nginx.conf.d/maintenance.conf`; the file's presence is what the report
/// prints as `enabled` (`fn-maintenance-enabled`). Real path → content. The page itself, under
/// `/var/www/dokku-maintenance/<app>/`, is not modelled (nothing reads it).
pub(crate) fn nginx_includes(state: &crate::state::State) -> Vec<(String, String)> {
    let home = crate::server_files::DOKKU_ROOT;
    state
        .apps
        .iter()
        .filter(|(app, settings)| settings.maintenance && !app.contains('/'))
        .map(|(app, _)| {
            let page = format!("{MAINTENANCE_DATA_ROOT}/{app}");
            let conf = format!(
                "location ~* ^(?!/\\.well-known/acme-challenge).*$ {{\n  root {page};\n  try_files $uri =533;\n}}\n\n\
                 error_page 533 =503 @maintenance;\n\n\
                 location @maintenance {{\n  root {page};\n  rewrite ^(.*)$ /maintenance.html break;\n}}\n"
            );
            (format!("{home}/{app}/nginx.conf.d/maintenance.conf"), conf)
        })
        .collect()
}
