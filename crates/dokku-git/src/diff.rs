//! The git plan: the commands that turn the server's git settings, known hosts and netrc
//! credentials into the document's.
//!
//! - Known hosts and credentials are compared only when the server's files were read (root);
//!   otherwise nothing is sent for known hosts and a note says so, and credentials are
//!   compared with those `git:auth-status` confirmed (Dokku 0.38+; never pruned) or, before
//!   0.38, left alone with a note.
//! - Known hosts: `git:allow-host` for each host the document lists and the server does not
//!   know. Dokku has no command that forgets a host, so prune removes none (and plans nothing
//!   for them, so that a second plan stays empty). The keys themselves are not compared:
//!   `git:allow-host` scans the host again (trust on first use).
//! - Credentials: `git:auth <host> <user> <password>` for a new or changed one (a secret
//!   change), `git:auth <host>` (removal) for an extra one with prune.
//! - Global and app settings: `git:set <app|--global> <key> [<value>]` per differing property;
//!   one the document leaves out is not managed (reset only with prune). A value equal to what an
//!   unset property resolves to (the global deploy branch, else `master`; keep-git-dir `false`
//!   unless the global one is `true`; rev-env-var `GIT_REV`) equals unset: Dokku before 0.38.6
//!   reports resolved values, and pydokku documents carry them.
//! - App records missing from the document are left alone even with prune: every app has one
//!   in an export, so a missing one means the document does not describe the app.
//!
//! `keep-git-dir` and `rev-env-var` take effect at the next build, so an app whose values
//! change is listed in `rebuild`; the deploy branch and source image only matter to the next
//! push or `git:from-image`, so they need neither a rebuild nor a restart.

use std::collections::BTreeSet;

use dokku_core::diffing::pair_by;
use dokku_core::plugin::{Change, DiffOptions, PluginDiff};

use crate::commands::{AUTH_STDIN_SINCE, builders};
use crate::known_hosts::host_names;
use crate::model::{Auth, DEFAULT_REV_ENV_VAR, Git, GitGlobal, GitRecord, SshKey};
use crate::parse::prints_resolved_values;

/// The branch Dokku deploys when neither the app nor the server sets one.
const DEFAULT_BRANCH: &str = "master";

/// The records of one state, by kind.
#[derive(Default)]
struct Sorted<'a> {
    hosts: Vec<&'a str>,
    auths: Vec<&'a Auth>,
    global: Option<&'a GitGlobal>,
    apps: Vec<&'a Git>,
}

impl<'a> Sorted<'a> {
    fn of(records: &'a [GitRecord]) -> Self {
        let mut sorted = Self::default();
        for record in records {
            match record {
                GitRecord::Key(key) => sorted.hosts.extend(known_hosts(key)),
                GitRecord::Auth(auth) => sorted.auths.push(auth),
                // The last global record wins, as the last `git:set` would.
                GitRecord::Global(global) => sorted.global = Some(global),
                GitRecord::App(git) => sorted.apps.push(git),
            }
        }
        sorted
    }
}

/// The hosts a key record stands for (none for the deploy key, which apply never recreates).
fn known_hosts(key: &SshKey) -> Vec<&str> {
    if key.is_deploy_key() { Vec::new() } else { host_names(key).collect() }
}

/// The plan for one plugin's records; see the module documentation.
pub(crate) fn diff(current: &[GitRecord], desired: &[GitRecord], options: &DiffOptions) -> PluginDiff {
    let now = Sorted::of(current);
    let wanted = Sorted::of(desired);
    let mut plan = PluginDiff::default();
    if options.server_files_unread {
        hosts_note(&wanted, &mut plan);
        if can_confirm_auths(options) {
            // The current credentials are those `git:auth-status` confirmed: the others are
            // set; none is removed, since what else the netrc holds is unknown.
            let confirmed_only = DiffOptions { prune: false, ..options.clone() };
            auths_diff(&now.auths, &wanted.auths, &confirmed_only, &mut plan);
        } else {
            auths_note(&wanted, &mut plan);
        }
    } else {
        hosts_diff(&now.hosts, &wanted.hosts, &mut plan);
        auths_diff(&now.auths, &wanted.auths, options, &mut plan);
    }
    // From 0.38.6 the reports print what is stored, so an unset value and one set to its default
    // are different states (a later release or a global value can change what "unset" means);
    // older reports print resolved values, where only the default can be read back. A plan that
    // is only shown (no server version) follows the newest Dokku.
    let raw = options.server_version.as_ref().is_none_or(|v| !prints_resolved_values(v));
    let defaults = global_diff(now.global, wanted.global, options.prune, raw, &mut plan);
    let paired = pair_by(&now.apps, &wanted.apps, |git| git.app_name.clone());
    for (now, wanted) in paired.both {
        app_diff(now, wanted, &defaults, options.prune, raw, &mut plan);
    }
    for wanted in paired.added {
        // A new app has nothing set yet; against that, this plans what apply would send, less
        // the values the app would resolve to anyway.
        let fresh = Git {
            app_name: wanted.app_name.clone(),
            deploy_branch: None,
            keep_git_path: None,
            rev_env_var: None,
            sha: None,
            source_image: None,
            last_updated_at: None,
            extra: Default::default(),
        };
        app_diff(&fresh, wanted, &defaults, false, raw, &mut plan);
    }
    plan
}

/// `git:allow-host` for each host only the document knows, each once, in document order.
fn hosts_diff(now: &[&str], wanted: &[&str], plan: &mut PluginDiff) {
    let mut seen: BTreeSet<&str> = now.iter().copied().collect();
    for host in wanted {
        if seen.insert(host) {
            plan.commands.push(builders::allow_host(host));
            plan.changes.push(Change::new(
                None,
                format!("known host {host}"),
                None,
                Some((*host).to_owned()),
            ));
        }
    }
}

/// Whether the server can confirm credentials without root (`git:auth-status`, Dokku 0.38+).
pub(crate) fn can_confirm_auths(options: &DiffOptions) -> bool {
    options.server_version.as_ref().is_some_and(|v| v >= &AUTH_STDIN_SINCE)
}

/// Known hosts live in a file only root can read: when the current state was read without it,
/// what the server has is unknown. `git:allow-host` appends to the file on every run, so
/// sending it blindly would grow the file on each apply: nothing is sent, a note says so.
fn hosts_note(wanted: &Sorted<'_>, plan: &mut PluginDiff) {
    let hosts: BTreeSet<&str> = wanted.hosts.iter().copied().collect();
    if !hosts.is_empty() {
        plan.notes.push(format!(
            "git: the server's known hosts need root to read, so the document's {} known host(s) \
             were not compared and `git:allow-host` (which appends every time) was not sent: {}; \
             apply as root or a sudoer to add them",
            hosts.len(),
            hosts.into_iter().collect::<Vec<_>>().join(", ")
        ));
    }
}

/// Netrc credentials, unreadable without root and not confirmable before Dokku 0.38: `git:auth`
/// would be planned as a change forever, so nothing is sent and a note says so.
fn auths_note(wanted: &Sorted<'_>, plan: &mut PluginDiff) {
    let auths: BTreeSet<&str> = wanted.auths.iter().map(|a| a.hostname.as_str()).collect();
    if !auths.is_empty() {
        plan.notes.push(format!(
            "git: the server's netrc credentials need root to read (or Dokku 0.38's \
             git:auth-status), so the document's credentials for {} were not compared or sent; \
             apply as root or a sudoer to set them",
            auths.into_iter().collect::<Vec<_>>().join(", ")
        ));
    }
}

/// `git:auth` for new or changed credentials, `git:auth <host>` for extras with prune.
fn auths_diff(now: &[&Auth], wanted: &[&Auth], options: &DiffOptions, plan: &mut PluginDiff) {
    let paired = pair_by(now, wanted, |a| a.hostname.clone());
    let current = paired.both.iter().map(|(c, d)| (Some(**c), **d));
    for (old, new) in current.chain(paired.added.iter().map(|d| (None, **d))) {
        // `validate` rejects a credential without user or password: nothing to store.
        let (Some(user), Some(password)) = (&new.username, &new.password) else { continue };
        if old.is_some_and(|o| credential(o) == credential(new)) {
            continue;
        }
        plan.commands.push(builders::auth_for(
            options.server_version.as_ref(),
            &new.hostname,
            user,
            password,
        ));
        let subject = format!("auth {}", new.hostname);
        plan.changes.push(Change::new(None, subject, old.map(credential), Some(credential(new))).secret());
    }
    if options.prune {
        for old in paired.removed {
            plan.commands.push(builders::auth_remove(&old.hostname));
            let subject = format!("auth {}", old.hostname);
            plan.changes.push(Change::new(None, subject, Some(credential(old)), None).secret());
        }
    }
}

/// A credential as plan text (`user:password`: the change is secret, so it is masked).
fn credential(auth: &Auth) -> String {
    let user = auth.username.as_deref().unwrap_or_default();
    let password = auth.password.as_ref().map(|p| p.expose().as_str()).unwrap_or_default();
    format!("{user}:{password}")
}

/// What an unset app property resolves to once the plan has run.
struct Defaults {
    deploy_branch: String,
    keep_git_path: bool,
}

/// `git:set --global` per differing value; returns what unset app values resolve to afterwards.
fn global_diff(
    now: Option<&GitGlobal>,
    wanted: Option<&GitGlobal>,
    prune: bool,
    raw: bool,
    plan: &mut PluginDiff,
) -> Defaults {
    let empty = GitGlobal::default();
    let current = now.unwrap_or(&empty);
    // No global record in the document: it was exported for some apps only, so the globals are
    // left alone even with prune (an empty global record is left out of exports too, so `{}` is
    // how a document clears them with prune).
    let (desired, prune) = match wanted {
        Some(desired) => (desired, prune),
        None => (current, false),
    };
    // Sets one value when managed (named by the document, or any with prune) and different;
    // returns the value the server ends up with.
    let mut setting = |key: &str, old: Option<String>, new: Option<String>, named: bool| {
        if !(named || prune) {
            return old;
        }
        if old != new {
            plan.commands.push(builders::set(None, key, new.as_deref()));
            plan.changes.push(Change::new(None, key, old, new.clone()));
        }
        new
    };
    // Reports that print resolved values show unset as `master` and `false`, so on those servers
    // the defaults count as unset; a document naming them still manages the value (it unsets a
    // different one). Raw reports tell them apart: an explicit default is kept as written.
    let branch = |v: &Option<String>| v.clone().filter(|b| raw || b != DEFAULT_BRANCH);
    let keep = |v: Option<bool>| v.filter(|k| raw || *k).map(|k| k.to_string());
    let count = |v: Option<u64>| v.map(|n| n.to_string());
    let deploy_branch = setting(
        "deploy-branch",
        branch(&current.global_deploy_branch),
        branch(&desired.global_deploy_branch),
        desired.global_deploy_branch.is_some(),
    );
    let keep_git_path = setting(
        "keep-git-dir",
        keep(current.global_keep_git_path),
        keep(desired.global_keep_git_path),
        desired.global_keep_git_path.is_some(),
    );
    setting(
        "archive-max-files",
        count(current.global_archive_max_files),
        count(desired.global_archive_max_files),
        desired.global_archive_max_files.is_some(),
    );
    setting(
        "archive-max-size",
        count(current.global_archive_max_size),
        count(desired.global_archive_max_size),
        desired.global_archive_max_size.is_some(),
    );
    Defaults {
        deploy_branch: deploy_branch.unwrap_or_else(|| DEFAULT_BRANCH.to_owned()),
        keep_git_path: keep_git_path.is_some_and(|k| k == "true"),
    }
}

/// `git:set <app>` per differing property of an app on both sides.
fn app_diff(now: &Git, wanted: &Git, defaults: &Defaults, prune: bool, raw: bool, plan: &mut PluginDiff) {
    let app = wanted.app_name.as_str();
    let mut rebuild = false;
    // (key, current, desired, what an unset value resolves to, whether a change needs a rebuild)
    let branch = (
        "deploy-branch",
        now.deploy_branch.clone(),
        wanted.deploy_branch.clone(),
        Some(defaults.deploy_branch.clone()),
        false,
    );
    let keep = (
        "keep-git-dir",
        now.keep_git_path.map(|k| k.to_string()),
        wanted.keep_git_path.map(|k| k.to_string()),
        Some(defaults.keep_git_path.to_string()),
        true,
    );
    let image = ("source-image", now.source_image.clone(), wanted.source_image.clone(), None, false);
    for (key, old, new, resolved, builds) in [branch, keep, image] {
        let unchanged = match (&old, &new) {
            (_, None) if !prune => true,
            // Only a resolved report cannot tell unset from the value it resolves to.
            (None, Some(n)) => !raw && Some(n) == resolved.as_ref(),
            _ => old == new,
        };
        if unchanged {
            continue;
        }
        plan.commands.push(builders::set(Some(app), key, new.as_deref()));
        plan.changes.push(Change::new(Some(app), key, old, new));
        rebuild |= builds;
    }
    // rev-env-var: unset is `GIT_REV`, and unsetting stores an empty name (disabled), so the
    // default is set back by name.
    let old = now.rev_env_var.clone().unwrap_or_else(|| DEFAULT_REV_ENV_VAR.to_owned());
    let new = match &wanted.rev_env_var {
        Some(var) => Some(var.clone()),
        None if prune => Some(DEFAULT_REV_ENV_VAR.to_owned()),
        None => None,
    };
    if let Some(new) = new.filter(|n| *n != old) {
        let value = (!new.is_empty()).then_some(new.as_str());
        plan.commands.push(builders::set(Some(app), "rev-env-var", value));
        plan.changes.push(Change::new(Some(app), "rev-env-var", Some(old), Some(new)));
        rebuild = true;
    }
    if rebuild {
        plan.rebuild.push(app.to_owned());
    }
}

#[cfg(test)]
mod tests {
    use dokku_core::plugin::ChangeKind;
    use dokku_core::{DokkuVersion, Secret};

    use super::*;
    use crate::model::DEPLOY_KEY_NAME;

    fn app(name: &str) -> Git {
        Git {
            app_name: name.into(),
            deploy_branch: None,
            keep_git_path: None,
            rev_env_var: Some("GIT_REV".into()),
            sha: Some("HEAD".into()),
            source_image: None,
            last_updated_at: None,
            extra: Default::default(),
        }
    }

    fn key(name: &str) -> GitRecord {
        GitRecord::Key(SshKey { name: name.into(), fingerprint: None, public_key: None })
    }

    fn auth(host: &str, user: &str, password: &str) -> GitRecord {
        GitRecord::Auth(Auth {
            hostname: host.into(),
            username: Some(user.into()),
            password: Some(Secret::new(password.into())),
        })
    }

    fn global(branch: Option<&str>) -> GitRecord {
        GitRecord::Global(GitGlobal { global_deploy_branch: branch.map(str::to_owned), ..Default::default() })
    }

    fn server() -> Vec<GitRecord> {
        vec![
            key("github.com"),
            key(DEPLOY_KEY_NAME),
            auth("github.com", "u", "hunter2"),
            global(Some("main")),
            GitRecord::App(Git { source_image: Some("nginx:1.27".into()), ..app("app1") }),
            GitRecord::App(Git { deploy_branch: Some("release".into()), ..app("app2") }),
        ]
    }

    #[test]
    fn a_state_diffed_with_itself_plans_nothing() {
        let state = server();
        for options in [DiffOptions::default(), DiffOptions::PRUNE] {
            let plan = diff(&state, &state, &options);
            assert!(plan.commands.is_empty() && plan.changes.is_empty(), "{plan:?}");
        }
    }

    #[test]
    fn informational_fields_and_resolved_values_are_no_change() {
        // A pydokku-style document: resolved branch (the global one), keep-git-dir false,
        // another sha and timestamp, a different fingerprint for a known host.
        let mut document = server();
        document[4] = GitRecord::App(Git {
            deploy_branch: Some("main".into()),
            keep_git_path: Some(false),
            sha: Some("75a174dfa0aa".into()),
            last_updated_at: dokku_core::timestamp::from_unix_text("1736394653").ok().flatten(),
            source_image: Some("nginx:1.27".into()),
            ..app("app1")
        });
        document[0] = GitRecord::Key(SshKey {
            name: "github.com".into(),
            fingerprint: Some("SHA256:x".into()),
            public_key: Some("ssh-ed25519 AAAA".into()),
        });
        // Against a server whose reports print resolved values (before 0.38.6).
        let resolved_server =
            DiffOptions { server_version: Some(DokkuVersion::new(0, 35, 0)), ..DiffOptions::default() };
        let plan = diff(&server(), &document, &resolved_server);
        assert!(plan.commands.is_empty() && plan.changes.is_empty(), "{plan:?}");
    }

    #[test]
    fn an_explicit_default_is_set_where_reports_print_raw_values() {
        // 0.38.6+ tells `keep-git-dir false` from unset: both are kept as written.
        let document = [
            GitRecord::Global(GitGlobal { global_keep_git_path: Some(false), ..GitGlobal::default() }),
            GitRecord::App(Git {
                keep_git_path: Some(false),
                deploy_branch: Some("master".into()),
                ..app("fresh")
            }),
        ];
        let raw_server =
            DiffOptions { server_version: Some(DokkuVersion::new(0, 38, 27)), ..DiffOptions::default() };
        let plan = diff(&[], &document, &raw_server);
        assert_eq!(
            plan.command_lines(),
            [
                "dokku git:set --global keep-git-dir false",
                "dokku git:set fresh deploy-branch master",
                "dokku git:set fresh keep-git-dir false",
            ]
        );
        // Once stored, the same document plans nothing.
        assert!(diff(&document, &document, &raw_server).commands.is_empty());
        // A resolved report cannot tell them apart: nothing is sent for the defaults.
        let resolved_server =
            DiffOptions { server_version: Some(DokkuVersion::new(0, 35, 0)), ..DiffOptions::default() };
        assert!(diff(&[], &document, &resolved_server).commands.is_empty());
    }

    #[test]
    fn added_and_changed_items_get_exactly_their_commands() {
        let mut document = server();
        document.push(key("gitlab.com,github.com"));
        document[2] = auth("github.com", "u", "new-password");
        document.push(auth("gitlab.com", "v", "pw"));
        document[3] = global(Some("trunk"));
        document[5] = GitRecord::App(Git {
            keep_git_path: Some(true),
            rev_env_var: Some(String::new()),
            ..app("app2")
        });
        document.push(GitRecord::App(Git { deploy_branch: Some("trunk".into()), ..app("app3") }));
        let plan = diff(&server(), &document, &DiffOptions::default());
        assert_eq!(
            plan.command_lines(),
            [
                "dokku git:allow-host gitlab.com",
                "dokku git:auth github.com u ***",
                "dokku git:auth gitlab.com v ***",
                "dokku git:set --global deploy-branch trunk",
                // app2 leaves its branch out: not managed without prune.
                "dokku git:set app2 keep-git-dir true",
                "dokku git:set app2 rev-env-var",
                // app3 is new; its branch equals the new global one, but the document sets it
                // on the app, and raw reports keep the two apart.
                "dokku git:set app3 deploy-branch trunk",
            ]
        );
        assert_eq!(plan.rebuild, ["app2"]);
        assert!(plan.restart.is_empty());
        let subjects: Vec<&str> = plan.changes.iter().map(|c| c.subject.as_str()).collect();
        assert_eq!(
            subjects,
            [
                "known host gitlab.com",
                "auth github.com",
                "auth gitlab.com",
                "deploy-branch",
                "keep-git-dir",
                "rev-env-var",
                "deploy-branch"
            ]
        );
        let auth_change = &plan.changes[1];
        assert!(auth_change.secret && auth_change.kind == ChangeKind::Change);
        assert!(plan.changes[2].secret && plan.changes[2].kind == ChangeKind::Add);
        assert!(plan.changes.iter().all(|c| !c.subject.contains("password") && !c.subject.contains("pw")));
        assert!(!plan.changes[3].secret);
    }

    #[test]
    fn a_new_app_gets_its_settings() {
        let document = [GitRecord::App(Git {
            deploy_branch: Some("main".into()),
            keep_git_path: Some(true),
            source_image: Some("nginx:1.27".into()),
            ..app("fresh")
        })];
        let plan = diff(&[], &document, &DiffOptions::default());
        assert_eq!(
            plan.command_lines(),
            [
                "dokku git:set fresh deploy-branch main",
                "dokku git:set fresh keep-git-dir true",
                "dokku git:set fresh source-image nginx:1.27",
            ]
        );
    }

    #[test]
    fn prune_removes_extras_but_no_host_and_no_undescribed_app() {
        let document =
            vec![global(None), GitRecord::App(Git { rev_env_var: None, sha: None, ..app("app1") })];
        let kept = diff(&server(), &document, &DiffOptions::default());
        assert!(kept.commands.is_empty() && kept.changes.is_empty(), "{kept:?}");
        let pruned = diff(&server(), &document, &DiffOptions::PRUNE);
        assert_eq!(
            pruned.command_lines(),
            [
                // No command forgets a known host, so github.com stays, silently.
                "dokku git:auth github.com",
                "dokku git:set --global deploy-branch",
                "dokku git:set app1 source-image",
                // app2 is not in the document at all: left alone.
            ]
        );
        assert!(pruned.changes[0].secret && pruned.changes[0].kind == ChangeKind::Remove);
    }

    #[test]
    fn a_missing_global_record_leaves_the_globals_alone_even_with_prune() {
        let document: Vec<GitRecord> =
            server().into_iter().filter(|r| !matches!(r, GitRecord::Global(_))).collect();
        let plan = diff(&server(), &document, &DiffOptions::PRUNE);
        assert!(plan.commands.is_empty(), "{plan:?}");
    }

    #[test]
    fn rev_env_var_is_reset_by_name_with_prune() {
        let current = [GitRecord::App(Git { rev_env_var: Some("SHA".into()), ..app("a") })];
        let document = [GitRecord::App(Git { rev_env_var: None, ..app("a") })];
        assert!(diff(&current, &document, &DiffOptions::default()).commands.is_empty());
        let plan = diff(&current, &document, &DiffOptions::PRUNE);
        assert_eq!(plan.command_lines(), ["dokku git:set a rev-env-var GIT_REV"]);
        assert_eq!(plan.rebuild, ["a"]);
    }
}
