//! Progress and warnings on stderr: redrawn in place on a terminal, plain lines otherwise,
//! nothing but warnings with `--quiet`. Lines come from the engine, which masks secrets.

use std::io::Write;
use std::sync::Mutex;

use dokku_cli::engine::observer::Observer;

/// The stderr observer.
pub(crate) struct Progress {
    quiet: bool,
    verbose: bool,
    terminal: bool,
    drawn: Mutex<bool>,
}

impl Progress {
    pub(crate) fn new(quiet: bool, verbose: bool) -> Self {
        Self { quiet, verbose, terminal: crate::stderr_is_terminal(), drawn: Mutex::new(false) }
    }

    /// Ends an in-place progress line.
    pub(crate) fn finish(&self) {
        let mut drawn = self.drawn.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        if *drawn {
            eprintln!();
            *drawn = false;
        }
    }
}

impl Observer for Progress {
    fn progress(&self, line: &str) {
        if self.quiet {
            return;
        }
        let mut drawn = self.drawn.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        if self.terminal && !self.verbose {
            let short: String = line.chars().take(100).collect();
            let mut err = std::io::stderr().lock();
            let _ = write!(err, "\r\x1b[2K{short}");
            let _ = err.flush();
            *drawn = true;
        } else {
            eprintln!("{line}");
        }
    }

    fn warn(&self, line: &str) {
        let mut drawn = self.drawn.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        if *drawn {
            eprintln!();
            *drawn = false;
        }
        eprintln!("warning: {line}");
    }
}
