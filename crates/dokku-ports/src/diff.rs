//! The converging plan: what turns the server's port maps into the document's.
//!
//! An app's map is an ordered list (Dokku keeps and reports it in the order it was set), so it
//! is compared as one: when it differs in any way, one `ports:set <app> <map>…` replaces it,
//! which is exactly what apply sends for a new app. With `prune`, apps that have mappings but no
//! record in the document get `ports:clear <app>`. Global mappings (pydokku's detected ports) are
//! skipped on both sides, as apply skips them: Dokku has no global map to set.
//!
//! Nothing restarts: Dokku rebuilds the proxy configuration of a deployed app when its map
//! changes.

use dokku_core::plugin::{Change, DiffOptions, PluginDiff};

use crate::commands::builders;
use crate::model::Port;

/// The plan for `ports` (see the module docs).
pub(crate) fn diff(current: &[Port], desired: &[Port], options: &DiffOptions) -> PluginDiff {
    let held = maps(current);
    let wanted = maps(desired);
    let mut plan = PluginDiff::default();
    // Indexed by app: a server with a thousand apps must not cost a million comparisons.
    let held_by_app: std::collections::HashMap<_, _> = held.iter().map(|(a, t)| (*a, t.as_slice())).collect();
    for (app, tokens) in &wanted {
        let old = held_by_app.get(app).copied().unwrap_or_default();
        if old == tokens.as_slice() {
            continue;
        }
        plan.commands.push(builders::set(app, tokens));
        plan.changes.extend(changes(app, old, tokens));
    }
    if options.prune {
        for (app, tokens) in held.iter().filter(|(a, _)| !wanted.iter().any(|(w, _)| w == a)) {
            plan.commands.push(builders::clear(app));
            plan.changes.extend(changes(app, tokens, &[]));
        }
    }
    plan
}

/// Each app's mappings as Dokku tokens, apps in first-seen order, mappings in record order
/// (scheme lower-cased: Dokku's schemes are).
fn maps(records: &[Port]) -> Vec<(&str, Vec<String>)> {
    let mut by_app: Vec<(&str, Vec<String>)> = Vec::new();
    for port in records {
        let Some(app) = port.app_name.as_deref() else { continue };
        let token = Port { scheme: port.scheme.to_ascii_lowercase(), ..port.clone() }.token();
        match by_app.iter_mut().find(|(a, _)| *a == app) {
            Some((_, tokens)) => tokens.push(token),
            None => by_app.push((app, vec![token])),
        }
    }
    by_app
}

/// One change per mapping added or removed; one for the order when only that differs.
fn changes(app: &str, old: &[String], new: &[String]) -> Vec<Change> {
    let added = new
        .iter()
        .filter(|t| !old.contains(t))
        .map(|t| Change::new(Some(app), format!("port {t}"), None, Some(t.clone())));
    let removed = old
        .iter()
        .filter(|t| !new.contains(t))
        .map(|t| Change::new(Some(app), format!("port {t}"), Some(t.clone()), None));
    let mut changes: Vec<Change> = removed.chain(added).collect();
    if changes.is_empty() && old != new {
        changes.push(Change::new(Some(app), "ports order", Some(old.join(" ")), Some(new.join(" "))));
    }
    changes
}
