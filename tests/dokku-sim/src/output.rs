//! The two output streams of one invocation and Dokku's log-line prefixes.
//!
//! Handlers write into buffers instead of the real streams so that the whole answer can be
//! produced while the state lock is held and printed afterwards in one piece.

/// Dokku's `dokku_log_info1` prefix.
const INFO1: &str = "-----> ";
/// Dokku's `dokku_log_info2` prefix.
const INFO2: &str = "=====> ";
/// Dokku's `dokku_log_verbose` indentation.
const VERBOSE: &str = "       ";
/// Dokku's `dokku_log_warn` / `dokku_log_fail` prefix.
const WARN: &str = " !     ";

/// A command failed: its message is already written, this carries the exit status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Failure(pub i32);

/// What every command handler returns.
pub type Outcome = Result<(), Failure>;

/// Exit status Dokku uses when an app does not exist.
pub const APP_MISSING_EXIT: i32 = 20;

/// Buffered stdout and stderr of one invocation.
#[derive(Debug, Default)]
pub struct Output {
    /// Bytes for standard output.
    pub stdout: Vec<u8>,
    /// Bytes for standard error.
    pub stderr: Vec<u8>,
    /// Set by the global `--quiet` flag: the `*_quiet` log functions print nothing.
    pub quiet: bool,
    /// A dump to stream after `stdout` once the state lock is released (`<type>:export`).
    pub stream: Option<crate::service_dump::SyntheticDump>,
}

impl Output {
    /// Creates empty buffers.
    pub fn new(quiet: bool) -> Self {
        Self { quiet, ..Self::default() }
    }

    /// Appends raw text to stdout.
    pub fn raw(&mut self, text: &str) {
        self.stdout.extend_from_slice(text.as_bytes());
    }

    /// Appends raw text to stderr.
    pub fn raw_err(&mut self, text: &str) {
        self.stderr.extend_from_slice(text.as_bytes());
    }

    /// Prints one line on stdout.
    pub fn line(&mut self, text: &str) {
        self.raw(text);
        self.raw("\n");
    }

    /// Prints one line on stderr without a prefix (`dokku_log_stderr`).
    pub fn err_line(&mut self, text: &str) {
        self.raw_err(text);
        self.raw_err("\n");
    }

    /// `dokku_log_info1`.
    pub fn info1(&mut self, text: &str) {
        self.line(&format!("{INFO1}{text}"));
    }

    /// `dokku_log_info1_quiet`: suppressed by `--quiet`.
    pub fn info1_quiet(&mut self, text: &str) {
        if !self.quiet {
            self.info1(text);
        }
    }

    /// `dokku_log_info2`.
    pub fn info2(&mut self, text: &str) {
        self.line(&format!("{INFO2}{text}"));
    }

    /// `dokku_log_info2_quiet`: suppressed by `--quiet`.
    pub fn info2_quiet(&mut self, text: &str) {
        if !self.quiet {
            self.info2(text);
        }
    }

    /// `dokku_log_verbose`.
    pub fn verbose(&mut self, text: &str) {
        self.line(&format!("{VERBOSE}{text}"));
    }

    /// `dokku_log_verbose_quiet`: suppressed by `--quiet`.
    pub fn verbose_quiet(&mut self, text: &str) {
        if !self.quiet {
            self.verbose(text);
        }
    }

    /// `dokku_log_exclaim`: the warning prefix, but on stdout.
    pub fn exclaim(&mut self, text: &str) {
        self.line(&format!("{WARN}{text}"));
    }

    /// `dokku_log_warn`: a prefixed line on stderr.
    pub fn warn(&mut self, text: &str) {
        self.err_line(&format!("{WARN}{text}"));
    }

    /// `dokku_log_fail`: a prefixed line on stderr and exit status 1.
    pub fn fail(&mut self, text: &str) -> Failure {
        self.fail_with(text, 1)
    }

    /// A prefixed line on stderr and the given exit status.
    pub fn fail_with(&mut self, text: &str, code: i32) -> Failure {
        self.warn(text);
        Failure(code)
    }

    /// Dokku's `App <name> does not exist` failure (exit 20).
    pub fn app_missing(&mut self, app: &str) -> Failure {
        self.fail_with(&format!("App {app} does not exist"), APP_MISSING_EXIT)
    }
}
