//! The third-party `redirect` plugin (dokku/dokku-redirect 0.9.1).

use super::first_arg;
use crate::invocation::Invocation;
use crate::output::{Failure, Outcome};
use crate::state::Redirect;

/// Routes `redirect` and `redirect:*` when the plugin is installed.
pub(crate) fn dispatch(inv: &mut Invocation<'_>, sub: &str, args: &[String]) -> Option<Outcome> {
    if !super::plugin::is_enabled(inv, "redirect") {
        return None;
    }
    Some(match sub {
        "" => show(inv, args),
        "set" => set(inv, args),
        "unset" => unset(inv, args),
        // No such subcommand: Dokku falls back to every plugin's `commands`; this plugin's
        // `fn-help` (help-functions) looks for the subcommand between `pushd` and
        // `popd >/dev/null 2>&1`, and under `set -e` a `popd` that cannot return to the
        // starting directory ends the script with status 1, which Dokku passes on silently
        // instead of reporting an unknown command (see `crate::working_directory`).
        _ if crate::working_directory::unreachable_for_dokku_user().is_some() => Err(Failure(1)),
        _ => return None,
    })
}

/// The `REDIRECTS` file of each app with redirects: `redirect:set` appends
/// `echo "$SOURCE:$DEST:$CODE" >>"$DOKKU_ROOT/$APP/REDIRECTS"` (`subcommands/set`), `unset`
/// deletes the line (`sed -i`). Both `touch` the file first, so an app whose last redirect went
/// keeps an empty file, which reads as no redirects, like no file, which is written here.
pub(crate) fn redirect_files(state: &crate::state::State) -> Vec<(String, String)> {
    state
        .apps
        .iter()
        .filter(|(app, settings)| !settings.redirects.is_empty() && !app.contains('/'))
        .map(|(app, settings)| {
            let lines: String = settings
                .redirects
                .iter()
                .map(|r| format!("{}:{}:{}\n", r.source, r.destination, r.code))
                .collect();
            (format!("{}/{app}/REDIRECTS", crate::server_files::DOKKU_ROOT), lines)
        })
        .collect()
}

/// Plain `echo` + exit 1, as the plugin reports missing arguments.
fn usage_error(inv: &mut Invocation<'_>, message: &str) -> Failure {
    inv.out.line(message);
    Failure(1)
}

/// `redirect <app>`: a `column -t` table.
fn show(inv: &mut Invocation<'_>, args: &[String]) -> Outcome {
    let app = first_arg(args);
    if app.is_empty() {
        return Err(usage_error(inv, "Please specify an app to run the command on"));
    }
    super::verify_app_bash(inv, &app)?;
    let redirects = inv.state.apps.get(&app).map(|a| a.redirects.clone()).unwrap_or_default();
    if redirects.is_empty() {
        inv.out.warn(&format!("There are no redirects for {app}"));
        return Ok(());
    }
    let mut rows = vec![vec!["SOURCE".to_string(), "DESTINATION".to_string(), "CODE".to_string()]];
    for redirect in redirects {
        let code = if redirect.code.is_empty() { "301".to_string() } else { redirect.code };
        rows.push(vec![redirect.source, redirect.destination, code]);
    }
    for line in crate::columnize::columnize(&rows, "") {
        inv.out.line(&line);
    }
    Ok(())
}

/// `redirect:set <app> <src> <dest> [<code>]`.
fn set(inv: &mut Invocation<'_>, args: &[String]) -> Outcome {
    let app = first_arg(args);
    if app.is_empty() {
        return Err(usage_error(inv, "Please specify an app to run the command on"));
    }
    super::verify_app_bash(inv, &app)?;
    let (Some(source), Some(destination)) = (args.get(1), args.get(2)) else {
        return Err(usage_error(inv, "Please provide a source domain and a destination"));
    };
    let code = args.get(3).cloned().unwrap_or_else(|| "301".to_string());
    let state = inv.state.apps.get_mut(&app).expect("verified above");
    if state.redirects.iter().any(|r| &r.source == source) {
        return Err(inv.out.fail("Source domain is already redirected"));
    }
    state.redirects.push(Redirect { source: source.clone(), destination: destination.clone(), code });
    inv.out.info1(&format!("Setting redirect for {app}..."));
    inv.out.verbose("Done");
    Ok(())
}

/// `redirect:unset <app> <src>`.
fn unset(inv: &mut Invocation<'_>, args: &[String]) -> Outcome {
    let app = first_arg(args);
    if app.is_empty() {
        return Err(usage_error(inv, "Please specify an app to run the command on"));
    }
    super::verify_app_bash(inv, &app)?;
    let Some(source) = args.get(1) else {
        return Err(usage_error(inv, "Please provide a source domain"));
    };
    if let Some(state) = inv.state.apps.get_mut(&app) {
        state.redirects.retain(|r| &r.source != source);
    }
    inv.out.info1(&format!("Unsetting redirect for {app}..."));
    inv.out.verbose("Done");
    Ok(())
}
