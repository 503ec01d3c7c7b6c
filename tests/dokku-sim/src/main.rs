//! The `dokku-sim` binary: a stand-in for Dokku's `dokku` command.

// A CLI's job is to print: the workspace's print lints guard library crates.
#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::io::Write;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let answer = dokku_sim::run(args);
    let mut stdout = std::io::stdout().lock();
    let _ = stdout.write_all(&answer.stdout);
    let _ = stdout.flush();
    let mut stderr = std::io::stderr().lock();
    let _ = stderr.write_all(&answer.stderr);
    let _ = stderr.flush();
    std::process::exit(answer.code);
}
