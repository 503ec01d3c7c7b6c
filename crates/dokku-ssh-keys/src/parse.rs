//! Pure parsers: `ssh-keys:list` (JSON and text) and sshcommand's `authorized_keys` lines.

use dokku_core::DokkuVersion;
use dokku_core::text::TextError;
use serde::Deserialize;

use crate::model::SshKey;

mod list_table;
pub use list_table::{SshKeyListRow, parse_ssh_keys_list};

/// The first version whose `ssh-keys:list` accepts `--format json`.
pub const LIST_JSON_SINCE: DokkuVersion = DokkuVersion::new(0, 22, 3);

/// One item of `ssh-keys:list --format json`.
#[derive(Deserialize)]
struct ListItem {
    name: String,
    fingerprint: String,
    /// Printed by newer versions (0.38 does); older ones need the root-only file read.
    #[serde(default, rename = "public-key")]
    public_key: Option<String>,
    // `SSHCOMMAND_ALLOWED_KEYS` (the ssh options) is deliberately not read: sshcommand puts the
    // same options on every key it adds, so there is nothing to carry over.
}

/// Parses `ssh-keys:list --format json` (an empty output means no keys).
pub fn parse_list_json(text: &str) -> Result<Vec<SshKey>, TextError> {
    if text.trim().is_empty() {
        return Ok(Vec::new());
    }
    let items: Vec<ListItem> = serde_json::from_str(text)
        .map_err(|e| TextError::new(e.line(), "a JSON array of {name, fingerprint}", &e.to_string()))?;
    Ok(items
        .into_iter()
        .map(|i| SshKey {
            name: i.name,
            fingerprint: Some(i.fingerprint),
            public_key: i.public_key.filter(|k| !k.is_empty()),
        })
        .collect())
}

/// Parses `ssh-keys:list` text (names and fingerprints only).
pub fn parse_list_text(text: &str) -> Result<Vec<SshKey>, TextError> {
    Ok(parse_ssh_keys_list(text)?
        .into_iter()
        .map(|row| SshKey { name: row.name, fingerprint: Some(row.fingerprint), public_key: None })
        .collect())
}

/// The Dokku-managed keys of an `authorized_keys` file.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct AuthorizedKeys {
    /// The keys sshcommand wrote, in file order.
    pub keys: Vec<SshKey>,
    /// How many sshcommand lines could not be read. Only the count is kept: nothing else from
    /// the file is ever shown.
    pub unreadable_lines: usize,
}

/// Parses the `dokku` user's `authorized_keys`. sshcommand writes each key as
/// `command="FINGERPRINT=<fp> NAME=\"<name>\" `cat …/.sshcommand` $SSH_ORIGINAL_COMMAND",<options> <key>`;
/// other lines (plain keys, comments) are not Dokku's and are skipped.
pub fn parse_authorized_keys(text: &str) -> AuthorizedKeys {
    let mut parsed = AuthorizedKeys::default();
    for line in text.lines() {
        match parse_line(line.trim()) {
            Ok(Some(key)) => parsed.keys.push(key),
            Ok(None) => {}
            Err(Unreadable) => parsed.unreadable_lines += 1,
        }
    }
    parsed
}

/// A line that looks like sshcommand's but does not read.
struct Unreadable;

fn parse_line(line: &str) -> Result<Option<SshKey>, Unreadable> {
    let Some(rest) = line.strip_prefix("command=\"") else { return Ok(None) };
    let (command, after) = quoted(rest).ok_or(Unreadable)?;
    let Some(fingerprint) = attribute(&command, "FINGERPRINT") else { return Ok(None) };
    let name = attribute(&command, "NAME").filter(|n| !n.is_empty()).ok_or(Unreadable)?;
    // The options run to the first blank; the key (type, data, optional comment) follows.
    let key = match after.strip_prefix(',') {
        Some(options) => options.split_once(char::is_whitespace).map(|(_, key)| key).ok_or(Unreadable)?,
        None => after,
    }
    .trim();
    if key.split_whitespace().count() < 2 {
        return Err(Unreadable);
    }
    Ok(Some(SshKey { name, fingerprint: Some(fingerprint), public_key: Some(key.to_owned()) }))
}

/// The text up to the closing `"` with `\"` and `\\` unescaped, and what follows that quote.
fn quoted(input: &str) -> Option<(String, &str)> {
    let mut text = String::new();
    let mut chars = input.char_indices();
    while let Some((i, c)) = chars.next() {
        match c {
            '\\' => text.push(chars.next()?.1),
            '"' => return Some((text, &input[i + 1..])),
            other => text.push(other),
        }
    }
    None
}

/// The value of `KEY=value` or `KEY="value"` in sshcommand's command string.
fn attribute(command: &str, key: &str) -> Option<String> {
    let prefix = format!("{key}=");
    let at = command.match_indices(&prefix).find(|(i, _)| *i == 0 || command[..*i].ends_with(' '))?.0;
    let value = &command[at + prefix.len()..];
    match value.strip_prefix('"') {
        Some(quoted) => quoted.split_once('"').map(|(v, _)| v.to_owned()),
        None => Some(value.split(' ').next().unwrap_or_default().to_owned()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_with_spaces_and_keys_of_every_type_are_read() {
        let text = concat!(
            "command=\"FINGERPRINT=SHA256:abc NAME=\\\"my laptop\\\" `cat /home/dokku/.sshcommand` $SSH_ORIGINAL_COMMAND\",no-agent-forwarding ",
            "ecdsa-sha2-nistp256 AAAAE2Vj me\n",
            "command=\"FINGERPRINT=SHA256:def NAME=\\\"sk\\\" `cat /home/dokku/.sshcommand` $SSH_ORIGINAL_COMMAND\",no-pty sk-ssh-ed25519@openssh.com AAAAGnNr\n",
            "# a comment\n",
            "command=\"FINGERPRINT=SHA256:ghi NAME=\\\"broken\\\"\",no-pty\n",
        );
        let parsed = parse_authorized_keys(text);
        assert_eq!(parsed.keys[0].name, "my laptop");
        assert_eq!(parsed.keys[0].public_key.as_deref(), Some("ecdsa-sha2-nistp256 AAAAE2Vj me"));
        assert_eq!(parsed.keys[1].public_key.as_deref(), Some("sk-ssh-ed25519@openssh.com AAAAGnNr"));
        assert_eq!(parsed.unreadable_lines, 1);
    }
}
