//! The converging plan: what turns the server's domain lists into the document's.
//!
//! Lists compare as sets of lower-cased names (Dokku matches host names without regard to case
//! or order). Global record first, then the apps in document order:
//!
//! - global: `domains:set-global …` (or `domains:clear-global`) when the set differs; its
//!   `enabled` flag is derived by Dokku from the list and never compared;
//! - an app that must be enabled: `domains:enable` then the list set exactly, because enabling
//!   writes Dokku's default domain over the list (the order [`apply_commands`] uses);
//! - an enabled app whose set differs: the list set exactly;
//! - an app that must be disabled: `domains:disable` only. Dokku deletes the list when it
//!   disables virtual hosts (`disable_app_vhost` removes the app's `VHOST` file), so a disabled
//!   app's list is not compared: a list kept there could never converge.
//!
//! A new app gets exactly [`apply_commands`]. With `prune`, apps the document does not mention
//! get an empty list, and the global list is cleared when the document has no global record.
//!
//! [`apply_commands`]: dokku_core::plugin::Plugin::apply_commands

use std::collections::BTreeSet;

use dokku_core::plugin::{Change, DiffOptions, PluginDiff};

use crate::commands::builders;
use crate::model::Domain;

/// The plan for `domains` (see the module docs). Nothing restarts from here: `domains:enable`
/// and `domains:disable` reload the app themselves.
pub(crate) fn diff(current: &[Domain], desired: &[Domain], options: &DiffOptions) -> PluginDiff {
    let mut plan = PluginDiff::default();
    for wanted in in_apply_order(desired) {
        let app = wanted.app_name.as_deref();
        match (app, current.iter().rev().find(|r| r.app_name.as_deref() == app)) {
            (None, held) => global_plan(&mut plan, held, wanted),
            (Some(app), Some(held)) => app_plan(&mut plan, app, held, wanted),
            (Some(app), None) => {
                plan.commands.extend(crate::create::commands(std::slice::from_ref(wanted)));
                if wanted.enabled {
                    plan.changes.push(Change::new(Some(app), "domains", None, Some(shown(&wanted.domains))));
                }
                plan.changes.push(Change::new(Some(app), "enabled", None, Some(wanted.enabled.to_string())));
            }
        }
    }
    if options.prune {
        let mentioned = |app: Option<&str>| desired.iter().any(|r| r.app_name.as_deref() == app);
        for held in current.iter().filter(|r| !mentioned(r.app_name.as_deref()) && !r.domains.is_empty()) {
            let app = held.app_name.as_deref();
            plan.commands.extend(builders::set_none(app));
            plan.changes.push(Change::new(app, "domains", Some(shown(&held.domains)), None));
        }
    }
    plan
}

/// The desired records as apply sends them: the global one first, each app once (its last record).
fn in_apply_order(desired: &[Domain]) -> Vec<&Domain> {
    let globals_first = desired
        .iter()
        .filter(|r| r.app_name.is_none())
        .chain(desired.iter().filter(|r| r.app_name.is_some()));
    let mut ordered: Vec<&Domain> = Vec::new();
    let mut slot_of: std::collections::HashMap<Option<&str>, usize> = std::collections::HashMap::new();
    for record in globals_first {
        match slot_of.get(&record.app_name.as_deref()) {
            Some(&at) => ordered[at] = record,
            None => {
                slot_of.insert(record.app_name.as_deref(), ordered.len());
                ordered.push(record);
            }
        }
    }
    ordered
}

/// Host names as Dokku matches them: lower-cased, once each, in no order.
fn name_set(domains: &[String]) -> BTreeSet<String> {
    domains.iter().map(|d| d.trim().to_ascii_lowercase()).collect()
}

/// A list as plan text.
fn shown(domains: &[String]) -> String {
    if domains.is_empty() { "(none)".to_owned() } else { domains.join(" ") }
}

fn global_plan(plan: &mut PluginDiff, held: Option<&Domain>, wanted: &Domain) {
    let held_domains = held.map(|h| h.domains.as_slice()).unwrap_or_default();
    if name_set(held_domains) != name_set(&wanted.domains) {
        plan.commands.extend(builders::set_exactly(None, wanted.domains.iter().map(String::as_str)));
        let old = (!held_domains.is_empty()).then(|| shown(held_domains));
        plan.changes.push(Change::new(None, "domains", old, Some(shown(&wanted.domains))));
    }
}

fn app_plan(plan: &mut PluginDiff, app: &str, held: &Domain, wanted: &Domain) {
    if held.enabled != wanted.enabled {
        plan.changes.push(Change::new(
            Some(app),
            "enabled",
            Some(held.enabled.to_string()),
            Some(wanted.enabled.to_string()),
        ));
    }
    if !wanted.enabled {
        if held.enabled {
            plan.commands.push(builders::disable(app));
        }
        return;
    }
    let differs = name_set(&held.domains) != name_set(&wanted.domains);
    if differs {
        plan.changes.push(Change::new(
            Some(app),
            "domains",
            Some(shown(&held.domains)),
            Some(shown(&wanted.domains)),
        ));
    }
    if !held.enabled {
        plan.commands.push(builders::enable(app));
    }
    if differs || !held.enabled {
        plan.commands.extend(builders::set_exactly(Some(app), wanted.domains.iter().map(String::as_str)));
    }
}
