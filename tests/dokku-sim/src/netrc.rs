//! The `netrc` tool that `git:auth` and `git:auth-status` run (github.com/dokku/netrc, built on
//! github.com/jdxcode/netrc): how its `set`, `unset` and `get` change and read the dokku user's
//! `~/.netrc`, and the layout it writes.
//!
//! Every subcommand first creates a missing file, empty (`ensureNetrcExists`, in every netrc
//! release Dokku 0.30+ installs), so even `git:auth <host>` (an unset) and `git:auth-status`
//! leave a file behind: callers pass the state's `Option` and it becomes `Some`. A new machine is
//! appended as `machine <host>\n  login <user>\n  password <pass>\n` (jdxcode/netrc's
//! `AddMachine` then `Set`); an existing one keeps its place and gets the new values; `unset`
//! drops every entry of the machine and is a no-op for an unknown one.

use crate::state::NetrcEntry;

/// `netrc set <machine> <login> <password>`.
pub(crate) fn set(netrc: &mut Option<Vec<NetrcEntry>>, machine: &str, login: &str, password: &str) {
    let entries = netrc.get_or_insert_with(Vec::new);
    match entries.iter_mut().find(|e| e.machine == machine) {
        Some(entry) => {
            entry.login = login.to_owned();
            entry.password = password.to_owned();
        }
        None => entries.push(NetrcEntry {
            machine: machine.to_owned(),
            login: login.to_owned(),
            password: password.to_owned(),
        }),
    }
}

/// `netrc unset <machine>`.
pub(crate) fn unset(netrc: &mut Option<Vec<NetrcEntry>>, machine: &str) {
    netrc.get_or_insert_with(Vec::new).retain(|e| e.machine != machine);
}

/// `netrc get <machine>`: `<login>:<password>`, or `None` where the tool fails with
/// `Invalid machine '<machine>' specified`.
pub(crate) fn get(netrc: &mut Option<Vec<NetrcEntry>>, machine: &str) -> Option<String> {
    let entries = netrc.get_or_insert_with(Vec::new);
    entries.iter().find(|e| e.machine == machine).map(|e| format!("{}:{}", e.login, e.password))
}

/// The file the tool writes for `entries`.
pub(crate) fn render(entries: &[NetrcEntry]) -> String {
    entries
        .iter()
        .map(|e| format!("machine {}\n  login {}\n  password {}\n", e.machine, e.login, e.password))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn set_appends_then_replaces_in_place_and_unset_removes() {
        let mut netrc = None;
        set(&mut netrc, "github.com", "u1", "p1");
        set(&mut netrc, "gitlab.com", "u2", "p2");
        set(&mut netrc, "github.com", "u3", "p3");
        let entries = netrc.clone().unwrap_or_default();
        assert_eq!(
            render(&entries),
            "machine github.com\n  login u3\n  password p3\nmachine gitlab.com\n  login u2\n  password p2\n"
        );
        assert_eq!(get(&mut netrc, "gitlab.com").as_deref(), Some("u2:p2"));
        unset(&mut netrc, "github.com");
        unset(&mut netrc, "unknown.example.com");
        assert_eq!(
            render(&netrc.clone().unwrap_or_default()),
            "machine gitlab.com\n  login u2\n  password p2\n"
        );
    }

    #[test]
    fn every_use_creates_the_file() {
        let mut netrc = None;
        unset(&mut netrc, "github.com");
        assert_eq!(netrc, Some(Vec::new()));
        let mut netrc = None;
        assert_eq!(get(&mut netrc, "github.com"), None);
        assert_eq!(netrc, Some(Vec::new()));
    }
}
