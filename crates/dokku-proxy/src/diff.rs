//! The converging plan: what turns the server's proxy settings into the document's.
//!
//! Global settings first, then the apps in document order, each setting on its own:
//!
//! - `type`: `proxy:set <app|--global> <type>` (the form every version accepts);
//! - `proxy-port`, `proxy-ssl-port`: `proxy:set <app|--global> <key> <port>`;
//! - `enabled` (apps only, always part of a record): `proxy:enable` / `proxy:disable`.
//!
//! A setting the document leaves out is not managed: it is unset (`proxy:set … <key>` without a
//! value, Dokku 0.38.8 and later) only with `prune`, as are the settings of apps the document does
//! not mention (whose proxy is then enabled again) and the global ones when the document has no
//! global record. A new app gets exactly [`apply_commands`].
//!
//! An app whose type or ports change is listed for a restart: Dokku writes the proxy
//! configuration (and the container labels other proxies read) when it deploys the app's
//! containers. `proxy:enable` and `proxy:disable` act on a deployed app themselves. Global
//! changes reach each app that has no value of its own at its next deploy; the plan does not
//! know those apps, so it lists none.
//!
//! [`apply_commands`]: dokku_core::plugin::Plugin::apply_commands

use dokku_core::DokkuVersion;
use dokku_core::plugin::{Change, DiffOptions, PluginDiff};

use crate::commands::builders;
use crate::model::{Proxy, ProxyGlobal, ProxyRecord};

/// The plan for `proxy` (see the module docs).
pub(crate) fn diff(current: &[ProxyRecord], desired: &[ProxyRecord], options: &DiffOptions) -> PluginDiff {
    let mut plan = PluginDiff::default();
    let held_global = global(current).cloned().unwrap_or_default();
    match global(desired) {
        Some(wanted) => global_plan(&mut plan, &held_global, wanted, options.prune),
        None if options.prune => global_plan(&mut plan, &held_global, &ProxyGlobal::default(), true),
        None => {}
    }
    let held_apps = apps(current);
    let wanted_apps = apps(desired);
    // Indexed by app: a server with a thousand apps must not cost a million comparisons.
    let held_by_app: std::collections::HashMap<_, _> = held_apps.iter().map(|h| (&h.app_name, *h)).collect();
    let wanted_names: std::collections::HashSet<_> = wanted_apps.iter().map(|w| &w.app_name).collect();
    for wanted in &wanted_apps {
        match held_by_app.get(&wanted.app_name).copied() {
            Some(held) => app_plan(&mut plan, held, wanted, options.prune),
            None => new_app(&mut plan, wanted, stores_proxy_port_unasked(options)),
        }
    }
    if options.prune {
        for held in held_apps.iter().filter(|h| !wanted_names.contains(&h.app_name)) {
            let defaults = Proxy {
                app_name: held.app_name.clone(),
                enabled: true,
                app_type: None,
                proxy_port: None,
                proxy_ssl_port: None,
                extra: Default::default(),
            };
            app_plan(&mut plan, held, &defaults, true);
        }
    }
    plan
}

/// The last global record.
fn global(records: &[ProxyRecord]) -> Option<&ProxyGlobal> {
    records.iter().rev().find_map(|r| match r {
        ProxyRecord::Global(global) => Some(global),
        ProxyRecord::App(_) => None,
    })
}

/// The app records, each app once (its last record), in order of first appearance.
fn apps(records: &[ProxyRecord]) -> Vec<&Proxy> {
    let apps = records.iter().filter_map(|r| match r {
        ProxyRecord::App(proxy) => Some(proxy),
        ProxyRecord::Global(_) => None,
    });
    dokku_core::diffing::last_per_key(apps, |a| a.app_name.clone())
}

/// One optional setting: the command and change that take it from `held` to `wanted`, if any.
/// `None` wanted means "not managed" unless `prune`.
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
    plan.commands.push(match (key, wanted.as_deref()) {
        ("type", Some(proxy_type)) => builders::set_type(app, proxy_type),
        (key, value) => builders::set(app, key, value),
    });
    plan.changes.push(Change::new(app, key, held, wanted));
    true
}

/// Whether the server stores an app's proxy port by itself: from 0.38.0 the `ports-configure`
/// trigger (run by `apps:create`'s nginx hook, every `domains:*` and `ports:*` command, and
/// `proxy:enable`) writes the global proxy port, 80, or a random high port when the app has
/// none; the report shows the stored property from 0.38.8. Unknown servers (a plan only shown)
/// follow the newest Dokku.
fn stores_proxy_port_unasked(options: &DiffOptions) -> bool {
    options.server_version.as_ref().is_none_or(|v| *v >= PROXY_PORT_REPORTED_SINCE)
}

/// The first version whose `proxy:report` prints the app's stored `proxy-port`.
const PROXY_PORT_REPORTED_SINCE: DokkuVersion = DokkuVersion::new(0, 38, 8);

fn port(value: Option<u16>) -> Option<String> {
    value.map(|p| p.to_string())
}

fn global_plan(plan: &mut PluginDiff, held: &ProxyGlobal, wanted: &ProxyGlobal, prune: bool) {
    setting(plan, None, "type", held.global_type.clone(), wanted.global_type.clone(), prune);
    let (old, new) = (port(held.global_proxy_port), port(wanted.global_proxy_port));
    setting(plan, None, "proxy-port", old, new, prune);
    let (old, new) = (port(held.global_proxy_ssl_port), port(wanted.global_proxy_ssl_port));
    setting(plan, None, "proxy-ssl-port", old, new, prune);
}

fn app_plan(plan: &mut PluginDiff, held: &Proxy, wanted: &Proxy, prune: bool) {
    let app = Some(held.app_name.as_str());
    let mut runtime = setting(plan, app, "type", held.app_type.clone(), wanted.app_type.clone(), prune);
    // Before the ports: `proxy:disable` drops a stored proxy port, `proxy:enable` stores one.
    let mut held_port = held.proxy_port;
    if held.enabled != wanted.enabled {
        plan.commands.push(if wanted.enabled { builders::enable(app) } else { builders::disable(app) });
        let shown = |enabled: bool| Some(enabled.to_string());
        plan.changes.push(Change::new(app, "enabled", shown(held.enabled), shown(wanted.enabled)));
        if !wanted.enabled {
            held_port = None;
        }
    }
    if held_port == held.proxy_port || wanted.proxy_port.is_none() {
        let (old, new) = (port(held_port), port(wanted.proxy_port));
        runtime |= setting(plan, app, "proxy-port", old, new, prune);
    } else {
        // The disable just dropped the port: set it back, shown against what the server had.
        plan.commands.push(builders::set(app, "proxy-port", port(wanted.proxy_port).as_deref()));
        if held.proxy_port != wanted.proxy_port {
            plan.changes.push(Change::new(app, "proxy-port", port(held.proxy_port), port(wanted.proxy_port)));
        }
        runtime = true;
    }
    let (old, new) = (port(held.proxy_ssl_port), port(wanted.proxy_ssl_port));
    runtime |= setting(plan, app, "proxy-ssl-port", old, new, prune);
    if runtime {
        plan.restart.push(held.app_name.clone());
    }
}

/// A new app: what apply sends, with one change per setting it makes.
fn new_app(plan: &mut PluginDiff, wanted: &Proxy, unset_unasked_port: bool) {
    plan.commands.extend(crate::create::commands(&[ProxyRecord::App(wanted.clone())]));
    if unset_unasked_port && wanted.proxy_port.is_none() {
        // The app's domains and ports commands (which run before this plugin) made Dokku store
        // a proxy port the document does not have: unset it, as the app's last proxy step.
        plan.commands.push(builders::set(Some(wanted.app_name.as_str()), "proxy-port", None));
    }
    let app = Some(wanted.app_name.as_str());
    let settings = [
        ("type", wanted.app_type.clone()),
        ("proxy-port", port(wanted.proxy_port)),
        ("proxy-ssl-port", port(wanted.proxy_ssl_port)),
        ("enabled", (!wanted.enabled).then(|| "false".to_owned())),
    ];
    for (key, value) in settings.into_iter().filter(|(_, v)| v.is_some()) {
        plan.changes.push(Change::new(app, key, None, value));
    }
}
