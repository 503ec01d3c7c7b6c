//! The converging plan: what turns the server's check settings into the document's.
//!
//! An app's records are its whole check state, as an export writes it: the process types listed
//! as disabled or skipped, every other one enabled. Dokku stores two lists (disabled, skipped),
//! either of which may be `_all_`, and its commands edit them:
//!
//! - when the `_all_` status differs, one `checks:enable|disable|skip <app>` without process
//!   types rewrites both lists (that is the only way to set or leave `_all_`), followed by one
//!   `checks:disable` and one `checks:skip` for the process types listed otherwise;
//! - otherwise, `checks:enable <app> <types>` for the types that go back to the `_all_` status,
//!   then `checks:disable <app> <types>` and `checks:skip <app> <types>` for the types whose
//!   status changes.
//!
//! Wait-to-retire (app and global) is set when the document holds another value, and unset only
//! with `prune`. A new app gets exactly [`apply_commands`]; with `prune`, apps the document does
//! not mention go back to Dokku's defaults. Nothing restarts: checks apply at the next deploy.
//!
//! [`apply_commands`]: dokku_core::plugin::Plugin::apply_commands

use std::collections::BTreeMap;

use dokku_core::plugin::{Change, DiffOptions, PluginDiff};

use crate::commands::builders;
use crate::model::{ALL_PROCESSES, Check, CheckStatus};

/// One app's check state as Dokku keeps it.
#[derive(Debug, Default, PartialEq, Eq)]
struct AppState<'a> {
    /// The status of `_all_` when it is not enabled.
    all: Option<CheckStatus>,
    /// The process types listed with a status other than `all`'s (never enabled: Dokku cannot
    /// enable one type while `_all_` is disabled or skipped, and otherwise enabled is the default).
    types: BTreeMap<&'a str, CheckStatus>,
    /// The app's own wait-to-retire.
    wait_to_retire: Option<u64>,
}

impl<'a> AppState<'a> {
    /// Reads an app's records; a later record for the same process type wins.
    fn of(records: &[&'a Check]) -> Self {
        let mut state = Self::default();
        for record in records {
            let status = record.status.filter(|s| *s != CheckStatus::Enabled);
            if record.process == ALL_PROCESSES {
                state.all = status;
            } else {
                match status {
                    Some(status) => state.types.insert(&record.process, status),
                    None => state.types.remove(record.process.as_str()),
                };
            }
        }
        // A type listed with the `_all_` status says nothing more (and `checks:disable <type>`
        // would drop `_all_` from Dokku's list).
        let all = state.all;
        state.types.retain(|_, status| Some(*status) != all);
        state.wait_to_retire = records.iter().find_map(|r| r.app_wait_to_retire);
        state
    }

    /// The status a process type ends up with (`_all_` for the app-wide one).
    fn status(&self, process: &str) -> CheckStatus {
        let own = if process == ALL_PROCESSES { None } else { self.types.get(process).copied() };
        own.or(self.all).unwrap_or(CheckStatus::Enabled)
    }

    /// The types listed with `status`, comma-joinable.
    fn with(&self, status: CheckStatus) -> Vec<&'a str> {
        self.types.iter().filter(|(_, s)| **s == status).map(|(t, _)| *t).collect()
    }
}

/// The plan for `checks` (see the module docs).
pub(crate) fn diff(current: &[Check], desired: &[Check], options: &DiffOptions) -> PluginDiff {
    let mut plan = PluginDiff::default();
    global_plan(&mut plan, current, desired, options);
    let wanted_apps = apps(desired);
    for app in &wanted_apps {
        let wanted: Vec<&Check> = of_app(desired, app);
        let held: Vec<&Check> = of_app(current, app);
        if held.is_empty() {
            let owned: Vec<Check> = wanted.iter().map(|r| (*r).clone()).collect();
            plan.commands.extend(crate::create::commands(&owned));
            changes(&mut plan, app, None, &AppState::of(&wanted));
        } else {
            app_plan(&mut plan, app, &AppState::of(&held), &AppState::of(&wanted), options.prune);
        }
    }
    if options.prune {
        for app in apps(current).into_iter().filter(|a| !wanted_apps.contains(a)) {
            app_plan(&mut plan, app, &AppState::of(&of_app(current, app)), &AppState::default(), true);
        }
    }
    plan
}

/// The apps of `records` in order of first appearance.
fn apps(records: &[Check]) -> Vec<&str> {
    let mut apps: Vec<&str> = Vec::new();
    for app in records.iter().filter_map(|r| r.app_name.as_deref()) {
        if !apps.contains(&app) {
            apps.push(app);
        }
    }
    apps
}

fn of_app<'a>(records: &'a [Check], app: &str) -> Vec<&'a Check> {
    records.iter().filter(|r| r.app_name.as_deref() == Some(app)).collect()
}

/// The global wait-to-retire: from the global record only (pydokku's copies in app records are
/// ignored, as apply does); a document without a global record leaves it alone unless `prune`.
fn global_plan(plan: &mut PluginDiff, current: &[Check], desired: &[Check], options: &DiffOptions) {
    let global = |records: &[Check]| {
        records.iter().rev().find(|r| r.app_name.is_none()).map(|r| r.global_wait_to_retire)
    };
    let held = global(current).flatten();
    let wanted = match global(desired) {
        Some(wanted) => wanted,
        None if options.prune => None,
        None => return,
    };
    wait_plan(plan, None, held, wanted, options.prune);
}

/// Sets a wait-to-retire the document holds with another value; unsets one it lacks with `prune`.
fn wait_plan(plan: &mut PluginDiff, app: Option<&str>, held: Option<u64>, wanted: Option<u64>, prune: bool) {
    if held == wanted || (wanted.is_none() && !prune) {
        return;
    }
    plan.commands.push(builders::set_wait_to_retire(app, wanted));
    let text = |s: Option<u64>| s.map(|s| s.to_string());
    plan.changes.push(Change::new(app, "wait-to-retire", text(held), text(wanted)));
}

fn app_plan(plan: &mut PluginDiff, app: &str, held: &AppState<'_>, wanted: &AppState<'_>, prune: bool) {
    wait_plan(plan, Some(app), held.wait_to_retire, wanted.wait_to_retire, prune);
    if held.all != wanted.all {
        // Only the form without process types sets or leaves `_all_`; it rewrites both lists,
        // so every listed type follows.
        plan.commands.push(match wanted.all {
            None => builders::enable(app, []),
            Some(CheckStatus::Disabled) => builders::disable(app, []),
            Some(_) => builders::skip(app, []),
        });
        let disabled = wanted.with(CheckStatus::Disabled);
        if !disabled.is_empty() {
            plan.commands.push(builders::disable(app, disabled));
        }
        let skipped = wanted.with(CheckStatus::Skipped);
        if !skipped.is_empty() {
            plan.commands.push(builders::skip(app, skipped));
        }
    } else {
        let back: Vec<&str> = held.types.keys().copied().filter(|t| !wanted.types.contains_key(t)).collect();
        if !back.is_empty() {
            plan.commands.push(builders::enable(app, back));
        }
        for status in [CheckStatus::Disabled, CheckStatus::Skipped] {
            let moved: Vec<&str> =
                wanted.with(status).into_iter().filter(|t| held.types.get(t) != Some(&status)).collect();
            if moved.is_empty() {
                continue;
            }
            plan.commands.push(match status {
                CheckStatus::Disabled => builders::disable(app, moved),
                _ => builders::skip(app, moved),
            });
        }
    }
    changes(plan, app, Some(held), wanted);
}

/// One change per process type whose status differs (`_all_` first). A new app (`held` is
/// `None`) shows every status it gets, and its wait-to-retire, which no [`wait_plan`] reported.
fn changes(plan: &mut PluginDiff, app: &str, held: Option<&AppState<'_>>, wanted: &AppState<'_>) {
    if held.is_none() && wanted.wait_to_retire.is_some() {
        let seconds = wanted.wait_to_retire.map(|s| s.to_string());
        plan.changes.push(Change::new(Some(app), "wait-to-retire", None, seconds));
    }
    let mut processes: Vec<&str> = held.map(|h| h.types.keys().copied().collect()).unwrap_or_default();
    processes.extend(wanted.types.keys().copied());
    processes.sort_unstable();
    processes.dedup();
    processes.insert(0, ALL_PROCESSES);
    for process in processes {
        let new = wanted.status(process);
        let old = match held {
            Some(held) if held.status(process) == new => continue,
            Some(held) => Some(name(held.status(process))),
            None => None,
        };
        plan.changes.push(Change::new(Some(app), format!("process {process}"), old, Some(name(new))));
    }
}

fn name(status: CheckStatus) -> String {
    match status {
        CheckStatus::Enabled => "enabled",
        CheckStatus::Disabled => "disabled",
        CheckStatus::Skipped => "skipped",
    }
    .to_owned()
}
