//! The letsencrypt plan: the commands that turn the server's letsencrypt settings and
//! certificates into the document's.
//!
//! In order: the global properties, the auto-renew cron job (`letsencrypt:cron-job
//! --add/--remove`, the global record's `enabled`), the apps' properties, `letsencrypt:disable`
//! for apps the document wants without a certificate, and last `letsencrypt:enable` for apps that
//! should have one and do not: a certificate request can fail for reasons outside the document
//! (DNS, an app not deployed yet), which the engine tolerates as apply does
//! ([`builders::requests_certificate`]), and every property is in place before it runs.
//!
//! A property the document leaves out is not managed (unset only with prune). Values are
//! compared without the trailing newline pydokku kept, and an empty value is no value. Changes of
//! DNS provider credentials (`dns-provider-<ENV_VAR>`) are secret. `expires_at` and
//! `renewals_at` are server state, never a change.
//!
//! An app record missing from the document is the same as an empty one (export leaves out apps
//! the plugin never touched), so prune unsets its properties and disables its certificate. A
//! missing global record means the document was exported for some apps only (export always
//! writes one otherwise): the globals and the cron job are then left alone, even with prune.
//!
//! Nothing restarts: enabling and disabling rebuild the app's nginx configuration themselves,
//! and the properties only matter to the next certificate request or renewal.

use std::collections::BTreeMap;

use dokku_core::diffing::pair_by;
use dokku_core::plugin::{Change, DiffOptions, PluginDiff};

use crate::commands::builders;
use crate::model::{LetsEncrypt, clean, is_dns_provider_var};

/// The plan for one plugin's records; see the module documentation.
pub(crate) fn diff(current: &[LetsEncrypt], desired: &[LetsEncrypt], options: &DiffOptions) -> PluginDiff {
    let paired = pair_by(current, desired, |r| r.app_name.clone());
    let mut scopes: Vec<(Option<&LetsEncrypt>, &LetsEncrypt)> = Vec::new();
    scopes.extend(paired.both.iter().map(|(c, d)| (Some(*c), *d)));
    scopes.extend(paired.added.iter().map(|d| (None, *d)));
    // Globals first; the sort is stable, so apps keep the document's order.
    scopes.sort_by_key(|(_, d)| d.app_name.is_some());
    let mut plan = PluginDiff::default();
    let mut disables = Vec::new();
    let mut enables = Vec::new();
    for (now, wanted) in scopes {
        let app = wanted.app_name.as_deref();
        options_diff(app, now.map(|r| &r.options), Some(&wanted.options), options.prune, &mut plan);
        let was = now.is_some_and(|r| r.enabled);
        if was == wanted.enabled {
            continue;
        }
        let change = |subject: &str| {
            Change::new(app, subject, Some(was.to_string()), Some(wanted.enabled.to_string()))
        };
        match app {
            None => {
                plan.commands.push(if wanted.enabled {
                    builders::cron_job_add()
                } else {
                    builders::cron_job_remove()
                });
                plan.changes.push(change("cron-job"));
            }
            Some(app) if wanted.enabled => enables.push((builders::enable(app), change("enabled"))),
            Some(app) => disables.push((builders::disable(app), change("enabled"))),
        }
    }
    if options.prune {
        for now in paired.removed.iter().filter(|r| r.app_name.is_some()) {
            let app = now.app_name.as_deref();
            options_diff(app, Some(&now.options), None, true, &mut plan);
            if let Some(name) = app.filter(|_| now.enabled) {
                let change = Change::new(app, "enabled", Some("true".into()), Some("false".into()));
                disables.push((builders::disable(name), change));
            }
        }
    }
    for (command, change) in disables.into_iter().chain(enables) {
        plan.commands.push(command);
        plan.changes.push(change);
    }
    plan
}

/// `letsencrypt:set` for each property whose value differs, in key order; with prune, an unset
/// for each property only the server has.
fn options_diff(
    app: Option<&str>,
    now: Option<&BTreeMap<String, String>>,
    wanted: Option<&BTreeMap<String, String>>,
    prune: bool,
    plan: &mut PluginDiff,
) {
    let current = cleaned(now);
    let desired = cleaned(wanted);
    for (key, value) in &desired {
        let old = current.get(key);
        if old == Some(value) {
            continue;
        }
        plan.commands.push(builders::set(app, key, Some(value)));
        plan.changes.push(option_change(app, key, old.map(|v| (*v).to_owned()), Some((*value).to_owned())));
    }
    if prune {
        for (key, old) in current.iter().filter(|(key, _)| !desired.contains_key(*key)) {
            plan.commands.push(builders::set(app, key, None));
            plan.changes.push(option_change(app, key, Some((*old).to_owned()), None));
        }
    }
}

/// The properties as compared: trailing newlines dropped, empty values left out.
fn cleaned(options: Option<&BTreeMap<String, String>>) -> BTreeMap<&str, &str> {
    options
        .into_iter()
        .flatten()
        .map(|(key, value)| (key.as_str(), clean(value)))
        .filter(|(_, value)| !value.is_empty())
        .collect()
}

/// A property change; DNS provider credentials are secret.
fn option_change(app: Option<&str>, key: &str, old: Option<String>, new: Option<String>) -> Change {
    let change = Change::new(app, key, old, new);
    if is_dns_provider_var(key) { change.secret() } else { change }
}

#[cfg(test)]
mod tests {
    use dokku_core::plugin::ChangeKind;

    use super::*;

    fn record(app: Option<&str>, enabled: bool, options: &[(&str, &str)]) -> LetsEncrypt {
        let mut r = LetsEncrypt::new(app.map(str::to_owned));
        r.enabled = enabled;
        r.options = options.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect();
        r
    }

    fn lines(plan: &PluginDiff) -> Vec<String> {
        plan.commands.iter().map(|c| c.argv_masked().join(" ")).collect()
    }

    fn server() -> Vec<LetsEncrypt> {
        vec![
            record(None, true, &[("email", "admin@example.com")]),
            LetsEncrypt {
                expires_at: dokku_core::timestamp::from_unix_text("1736287254").ok().flatten(),
                ..record(Some("a"), true, &[("dns-provider-TOKEN", "s3cret")])
            },
            record(Some("b"), false, &[("graceperiod", "864000")]),
        ]
    }

    #[test]
    fn equal_states_plan_nothing_whatever_the_dates_and_newlines() {
        let document = vec![
            record(None, true, &[("email", "admin@example.com\n"), ("server", "")]),
            record(Some("a"), true, &[("dns-provider-TOKEN", "s3cret\n")]),
            record(Some("b"), false, &[("graceperiod", "864000")]),
        ];
        for options in [DiffOptions::default(), DiffOptions::PRUNE] {
            let plan = diff(&server(), &document, &options);
            assert!(plan.commands.is_empty() && plan.changes.is_empty(), "{plan:?}");
            let plan = diff(&server(), &server(), &options);
            assert!(plan.commands.is_empty() && plan.changes.is_empty(), "{plan:?}");
        }
    }

    #[test]
    fn changes_come_in_apply_order_with_certificates_last() {
        let document = vec![
            record(Some("b"), true, &[("graceperiod", "864000"), ("email", "b@example.com")]),
            record(Some("a"), false, &[("dns-provider-TOKEN", "n3w")]),
            record(None, false, &[("email", "admin@example.com"), ("server", "https://acme.example/dir")]),
            record(Some("c"), true, &[]),
        ];
        let plan = diff(&server(), &document, &DiffOptions::default());
        assert_eq!(
            lines(&plan),
            [
                "letsencrypt:set --global server https://acme.example/dir",
                "letsencrypt:cron-job --remove",
                "letsencrypt:set b email b@example.com",
                "letsencrypt:set a dns-provider-TOKEN ***",
                "letsencrypt:disable a",
                "letsencrypt:enable b",
                "letsencrypt:enable c",
            ]
        );
        assert!(plan.commands[5..].iter().all(builders::requests_certificate));
        assert!(!plan.commands[..5].iter().any(builders::requests_certificate));
        let secret: Vec<(&str, bool)> = plan.changes.iter().map(|c| (c.subject.as_str(), c.secret)).collect();
        assert_eq!(
            secret,
            [
                ("server", false),
                ("cron-job", false),
                ("email", false),
                ("dns-provider-TOKEN", true),
                ("enabled", false),
                ("enabled", false),
                ("enabled", false),
            ]
        );
        assert_eq!(plan.changes[3].kind, ChangeKind::Change);
        assert!(plan.restart.is_empty() && plan.rebuild.is_empty());
    }

    #[test]
    fn prune_unsets_extras_and_disables_undescribed_apps() {
        let document = vec![record(None, true, &[]), record(Some("b"), false, &[])];
        let kept = diff(&server(), &document, &DiffOptions::default());
        assert!(kept.commands.is_empty() && kept.changes.is_empty(), "{kept:?}");
        let pruned = diff(&server(), &document, &DiffOptions::PRUNE);
        assert_eq!(
            lines(&pruned),
            [
                "letsencrypt:set --global email",
                "letsencrypt:set b graceperiod",
                "letsencrypt:set a dns-provider-TOKEN",
                "letsencrypt:disable a",
            ]
        );
        assert!(pruned.changes[2].secret && pruned.changes[2].kind == ChangeKind::Remove);
    }

    #[test]
    fn a_missing_global_record_leaves_globals_and_cron_job_alone() {
        let document: Vec<LetsEncrypt> = server().into_iter().skip(1).collect();
        let plan = diff(&server(), &document, &DiffOptions::PRUNE);
        assert!(plan.commands.is_empty(), "{plan:?}");
    }

    #[test]
    fn new_records_get_what_apply_sends() {
        let document = vec![
            record(Some("a"), true, &[("email", "a@example.com\n")]),
            record(Some("b"), false, &[("dns-provider-TOKEN", "s3cret")]),
            record(None, true, &[("server", "https://acme.example/dir"), ("email", "")]),
        ];
        let plan = diff(&[], &document, &DiffOptions::default());
        let apply = <crate::LetsencryptPlugin as dokku_core::plugin::Plugin>::apply_commands(&document);
        let apply: Vec<String> = apply.iter().map(|c| c.argv_masked().join(" ")).collect();
        assert_eq!(lines(&plan), apply);
    }
}
