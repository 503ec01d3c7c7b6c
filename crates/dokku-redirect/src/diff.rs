//! The redirect plan: redirects keyed by (app, source).
//!
//! A redirect only the document has is set; one whose destination or code differs is unset and
//! set again (`redirect:set` refuses a source that is already redirected); one only the server
//! has is unset with prune. An app without redirects has no records, so prune also clears the
//! redirects of apps the document lists none for. Each `redirect:set`/`unset` rebuilds the
//! nginx configuration of a deployed app itself, so nothing restarts.

use dokku_core::diffing::pair_by;
use dokku_core::plugin::{Change, DiffOptions, PluginDiff};

use crate::commands::builders;
use crate::model::Redirect;

/// The plan for one plugin's records; see the module documentation.
pub(crate) fn diff(current: &[Redirect], desired: &[Redirect], options: &DiffOptions) -> PluginDiff {
    let paired = pair_by(current, desired, |r| (r.app_name.clone(), r.source.clone()));
    let mut plan = PluginDiff::default();
    let changed = paired.both.iter().filter(|(c, d)| target(c) != target(d)).map(|(c, d)| (Some(*c), *d));
    // The document's order, as apply sends it.
    let mut wanted: Vec<(Option<&Redirect>, &Redirect)> =
        changed.chain(paired.added.iter().map(|d| (None, *d))).collect();
    let mut first_at: std::collections::HashMap<(&str, &str), usize> = std::collections::HashMap::new();
    for (i, d) in desired.iter().enumerate() {
        first_at.entry((d.app_name.as_str(), d.source.as_str())).or_insert(i);
    }
    wanted.sort_by_key(|(_, d)| first_at.get(&(d.app_name.as_str(), d.source.as_str())).copied());
    for (old, new) in wanted {
        if old.is_some() {
            plan.commands.push(builders::unset(&new.app_name, &new.source));
        }
        plan.commands.push(builders::set(&new.app_name, &new.source, &new.destination, new.code));
        plan.changes.push(Change::new(Some(&new.app_name), subject(new), old.map(target), Some(target(new))));
    }
    if options.prune {
        for old in paired.removed {
            plan.commands.push(builders::unset(&old.app_name, &old.source));
            plan.changes.push(Change::new(Some(&old.app_name), subject(old), Some(target(old)), None));
        }
    }
    plan
}

/// What a change is about: the redirected domain.
fn subject(redirect: &Redirect) -> String {
    format!("redirect {}", redirect.source)
}

/// Where a redirect goes, as plan text: `<destination> (<code>)`.
fn target(redirect: &Redirect) -> String {
    format!("{} ({})", redirect.destination, redirect.code)
}

#[cfg(test)]
mod tests {
    use dokku_core::plugin::ChangeKind;

    use super::*;

    fn redirect(app: &str, source: &str, destination: &str, code: u16) -> Redirect {
        Redirect { app_name: app.into(), source: source.into(), destination: destination.into(), code }
    }

    fn server() -> Vec<Redirect> {
        vec![
            redirect("app1", "old.example.com", "new.example.com", 301),
            redirect("app1", "old2.example.com", "new.example.com", 301),
            redirect("app2", "old.example.com", "app2.example.com", 302),
        ]
    }

    #[test]
    fn equal_states_plan_nothing() {
        let mut document = server();
        document.reverse();
        for options in [DiffOptions::default(), DiffOptions::PRUNE] {
            let plan = diff(&server(), &document, &options);
            assert!(plan.commands.is_empty() && plan.changes.is_empty(), "{plan:?}");
        }
    }

    #[test]
    fn new_and_changed_redirects_are_set_in_document_order() {
        let document = vec![
            redirect("app2", "www.example.org", "example.org", 308),
            redirect("app1", "old2.example.com", "new.example.com", 302),
            redirect("app1", "old.example.com", "new.example.com", 301),
        ];
        let plan = diff(&server(), &document, &DiffOptions::default());
        assert_eq!(
            plan.command_lines(),
            [
                "dokku redirect:set app2 www.example.org example.org 308",
                "dokku redirect:unset app1 old2.example.com",
                "dokku redirect:set app1 old2.example.com new.example.com 302",
            ]
        );
        let change = &plan.changes[1];
        assert_eq!(change.subject, "redirect old2.example.com");
        assert_eq!(change.kind, ChangeKind::Change);
        assert_eq!(
            (change.old.as_deref(), change.new.as_deref()),
            (Some("new.example.com (301)"), Some("new.example.com (302)"))
        );
        assert_eq!(plan.changes[0].kind, ChangeKind::Add);
        assert!(plan.changes.iter().all(|c| !c.secret));
        assert!(plan.restart.is_empty() && plan.rebuild.is_empty());
    }

    #[test]
    fn extras_are_unset_only_with_prune() {
        let document = vec![redirect("app1", "old.example.com", "new.example.com", 301)];
        let kept = diff(&server(), &document, &DiffOptions::default());
        assert!(kept.commands.is_empty() && kept.changes.is_empty(), "{kept:?}");
        let pruned = diff(&server(), &document, &DiffOptions::PRUNE);
        assert_eq!(
            pruned.command_lines(),
            ["dokku redirect:unset app1 old2.example.com", "dokku redirect:unset app2 old.example.com"]
        );
        assert!(pruned.changes.iter().all(|c| c.kind == ChangeKind::Remove));
    }

    #[test]
    fn a_new_app_gets_what_apply_sends() {
        let document = server();
        let plan = diff(&[], &document, &DiffOptions::PRUNE);
        let apply = <crate::RedirectPlugin as dokku_core::plugin::Plugin>::apply_commands(&document);
        assert_eq!(plan.command_lines(), apply.iter().map(ToString::to_string).collect::<Vec<_>>());
    }
}
