//! The library half of the project's automation: what the e2e tests call directly (the
//! fixture capture), besides the `cargo xtask` binary.

#![allow(clippy::print_stderr, clippy::disallowed_methods, clippy::disallowed_types)]
// Reason: xtask is a command-line tool that reports progress and spawns cargo.

pub mod fixtures;

/// `cargo` as the current toolchain knows it.
pub(crate) fn cargo() -> std::process::Command {
    std::process::Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned()))
}
