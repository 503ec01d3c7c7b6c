//! The [`Command`] value: one Dokku (or root-only system) invocation, transport-independent.

use std::fmt;
use std::time::Duration;

use base64::Engine as _;

use crate::secret::MASK;
use crate::shell_quote::quote;

/// Which program a [`Command`] runs on the server.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Program {
    /// The `dokku` command; the argv starts with the subcommand.
    Dokku,
    /// A plain system program (`cat`, `ls`, `stat`) for the root-only reads that Dokku has no
    /// command for. Needs a connection that can run non-Dokku commands.
    System(String),
}

/// One argument, possibly carrying a secret tail.
#[derive(Clone, PartialEq, Eq, Hash)]
struct Arg {
    text: String,
    /// Byte offset from which the argument is secret (`KEY=` stays visible, the value does not).
    secret_from: Option<usize>,
}

impl Arg {
    fn masked(&self) -> String {
        match self.secret_from {
            Some(at) => format!("{}{MASK}", &self.text[..at]),
            None => self.text.clone(),
        }
    }
}

/// Bytes sent to the command's standard input.
#[derive(Clone, PartialEq, Eq, Hash)]
struct Stdin {
    bytes: Vec<u8>,
    secret: bool,
}

/// How a rendered script line invokes the program.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Invocation {
    /// Prefix the line with `sudo -n`.
    pub sudo: bool,
    /// Leave out the `dokku` word (the line is sent to a Dokku forced-command user, whose
    /// forced command supplies it).
    pub without_dokku_word: bool,
}

/// What a write changes, and so which other writes it is ordered with: writes of one scope run
/// one at a time, in the order they were issued; different scopes run side by side.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum WriteScope {
    /// One app's state.
    App(String),
    /// Server-wide settings (`--global` properties, networks, keys, known hosts).
    Server,
    /// The installed plugins (`plugin:install`, `:update`, `:enable`, `:disable`, `:uninstall`).
    Plugins,
}

/// A Dokku argv with optional stdin and the rules for running it.
///
/// Build it with [`Command::dokku`] or [`Command::system`] and the chainable setters. Its
/// `Display` is one runnable POSIX shell line with every secret masked; [`Command::render`]
/// chooses the prefix and whether secrets show.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Command {
    program: Program,
    args: Vec<Arg>,
    stdin: Option<Stdin>,
    needs_root: bool,
    check_status: bool,
    writes: Option<WriteScope>,
    timeout: Option<Duration>,
}

impl Command {
    /// A Dokku command: `subcommand` is the first word (`apps:report`, `version`).
    pub fn dokku(subcommand: impl Into<String>) -> Self {
        Self::new(Program::Dokku, subcommand.into())
    }

    /// A system program (for root-only reads: `cat`, `ls`, `stat`).
    pub fn system(program: impl Into<String>) -> Self {
        Self {
            program: Program::System(program.into()),
            args: Vec::new(),
            stdin: None,
            needs_root: true,
            check_status: true,
            writes: None,
            timeout: None,
        }
    }

    fn new(program: Program, first: String) -> Self {
        Self {
            program,
            args: vec![Arg { text: first, secret_from: None }],
            stdin: None,
            needs_root: false,
            check_status: true,
            writes: None,
            timeout: None,
        }
    }

    /// Appends a plain argument.
    #[must_use]
    pub fn arg(mut self, arg: impl Into<String>) -> Self {
        self.args.push(Arg { text: arg.into(), secret_from: None });
        self
    }

    /// Appends several plain arguments.
    #[must_use]
    pub fn args<I, S>(mut self, args: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.args.extend(args.into_iter().map(|a| Arg { text: a.into(), secret_from: None }));
        self
    }

    /// Appends `visible` followed by `secret` as one argument (`KEY=` + value); only the
    /// visible part is ever shown unless the caller unmasks.
    #[must_use]
    pub fn secret_arg(mut self, visible: impl Into<String>, secret: &str) -> Self {
        let mut text = visible.into();
        let at = text.len();
        text.push_str(secret);
        self.args.push(Arg { text, secret_from: Some(at) });
        self
    }

    /// Sends `bytes` on standard input (shown in scripts as a base64 `echo`).
    #[must_use]
    pub fn stdin(mut self, bytes: impl Into<Vec<u8>>) -> Self {
        self.stdin = Some(Stdin { bytes: bytes.into(), secret: false });
        self
    }

    /// Sends secret `bytes` on standard input (masked in every rendering unless unmasked).
    #[must_use]
    pub fn secret_stdin(mut self, bytes: impl Into<Vec<u8>>) -> Self {
        self.stdin = Some(Stdin { bytes: bytes.into(), secret: true });
        self
    }

    /// Marks the command as needing root (Dokku's `plugin:install`, `ssh-keys:add`, …).
    #[must_use]
    pub fn needs_root(mut self) -> Self {
        self.needs_root = true;
        self
    }

    /// A non-zero exit status is a result for the caller to read, not an error.
    #[must_use]
    pub fn allow_failure(mut self) -> Self {
        self.check_status = false;
        self
    }

    /// Marks the command as changing the state of `app` (`None`: global state). Writes to one
    /// app run one at a time, in the order they were issued.
    #[must_use]
    pub fn writes(mut self, app: Option<&str>) -> Self {
        self.writes = Some(app.map_or(WriteScope::Server, |a| WriteScope::App(a.to_owned())));
        self
    }

    /// Marks the command as installing, updating, enabling or removing plugins: server-wide
    /// ([`Command::written_app`] is `Some(None)`), but ordered only with other such commands,
    /// so that a long `plugin:install` does not hold up unrelated global settings.
    #[must_use]
    pub fn writes_plugins(mut self) -> Self {
        self.writes = Some(WriteScope::Plugins);
        self
    }

    /// Overrides the client's per-command timeout (long for `ps:rebuild`, `git:sync`).
    #[must_use]
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// The program this command runs.
    pub fn program(&self) -> &Program {
        &self.program
    }

    /// The Dokku subcommand (first word), or the system program's first argument.
    pub fn subcommand(&self) -> &str {
        self.args.first().map_or("", |a| a.text.as_str())
    }

    /// The real argv, secrets included: only for handing to a process.
    pub fn argv_exposed(&self) -> Vec<&str> {
        self.args.iter().map(|a| a.text.as_str()).collect()
    }

    /// The argv with secrets masked: for logs, progress and errors.
    pub fn argv_masked(&self) -> Vec<String> {
        self.args.iter().map(Arg::masked).collect()
    }

    /// The stdin bytes, if any (secret or not).
    pub fn stdin_exposed(&self) -> Option<&[u8]> {
        self.stdin.as_ref().map(|s| s.bytes.as_slice())
    }

    /// `text` with every secret of this command replaced by the mask (for error messages in
    /// which Dokku repeats an argument back, like `Invalid env pair: KEY=<value>`), and the
    /// password of every URL in it.
    pub fn mask_secrets(&self, text: &str) -> String {
        let mut masked = text.to_owned();
        for arg in &self.args {
            if let Some(at) = arg.secret_from {
                let secret = &arg.text[at..];
                if !secret.is_empty() {
                    masked = masked.replace(secret, MASK);
                }
            }
        }
        if let Some(stdin) = self.stdin.as_ref().filter(|s| s.secret) {
            let body = String::from_utf8_lossy(&stdin.bytes);
            for line in body.lines().map(str::trim).filter(|l| l.len() >= 4) {
                masked = masked.replace(line, MASK);
            }
        }
        // Passwords Dokku prints itself (a service's DSN), whatever the command sent.
        crate::url_credentials::mask_url_passwords(&masked)
    }

    /// Whether any argument or the stdin is secret.
    pub fn has_secret(&self) -> bool {
        self.args.iter().any(|a| a.secret_from.is_some()) || self.stdin.as_ref().is_some_and(|s| s.secret)
    }

    /// Whether this command needs root.
    pub fn is_root_only(&self) -> bool {
        self.needs_root
    }

    /// Whether a non-zero exit status is an error.
    pub fn checks_status(&self) -> bool {
        self.check_status
    }

    /// Whether this command changes server state, and which app (`None` = global).
    pub fn written_app(&self) -> Option<Option<&str>> {
        self.writes.as_ref().map(|scope| match scope {
            WriteScope::App(app) => Some(app.as_str()),
            WriteScope::Server | WriteScope::Plugins => None,
        })
    }

    /// What this command's writes are ordered with (`None` for reads).
    pub fn write_scope(&self) -> Option<&WriteScope> {
        self.writes.as_ref()
    }

    /// The per-command timeout override.
    pub fn timeout_override(&self) -> Option<Duration> {
        self.timeout
    }

    /// Renders the command as one POSIX shell line.
    ///
    /// Secrets are masked unless `unmask` is true; a masked line is for reading, not running.
    pub fn render(&self, invocation: Invocation, unmask: bool) -> String {
        let line = self.render_words(invocation, unmask);
        match self.render_stdin(unmask) {
            None => line,
            Some(feed) => format!("{feed} | {line}"),
        }
    }

    /// The command words alone (no stdin pipe), shell-quoted.
    pub fn render_words(&self, invocation: Invocation, unmask: bool) -> String {
        let mut words: Vec<String> = Vec::new();
        if invocation.sudo {
            words.push("sudo".into());
            words.push("-n".into());
        }
        match &self.program {
            Program::Dokku if invocation.without_dokku_word => {}
            Program::Dokku => words.push("dokku".into()),
            Program::System(p) => words.push(quote(p)),
        }
        for arg in &self.args {
            match arg.secret_from {
                // The mask is for reading, so it stays bare after the quoted visible part.
                Some(at) if !unmask => {
                    let visible = &arg.text[..at];
                    let shown = if visible.is_empty() { String::new() } else { quote(visible) };
                    words.push(format!("{shown}{MASK}"));
                }
                _ => words.push(quote(&arg.text)),
            }
        }
        words.join(" ")
    }

    /// The `echo <base64> | base64 --decode` that feeds stdin, if the command has any.
    pub fn render_stdin(&self, unmask: bool) -> Option<String> {
        self.stdin.as_ref().map(|stdin| {
            let encoded = if stdin.secret && !unmask {
                MASK.to_owned()
            } else {
                base64::engine::general_purpose::STANDARD.encode(&stdin.bytes)
            };
            format!("echo {encoded} | base64 --decode")
        })
    }
}

impl fmt::Display for Command {
    /// One shell line with the `dokku` word, no sudo, secrets masked.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(Invocation::default(), false))
    }
}

impl fmt::Debug for Command {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Command({self})")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_masks_secret_values() {
        let cmd = Command::dokku("config:set")
            .args(["--encoded", "--no-restart", "app1"])
            .secret_arg("KEY=", "c2VjcmV0");
        assert_eq!(cmd.to_string(), "dokku config:set --encoded --no-restart app1 KEY=***");
        assert!(!format!("{cmd:?}").contains("c2VjcmV0"));
        assert_eq!(
            cmd.render(Invocation { sudo: true, without_dokku_word: false }, true),
            "sudo -n dokku config:set --encoded --no-restart app1 KEY=c2VjcmV0"
        );
        assert_eq!(cmd.argv_exposed()[4], "KEY=c2VjcmV0");
    }

    #[test]
    fn stdin_renders_as_base64_pipe() {
        let cmd = Command::dokku("ssh-keys:add").arg("admin").stdin("ssh-ed25519 AAAA x\n").needs_root();
        assert_eq!(
            cmd.to_string(),
            "echo c3NoLWVkMjU1MTkgQUFBQSB4Cg== | base64 --decode | dokku ssh-keys:add admin"
        );
        let secret = Command::dokku("certs:add").arg("app").secret_stdin("key");
        assert_eq!(secret.to_string(), "echo *** | base64 --decode | dokku certs:add app");
    }

    #[test]
    fn hostile_words_are_quoted() {
        let cmd = Command::dokku("nginx:set").args(["app", "proxy-buffers", "8 4k", "$server_port", "it's"]);
        assert_eq!(cmd.to_string(), "dokku nginx:set app proxy-buffers '8 4k' '$server_port' 'it'\\''s'");
        let forced = cmd.render(Invocation { sudo: false, without_dokku_word: true }, false);
        assert!(forced.starts_with("nginx:set app"));
    }

    #[test]
    fn plugin_management_is_server_wide_but_ordered_apart() {
        let install = Command::dokku("plugin:install").arg("https://example.com/p.git").writes_plugins();
        let global = Command::dokku("network:create").arg("net").writes(None);
        let app = Command::dokku("config:set").arg("app1").writes(Some("app1"));
        assert_eq!(install.written_app(), Some(None), "not an app's write");
        assert_eq!(install.write_scope(), Some(&WriteScope::Plugins));
        assert_eq!(global.write_scope(), Some(&WriteScope::Server));
        assert_eq!(app.write_scope(), Some(&WriteScope::App("app1".into())));
        assert_eq!(Command::dokku("apps:report").write_scope(), None, "reads are not ordered");
    }

    #[test]
    fn system_commands_are_root_only() {
        let cmd = Command::system("cat").arg("/home/dokku/.ssh/authorized_keys");
        assert!(cmd.is_root_only());
        assert_eq!(cmd.to_string(), "cat /home/dokku/.ssh/authorized_keys");
    }
}
