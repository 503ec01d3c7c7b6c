//! What a finished command produced.

/// Captured standard output, standard error and exit status of one command.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Output {
    /// The exit status (127 and 255 included: they are never turned into errors that drop output).
    pub status: i32,
    /// Standard output, decoded as UTF-8 (invalid bytes replaced).
    pub stdout: String,
    /// Standard error, decoded as UTF-8 (invalid bytes replaced).
    pub stderr: String,
}

impl Output {
    /// Builds an output from raw bytes.
    pub fn from_bytes(status: i32, stdout: &[u8], stderr: &[u8]) -> Self {
        Self {
            status,
            stdout: String::from_utf8_lossy(stdout).into_owned(),
            stderr: String::from_utf8_lossy(stderr).into_owned(),
        }
    }

    /// Whether the command exited 0.
    pub fn success(&self) -> bool {
        self.status == 0
    }

    /// Dokku's message: stderr, trimmed. Dokku reports failures there; stdout is never used,
    /// because it can hold values (a failed `config:export` must not leak them into an error).
    pub fn message(&self) -> String {
        let err = self.stderr.trim();
        if err.is_empty() {
            format!("exit status {} with nothing on stderr", self.status)
        } else {
            err.to_owned()
        }
    }
}
