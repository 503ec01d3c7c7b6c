//! The converging plan: what turns the server's buildpack lists and stacks into the document's.
//!
//! An app's list is one ordered value (the build runs buildpacks in that order), compared in the
//! form Dokku stores (`owner/name` shorthand expanded). A list that differs is written whole:
//! `buildpacks:set --replace` on a server whose Dokku has it ([`DiffOptions::server_version`]
//! 0.38.22 or later), else `buildpacks:clear` and one `buildpacks:add` per URL, in order. Emptying
//! a list (`buildpacks:clear`) and unsetting a stack are removals: only with `prune`, which also
//! clears the apps the document does not mention (except with `prune_apps`: those apps are being
//! destroyed). A document without a global record leaves the
//! global stack alone. Every change is a build setting: the app is listed for a rebuild; a
//! changed global stack is noted (it reaches every app without its own stack at its next build).

use dokku_core::diffing::last_per_key;
use dokku_core::plugin::{Change, DiffOptions, PluginDiff};

use crate::commands::{SET_REPLACE_SINCE, builders};
use crate::model::{Buildpacks, shown};

/// The plan for `buildpacks` (see the module docs).
pub(crate) fn diff(current: &[Buildpacks], desired: &[Buildpacks], options: &DiffOptions) -> PluginDiff {
    let mut plan = PluginDiff::default();
    let atomic = options.server_version.as_ref().is_some_and(|v| v >= &SET_REPLACE_SINCE);
    let ordered = desired
        .iter()
        .filter(|r| r.app_name.is_none())
        .chain(desired.iter().filter(|r| r.app_name.is_some()));
    for wanted in last_per_key(ordered, |r| r.app_name.clone()) {
        let held = current.iter().rev().find(|r| r.app_name == wanted.app_name);
        match (wanted.app_name.as_deref(), held) {
            (None, held) => global_plan(&mut plan, held, wanted, options.prune),
            (Some(app), Some(held)) => app_plan(&mut plan, app, held, wanted, options.prune, atomic),
            (Some(app), None) => {
                let commands = crate::create::commands(std::slice::from_ref(wanted));
                if !commands.is_empty() {
                    plan.commands.extend(commands);
                    plan.rebuild.push(app.to_owned());
                }
                if !wanted.buildpacks.is_empty() {
                    plan.changes.push(Change::new(
                        Some(app),
                        "buildpacks",
                        None,
                        Some(shown(&wanted.buildpacks)),
                    ));
                }
                if let Some(stack) = &wanted.stack {
                    plan.changes.push(Change::new(Some(app), "stack", None, Some(stack.clone())));
                }
            }
        }
    }
    // With `prune_apps`, apps without a record are being destroyed by the apps plugin.
    if options.prune && !options.prune_apps {
        let mentioned = |app: &str| desired.iter().any(|r| r.app_name.as_deref() == Some(app));
        for held in current.iter().filter(|r| r.app_name.as_deref().is_some_and(|a| !mentioned(a))) {
            let app = held.app_name.as_deref().unwrap_or_default();
            let empty = Buildpacks { app_name: held.app_name.clone(), ..Buildpacks::default() };
            app_plan(&mut plan, app, held, &empty, true, atomic);
        }
    }
    plan
}

fn global_plan(plan: &mut PluginDiff, held: Option<&Buildpacks>, wanted: &Buildpacks, prune: bool) {
    let now = held.and_then(|h| h.stack.as_deref());
    let goal = wanted.stack.as_deref();
    if now == goal || (goal.is_none() && !prune) {
        return;
    }
    plan.commands.push(builders::set_stack(None, goal));
    plan.changes.push(Change::new(None, "stack", now.map(str::to_owned), goal.map(str::to_owned)));
    plan.notes.push(
        "buildpacks: the global stack changed: apps without their own stack use it from their next build (rebuild them to apply it now)"
            .to_owned(),
    );
}

fn app_plan(
    plan: &mut PluginDiff,
    app: &str,
    held: &Buildpacks,
    wanted: &Buildpacks,
    prune: bool,
    atomic: bool,
) {
    let mut changed = false;
    let list_differs = held.stored_list() != wanted.stored_list();
    if list_differs && !prune && wanted.buildpacks.is_empty() {
        plan.notes.push(format!(
            "buildpacks: app {app} keeps its buildpacks, which the document lacks (cleared only with --prune)"
        ));
    }
    if list_differs && (prune || !wanted.buildpacks.is_empty()) {
        plan.commands.extend(builders::set_exactly(app, &wanted.buildpacks, atomic));
        let new = (!wanted.buildpacks.is_empty()).then(|| shown(&wanted.buildpacks));
        let old = (!held.buildpacks.is_empty()).then(|| shown(&held.buildpacks));
        plan.changes.push(Change::new(Some(app), "buildpacks", old, new));
        changed = true;
    }
    let (now, goal) = (held.stack.as_deref(), wanted.stack.as_deref());
    if now.is_some() && goal.is_none() && !prune {
        plan.notes.push(format!(
            "buildpacks: app {app} keeps its stack, which the document lacks (unset only with --prune)"
        ));
    }
    if now != goal && (prune || goal.is_some()) {
        plan.commands.push(builders::set_stack(Some(app), goal));
        plan.changes.push(Change::new(Some(app), "stack", now.map(str::to_owned), goal.map(str::to_owned)));
        changed = true;
    }
    if changed {
        plan.rebuild.push(app.to_owned());
    }
}
