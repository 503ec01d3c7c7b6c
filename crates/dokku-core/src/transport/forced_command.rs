//! What survives Dokku's forced command, which re-splits `SSH_ORIGINAL_COMMAND` itself.
//!
//! Dokku's `/usr/bin/dokku` rebuilds its argv from `SSH_ORIGINAL_COMMAND`: since 0.34 with
//! `printf '%s' "$SSH_ORIGINAL_COMMAND" | xargs -n 1` (one `/bin/echo` per word), before that
//! with `xargs dokku`; and when the first word contains `git` (its unquoted `git-*` pattern is a
//! regular expression) with plain word splitting and no quote removal. Arguments that cannot
//! come through those are refused here, before anything is sent.

/// How Dokku will split the command line we send.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Splitting {
    /// `xargs` honours quotes, so shell-quoted words arrive intact.
    Xargs,
    /// Plain IFS splitting without quote removal: words are sent raw.
    Words,
}

/// Which splitting Dokku applies to a command whose first word is `subcommand`.
pub(crate) fn splitting_for(subcommand: &str) -> Splitting {
    if subcommand.contains("git") { Splitting::Words } else { Splitting::Xargs }
}

/// Why `arg` cannot reach Dokku intact, or `None` when it can.
pub(crate) fn unsurvivable(arg: &str, splitting: Splitting) -> Option<&'static str> {
    if arg.is_empty() {
        return Some("an empty argument is lost when Dokku re-splits the command line");
    }
    if arg.contains('\n') {
        return Some("a newline inside an argument makes Dokku's xargs fail (use an --encoded form)");
    }
    if arg.contains('\0') {
        return Some("a NUL byte cannot be sent");
    }
    match splitting {
        Splitting::Words => {
            if arg.contains(|c: char| c.is_whitespace() || matches!(c, '\'' | '"' | '\\')) {
                return Some(
                    "git commands reach Dokku word-split without quote removal: no spaces, quotes or backslashes",
                );
            }
        }
        Splitting::Xargs => {
            let echo_option = arg.len() > 1
                && arg.starts_with('-')
                && arg[1..].chars().all(|c| matches!(c, 'n' | 'e' | 'E'));
            if echo_option || arg == "--help" || arg == "--version" {
                return Some(
                    "Dokku's `xargs -n 1` passes each word through /bin/echo, which eats this option",
                );
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_what_xargs_loses() {
        for bad in ["", "-n", "-e", "-E", "-ne", "-neE", "--help", "--version", "a\nb"] {
            assert!(unsurvivable(bad, Splitting::Xargs).is_some(), "{bad:?}");
        }
        for good in ["-", "-x", "--no-restart", "a b", "it's", "$HOME", "x\\y", "ünïcödé", "a\tb", "8 4k"]
        {
            assert_eq!(unsurvivable(good, Splitting::Xargs), None, "{good:?}");
        }
    }

    #[test]
    fn git_commands_are_word_split() {
        assert_eq!(splitting_for("git:sync"), Splitting::Words);
        assert_eq!(splitting_for("git-receive-pack"), Splitting::Words);
        assert_eq!(splitting_for("config:set"), Splitting::Xargs);
        assert!(unsurvivable("a b", Splitting::Words).is_some());
        assert!(unsurvivable("https://github.com/a/b.git", Splitting::Words).is_none());
    }
}
