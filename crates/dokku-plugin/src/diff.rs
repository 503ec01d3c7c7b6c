//! The converging plan of the plugin plugin: what turns the server's plugins into the document's.

use dokku_core::diffing::pair_by;
use dokku_core::plugin::{Change, DiffOptions, PluginDiff};

use crate::commands::builders;
use crate::model::PluginRecord;

/// Diffs the plugin records (see [`dokku_core::plugin::Plugin::diff`]).
///
/// A missing third-party plugin with a git URL is installed (`plugin:install <url>
/// [--committish <ref>] --name <name>`, then `plugin:disable` if the document has it disabled);
/// one without a URL cannot be installed and is left out, as apply does. An installed
/// third-party plugin at another committish is updated (`plugin:update <name> <ref>`), which
/// Dokku refuses for a disabled plugin: it is enabled around the update. `plugin:enable` and
/// `plugin:disable` follow the document for every plugin, core ones included. Under `prune`,
/// third-party plugins the document lacks are uninstalled. Core plugins are never installed,
/// updated or uninstalled (they come with Dokku). A different git URL is not acted on: Dokku
/// cannot move an installed plugin to another origin.
pub(crate) fn diff(current: &[PluginRecord], desired: &[PluginRecord], options: &DiffOptions) -> PluginDiff {
    let mut out = PluginDiff::default();
    let paired = pair_by(current, desired, |p| p.name.clone());
    for plugin in paired.added {
        if plugin.is_core() {
            continue;
        }
        let Some(url) = &plugin.git_url else { continue };
        let source = match &plugin.git_reference {
            Some(r) => format!("{url}#{r}"),
            None => url.clone(),
        };
        out.changes.push(Change::new(None, subject(&plugin.name), None, Some(source)));
        out.commands.push(builders::install(url, plugin.git_reference.as_deref(), &plugin.name));
        if !plugin.enabled {
            out.changes.push(Change::new(None, enabled_subject(&plugin.name), None, Some("false".into())));
            out.commands.push(builders::disable(&plugin.name));
        }
    }
    for (now, wanted) in paired.both {
        diff_plugin(now, wanted, &mut out);
    }
    if options.prune {
        for plugin in paired.removed.into_iter().filter(|p| !p.is_core()) {
            let source = plugin.git_url.clone().unwrap_or_else(|| plugin.version.clone().unwrap_or_default());
            out.changes.push(Change::new(None, subject(&plugin.name), Some(source), None));
            out.commands.push(builders::uninstall(&plugin.name));
        }
    }
    out
}

fn subject(name: &str) -> String {
    format!("plugin {name}")
}

fn enabled_subject(name: &str) -> String {
    format!("plugin {name} enabled")
}

fn diff_plugin(now: &PluginRecord, wanted: &PluginRecord, out: &mut PluginDiff) {
    let name = wanted.name.as_str();
    let core = now.is_core() || wanted.is_core();
    // The current committish is unknown when the checkout could not be read: nothing to compare.
    let update = match (&now.git_reference, &wanted.git_reference) {
        (Some(c), Some(d)) if !core && !same_reference(c, d) => Some((c, d)),
        _ => None,
    };
    if let Some((c, d)) = update {
        out.changes.push(Change::new(
            None,
            format!("plugin {name} committish"),
            Some(c.clone()),
            Some(d.clone()),
        ));
    }
    if now.enabled != wanted.enabled {
        out.changes.push(Change::new(
            None,
            enabled_subject(name),
            Some(now.enabled.to_string()),
            Some(wanted.enabled.to_string()),
        ));
    }
    match (update, now.enabled, wanted.enabled) {
        (None, false, true) => out.commands.push(builders::enable(name)),
        (None, true, false) => out.commands.push(builders::disable(name)),
        (None, _, _) => {}
        (Some((_, reference)), enabled_now, enabled_wanted) => {
            // `plugin:update` fails on a disabled plugin ("Specified plugin not enabled or
            // installed"), so the update runs while it is enabled.
            if !enabled_now {
                out.commands.push(builders::enable(name));
            }
            out.commands.push(builders::update(name, Some(reference)));
            if !enabled_wanted {
                out.commands.push(builders::disable(name));
            }
        }
    }
}

/// Whether two committishes name the same thing as far as can be told without the repository:
/// equal once `refs/heads/`, `refs/tags/` and `origin/` are stripped, or two commit ids of which
/// one abbreviates the other (Dokku reports the full id; a document may hold a short one).
fn same_reference(a: &str, b: &str) -> bool {
    let strip = |r: &str| -> String {
        let r = r.trim();
        let r = r.strip_prefix("refs/heads/").or_else(|| r.strip_prefix("refs/tags/")).unwrap_or(r);
        r.strip_prefix("origin/").unwrap_or(r).to_owned()
    };
    let (a, b) = (strip(a), strip(b));
    if a == b {
        return true;
    }
    let is_commit = |r: &str| r.len() >= 7 && r.chars().all(|c| c.is_ascii_hexdigit());
    if is_commit(&a) && is_commit(&b) {
        let (a, b) = (a.to_ascii_lowercase(), b.to_ascii_lowercase());
        return a.starts_with(&b) || b.starts_with(&a);
    }
    false
}

#[cfg(test)]
mod tests {
    use super::same_reference;

    #[test]
    fn references_are_normalised() {
        assert!(same_reference("refs/heads/main", "main"));
        assert!(same_reference("refs/tags/1.2.0", "1.2.0"));
        assert!(same_reference("392d9e44bf0e5f1a77a8d2bcf1b0b0e9ac3d1f2a", "392D9E4"));
        assert!(!same_reference("392d9e4", "392d9e5"));
        assert!(!same_reference("main", "master"));
        // A short word that happens to be hexadecimal is a branch or tag, not an abbreviation.
        assert!(!same_reference("beef", "beefcafe00"));
    }
}
