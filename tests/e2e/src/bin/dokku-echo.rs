//! `dokku-echo`: the transport tests' stand-in for `dokku`.
//!
//! It prints, as one JSON object, the argv it received (after the harness's wrapper re-split
//! `SSH_ORIGINAL_COMMAND` the way Dokku does), the user it ran as, `SSH_CONNECTION` (so a test
//! can prove every command came over one TCP connection) and its stdin when asked. The first
//! argument may be a control word: `version` (prints a Dokku version line), `exit:N`,
//! `sleep:SECONDS`, `stderr:MESSAGE` (Dokku-style error, exit 1), `big:LINES`, `stdin` (echoes
//! stdin back).

#![allow(clippy::print_stdout, clippy::print_stderr, clippy::disallowed_methods, clippy::disallowed_types)]
// Reason: this is a command-line stand-in whose whole job is to print; it is test tooling.

use std::io::{Read, Write};

fn main() {
    let argv: Vec<String> = std::env::args().skip(1).collect();
    let first = argv.first().map(String::as_str).unwrap_or("");
    if first == "version" {
        println!("dokku version 0.38.27");
        return;
    }
    let mut stdin = String::new();
    if first == "stdin" {
        let _ = std::io::stdin().read_to_string(&mut stdin);
    }
    if let Some(seconds) = first.strip_prefix("sleep:") {
        let seconds: f64 = seconds.parse().unwrap_or(1.0);
        std::thread::sleep(std::time::Duration::from_secs_f64(seconds));
    }
    if let Some(lines) = first.strip_prefix("big:") {
        let lines: usize = lines.parse().unwrap_or(0);
        let mut out = std::io::BufWriter::new(std::io::stdout().lock());
        for i in 0..lines {
            let _ = writeln!(out, "line {i:08} {}", "x".repeat(60));
        }
        return;
    }
    if let Some(message) = first.strip_prefix("stderr:") {
        eprintln!(" !     {message}");
        std::process::exit(1);
    }
    let report = serde_json::json!({
        "argv": argv,
        "user": std::env::var("USER").unwrap_or_default(),
        "euid_is_root": std::fs::metadata("/proc/self").map(|m| std::os::unix::fs::MetadataExt::uid(&m) == 0).unwrap_or(false),
        "ssh_connection": std::env::var("SSH_CONNECTION").unwrap_or_default(),
        "stdin": stdin,
    });
    println!("{report}");
    if let Some(code) = first.strip_prefix("exit:") {
        std::process::exit(code.parse().unwrap_or(1));
    }
}
