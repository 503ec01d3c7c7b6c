//! The converging plan for registry logins.
//!
//! A login is identified by its scope (an app, or global) and server. A new or different one
//! (user name or password) is sent with `registry:login`; with `prune`, a login the document
//! lacks is logged out. Without root the server's logins cannot be read, so every login of the
//! document is sent (`docker login` replaces a stored one, so this never accumulates) and a note
//! says why the plan is never empty. Per-app logins need Dokku 0.37.5; older servers get a note.

use dokku_core::diffing::last_per_key;
use dokku_core::plugin::{Change, DiffOptions, PluginDiff};

use super::commands::{PER_APP_SINCE, builders};
use super::model::RegistryLogin;

/// The plan for `registry_logins` (see the module docs).
pub(crate) fn diff(
    current: &[RegistryLogin],
    desired: &[RegistryLogin],
    options: &DiffOptions,
) -> PluginDiff {
    let mut plan = PluginDiff::default();
    let per_app_supported = options.server_version.as_ref().is_none_or(|v| *v >= PER_APP_SINCE);
    let mut unsupported = Vec::new();
    let mut unverified = Vec::new();
    for wanted in last_per_key(desired, RegistryLogin::identity) {
        let app = wanted.app_name.as_deref();
        if app.is_some() && !per_app_supported {
            unsupported.push(format!("{} ({})", wanted.shown(), app.unwrap_or_default()));
            continue;
        }
        let held = current.iter().rev().find(|r| r.identity() == wanted.identity());
        let new = match held {
            _ if options.server_files_unread => {
                unverified.push(wanted.shown());
                format!("{} (unverified)", wanted.shown())
            }
            None => wanted.shown(),
            Some(held) if held.username != wanted.username => wanted.shown(),
            Some(held) if held.password.expose() != wanted.password.expose() => {
                format!("{} (new password)", wanted.shown())
            }
            Some(_) => continue,
        };
        let old = if options.server_files_unread { None } else { held.map(RegistryLogin::shown) };
        plan.commands.push(builders::login(app, &wanted.server, &wanted.username, wanted.password.expose()));
        plan.changes.push(Change::new(app, format!("registry login {}", wanted.server), old, Some(new)));
    }
    if options.prune && !options.server_files_unread {
        let mentioned = |login: &RegistryLogin| desired.iter().any(|d| d.identity() == login.identity());
        for held in last_per_key(current.iter().filter(|r| !mentioned(r)), RegistryLogin::identity) {
            let app = held.app_name.as_deref();
            // An app being destroyed takes its docker config with it.
            if app.is_some() && options.prune_apps {
                continue;
            }
            plan.commands.push(builders::logout(app, &held.server));
            plan.changes.push(Change::new(
                app,
                format!("registry login {}", held.server),
                Some(held.shown()),
                None,
            ));
        }
    }
    if !unverified.is_empty() {
        plan.notes.push(format!(
            "registry_logins: the server's logins need root to read, so {} cannot be compared and are sent \
             on every apply (registry:login replaces a stored login)",
            unverified.join(", ")
        ));
    }
    if !unsupported.is_empty() {
        plan.notes.push(format!(
            "registry_logins: per-app logins need Dokku {PER_APP_SINCE} or later; not sent: {}",
            unsupported.join(", ")
        ));
    }
    plan
}

#[cfg(test)]
mod tests {
    use dokku_core::{DokkuVersion, Secret};

    use super::*;

    fn login(app: Option<&str>, server: &str, user: &str, password: &str) -> RegistryLogin {
        RegistryLogin {
            app_name: app.map(str::to_owned),
            server: server.to_owned(),
            username: user.to_owned(),
            password: Secret::new(password.to_owned()),
        }
    }

    #[test]
    fn only_new_or_changed_logins_are_sent() {
        let current = [login(None, "docker.io", "hub", "p1"), login(Some("api"), "r.io", "bot", "old")];
        let desired =
            [login(None, "docker.io", "hub", "p1"), login(Some("api"), "r.io", "bot", "new-s3cret")];
        let plan = diff(&current, &desired, &DiffOptions::default());
        assert_eq!(
            plan.command_lines(),
            ["echo *** | base64 --decode | dokku registry:login --password-stdin api r.io bot"]
        );
        let shown = format!("{:?} {:?}", plan.changes, plan.commands);
        assert!(shown.contains("(new password)") && !shown.contains("new-s3cret"), "{shown}");
        assert!(diff(&desired, &desired, &DiffOptions::default()).commands.is_empty());
    }

    #[test]
    fn prune_logs_out_what_the_document_lacks() {
        let current = [login(None, "docker.io", "hub", "p"), login(Some("api"), "r.io", "bot", "p")];
        let plan = diff(&current, &[], &DiffOptions::PRUNE);
        assert_eq!(
            plan.command_lines(),
            ["dokku registry:logout --global docker.io", "dokku registry:logout api r.io"]
        );
        assert_eq!(
            diff(&current, &[], &DiffOptions::PRUNE_APPS).command_lines(),
            ["dokku registry:logout --global docker.io"]
        );
    }

    #[test]
    fn unread_logins_are_sent_with_a_note() {
        let desired = [login(None, "docker.io", "hub", "p")];
        let options = DiffOptions { server_files_unread: true, prune: true, ..DiffOptions::default() };
        let plan = diff(&[], &desired, &options);
        assert_eq!(plan.commands.len(), 1);
        assert_eq!(plan.notes.len(), 1);
    }

    #[test]
    fn per_app_logins_wait_for_dokku_0_37_5() {
        let desired = [login(Some("api"), "r.io", "bot", "p"), login(None, "r.io", "bot", "p")];
        let old = DiffOptions { server_version: Some(DokkuVersion::new(0, 36, 0)), ..DiffOptions::default() };
        let plan = diff(&[], &desired, &old);
        assert_eq!(
            plan.command_lines(),
            ["echo *** | base64 --decode | dokku registry:login --global --password-stdin r.io bot"]
        );
        assert!(plan.notes[0].contains("0.37.5"), "{:?}", plan.notes);
    }
}
