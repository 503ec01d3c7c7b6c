//! The nginx plan: the `nginx:set` commands that turn the server's properties into the
//! document's.
//!
//! Each scope (the global record, each app) is compared property by property: a property the
//! document sets to another value is set, one it leaves out is not managed and is unset only
//! with `prune`. `nginx:set` only records the value: Dokku writes it into the app's nginx
//! configuration at the next `proxy:build-config` (or deploy), so nothing here restarts or
//! rebuilds an app; the engine decides whether to rebuild the proxy configuration of the
//! changed apps (`proxy:build-config <app>`, or `--all` after a global change).

use std::collections::BTreeMap;

use dokku_core::diffing::pair_by;
use dokku_core::plugin::{Change, DiffOptions, PluginDiff};

use crate::commands::builders;
use crate::model::{Nginx, PROPERTY_KEYS, is_default_log_path};

/// What the document asks of one property.
#[derive(Debug, PartialEq, Eq)]
enum Wanted {
    /// This value, set at this level.
    Value(String),
    /// The log path Dokku computes for the app (shown as its text): pydokku exported computed
    /// log paths as settings, so such a value means "Dokku's default", reached by unsetting.
    Default(String),
}

/// The plan for one plugin's records; see the module documentation.
pub(crate) fn diff(current: &[Nginx], desired: &[Nginx], options: &DiffOptions) -> PluginDiff {
    let paired = pair_by(current, desired, |r| r.app_name.clone());
    let mut scopes: Vec<(Option<&Nginx>, Option<&Nginx>)> = paired
        .both
        .iter()
        .map(|(c, d)| (Some(*c), Some(*d)))
        .chain(paired.added.iter().map(|d| (None, Some(*d))))
        .collect();
    if options.prune {
        // An app without properties is not exported, so an app record missing from the
        // document means "nothing set". A missing global record is different: a document
        // exported for some apps only has none, and wiping server-wide settings on that guess
        // would be worse than leaving them; an explicit empty global record (`{}`) clears them.
        scopes.extend(paired.removed.iter().filter(|c| c.app_name.is_some()).map(|c| (Some(*c), None)));
    }
    // Global settings first, as apply sends them; the sort is stable, so apps keep their order.
    scopes.sort_by_key(|(c, d)| d.or(*c).is_some_and(|r| r.app_name.is_some()));
    let mut plan = PluginDiff::default();
    for (now, wanted) in scopes {
        scope_diff(now, wanted, options.prune, &mut plan);
    }
    plan
}

/// Compares one scope's properties, in [`PROPERTY_KEYS`] order.
fn scope_diff(now: Option<&Nginx>, wanted: Option<&Nginx>, prune: bool, plan: &mut PluginDiff) {
    let Some(app) = wanted.or(now).map(|r| r.app_name.as_deref()) else { return };
    let current = current_values(now, app);
    let desired = desired_values(wanted, app);
    for key in PROPERTY_KEYS {
        let old = current.get(key);
        let (value, new) = match desired.get(key) {
            Some(Wanted::Value(v)) if old != Some(v) => (Some(v.as_str()), v.clone()),
            Some(Wanted::Default(text)) if old.is_some() => (None, text.clone()),
            None if prune && old.is_some() => {
                plan.commands.push(builders::set(app, key, None));
                plan.changes.push(Change::new(app, *key, old.cloned(), None));
                continue;
            }
            _ => continue,
        };
        plan.commands.push(builders::set(app, key, value));
        plan.changes.push(Change::new(app, *key, old.cloned(), Some(new)));
    }
}

/// The server's properties by key; a log path equal to Dokku's default counts as unset, since
/// it behaves exactly like one.
fn current_values(record: Option<&Nginx>, app: Option<&str>) -> BTreeMap<&'static str, String> {
    record
        .map(Nginx::set_properties)
        .unwrap_or_default()
        .into_iter()
        .filter(|(key, value)| !is_default_log_path(app, key, value))
        .collect()
}

/// The document's properties by key.
fn desired_values(record: Option<&Nginx>, app: Option<&str>) -> BTreeMap<&'static str, Wanted> {
    record
        .map(Nginx::set_properties)
        .unwrap_or_default()
        .into_iter()
        .map(|(key, value)| {
            let wanted = if is_default_log_path(app, key, &value) {
                Wanted::Default(value)
            } else {
                Wanted::Value(value)
            };
            (key, wanted)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use dokku_core::plugin::ChangeKind;

    use super::*;

    fn record(app: Option<&str>) -> Nginx {
        Nginx { app_name: app.map(str::to_owned), ..Nginx::default() }
    }

    #[test]
    fn equal_states_need_nothing_whatever_the_informational_fields() {
        let server = Nginx {
            hsts_max_age: Some(600),
            proxy_buffers: Some("8 4k".into()),
            last_visited_at: dokku_core::timestamp::from_unix_text("1736745546").ok().flatten(),
            extra: [("shiny".to_owned(), "yes".to_owned())].into(),
            ..record(Some("app1"))
        };
        let document = Nginx { last_visited_at: None, extra: BTreeMap::new(), ..server.clone() };
        let plan = diff(&[server], &[document], &DiffOptions::PRUNE);
        assert!(plan.commands.is_empty() && plan.changes.is_empty(), "{plan:?}");
    }

    #[test]
    fn a_changed_and_an_added_property_are_set_globals_first() {
        let current =
            [Nginx { client_max_body_size: Some("1m".into()), ..record(Some("app1")) }, record(None)];
        let desired = [
            Nginx { client_max_body_size: Some("10m".into()), hsts: Some(false), ..record(Some("app1")) },
            Nginx { x_forwarded_port_value: Some("$server_port".into()), ..record(None) },
        ];
        let plan = diff(&current, &desired, &DiffOptions::default());
        assert_eq!(
            plan.command_lines(),
            [
                "dokku nginx:set --global x-forwarded-port-value '$server_port'",
                "dokku nginx:set app1 client-max-body-size 10m",
                "dokku nginx:set app1 hsts false",
            ]
        );
        let change = &plan.changes[1];
        assert_eq!((change.app.as_deref(), change.subject.as_str()), (Some("app1"), "client-max-body-size"));
        assert_eq!((change.old.as_deref(), change.new.as_deref()), (Some("1m"), Some("10m")));
        assert_eq!(change.kind, ChangeKind::Change);
        assert_eq!(plan.changes[2].kind, ChangeKind::Add);
        assert!(plan.restart.is_empty() && plan.rebuild.is_empty());
        assert!(plan.changes.iter().all(|c| !c.secret));
    }

    #[test]
    fn extras_stay_without_prune_and_are_unset_with_it() {
        let current = [
            Nginx { hsts: Some(false), proxy_buffers: Some("8 8k".into()), ..record(Some("app1")) },
            Nginx { client_max_body_size: Some("5m".into()), ..record(Some("app2")) },
            Nginx { hsts: Some(false), ..record(None) },
        ];
        let desired = [Nginx { hsts: Some(false), ..record(Some("app1")) }];
        let kept = diff(&current, &desired, &DiffOptions::default());
        assert!(kept.commands.is_empty() && kept.changes.is_empty(), "{kept:?}");
        let pruned = diff(&current, &desired, &DiffOptions::PRUNE);
        // The global record is not in the document at all: left alone even with prune.
        assert_eq!(
            pruned.command_lines(),
            ["dokku nginx:set app1 proxy-buffers", "dokku nginx:set app2 client-max-body-size"]
        );
        assert_eq!(pruned.changes[0].kind, ChangeKind::Remove);
        assert_eq!(pruned.changes[0].old.as_deref(), Some("8 8k"));
    }

    #[test]
    fn an_empty_global_record_clears_the_globals_with_prune() {
        let current = [Nginx { hsts: Some(false), ..record(None) }];
        let plan = diff(&current, &[record(None)], &DiffOptions::PRUNE);
        assert_eq!(plan.command_lines(), ["dokku nginx:set --global hsts"]);
    }

    #[test]
    fn default_log_paths_count_as_unset() {
        let default_path = || Some("/var/log/nginx/app1-access.log".to_owned());
        // pydokku's computed path against a server that has nothing set: already right.
        let document = [Nginx { access_log_path: default_path(), ..record(Some("app1")) }];
        let plan = diff(&[record(Some("app1"))], &document, &DiffOptions::default());
        assert!(plan.commands.is_empty() && plan.changes.is_empty(), "{plan:?}");
        // The same against a custom path: unsetting is what gives Dokku's default back.
        let server = [Nginx { access_log_path: Some("/srv/log/a.log".into()), ..record(Some("app1")) }];
        let plan = diff(&server, &document, &DiffOptions::default());
        assert_eq!(plan.command_lines(), ["dokku nginx:set app1 access-log-path"]);
        assert_eq!(plan.changes[0].new, default_path());
        // A server that pinned the default path equals a document that leaves it out.
        let pinned = [Nginx { access_log_path: default_path(), ..record(Some("app1")) }];
        assert!(diff(&pinned, &[record(Some("app1"))], &DiffOptions::PRUNE).commands.is_empty());
    }

    #[test]
    fn a_new_app_gets_what_apply_would_send() {
        let app = Nginx {
            proxy_buffers: Some("8 4k".into()),
            error_log_path: Some("/var/log/nginx/app9-error.log".into()),
            ..record(Some("app9"))
        };
        let plan = diff(&[], std::slice::from_ref(&app), &DiffOptions::default());
        let apply: Vec<String> = <crate::NginxPlugin as dokku_core::plugin::Plugin>::apply_commands(&[app])
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(plan.command_lines(), apply);
    }
}
