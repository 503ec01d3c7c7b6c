//! The converging plan of the ssh-keys plugin: what turns the server's keys into the document's.

use base64::Engine as _;
use base64::engine::general_purpose::{STANDARD, STANDARD_NO_PAD};
use dokku_core::diffing::pair_by;
use dokku_core::plugin::{Change, DiffOptions, PluginDiff};
use sha2::{Digest as _, Sha256};

use crate::commands::builders;
use crate::model::SshKey;

/// Diffs the key records (see [`dokku_core::plugin::Plugin::diff`]), pairing keys by name.
///
/// A missing key is added (`ssh-keys:add <name>`, the key on stdin). A key whose body changed
/// is removed and added again, as Dokku has no command to replace one. Under `prune`, keys the
/// document lacks are removed by name. Keys are compared by type and data only (the comment
/// does not change who may push); when the server's body is unknown (older Dokku read without
/// root), by the fingerprint computed from the document's key. Keys are public: nothing is
/// secret, and changes show fingerprints.
pub(crate) fn diff(current: &[SshKey], desired: &[SshKey], options: &DiffOptions) -> PluginDiff {
    let mut out = PluginDiff::default();
    let paired = pair_by(current, desired, |k| k.name.clone());
    for key in paired.added {
        // Validation rejects a document key without a body; an exported one cannot be added.
        let Some(body) = key.public_key.as_deref() else { continue };
        out.changes.push(Change::new(None, subject(&key.name), None, Some(summary(key))));
        out.commands.push(builders::add(&key.name, body));
    }
    for (now, wanted) in paired.both {
        let Some(body) = wanted.public_key.as_deref() else { continue };
        if same_key(now, wanted) {
            continue;
        }
        out.changes.push(Change::new(None, subject(&wanted.name), Some(summary(now)), Some(summary(wanted))));
        out.commands.push(builders::remove(&now.name));
        out.commands.push(builders::add(&wanted.name, body));
    }
    if options.prune {
        for key in paired.removed {
            out.changes.push(Change::new(None, subject(&key.name), Some(summary(key)), None));
            out.commands.push(builders::remove(&key.name));
        }
    }
    out
}

fn subject(name: &str) -> String {
    format!("key {name}")
}

/// A key as people compare them: its fingerprint (as given, else computed), else its type.
fn summary(key: &SshKey) -> String {
    key.fingerprint
        .clone()
        .or_else(|| key.public_key.as_deref().and_then(fingerprint))
        .or_else(|| key.public_key.as_deref().and_then(|b| b.split_whitespace().next()).map(str::to_owned))
        .unwrap_or_default()
}

/// Whether the server's key is the document's. Unknown counts as the same: a key that cannot
/// be compared is not replaced on every apply.
fn same_key(now: &SshKey, wanted: &SshKey) -> bool {
    let material =
        |body: &str| -> Vec<String> { body.split_whitespace().take(2).map(str::to_owned).collect() };
    match (now.public_key.as_deref(), wanted.public_key.as_deref()) {
        (Some(a), Some(b)) => material(a) == material(b),
        (None, Some(b)) => {
            let computed = fingerprint(b).or_else(|| wanted.fingerprint.clone());
            match (&now.fingerprint, computed) {
                (Some(a), Some(b)) => *a == b,
                _ => true,
            }
        }
        _ => true,
    }
}

/// OpenSSH's `SHA256:` fingerprint of a public key line (`None` when its data is not base64).
fn fingerprint(public_key: &str) -> Option<String> {
    let data = public_key.split_whitespace().nth(1)?;
    let blob = STANDARD.decode(data).ok()?;
    Some(format!("SHA256:{}", STANDARD_NO_PAD.encode(Sha256::digest(&blob))))
}

#[cfg(test)]
mod tests {
    use super::fingerprint;

    #[test]
    fn fingerprints_match_dokkus() {
        // From the captured `authorized_keys` (test_data/pydokku).
        let key =
            "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBH/a4e/e+/t5w7SfCUhU/2EjbgrkBLtq84BDc7rmCAJ root@localhost";
        assert_eq!(fingerprint(key).as_deref(), Some("SHA256:BR9rgyN7BoVhMuRcK8cQm2fHkTlDOQpa0uMYWTEkTZc"));
        assert_eq!(fingerprint("ssh-ed25519 not-base64!"), None);
    }
}
