//! The converging plan: what turns the server's certificates into the document's.
//!
//! A certificate is one value per app: the certificate text (chain included) and the key. A new
//! one is added (`certs:add`), a different one replaces the old (`certs:update`), and with
//! `prune` an app the document has no certificate for loses its own (`certs:remove`), except
//! with `prune_apps` (the app is being destroyed). Plans show certificates by their SHA-256
//! fingerprint and the key never: a new key with the same certificate shows as `(new key)`.
//! Certificates the letsencrypt plugin issued are not exported, so they are neither compared
//! nor removed. Dokku rebuilds the proxy configuration itself: nothing to restart.

use dokku_core::diffing::last_per_key;
use dokku_core::plugin::{Change, DiffOptions, PluginDiff};

use crate::commands::builders;
use crate::fingerprint::fingerprint;
use crate::model::Certificate;

/// A certificate as plan text.
fn shown(record: &Certificate) -> String {
    fingerprint(&record.certificate).unwrap_or_else(|| "(no certificate block)".to_owned())
}

/// The plan for `certs` (see the module docs).
pub(crate) fn diff(current: &[Certificate], desired: &[Certificate], options: &DiffOptions) -> PluginDiff {
    let mut plan = PluginDiff::default();
    for wanted in last_per_key(desired, |r| r.app_name.clone()) {
        let app = wanted.app_name.as_str();
        match current.iter().rev().find(|r| r.app_name == wanted.app_name) {
            None => {
                plan.commands.push(builders::add(app, &wanted.certificate, wanted.key.expose()));
                plan.changes.push(Change::new(Some(app), "certificate", None, Some(shown(wanted))));
            }
            Some(held) => {
                let same_certificate = held.certificate.trim() == wanted.certificate.trim();
                let same_key = held.key.expose().trim() == wanted.key.expose().trim();
                if same_certificate && same_key {
                    continue;
                }
                plan.commands.push(builders::update(app, &wanted.certificate, wanted.key.expose()));
                let new =
                    if same_certificate { format!("{} (new key)", shown(wanted)) } else { shown(wanted) };
                plan.changes.push(Change::new(Some(app), "certificate", Some(shown(held)), Some(new)));
            }
        }
    }
    if options.prune && !options.prune_apps {
        let mentioned = |app: &str| desired.iter().any(|r| r.app_name == app);
        for held in last_per_key(current.iter().filter(|r| !mentioned(&r.app_name)), |r| r.app_name.clone()) {
            plan.commands.push(builders::remove(&held.app_name));
            plan.changes.push(Change::new(Some(&held.app_name), "certificate", Some(shown(held)), None));
        }
    }
    plan
}
