//! The converging plan: what turns the server's docker options into the document's.
//!
//! Each scope (a phase, or the deploy phase of one process type) is a multiset of options compared
//! by their shell words, as Dokku matches them (`--label "a b"` and Dokku's stored
//! `--label 'a b'` are one option): the same option twice is two entries, and nothing is ever
//! deduplicated.
//! An option the document has more often than the server gets one `docker-options:add` per
//! missing occurrence. Fewer occurrences wanted (a removal) happen only with `prune`: Dokku's
//! `docker-options:remove` drops every occurrence, so the wanted number is added back after it;
//! a scope that must end up empty is cleared with one `docker-options:clear`. With `prune`, apps
//! the document does not mention lose their options, except with `prune_apps` (those apps are
//! being destroyed). Build options take effect at the next build (rebuild); deploy and run
//! options at the next container start (restart). Process-scoped lists need Dokku 0.38.0: a
//! plan for an older server leaves them out and says so.

use std::collections::BTreeMap;

use dokku_core::DokkuVersion;
use dokku_core::diffing::last_per_key;
use dokku_core::plugin::{Change, DiffOptions, PluginDiff};

use crate::commands::builders;
use crate::model::{DockerOption, DockerOptions, Phase, Scope};

/// The first version with process-scoped deploy options (`--process`).
const PROCESS_SCOPES_SINCE: DokkuVersion = DokkuVersion::new(0, 38, 0);

/// The plan for `docker_options` (see the module docs).
pub(crate) fn diff(
    current: &[DockerOptions],
    desired: &[DockerOptions],
    options: &DiffOptions,
) -> PluginDiff {
    let mut plan = PluginDiff::default();
    let process_scopes = options.server_version.as_ref().is_none_or(|v| v >= &PROCESS_SCOPES_SINCE);
    for wanted in last_per_key(desired, |r| r.app_name.clone()) {
        let empty = DockerOptions::new(&wanted.app_name);
        let held = current.iter().rev().find(|r| r.app_name == wanted.app_name).unwrap_or(&empty);
        app_plan(&mut plan, held, wanted, options.prune, process_scopes);
    }
    if options.prune && !options.prune_apps {
        let mentioned = |app: &str| desired.iter().any(|r| r.app_name == app);
        for held in last_per_key(current.iter().filter(|r| !mentioned(&r.app_name)), |r| r.app_name.clone()) {
            app_plan(&mut plan, held, &DockerOptions::new(&held.app_name), true, process_scopes);
        }
    }
    plan
}

/// Every scope either side has, in order.
fn all_scopes(held: &DockerOptions, wanted: &DockerOptions) -> Vec<Scope> {
    let mut scopes: Vec<Scope> =
        held.scopes().into_iter().chain(wanted.scopes()).map(|(scope, _)| scope).collect();
    scopes.sort();
    scopes.dedup();
    scopes
}

/// How often each option occurs, by [`DockerOption::comparison_key`].
fn counts(list: &[DockerOption]) -> BTreeMap<String, usize> {
    let mut counts = BTreeMap::new();
    for option in list {
        *counts.entry(option.comparison_key()).or_insert(0) += 1;
    }
    counts
}

fn app_plan(
    plan: &mut PluginDiff,
    held: &DockerOptions,
    wanted: &DockerOptions,
    prune: bool,
    process_scopes: bool,
) {
    let app = wanted.app_name.as_str();
    let (mut restart, mut rebuild) = (false, false);
    for scope in all_scopes(held, wanted) {
        if scope.process.is_some() && !process_scopes {
            if !wanted.list(&scope).is_empty() {
                plan.notes.push(format!(
                    "docker-options: app {app}: `{scope}` options need Dokku 0.38.0 or later (process-scoped deploy options); left out"
                ));
            }
            continue;
        }
        let (now, goal) = (held.list(&scope), wanted.list(&scope));
        let commands = scope_commands(app, &scope, now, goal, prune);
        let wanted_counts = counts(goal);
        let kept =
            counts(now).iter().filter(|(o, c)| wanted_counts.get(*o).copied().unwrap_or(0) < **c).count();
        if !prune && kept > 0 {
            plan.notes.push(format!(
                "docker-options: app {app}: `{scope}` keeps {kept} option(s) the document lacks or has fewer times (removed only with --prune)"
            ));
        }
        if commands.is_empty() {
            continue;
        }
        plan.commands.extend(commands);
        plan.changes.push(change(app, &scope, now, goal));
        match scope.phase {
            Phase::Build => rebuild = true,
            Phase::Deploy | Phase::Run => restart = true,
        }
    }
    if restart {
        plan.restart.push(app.to_owned());
    }
    if rebuild {
        plan.rebuild.push(app.to_owned());
    }
}

/// The commands that bring one scope from `now` to `goal` (see the module docs).
fn scope_commands(
    app: &str,
    scope: &Scope,
    now: &[DockerOption],
    goal: &[DockerOption],
    prune: bool,
) -> Vec<dokku_core::Command> {
    if goal.is_empty() {
        return if prune && !now.is_empty() { vec![builders::clear(app, scope)] } else { Vec::new() };
    }
    let (held, wanted) = (counts(now), counts(goal));
    let mut commands = Vec::new();
    let mut seen = std::collections::BTreeSet::new();
    // The document's text for what is added; the server's own text for what is removed.
    for option in goal.iter().chain(now) {
        let key = option.comparison_key();
        let (have, want) = (held.get(&key).copied().unwrap_or(0), wanted.get(&key).copied().unwrap_or(0));
        if !seen.insert(key) {
            continue;
        }
        let adds = if want > have {
            want - have
        } else if want < have && prune {
            let stored = now.iter().find(|o| o.comparison_key() == option.comparison_key()).unwrap_or(option);
            commands.push(builders::remove(app, scope, stored));
            want
        } else {
            0
        };
        commands.extend(std::iter::repeat_n(builders::add(app, scope, option), adds));
    }
    commands
}

/// A scope's change for people: the options as exposed text, marked secret when any carries a
/// secret value (the plan then masks the whole value unless asked).
fn change(app: &str, scope: &Scope, now: &[DockerOption], goal: &[DockerOption]) -> Change {
    let text = |list: &[DockerOption]| {
        (!list.is_empty())
            .then(|| list.iter().map(|o| format!("[{}]", o.expose())).collect::<Vec<_>>().join(" "))
    };
    let change = Change::new(Some(app), scope.to_string(), text(now), text(goal));
    if now.iter().chain(goal).any(|o| o.secret_from().is_some()) { change.secret() } else { change }
}
