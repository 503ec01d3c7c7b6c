//! The `apps` plugin: create, destroy, rename, clone, lock, list, exists, set, report.

use std::io::BufRead;
use std::time::{SystemTime, UNIX_EPOCH};

use super::{domains, first_arg, verify_app_go};
use crate::invocation::Invocation;
use crate::legacy_report::{LegacyLayout, Renderer, run_versioned_report, same};
use crate::output::{Failure, Outcome};
use crate::pflag::parse_flags;
use crate::property_set::{PropertySetSpec, run_property_set};
use crate::report::{GoReportSpec, GoReportStyle, ReportValues, Subject};
use crate::state::App;
use crate::version::DokkuVersion;

/// `apps:report`.
const REPORT: GoReportSpec = GoReportSpec {
    plugin: "apps",
    report_type: "app",
    style: GoReportStyle::LEGACY,
    json_since: DokkuVersion::new(0, 23, 1),
};

/// `apps:report` before 0.38.0 (plugins/apps/report.go at v0.33.9 and v0.35.20): no
/// `global-disable-autocreation`, `--global` an info flag.
const LEGACY: &[LegacyLayout] = &[LegacyLayout {
    until: DokkuVersion::new(0, 38, 0),
    renderer: Renderer::Go { trim_prefix: false, uppercase: true },
    fields: &[
        same("--app-created-at"),
        same("--app-deploy-source"),
        same("--app-deploy-source-metadata"),
        same("--app-dir"),
        same("--app-locked"),
    ],
    namespace: "apps",
}];

/// `apps:set`.
const SET: PropertySetSpec = PropertySetSpec {
    namespace: "apps",
    keys: &["deploy-source", "deploy-source-metadata"],
    global_keys: &["deploy-source", "deploy-source-metadata", "disable-autocreation"],
    noun: "property",
    verify_app: true,
};

/// Routes `apps:*`.
pub(crate) fn dispatch(inv: &mut Invocation<'_>, sub: &str, args: &[String]) -> Option<Outcome> {
    Some(match sub {
        "" | "list" => list(inv, args),
        "create" => create_command(inv, args),
        "destroy" => destroy(inv, args),
        "exists" => exists(inv, args),
        "rename" => rename(inv, args),
        "clone" => clone(inv, args),
        "lock" => lock(inv, args),
        "unlock" => unlock(inv, args),
        "locked" => locked(inv, args),
        "report" => run_versioned_report(inv, &REPORT, LEGACY, args, &report_values),
        "set" => set(inv, args),
        _ => return None,
    })
}

/// `apps:list [--format stdout|json]`.
fn list(inv: &mut Invocation<'_>, args: &[String]) -> Outcome {
    let flags = parse_flags(inv, "apps:list", args, &[], &["format"])?;
    let apps: Vec<String> = inv.state.apps.keys().cloned().collect();
    if flags.value("format") == Some("json") && inv.version.at_least(0, 38, 21) {
        let names: Vec<String> = apps.iter().map(|a| crate::go_json::go_string(a)).collect();
        inv.out.line(&format!("[{}]", names.join(",")));
        return Ok(());
    }
    inv.out.info2_quiet("My Apps");
    if apps.is_empty() {
        inv.out.warn("You haven't deployed any applications yet");
        return Ok(());
    }
    for app in apps {
        inv.out.line(&app);
    }
    Ok(())
}

/// Dokku's `IsValidAppName`.
fn validate_name(inv: &mut Invocation<'_>, app: &str) -> Outcome {
    let mut characters = app.chars();
    let valid_first = characters.next().is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit());
    let valid_rest = characters.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '.' || c == '-');
    if app.is_empty() {
        return Err(inv.out.fail("Please specify an app to run the command on"));
    }
    if !(valid_first && valid_rest) {
        return Err(inv.out.fail(
            "App name must begin with lowercase alphanumeric character, and may only contain lowercase alphanumerics, dots, and hyphens",
        ));
    }
    Ok(())
}

/// `apps:create <app>`.
fn create_command(inv: &mut Invocation<'_>, args: &[String]) -> Outcome {
    let flags = parse_flags(inv, "apps:create", args, &[], &[])?;
    create(inv, &flags.arg(0))
}

/// Go's `createApp` and the `post-create` triggers. Of these only domains' prints: it creates
/// the VHOST file, or disables vhosts, which rebuilds the proxy config. nginx-vhosts' own
/// `post-create` build is skipped because the simulated nginx is stopped (global
/// `proxy-status`), as it was on the capture host.
fn create(inv: &mut Invocation<'_>, app: &str) -> Outcome {
    validate_name(inv, app)?;
    if inv.app_exists(app) {
        return Err(inv.out.fail("Name is already taken"));
    }
    inv.out.info1_quiet(&format!("Creating {app}..."));
    let created_at = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_secs()).unwrap_or(0))
        .unwrap_or(0);
    // ps's `post-create` (`TriggerPostCreate`) scales every new app to one `web` process.
    let scale = vec![("web".to_owned(), 1)];
    inv.state.apps.insert(app.to_string(), App { created_at, scale, ..App::default() });
    domains::setup_new_app(inv, app);
    Ok(())
}

/// `apps:destroy [--force] <app>`.
fn destroy(inv: &mut Invocation<'_>, args: &[String]) -> Outcome {
    let flags = parse_flags(inv, "apps:destroy", args, &["force"], &[])?;
    let app = flags.arg(0);
    verify_app_go(inv, &app)?;
    if !(flags.has("force") || inv.force) {
        confirm_destruction(inv, &app, "app")?;
    }
    destroy_app(inv, &app);
    Ok(())
}

/// Go's `AskForDestructiveConfirmation`, reading the answer from stdin.
pub(crate) fn confirm_destruction(inv: &mut Invocation<'_>, name: &str, kind: &str) -> Outcome {
    inv.out.warn("WARNING: Potentially Destructive Action");
    inv.out.warn(&format!("This command will destroy {kind} {name}."));
    inv.out.warn(&format!("To proceed, type \"{name}\""));
    inv.out.raw("> ");
    let mut answer = String::new();
    let read = std::io::stdin().lock().read_line(&mut answer).unwrap_or(0);
    if read == 0 {
        return Err(inv.out.fail("EOF"));
    }
    let answer = answer.trim_end_matches(['\n', '\r']);
    if answer.is_empty() {
        return Err(inv.out.fail("unexpected newline"));
    }
    if answer != name {
        inv.out.err_line("Confirmation did not match test. Aborted.");
        return Err(Failure(1));
    }
    Ok(())
}

/// Go's `destroyApp` after confirmation.
fn destroy_app(inv: &mut Invocation<'_>, app: &str) {
    inv.out.info1(&format!("Destroying {app} (including all add-ons)"));
    inv.out.info1("Cleaning up...");
    inv.out.info1("Retiring old containers and images");
    inv.state.apps.remove(app);
    // registry's post-delete destroys the app's property directory, its docker config with it.
    inv.state.registry_logins.retain(|login| login.app != app);
}

/// `apps:exists <app>`.
fn exists(inv: &mut Invocation<'_>, args: &[String]) -> Outcome {
    let app = first_arg(args);
    if app.is_empty() {
        return Err(inv.out.fail("Please specify an app to run the command on"));
    }
    if !inv.app_exists(&app) {
        return Err(inv.out.app_missing(&app));
    }
    Ok(())
}

/// `apps:rename [--skip-deploy] <old> <new>`: the new app gets the old one's settings.
fn rename(inv: &mut Invocation<'_>, args: &[String]) -> Outcome {
    let flags = parse_flags(inv, "apps:rename", args, &["skip-deploy"], &[])?;
    copy_app(inv, &flags.arg(0), &flags.arg(1), "Renaming", true)
}

/// `apps:clone [--skip-deploy] [--ignore-existing] <old> <new>`.
fn clone(inv: &mut Invocation<'_>, args: &[String]) -> Outcome {
    let flags = parse_flags(inv, "apps:clone", args, &["skip-deploy", "ignore-existing"], &[])?;
    let new_app = flags.arg(1);
    if flags.has("ignore-existing") && !new_app.is_empty() && inv.app_exists(&new_app) {
        inv.out.warn("Name is already taken");
        return Ok(());
    }
    copy_app(inv, &flags.arg(0), &new_app, "Cloning", false)
}

/// The shared part of rename and clone.
fn copy_app(inv: &mut Invocation<'_>, old: &str, new: &str, verb: &str, remove_old: bool) -> Outcome {
    if old.is_empty() {
        return Err(inv.out.fail("Please specify an app to run the command on"));
    }
    if new.is_empty() {
        return Err(inv.out.fail("Please specify an new app name"));
    }
    verify_app_go(inv, old)?;
    validate_name(inv, new)?;
    if inv.app_exists(new) {
        return Err(inv.out.fail("Name is already taken"));
    }
    inv.out.info1_quiet(&format!("{verb} {old} to {new}"));
    create(inv, new)?;
    let Some(source) = inv.state.apps.get(old).cloned() else {
        return Err(inv.out.app_missing(old));
    };
    let global_vhosts = inv.state.global_vhosts.clone().unwrap_or_default();
    if let Some(target) = inv.state.apps.get_mut(new) {
        let created_at = target.created_at;
        let own_vhosts = target.vhosts.clone();
        *target = source.clone();
        target.created_at = created_at;
        target.locked = false;
        // domains' post-app-rename-setup copies VHOST and rewrites `<old>.<global>` names.
        target.vhosts = match &source.vhosts {
            Some(lines) => Some(
                lines
                    .iter()
                    .map(|line| {
                        let mut line = line.clone();
                        for vhost in global_vhosts.iter().filter(|v| !v.is_empty()) {
                            line = line.replace(&format!("{old}.{vhost}"), &format!("{new}.{vhost}"));
                        }
                        line
                    })
                    .collect(),
            ),
            None => own_vhosts,
        };
        target.nginx_conf = None;
    }
    // registry's post-app-clone-setup / post-app-rename-setup copy (or move) the docker config.
    let logins: Vec<_> = inv.state.registry_logins.iter().filter(|l| l.app == old).cloned().collect();
    for login in logins {
        inv.state.registry_logins.push(crate::state::RegistryLogin { app: new.to_owned(), ..login });
    }
    if remove_old {
        destroy_app(inv, old);
    }
    Ok(())
}

/// `apps:lock <app>`.
fn lock(inv: &mut Invocation<'_>, args: &[String]) -> Outcome {
    let app = first_arg(args);
    verify_app_go(inv, &app)?;
    if let Some(state) = inv.state.apps.get_mut(&app) {
        state.locked = true;
    }
    inv.out.info1("Deploy lock created");
    Ok(())
}

/// `apps:unlock <app>`.
fn unlock(inv: &mut Invocation<'_>, args: &[String]) -> Outcome {
    let app = first_arg(args);
    verify_app_go(inv, &app)?;
    let was_locked = inv.state.apps.get(&app).is_some_and(|a| a.locked);
    if !was_locked {
        return Err(inv.out.fail("Unable to remove deploy lock"));
    }
    inv.out.warn("A deploy may be in progress.");
    inv.out.warn("Removing the app lock will not stop in progress deploys.");
    if let Some(state) = inv.state.apps.get_mut(&app) {
        state.locked = false;
    }
    inv.out.info1("Deploy lock removed");
    Ok(())
}

/// `apps:locked <app>`.
fn locked(inv: &mut Invocation<'_>, args: &[String]) -> Outcome {
    let app = first_arg(args);
    verify_app_go(inv, &app)?;
    if inv.state.apps.get(&app).is_some_and(|a| a.locked) {
        if !inv.out.quiet {
            inv.out.line("Deploy lock exists");
        }
        return Ok(());
    }
    Err(inv.out.fail("Deploy lock does not exist"))
}

/// `apps:set`.
fn set(inv: &mut Invocation<'_>, args: &[String]) -> Outcome {
    let global = args.iter().any(|a| a == "--global");
    let words: Vec<&String> = args.iter().filter(|a| *a != "--global").collect();
    if !global && words.get(1).is_some_and(|key| *key == "disable-autocreation") {
        return Err(inv.out.fail("Property can only be specified globally"));
    }
    run_property_set(inv, &SET, args)
}

/// `apps:report` values.
fn report_values(inv: &Invocation<'_>, subject: Subject<'_>) -> ReportValues {
    let mut values = ReportValues::default();
    let global = inv.state.global_property("apps", "disable-autocreation");
    values.set("--app-global-disable-autocreation", global);
    let Subject::App(app) = subject else {
        return values;
    };
    let Some(state) = inv.state.apps.get(app) else {
        return values;
    };
    values.set("--app-created-at", state.created_at.to_string());
    values.set("--app-deploy-source", state.property("apps", "deploy-source"));
    values.set("--app-deploy-source-metadata", state.property("apps", "deploy-source-metadata"));
    values.set("--app-dir", format!("/home/dokku/{app}"));
    values.set("--app-locked", state.locked.to_string());
    values
}

/// The files the apps plugin keeps for each app, as `(real path, contents, mode)`, and its data
/// directories (plugins/apps at v0.38.27): `createApp` writes the `created-at` property (the Unix
/// time, `PropertyWrite`: no newline, 0600 like every property file); `post-create` makes
/// `$DOKKU_LIB_ROOT/data/apps/<app>/` (below the plugin's `data/apps`, which `install` makes);
/// `apps:lock` creates the empty `.deploy.lock` there (`os.Create`) and `apps:unlock` removes it.
pub(crate) fn app_files(state: &crate::state::State) -> (Vec<crate::server_files::ImpliedFile>, Vec<String>) {
    use crate::server_files::DOKKU_LIB_ROOT;
    let mut files = Vec::new();
    let mut dirs = vec![format!("{DOKKU_LIB_ROOT}/data/apps")];
    for (app, settings) in state.apps.iter().filter(|(app, _)| !app.contains('/')) {
        let created_at = settings.created_at.to_string();
        files.push((format!("{DOKKU_LIB_ROOT}/config/apps/{app}/created-at"), created_at, Some(0o600)));
        let data = format!("{DOKKU_LIB_ROOT}/data/apps/{app}");
        if settings.locked {
            files.push((format!("{data}/.deploy.lock"), String::new(), None));
        }
        dirs.push(data);
    }
    (files, dirs)
}
