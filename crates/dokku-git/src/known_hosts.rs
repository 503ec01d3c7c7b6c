//! The `dokku` user's `~/.ssh/known_hosts` (what `git:allow-host` appends to): pure parsing and
//! key fingerprints.

use base64::Engine as _;
use sha2::{Digest, Sha256};

use crate::model::SshKey;

/// What a `known_hosts` file holds, as far as `git:allow-host` can recreate it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct KnownHosts {
    /// One key per plain host line, in file order.
    pub keys: Vec<SshKey>,
    /// Descriptions of the lines that cannot be recreated by host name (hashed host names,
    /// `@cert-authority`/`@revoked` markers, `[host]:port` entries, lines without a key).
    pub skipped: Vec<String>,
}

/// Parses a `known_hosts` file. Never fails: unreadable lines are listed in
/// [`KnownHosts::skipped`] (1-based line numbers, never their content).
pub fn parse_known_hosts(text: &str) -> KnownHosts {
    let mut parsed = KnownHosts::default();
    for (index, raw) in text.lines().enumerate() {
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let line_no = index + 1;
        let Some((hosts, key)) = line.split_once(char::is_whitespace) else {
            parsed.skipped.push(format!("line {line_no}: no key"));
            continue;
        };
        let key = key.trim();
        if hosts.starts_with('@') {
            parsed.skipped.push(format!("line {line_no}: {hosts} marker"));
        } else if hosts.starts_with('|') {
            parsed.skipped.push(format!("line {line_no}: hashed host name"));
        } else if hosts.contains('[') {
            parsed.skipped.push(format!("line {line_no}: host with a port ({hosts})"));
        } else if key.split_whitespace().count() < 2 {
            parsed.skipped.push(format!("line {line_no}: no key"));
        } else {
            parsed.keys.push(SshKey {
                name: hosts.to_owned(),
                fingerprint: fingerprint(key),
                public_key: Some(key.to_owned()),
            });
        }
    }
    parsed
}

/// The SHA-256 fingerprint `ssh-keygen -l` prints for an OpenSSH public key line
/// (`<type> <base64> [comment]`), or `None` when the key data is not base64.
pub fn fingerprint(public_key: &str) -> Option<String> {
    let data = public_key.split_whitespace().nth(1)?;
    let blob = base64::engine::general_purpose::STANDARD.decode(data).ok()?;
    let digest = Sha256::digest(&blob);
    Some(format!("SHA256:{}", base64::engine::general_purpose::STANDARD_NO_PAD.encode(digest)))
}

/// The host names of a known-hosts record (`name` is comma-separated, as in the file).
pub fn host_names(key: &SshKey) -> impl Iterator<Item = &str> {
    key.name.split(',').map(str::trim).filter(|h| !h.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_lines_become_keys_and_the_rest_is_skipped_by_line_number() {
        let text = "# comment\n\
            github.com ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl\n\
            |1|abc=|def= ssh-ed25519 AAAA\n\
            @revoked * ssh-rsa AAAA\n\
            [git.example.com]:2222 ssh-ed25519 AAAA\n";
        let parsed = parse_known_hosts(text);
        assert_eq!(parsed.keys.len(), 1);
        assert_eq!(parsed.keys[0].name, "github.com");
        // The fingerprint GitHub publishes for its ed25519 host key.
        assert_eq!(
            parsed.keys[0].fingerprint.as_deref(),
            Some("SHA256:+DiY3wvvV6TuJJhbpZisF/zLDA0zPMSvHdkr4UvCOqU")
        );
        assert_eq!(parsed.skipped.len(), 3);
        assert!(parsed.skipped[0].starts_with("line 3"));
    }
}
