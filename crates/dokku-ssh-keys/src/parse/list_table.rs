//! `ssh-keys:list` text output (printed by `sshcommand list`).
//!
//! One line per key: the fingerprint (`SHA256:…`, or the `aa:bb:…` MD5 form of old keys), then
//! `NAME="<name>"` and `SSHCOMMAND_ALLOWED_KEYS="<ssh options>"`. There is no header. With no keys
//! sshcommand prints nothing on stdout and exits 1 (message on stderr).

use nom::{
    IResult, Parser,
    branch::alt,
    bytes::complete::{take_till, take_till1},
    character::complete::{char, space1},
    combinator::verify,
    multi::many0,
    sequence::{delimited, preceded, separated_pair},
};
use serde::Serialize;

use dokku_core::text::{TextError, column, numbered_lines, parse_line};

/// What a line must be.
const EXPECTED_ROW: &str = "a key line `<fingerprint> NAME=\"<name>\" SSHCOMMAND_ALLOWED_KEYS=\"<options>\"`";

/// One key of `ssh-keys:list`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SshKeyListRow {
    /// The key fingerprint as printed (`SHA256:…`).
    pub fingerprint: String,
    /// The name given to `ssh-keys:add`.
    pub name: String,
    /// The `authorized_keys` options sshcommand put on the key, comma-separated; `None` when the
    /// line has no `SSHCOMMAND_ALLOWED_KEYS`.
    pub allowed_keys: Option<String>,
}

/// Parses `dokku ssh-keys:list` into keys, in printed order.
///
/// `NAME` is required. Attributes other than `NAME` and `SSHCOMMAND_ALLOWED_KEYS` are skipped, so
/// that a newer sshcommand adding one does not break listing.
pub fn parse_ssh_keys_list(text: &str) -> Result<Vec<SshKeyListRow>, TextError> {
    let mut rows = Vec::new();
    for (line_no, line) in numbered_lines(text) {
        if line.trim().is_empty() {
            continue;
        }
        let (fingerprint, attributes) = parse_line(line_no, line, EXPECTED_ROW, (column, many0(attribute)))?;
        let find = |wanted: &str| {
            attributes.iter().find(|(key, _)| *key == wanted).map(|(_, value)| (*value).to_owned())
        };
        let Some(name) = find("NAME") else {
            return Err(TextError::new(line_no, EXPECTED_ROW, line));
        };
        rows.push(SshKeyListRow {
            fingerprint: fingerprint.to_owned(),
            name,
            allowed_keys: find("SSHCOMMAND_ALLOWED_KEYS"),
        });
    }
    Ok(rows)
}

/// ` KEY="value"` or ` KEY=value`.
fn attribute(input: &str) -> IResult<&str, (&str, &str)> {
    let key = take_till1(|c: char| c == '=' || c.is_whitespace());
    let quoted = delimited(char('"'), take_till(|c| c == '"'), char('"'));
    let bare = verify(take_till(char::is_whitespace), |value: &str| !value.starts_with('"'));
    preceded(space1, separated_pair(key, char('='), alt((quoted, bare)))).parse(input)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_and_bare_attributes() {
        let text = "SHA256:abc NAME=\"laptop\" SSHCOMMAND_ALLOWED_KEYS=\"no-agent-forwarding,no-user-rc\"\n2a:f7 NAME=bare\n";
        let rows = parse_ssh_keys_list(text).unwrap();
        assert_eq!(rows[0].fingerprint, "SHA256:abc");
        assert_eq!(rows[0].name, "laptop");
        assert_eq!(rows[0].allowed_keys.as_deref(), Some("no-agent-forwarding,no-user-rc"));
        assert_eq!((rows[1].name.as_str(), rows[1].allowed_keys.as_deref()), ("bare", None));
    }

    #[test]
    fn missing_name_or_garbage_is_an_error() {
        assert_eq!(parse_ssh_keys_list("SHA256:abc\n").unwrap_err().line(), 1);
        assert_eq!(parse_ssh_keys_list("SHA256:abc NAME=\"x\" junk\n").unwrap_err().line(), 1);
        assert_eq!(parse_ssh_keys_list("SHA256:abc NAME=\"unterminated\n").unwrap_err().line(), 1);
    }
}
