//! The converging plan: what turns the server's limits and reservations into the document's.
//!
//! Values compare as Docker reads them (see [`same_value`]: `512m`, `512MB` and `512` are one
//! memory limit), so a re-apply sends nothing. Per app, kind and process type, everything that
//! changes goes in one command with the flags before the app: values to set, and (only with
//! `prune`) `--<resource> clear` for values the document lacks; a process type that loses all
//! its values is cleared with `resource:<kind>-clear --process-type <type>`, never the
//! type-less form that wipes every type. With `prune`, apps the document does not mention lose
//! their values, except with `prune_apps` (those apps are being destroyed). Docker applies
//! resources when containers start: every changed app is listed for a restart.

use std::collections::BTreeSet;

use dokku_core::diffing::last_per_key;
use dokku_core::plugin::{Change, DiffOptions, PluginDiff};

use crate::commands::{CLEAR, builders};
use crate::create::in_resource_order;
use crate::model::{Kind, ResourceValues, Resources};
use crate::quantity::same_value;

/// The plan for `resource` (see the module docs).
pub(crate) fn diff(current: &[Resources], desired: &[Resources], options: &DiffOptions) -> PluginDiff {
    let mut plan = PluginDiff::default();
    for wanted in last_per_key(desired, |r| r.app_name.clone()) {
        let empty = Resources::new(&wanted.app_name);
        let held = current.iter().rev().find(|r| r.app_name == wanted.app_name).unwrap_or(&empty);
        app_plan(&mut plan, held, wanted, options.prune);
    }
    if options.prune && !options.prune_apps {
        let mentioned = |app: &str| desired.iter().any(|r| r.app_name == app);
        for held in last_per_key(current.iter().filter(|r| !mentioned(&r.app_name)), |r| r.app_name.clone()) {
            app_plan(&mut plan, held, &Resources::new(&held.app_name), true);
        }
    }
    plan
}

fn app_plan(plan: &mut PluginDiff, held: &Resources, wanted: &Resources, prune: bool) {
    let app = wanted.app_name.as_str();
    let none = ResourceValues::new();
    let mut changed = false;
    for kind in Kind::ALL {
        let processes: BTreeSet<&String> = held.of(kind).keys().chain(wanted.of(kind).keys()).collect();
        for process in processes {
            let now = held.of(kind).get(process).unwrap_or(&none);
            let goal = wanted.of(kind).get(process).unwrap_or(&none);
            let subject = |resource: &str| format!("{process}.{}.{resource}", kind.as_str());
            let mut flags: Vec<(&str, &str)> = Vec::new();
            for (resource, value) in in_resource_order(goal) {
                let held_value = now.get(resource);
                if held_value.is_none_or(|h| !same_value(resource, h, value)) {
                    flags.push((resource, value));
                    plan.changes.push(Change::new(
                        Some(app),
                        subject(resource),
                        held_value.cloned(),
                        Some(value.to_owned()),
                    ));
                }
            }
            let dropped: Vec<(&str, &str)> = in_resource_order(now)
                .into_iter()
                .filter(|(resource, _)| !goal.contains_key(*resource))
                .collect();
            if !dropped.is_empty() && !prune {
                plan.notes.push(format!(
                    "resource: app {app}: {process} keeps {} {} value(s) the document lacks (removed only with --prune)",
                    dropped.len(),
                    kind.as_str()
                ));
            }
            if prune {
                for (resource, value) in &dropped {
                    plan.changes.push(Change::new(
                        Some(app),
                        subject(resource),
                        Some((*value).to_owned()),
                        None,
                    ));
                }
            }
            let clears_all = prune && goal.is_empty() && !now.is_empty();
            if clears_all {
                plan.commands.push(builders::clear_type(app, kind, process));
            } else {
                if prune {
                    flags.extend(dropped.iter().map(|(resource, _)| (*resource, CLEAR)));
                }
                if flags.is_empty() {
                    continue;
                }
                plan.commands.push(builders::set(app, kind, process, flags));
            }
            changed = true;
        }
    }
    if changed {
        plan.restart.push(app.to_owned());
    }
}
