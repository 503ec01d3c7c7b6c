//! The converging plan of the network plugin: what turns the server's networks and network
//! settings into the document's.

use std::collections::BTreeSet;

use dokku_core::DokkuVersion;
use dokku_core::diffing::pair_by;
use dokku_core::plugin::{Change, DiffOptions, PluginDiff};

use crate::commands::builders;
use crate::model::{AppNetwork, Network, NetworkRecord};

/// The settings `network:set` takes, in the order apply sets them.
const KEYS: [&str; 6] = [
    "attach-post-create",
    "attach-post-deploy",
    "initial-network",
    "bind-all-interfaces",
    "static-web-listener",
    "tld",
];

/// Diffs the network records (see [`dokku_core::plugin::Plugin::diff`]).
///
/// Networks: a missing one is created (`network:create`) under apply's rule (never Docker's
/// `bridge`/`host`/`none`; one known not to be Dokku's only when a setting of the document uses
/// it); under `prune`, networks Dokku created that the document neither lists nor uses are
/// destroyed (`network:destroy --force`), last. A network's other fields are informational.
///
/// Settings, global then per app: each key the document sets and the server has otherwise is
/// set (`network:set <app|--global> <key> <value>…`; the attach lists compare in order); a key
/// the document leaves unset (an empty list counts as unset) is unset only under `prune`.
/// `bind-all-interfaces false` and unset are different states from Dokku 0.38.8 (before it,
/// every new app got `false` written and an empty `network:set` wrote `false`, so there the two
/// count as one). Under `prune`, the
/// settings of apps the document has no record for are unset too, except with `prune_apps`,
/// where such apps are being destroyed by the apps plugin.
///
/// Dokku applies network settings when it creates an app's containers, which `ps:restart`
/// does (it redeploys the current image): an app whose settings changed, or that inherits a
/// changed global one, is listed in `restart`. No rebuild from source is needed.
pub(crate) fn diff(
    current: &[NetworkRecord],
    desired: &[NetworkRecord],
    options: &DiffOptions,
) -> PluginDiff {
    let now = Split::of(current);
    let wanted = Split::of(desired);
    let used: BTreeSet<&str> = wanted.settings().flat_map(AppNetwork::referenced_networks).collect();
    let mut out = PluginDiff::default();
    let explicit_false = options.server_version.as_ref().is_none_or(|v| *v >= UNSET_DIFFERS_FROM_FALSE_SINCE);

    let networks = pair_by(&now.networks, &wanted.networks, |n| n.name.clone());
    for network in networks.added {
        if !network.is_builtin()
            && (network.is_dokku_managed() != Some(false) || used.contains(network.name.as_str()))
        {
            out.changes.push(Change::new(None, "network", None, Some(network.name.clone())));
            out.commands.push(builders::create(&network.name));
        }
    }

    let unset = AppNetwork::default();
    let global_changed = match (wanted.global, now.global) {
        (Some(w), n) => diff_settings(None, n.unwrap_or(&unset), w, options.prune, explicit_false, &mut out),
        (None, Some(n)) if options.prune => diff_settings(None, n, &unset, true, explicit_false, &mut out),
        (None, _) => Vec::new(),
    };

    let apps = pair_by(&now.apps, &wanted.apps, |s| s.app_name.clone());
    let mut restart = Vec::new();
    for settings in apps.added {
        if !diff_settings(
            settings.app_name.as_deref(),
            &unset,
            settings,
            options.prune,
            explicit_false,
            &mut out,
        )
        .is_empty()
        {
            restart.extend(settings.app_name.clone());
        }
    }
    for (n, w) in apps.both {
        if !diff_settings(w.app_name.as_deref(), n, w, options.prune, explicit_false, &mut out).is_empty() {
            restart.extend(w.app_name.clone());
        }
    }
    // With `prune_apps`, an app without a record here is destroyed by the apps plugin before
    // this plugin runs: unsetting its settings would fail.
    if options.prune && !options.prune_apps {
        for settings in &apps.removed {
            if !diff_settings(settings.app_name.as_deref(), settings, &unset, true, explicit_false, &mut out)
                .is_empty()
            {
                restart.extend(settings.app_name.clone());
            }
        }
    }

    // An app that does not set a changed global key itself inherits the change.
    let inherits = |settings: &AppNetwork| global_changed.iter().any(|key| values(settings, key).is_empty());
    for settings in wanted.apps.iter().filter(|s| inherits(s)) {
        restart.extend(settings.app_name.clone());
    }
    // Apps the document has no record for keep their settings, or lose them all under `prune`.
    if !global_changed.is_empty() && !options.prune_apps {
        for settings in apps.removed.iter().filter(|s| options.prune || inherits(s)) {
            restart.extend(settings.app_name.clone());
        }
    }
    for app in restart {
        if !out.restart.contains(&app) {
            out.restart.push(app);
        }
    }

    if options.prune {
        for network in networks.removed {
            // Only networks Dokku is known to have created: Docker's own and other tools' stay.
            if !network.is_builtin()
                && network.is_dokku_managed() == Some(true)
                && !used.contains(network.name.as_str())
            {
                out.changes.push(Change::new(None, "network", Some(network.name.clone()), None));
                out.commands.push(builders::destroy(&network.name));
            }
        }
    }
    out
}

/// A list of records by kind.
struct Split<'a> {
    networks: Vec<&'a Network>,
    /// The last global record, if any.
    global: Option<&'a AppNetwork>,
    apps: Vec<&'a AppNetwork>,
}

impl<'a> Split<'a> {
    fn of(records: &'a [NetworkRecord]) -> Self {
        let mut split = Self { networks: Vec::new(), global: None, apps: Vec::new() };
        for record in records {
            match record {
                NetworkRecord::Network(n) => split.networks.push(n),
                NetworkRecord::AppNetwork(s) if s.app_name.is_none() => split.global = Some(s),
                NetworkRecord::AppNetwork(s) => split.apps.push(s),
            }
        }
        split
    }

    fn settings(&self) -> impl Iterator<Item = &'a AppNetwork> + '_ {
        self.global.into_iter().chain(self.apps.iter().copied())
    }
}

/// The values of one key as `network:set` takes them (empty = unset).
fn values(settings: &AppNetwork, key: &str) -> Vec<String> {
    let list =
        |l: &[String]| l.iter().map(|n| n.trim()).filter(|n| !n.is_empty()).map(str::to_owned).collect();
    let one = |v: &Option<String>| {
        v.iter().map(|v| v.trim()).filter(|v| !v.is_empty()).map(str::to_owned).collect()
    };
    match key {
        "attach-post-create" => list(&settings.attach_post_create),
        "attach-post-deploy" => list(&settings.attach_post_deploy),
        "initial-network" => one(&settings.initial_network),
        "bind-all-interfaces" => settings.bind_all_interfaces.iter().map(ToString::to_string).collect(),
        "static-web-listener" => one(&settings.static_web_listener),
        "tld" => one(&settings.tld),
        _ => Vec::new(),
    }
}

/// The first Dokku that leaves `bind-all-interfaces` unset on new apps (and unsets it on an
/// empty `network:set`), so that an explicit `false` is a state of its own.
const UNSET_DIFFERS_FROM_FALSE_SINCE: DokkuVersion = DokkuVersion::new(0, 38, 8);

/// The values as they compare: on servers where an explicit `false` is a state of its own, as
/// they are; before that, `bind-all-interfaces false` is what an unset value means.
fn effective(key: &str, values: &[String], explicit_false: bool) -> Vec<String> {
    if !explicit_false && key == "bind-all-interfaces" && values == ["false"] {
        Vec::new()
    } else {
        values.to_vec()
    }
}

/// Emits the `network:set`s that turn `now` into `wanted` for `app` (`None`: global); returns
/// the keys it changes.
fn diff_settings(
    app: Option<&str>,
    now: &AppNetwork,
    wanted: &AppNetwork,
    prune: bool,
    explicit_false: bool,
    out: &mut PluginDiff,
) -> Vec<&'static str> {
    let mut changed = Vec::new();
    for key in KEYS {
        let (old, new) = (values(now, key), values(wanted, key));
        if effective(key, &old, explicit_false) == effective(key, &new, explicit_false)
            || (new.is_empty() && !prune)
        {
            continue;
        }
        let shown = |v: &[String]| (!v.is_empty()).then(|| v.join(","));
        out.changes.push(Change::new(app, key, shown(&old), shown(&new)));
        out.commands.push(builders::set(app, key, new.iter().map(String::as_str)));
        changed.push(key);
    }
    changed
}
