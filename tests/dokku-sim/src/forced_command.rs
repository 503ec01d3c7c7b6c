//! How Dokku's `/usr/bin/dokku` re-derives its argv from `SSH_ORIGINAL_COMMAND`.
//!
//! sshcommand's forced command runs `dokku $SSH_ORIGINAL_COMMAND`; the script then re-executes
//! itself with arguments rebuilt from the original command string:
//!
//! * when its first argument matches the bash regex `git-*` or `git:*` (unanchored, so any word
//!   containing `git`), by plain IFS word splitting with globbing off and no quote removal;
//! * otherwise (Dokku >= 0.34) with
//!   `readarray -t args < <(printf '%s' "$SSH_ORIGINAL_COMMAND" | xargs -n 1)`, which applies
//!   xargs' own quoting rules and passes every word through `echo`, so `-n`, `-e` and empty
//!   words are mangled exactly as on a real server. The simulator runs the real `xargs` for that.

use std::io::Write;
use std::process::{Command, Stdio};

/// The argv Dokku ends up dispatching on, and what `xargs` wrote on stderr on the way.
pub struct DerivedArgv {
    /// The re-derived arguments.
    pub args: Vec<String>,
    /// xargs' complaints (unmatched quotes), passed through to the client.
    pub stderr: Vec<u8>,
}

/// Derives the argv from the forced command string. `own_args` are the arguments the forced
/// command itself received (the word-split command when sshcommand invoked us).
pub fn derive_argv(own_args: &[String], original_command: &str) -> std::io::Result<DerivedArgv> {
    let first = own_args
        .first()
        .cloned()
        .or_else(|| ifs_split(original_command).into_iter().next())
        .unwrap_or_default();
    if first.contains("git") {
        return Ok(DerivedArgv { args: ifs_split(original_command), stderr: Vec::new() });
    }
    xargs_split(original_command)
}

/// Bash word splitting on the default IFS (space, tab, newline), without quote removal.
pub fn ifs_split(text: &str) -> Vec<String> {
    text.split([' ', '\t', '\n']).filter(|word| !word.is_empty()).map(str::to_string).collect()
}

/// `printf '%s' "$text" | xargs -n 1`, read back with `readarray -t`.
fn xargs_split(text: &str) -> std::io::Result<DerivedArgv> {
    let mut child = Command::new("xargs")
        .args(["-n", "1"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()?;
    if let Some(mut stdin) = child.stdin.take() {
        stdin.write_all(text.as_bytes())?;
    }
    let output = child.wait_with_output()?;
    let stdout = String::from_utf8_lossy(&output.stdout);
    Ok(DerivedArgv { args: readarray_lines(&stdout), stderr: output.stderr })
}

/// `readarray -t`: one element per line, the final newline does not start an extra element.
fn readarray_lines(text: &str) -> Vec<String> {
    if text.is_empty() {
        return Vec::new();
    }
    let body = text.strip_suffix('\n').unwrap_or(text);
    body.split('\n').map(str::to_string).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(list: &[&str]) -> Vec<String> {
        list.iter().map(|w| (*w).to_string()).collect()
    }

    #[test]
    fn xargs_keeps_quoted_words_together() {
        let derived = derive_argv(&[], "config:set --no-restart app1 'D=x y'").unwrap();
        assert_eq!(derived.args, words(&["config:set", "--no-restart", "app1", "D=x y"]));
    }

    #[test]
    fn xargs_splits_unquoted_spaces() {
        let derived = derive_argv(&[], "config:set app1 E=x y").unwrap();
        assert_eq!(derived.args, words(&["config:set", "app1", "E=x", "y"]));
    }

    #[test]
    fn echo_swallows_dash_n() {
        let derived = derive_argv(&[], "apps:list -n").unwrap();
        assert_eq!(derived.args, words(&["apps:list"]));
    }

    #[test]
    fn git_commands_use_plain_word_splitting() {
        let derived = derive_argv(&[], "git-receive-pack 'app1'").unwrap();
        assert_eq!(derived.args, words(&["git-receive-pack", "'app1'"]));
    }
}
