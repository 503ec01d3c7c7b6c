//! What can stop an export or an apply.

use dokku_core::plugin::DocumentError;

/// An engine failure; every variant says where and why, with secrets masked.
#[derive(Debug, thiserror::Error)]
pub enum EngineError {
    /// Talking to Dokku failed.
    #[error(transparent)]
    Dokku(#[from] dokku_core::Error),
    /// The input document has problems (every one of them is listed; nothing was sent).
    #[error("the document has {} problem(s), nothing was sent:\n{}", .0.len(), list(.0))]
    Document(Vec<DocumentError>),
    /// The document comes from another Dokku version and `--force` was not given.
    #[error(
        "version mismatch: the server runs Dokku {server}, the document was exported from {document}; use --force to apply anyway"
    )]
    VersionMismatch {
        /// The server's version.
        server: String,
        /// The document's version.
        document: String,
    },
    /// The compatibility check found problems and `--force` was not given (nothing was sent).
    #[error(
        "the document cannot be applied to this server as is ({} finding(s)); nothing was sent (--force applies anyway, skipping what cannot be done):\n{}",
        .0.len(),
        .0.iter().map(|f| format!("  {f}")).collect::<Vec<_>>().join("\n")
    )]
    Findings(Vec<super::check::Finding>),
    /// A command failed midway through an apply.
    #[error("{failed}\n{} command(s) done, {} not done", .done.len(), .not_done.len())]
    Interrupted {
        /// The failure (Dokku's message, masked command).
        failed: dokku_core::Error,
        /// The commands that ran successfully before it, masked.
        done: Vec<String>,
        /// The commands that did not run, masked (the failed one first).
        not_done: Vec<String>,
    },
    /// A usage or input problem (unknown app, unreadable file, plugin graph cycle).
    #[error("{0}")]
    Usage(String),
}

fn list(errors: &[DocumentError]) -> String {
    errors.iter().map(|e| format!("  {e}")).collect::<Vec<_>>().join("\n")
}
