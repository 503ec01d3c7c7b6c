//! The `dokku-sim` binary: a stand-in for Dokku's `dokku` command, and, when run under the name
//! `docker`, the test harness's stand-in for `docker network inspect`.

// A CLI's job is to print: the workspace's print lints guard library crates.
#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::io::Write;

fn main() {
    let mut argv = std::env::args();
    let program = argv.next().unwrap_or_default();
    let args: Vec<String> = argv.collect();
    // Only the name selects the docker stand-in, never an argument: the forced-command user,
    // who chooses the arguments, must not reach it.
    let invoked_as_docker = std::path::Path::new(&program).file_name().is_some_and(|name| name == "docker");
    let answer = if invoked_as_docker { dokku_sim::run_docker(args) } else { dokku_sim::run(args) };
    let mut stdout = std::io::stdout().lock();
    let _ = stdout.write_all(&answer.stdout);
    if let Some(dump) = &answer.stream {
        let _ = dump.write_to(&mut stdout);
    }
    let _ = stdout.flush();
    let mut stderr = std::io::stderr().lock();
    let _ = stderr.write_all(&answer.stderr);
    let _ = stderr.flush();
    std::process::exit(answer.code);
}
