//! The converging plan: what turns the server's process settings and scale into the document's.
//!
//! Global settings first (`ps:set --global <key> [<value>]`), then the apps in document order:
//! one `ps:set <app> <key> [<value>]` per setting that differs, then one `ps:scale --skip-deploy
//! <app> <type>=<count>…` with the document's whole scale when any count differs. Runtime state
//! (`deployed`, `running`, `processes`) is never compared; a record without a scale (pydokku's)
//! counts its processes instead, as apply does.
//!
//! A setting the document leaves out is not managed: it is unset only with `prune`, as are the
//! settings of apps the document does not mention (`restore` goes back to true) and the global
//! ones when the document has no global record. With `prune`, process types scaled up on the
//! server but absent from the document's scale are scaled to 0 (only when the document has a
//! scale for the app: an empty one says nothing). A new app gets exactly [`apply_commands`].
//!
//! Restarts and rebuilds, which the engine runs once per deployed app at the end:
//!
//! - the scale is recorded with `--skip-deploy`, and the app is listed for a restart. Without
//!   the flag `ps:scale` would deploy the app itself, and then again for any other runtime
//!   change of the same run; one restart at the end starts the new process counts and every
//!   other change together (and does nothing to an app that was never deployed);
//! - `restart-policy`, `start-cmd`, `dockerfile-start-cmd` and `stop-timeout-seconds` are read
//!   when containers are created: a restart;
//! - `procfile-path` is read when the app is built (Dokku extracts the Procfile then): a rebuild;
//! - `restore` and `skip-deploy` govern later boots and deploys: neither.
//!
//! Global changes reach each app without a value of its own at its next restart or deploy; the
//! plan does not know those apps, so it lists none.
//!
//! [`apply_commands`]: dokku_core::plugin::Plugin::apply_commands

use std::collections::BTreeMap;

use dokku_core::DokkuVersion;
use dokku_core::plugin::{Change, DiffOptions, PluginDiff};

use crate::commands::builders;
use crate::model::{ProcessInfo, PsGlobal, PsRecord};

/// The restart policy Dokku applies when neither the app nor the server sets one. Dokku before
/// 0.38.21 reports it for every app as if set, so it is taken as "not set" when no global policy
/// could stand in for it.
const DEFAULT_RESTART_POLICY: &str = "on-failure:10";

/// The first Dokku whose `ps:report` prints the app's stored restart policy (not the one in
/// force), so that an explicit `on-failure:10` differs from none.
const STORED_RESTART_POLICY_SINCE: DokkuVersion = DokkuVersion::new(0, 38, 9);

/// What a changed setting takes to reach the running app.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Effect {
    /// Nothing now: later boots or deploys read it.
    None,
    /// New containers (a restart).
    Restart,
    /// A new build.
    Rebuild,
}

/// The plan for `ps` (see the module docs).
pub(crate) fn diff(current: &[PsRecord], desired: &[PsRecord], options: &DiffOptions) -> PluginDiff {
    let mut plan = PluginDiff::default();
    let held_global = global(current).cloned().unwrap_or_default();
    let wanted_global = global(desired);
    match wanted_global {
        Some(wanted) => global_plan(&mut plan, &held_global, wanted, options.prune),
        None if options.prune => global_plan(&mut plan, &held_global, &PsGlobal::default(), true),
        None => {}
    }
    // The app policy "on-failure:10" means "not set" only where no global policy is in force,
    // and only on servers that cannot tell them apart: from 0.38.9 the report prints the app's
    // stored policy, so an explicit default is kept as written (a plan only shown follows the
    // newest Dokku).
    let global_policy = match wanted_global {
        Some(wanted) => wanted.global_restart_policy.as_deref(),
        None => held_global.global_restart_policy.as_deref(),
    };
    let reports_stored_policy =
        options.server_version.as_ref().is_none_or(|v| *v >= STORED_RESTART_POLICY_SINCE);
    let context =
        Context { prune: options.prune, default_policy: global_policy.is_none() && !reports_stored_policy };
    let held_apps = apps(current);
    let wanted_apps = apps(desired);
    // Indexed by app: a server with a thousand apps must not cost a million comparisons.
    let held_by_app: std::collections::HashMap<_, _> = held_apps.iter().map(|h| (&h.app_name, *h)).collect();
    let wanted_names: std::collections::HashSet<_> = wanted_apps.iter().map(|w| &w.app_name).collect();
    for wanted in &wanted_apps {
        match held_by_app.get(&wanted.app_name).copied() {
            Some(held) => app_plan(&mut plan, held, wanted, context),
            None => new_app(&mut plan, wanted),
        }
    }
    if options.prune {
        for held in held_apps.iter().filter(|h| !wanted_names.contains(&h.app_name)) {
            app_plan(&mut plan, held, &defaults(held), context);
        }
    }
    plan
}

/// How app settings are compared.
#[derive(Clone, Copy)]
struct Context {
    /// Whether unmanaged settings are unset.
    prune: bool,
    /// Whether [`DEFAULT_RESTART_POLICY`] is the same as no app policy.
    default_policy: bool,
}

/// The last global record.
fn global(records: &[PsRecord]) -> Option<&PsGlobal> {
    records.iter().rev().find_map(|r| match r {
        PsRecord::Global(global) => Some(global),
        PsRecord::App(_) => None,
    })
}

/// The app records, each app once (its last record), in order of first appearance.
fn apps(records: &[PsRecord]) -> Vec<&ProcessInfo> {
    let apps = records.iter().filter_map(|r| match r {
        PsRecord::App(info) => Some(info),
        PsRecord::Global(_) => None,
    });
    dokku_core::diffing::last_per_key(apps, |a| a.app_name.clone())
}

/// What an app without any setting of its own looks like (its scale left alone).
fn defaults(held: &ProcessInfo) -> ProcessInfo {
    ProcessInfo {
        app_name: held.app_name.clone(),
        deployed: held.deployed,
        processes: Vec::new(),
        scale: BTreeMap::new(),
        can_scale: held.can_scale,
        restart_policy: None,
        restore: true,
        running: held.running,
        app_procfile_path: None,
        stop_timeout_seconds: None,
        start_cmd: None,
        dockerfile_start_cmd: None,
        skip_deploy: None,
        extra: BTreeMap::new(),
    }
}

/// One optional setting: the command and change that take it from `held` to `wanted`, if any
/// (`None` wanted means "not managed" unless `prune`). Returns whether it changed.
fn setting(
    plan: &mut PluginDiff,
    app: Option<&str>,
    key: &str,
    held: Option<String>,
    wanted: Option<String>,
    prune: bool,
) -> bool {
    if held == wanted || (wanted.is_none() && !prune) {
        return false;
    }
    plan.commands.push(builders::set(app, key, wanted.as_deref()));
    plan.changes.push(Change::new(app, key, held, wanted));
    true
}

fn text<T: ToString>(value: Option<T>) -> Option<String> {
    value.map(|v| v.to_string())
}

fn global_plan(plan: &mut PluginDiff, held: &PsGlobal, wanted: &PsGlobal, prune: bool) {
    let settings = [
        ("procfile-path", held.global_procfile_path.clone(), wanted.global_procfile_path.clone()),
        ("restart-policy", held.global_restart_policy.clone(), wanted.global_restart_policy.clone()),
        (
            "stop-timeout-seconds",
            text(held.global_stop_timeout_seconds),
            text(wanted.global_stop_timeout_seconds),
        ),
        ("skip-deploy", text(held.global_skip_deploy), text(wanted.global_skip_deploy)),
    ];
    for (key, old, new) in settings {
        setting(plan, None, key, old, new, prune);
    }
}

fn app_plan(plan: &mut PluginDiff, held: &ProcessInfo, wanted: &ProcessInfo, context: Context) {
    let app = held.app_name.as_str();
    let policy =
        |p: &Option<String>| p.clone().filter(|p| !(context.default_policy && p == DEFAULT_RESTART_POLICY));
    let settings = [
        ("procfile-path", held.app_procfile_path.clone(), wanted.app_procfile_path.clone(), Effect::Rebuild),
        ("restart-policy", policy(&held.restart_policy), policy(&wanted.restart_policy), Effect::Restart),
        (
            "stop-timeout-seconds",
            text(held.stop_timeout_seconds),
            text(wanted.stop_timeout_seconds),
            Effect::Restart,
        ),
        ("start-cmd", held.start_cmd.clone(), wanted.start_cmd.clone(), Effect::Restart),
        (
            "dockerfile-start-cmd",
            held.dockerfile_start_cmd.clone(),
            wanted.dockerfile_start_cmd.clone(),
            Effect::Restart,
        ),
        ("skip-deploy", text(held.skip_deploy), text(wanted.skip_deploy), Effect::None),
        // Always part of a record (true by default), so always managed.
        ("restore", Some(held.restore.to_string()), Some(wanted.restore.to_string()), Effect::None),
    ];
    let (mut restart, mut rebuild) = (false, false);
    for (key, old, new, effect) in settings {
        if setting(plan, Some(app), key, old, new, context.prune) {
            restart |= effect == Effect::Restart;
            rebuild |= effect == Effect::Rebuild;
        }
    }
    restart |= scale_plan(plan, held, wanted, context.prune);
    if restart {
        plan.restart.push(app.to_owned());
    }
    if rebuild {
        plan.rebuild.push(app.to_owned());
    }
}

/// When any process type's count differs (a type recorded at 0 differs from one not recorded),
/// every type of the document in one `ps:scale --skip-deploy`: Dokku keeps a zero for a type
/// outside the Procfile only while the latest `ps:scale` names it. Returns whether the scale
/// changed.
fn scale_plan(plan: &mut PluginDiff, held: &ProcessInfo, wanted: &ProcessInfo, prune: bool) -> bool {
    // Dokku refuses `ps:scale` for an app whose app.json has a formation, and a document app
    // that had one gets its scale from its own app.json at deploy.
    if !held.can_scale || !wanted.can_scale {
        return false;
    }
    // Both sides alike: a record without a scale (pydokku's) counts its processes.
    let held_scale = held.effective_scale();
    let wanted_scale = wanted.effective_scale();
    let differs = |(t, n): (&String, &u32)| held_scale.get(t) != Some(n);
    let mut changed: Vec<(&str, u32)> =
        wanted_scale.iter().filter(|pair| differs(*pair)).map(|(t, n)| (t.as_str(), *n)).collect();
    let mut gone: Vec<(&str, u32)> = Vec::new();
    if prune && !wanted_scale.is_empty() {
        gone = held_scale
            .iter()
            .filter(|(t, n)| **n > 0 && !wanted_scale.contains_key(*t))
            .map(|(t, _)| (t.as_str(), 0))
            .collect();
    }
    if changed.is_empty() && gone.is_empty() {
        return false;
    }
    changed.extend(gone.iter().copied());
    changed.sort_unstable();
    for (process_type, n) in &changed {
        let old = held_scale.get(*process_type).map(u32::to_string);
        let new = (*n > 0 || wanted_scale.contains_key(*process_type)).then(|| n.to_string());
        plan.changes.push(Change::new(Some(&held.app_name), format!("scale {process_type}"), old, new));
    }
    let mut sent: Vec<(&str, u32)> = wanted_scale.iter().map(|(t, n)| (t.as_str(), *n)).collect();
    sent.extend(gone);
    sent.sort_unstable();
    plan.commands.push(builders::scale(&held.app_name, sent));
    true
}

/// A new app: what apply sends, with one change per setting and process type it sets (read
/// back from those commands, so the changes show exactly what is sent).
fn new_app(plan: &mut PluginDiff, wanted: &ProcessInfo) {
    let commands = crate::create::commands(&[PsRecord::App(wanted.clone())]);
    let app = Some(wanted.app_name.as_str());
    for command in &commands {
        let argv = command.argv_masked();
        if command.subcommand() == "ps:set" {
            let (key, value) = (argv.get(2).cloned().unwrap_or_default(), argv.get(3).cloned());
            plan.changes.push(Change::new(app, key, None, value));
        } else {
            for pair in argv.iter().skip(3) {
                let (process_type, n) = pair.split_once('=').unwrap_or((pair, ""));
                plan.changes.push(Change::new(
                    app,
                    format!("scale {process_type}"),
                    None,
                    Some(n.to_owned()),
                ));
            }
        }
    }
    plan.commands.extend(commands);
}
