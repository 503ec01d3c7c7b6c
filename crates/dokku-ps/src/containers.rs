//! Docker's state of every container on the server, in one root command (the root fast path):
//! what `ps:report` asks docker about each of an app's containers, one `docker inspect` per
//! container, read for all of them at once.
//!
//! `docker container ls --all` prints each container's summary `State`, which the daemon fills
//! from the same `State.StateString()` that `docker inspect` prints as `.State.Status`
//! (`created`, `running`, `paused`, `restarting`, `removing`, `exited`, `dead`; moby
//! `daemon/container/view.go` and `state.go`). `.State.Running` is true exactly for `running`,
//! `paused` and `restarting`: `StateString` answers those three only while `Running` is set.

use std::collections::BTreeMap;

use dokku_core::Command;

/// The template: one line per container, its full id (with `--no-trunc`) and its state.
const FORMAT: &str = "{{.ID}} {{.State}}";

/// `docker container ls --all --no-trunc --format '{{.ID}} {{.State}}'` (root only).
pub(crate) fn list_command() -> Command {
    Command::system("docker")
        .args(["container", "ls", "--all", "--no-trunc", "--format", FORMAT])
        .allow_failure()
}

/// Docker's containers by full id, with their state.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct ContainerStates {
    states: BTreeMap<String, String>,
}

impl ContainerStates {
    /// Parses what [`list_command`] printed: `<id> <state>` lines; other lines are skipped.
    pub(crate) fn parse(text: &str) -> Self {
        let states = text
            .lines()
            .filter_map(|line| line.trim().split_once(' '))
            .filter(|(id, state)| !id.is_empty() && !state.trim().is_empty())
            .map(|(id, state)| (id.to_owned(), state.trim().to_owned()))
            .collect();
        Self { states }
    }

    /// The state `docker inspect <id>` prints as `.State.Status`: the container whose full id
    /// is `id`, else the only one whose id starts with it (the daemon's lookup by id prefix);
    /// `None` when docker knows no such container (the inspect fails).
    pub(crate) fn status(&self, id: &str) -> Option<&str> {
        if id.is_empty() {
            return None;
        }
        if let Some(state) = self.states.get(id) {
            return Some(state);
        }
        let mut by_prefix = self.states.range(id.to_owned()..).take_while(|(full, _)| full.starts_with(id));
        match (by_prefix.next(), by_prefix.next()) {
            (Some((_, state)), None) => Some(state),
            _ => None,
        }
    }

    /// `.State.Running` of `id`: false for a container docker does not know.
    pub(crate) fn is_running(&self, id: &str) -> bool {
        self.status(id).is_some_and(|state| matches!(state, "running" | "paused" | "restarting"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn states_are_found_by_id_or_unique_prefix() {
        let text = "aaa111 running\naaa222 exited\nbbb333 paused\n\nnot-a-line\nccc444 restarting\n";
        let states = ContainerStates::parse(text);
        assert_eq!(states.status("aaa111"), Some("running"));
        assert_eq!(states.status("bbb"), Some("paused"));
        assert_eq!(states.status("aaa"), None, "an ambiguous prefix finds nothing");
        assert_eq!(states.status("zzz"), None);
        assert_eq!(states.status(""), None);
        assert!(states.is_running("aaa111") && states.is_running("bbb333") && states.is_running("ccc444"));
        assert!(!states.is_running("aaa222") && !states.is_running("zzz"));
    }

    #[test]
    fn the_command_lists_every_container_with_full_ids() {
        assert_eq!(
            list_command().argv_masked().join(" "),
            "container ls --all --no-trunc --format {{.ID}} {{.State}}"
        );
    }
}
