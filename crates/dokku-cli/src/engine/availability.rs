//! Whether a plugin of this build can be used on a server.

use dokku_core::DokkuVersion;
use dokku_core::installed_plugins::InstalledPlugin;
use dokku_core::plugin::PluginGlue;

/// A plugin's state on the server.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Availability {
    /// Installed and enabled.
    Ready,
    /// Installed but disabled.
    Disabled,
    /// Not installed.
    Missing,
}

/// Plugins that ship with every Dokku in scope and cannot be disabled: their reads need not
/// wait for `plugin:list` (seconds on a real server). `ports` is core from 0.31 on.
const ALWAYS_INSTALLED: &[&str] = &[
    "apps",
    "checks",
    "config",
    "domains",
    "git",
    "network",
    "nginx-vhosts",
    "proxy",
    "ps",
    "ssh-keys",
    "storage",
];

/// Whether `plugin` is known to be usable on `version` without asking `plugin:list`.
pub fn always_installed(plugin: &dyn PluginGlue, version: &DokkuVersion) -> bool {
    ALWAYS_INSTALLED.contains(&plugin.dokku_name())
        || (plugin.dokku_name() == "ports" && version >= &PORTS_PLUGIN_SINCE)
}

/// The first Dokku with a `ports` plugin; before it the port maps lived in `proxy`.
const PORTS_PLUGIN_SINCE: DokkuVersion = DokkuVersion::new(0, 31, 0);

/// Looks `plugin` up in `plugin:list`'s answer.
pub fn availability(
    plugin: &dyn PluginGlue,
    installed: &[InstalledPlugin],
    version: &DokkuVersion,
) -> Availability {
    // Older Dokku keeps port maps in the proxy plugin; the ports crate reads them from there.
    let name = if plugin.dokku_name() == "ports" && version < &PORTS_PLUGIN_SINCE {
        "proxy"
    } else {
        plugin.dokku_name()
    };
    match installed.iter().find(|p| p.name == name) {
        Some(p) if p.enabled => Availability::Ready,
        Some(_) => Availability::Disabled,
        None => Availability::Missing,
    }
}
