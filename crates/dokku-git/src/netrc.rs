//! The `dokku` user's `~/.netrc` (what `git:auth` maintains): pure parsing into [`Auth`] records.

use dokku_core::Secret;

use crate::model::Auth;

/// Parses a netrc file into one [`Auth`] per `machine` entry, in file order.
///
/// Tokens may be spread over lines in any layout. `default` entries (no host: `git:auth` cannot
/// create them) and `macdef` bodies (up to the next empty line) are skipped; `account` is ignored.
pub fn parse_netrc(text: &str) -> Vec<Auth> {
    let mut entries: Vec<Auth> = Vec::new();
    // Whether the tokens read now belong to a `machine` entry (not to `default`).
    let mut in_machine = false;
    let mut in_macro = false;
    let mut pending: Option<&str> = None;
    for line in text.lines() {
        if in_macro {
            in_macro = !line.trim().is_empty();
            continue;
        }
        for token in line.split_whitespace() {
            match pending.take() {
                Some("machine") => {
                    entries.push(Auth { hostname: token.to_owned(), username: None, password: None });
                    in_machine = true;
                }
                Some("login") if in_machine => {
                    if let Some(entry) = entries.last_mut() {
                        entry.username = Some(token.to_owned());
                    }
                }
                Some("password") if in_machine => {
                    if let Some(entry) = entries.last_mut() {
                        entry.password = Some(Secret::new(token.to_owned()));
                    }
                }
                Some("macdef") => {
                    in_macro = true;
                    break;
                }
                Some(_) => {}
                None => match token {
                    "default" => in_machine = false,
                    "machine" | "login" | "password" | "account" | "macdef" => pending = Some(token),
                    _ => {}
                },
            }
        }
    }
    entries
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_line_entries_defaults_and_macros() {
        let text = "machine a.example login u1 password p1\ndefault login anon password x\nmacdef init\ncd /\n\nmachine b.example\n  login u2\n  password p2\n";
        let entries = parse_netrc(text);
        let summary: Vec<(&str, Option<&str>, Option<&str>)> = entries
            .iter()
            .map(|e| {
                (e.hostname.as_str(), e.username.as_deref(), e.password.as_ref().map(|p| p.expose().as_str()))
            })
            .collect();
        assert_eq!(summary, [("a.example", Some("u1"), Some("p1")), ("b.example", Some("u2"), Some("p2"))]);
    }
}
