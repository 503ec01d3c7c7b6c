//! The converging plan of the apps plugin: what turns the server's apps into the document's.

use dokku_core::Command;
use dokku_core::diffing::pair_by;
use dokku_core::plugin::{Change, DiffOptions, PluginDiff};

use crate::commands::builders;
use crate::model::{App, AppRecord, AppsGlobal};

/// Diffs the apps records (see [`dokku_core::plugin::Plugin::diff`]).
///
/// The global `disable-autocreation` is set when the document has a global record that differs
/// (an export leaves the record out when it is false, so a missing server record counts as
/// false) and unset under `prune` when the document has none. A new app gets exactly what
/// apply gives it (`apps:create`, its `apps:set`s, `apps:lock`); an existing one gets
/// `apps:lock`/`apps:unlock` and `apps:set` for the deploy source fields the document sets
/// (unset under `prune`). Apps the document lacks are destroyed only with `prune` and
/// `prune_apps`. Nothing here needs a restart.
pub(crate) fn diff(current: &[AppRecord], desired: &[AppRecord], options: &DiffOptions) -> PluginDiff {
    let mut out = PluginDiff::default();
    diff_global(global(current), global(desired), options, &mut out);

    let current_apps = apps(current);
    let desired_apps = apps(desired);
    let paired = pair_by(&current_apps, &desired_apps, |a| a.name.clone());
    for app in paired.added {
        out.changes.push(Change::new(Some(&app.name), "app", None, Some(app.name.clone())));
        for (key, value) in [
            ("deploy-source", set_value(&app.deploy_source)),
            ("deploy-source-metadata", set_value(&app.deploy_source_metadata)),
        ] {
            if let Some(value) = value {
                out.changes.push(Change::new(Some(&app.name), key, None, Some(value.to_owned())));
            }
        }
        if app.locked {
            out.changes.push(Change::new(Some(&app.name), "locked", None, Some("true".into())));
        }
        // A new app is created exactly as apply creates it.
        out.commands.extend(crate::create::commands(&[AppRecord::App((*app).clone())]));
    }
    for (now, wanted) in paired.both {
        diff_app(now, wanted, options, &mut out);
    }
    if options.prune && options.prune_apps {
        for app in paired.removed {
            out.changes.push(Change::new(Some(&app.name), "app", Some(app.name.clone()), None));
            out.commands.push(builders::destroy(&app.name));
        }
    }
    out
}

/// The global record of a list, if any (the last one wins, as apply would leave it).
fn global(records: &[AppRecord]) -> Option<&AppsGlobal> {
    records.iter().rev().find_map(|r| match r {
        AppRecord::Global(g) => Some(g),
        AppRecord::App(_) => None,
    })
}

fn apps(records: &[AppRecord]) -> Vec<&App> {
    records
        .iter()
        .filter_map(|r| match r {
            AppRecord::App(app) => Some(app),
            AppRecord::Global(_) => None,
        })
        .collect()
}

fn diff_global(
    now: Option<&AppsGlobal>,
    wanted: Option<&AppsGlobal>,
    options: &DiffOptions,
    out: &mut PluginDiff,
) {
    const KEY: &str = "disable-autocreation";
    // Export writes the global record only when it is true: absent means false.
    let current = now.is_some_and(|g| g.disable_autocreation);
    match wanted {
        Some(g) if g.disable_autocreation != current => {
            let value = g.disable_autocreation.to_string();
            out.changes.push(Change::new(None, KEY, Some(current.to_string()), Some(value.clone())));
            out.commands.push(builders::set(None, KEY, Some(&value)));
        }
        None if options.prune && current => {
            out.changes.push(Change::new(None, KEY, Some(current.to_string()), None));
            out.commands.push(builders::set(None, KEY, None));
        }
        _ => {}
    }
}

/// A settable value: empty text is Dokku's way of saying unset.
fn set_value(value: &Option<String>) -> Option<&str> {
    value.as_deref().filter(|v| !v.is_empty())
}

fn diff_app(now: &App, wanted: &App, options: &DiffOptions, out: &mut PluginDiff) {
    let app = wanted.name.as_str();
    // The deploy source is set before a lock so that the order matches apply's.
    for (key, current, desired) in [
        ("deploy-source", set_value(&now.deploy_source), set_value(&wanted.deploy_source)),
        (
            "deploy-source-metadata",
            set_value(&now.deploy_source_metadata),
            set_value(&wanted.deploy_source_metadata),
        ),
    ] {
        let target = match (current, desired) {
            (c, Some(d)) if c != Some(d) => Some(d),
            (Some(_), None) if options.prune => None,
            _ => continue,
        };
        out.changes.push(Change::new(Some(app), key, current.map(str::to_owned), target.map(str::to_owned)));
        out.commands.push(builders::set(Some(app), key, target));
    }
    if now.locked != wanted.locked {
        out.changes.push(Change::new(
            Some(app),
            "locked",
            Some(now.locked.to_string()),
            Some(wanted.locked.to_string()),
        ));
        out.commands.push(lock_command(app, wanted.locked));
    }
}

fn lock_command(app: &str, locked: bool) -> Command {
    if locked { builders::lock(app) } else { builders::unlock(app) }
}
