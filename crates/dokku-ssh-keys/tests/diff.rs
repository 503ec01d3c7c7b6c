//! The converging plan of the ssh-keys plugin: keys added, replaced and pruned by name.

use std::path::Path;

use dokku_core::plugin::{ChangeKind, DiffOptions, Plugin};
use dokku_ssh_keys::{SshKey, SshKeysPlugin};

fn captured() -> Vec<SshKey> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("test_data");
    let read = |f: &str| std::fs::read_to_string(dir.join(f)).unwrap_or_default();
    dokku_ssh_keys::parse_list_json(&read("0.38.27/ssh-keys__list__format-json.txt")).unwrap_or_default()
}

const ED: &str =
    "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBH/a4e/e+/t5w7SfCUhU/2EjbgrkBLtq84BDc7rmCAJ root@localhost";
const ED_FINGERPRINT: &str = "SHA256:BR9rgyN7BoVhMuRcK8cQm2fHkTlDOQpa0uMYWTEkTZc";
const OTHER: &str = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIJ8Kh+RAmSa1PR4ftv9aQSh5K+T4MEmTmzylsUym4aFh other";

fn key(name: &str, body: &str) -> SshKey {
    SshKey { name: name.into(), fingerprint: None, public_key: Some(body.into()) }
}

#[test]
fn a_server_diffed_with_itself_needs_nothing() {
    let keys = captured();
    assert!(keys.len() == 2 && keys.iter().all(|k| k.public_key.is_some()), "{keys:?}");
    for options in [DiffOptions::default(), DiffOptions::PRUNE] {
        let diff = SshKeysPlugin::diff(&keys, &keys, &options);
        assert!(diff.commands.is_empty() && diff.changes.is_empty(), "{:?}", diff.changes);
    }
    // A document without fingerprints, or with another comment, is the same key.
    let desired: Vec<SshKey> = keys
        .iter()
        .map(|k| SshKey {
            fingerprint: None,
            public_key: k.public_key.as_deref().map(|b| format!("{b} renamed")),
            ..k.clone()
        })
        .collect();
    assert!(SshKeysPlugin::diff(&keys, &desired, &DiffOptions::default()).changes.is_empty());
}

#[test]
fn a_missing_key_is_added_as_root() {
    let diff = SshKeysPlugin::diff(&[], &[key("laptop", ED)], &DiffOptions::default());
    assert_eq!(diff.commands.len(), 1);
    assert_eq!(diff.commands[0].argv_exposed(), ["ssh-keys:add", "laptop"]);
    assert_eq!(diff.commands[0].stdin_exposed(), Some(format!("{ED}\n").as_bytes()));
    assert!(diff.commands[0].is_root_only());
    assert_eq!(diff.changes[0].kind, ChangeKind::Add);
    assert_eq!(diff.changes[0].subject, "key laptop");
    assert_eq!(diff.changes[0].new.as_deref(), Some(ED_FINGERPRINT));
    // Public keys are not secrets.
    assert!(!diff.changes[0].secret);
}

#[test]
fn a_changed_key_is_removed_then_added() {
    let diff = SshKeysPlugin::diff(&[key("laptop", OTHER)], &[key("laptop", ED)], &DiffOptions::default());
    let argv: Vec<Vec<&str>> = diff.commands.iter().map(|c| c.argv_exposed()).collect();
    assert_eq!(argv, [vec!["ssh-keys:remove", "laptop"], vec!["ssh-keys:add", "laptop"]]);
    assert_eq!(diff.changes[0].kind, ChangeKind::Change);
}

#[test]
fn without_the_servers_body_keys_compare_by_fingerprint() {
    let listed = |fp: &str| SshKey { name: "laptop".into(), fingerprint: Some(fp.into()), public_key: None };
    let same = SshKeysPlugin::diff(&[listed(ED_FINGERPRINT)], &[key("laptop", ED)], &DiffOptions::default());
    assert!(same.commands.is_empty());
    let other = SshKeysPlugin::diff(&[listed("SHA256:other")], &[key("laptop", ED)], &DiffOptions::default());
    assert_eq!(other.commands.len(), 2);
}

#[test]
fn extra_keys_are_removed_only_when_pruning() {
    let current = [key("laptop", ED), key("old", OTHER)];
    let desired = [key("laptop", ED)];
    assert!(SshKeysPlugin::diff(&current, &desired, &DiffOptions::default()).changes.is_empty());
    let diff = SshKeysPlugin::diff(&current, &desired, &DiffOptions::PRUNE);
    assert_eq!(diff.command_lines(), ["dokku ssh-keys:remove old"]);
    assert_eq!(diff.changes[0].kind, ChangeKind::Remove);
}
