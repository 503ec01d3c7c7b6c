//! `DOKKU_SIM_LOG`: one line per invocation, the JSON array of the argv Dokku dispatched on, so
//! tests can count and inspect the commands a client sent.

use std::fs::OpenOptions;
use std::io::Write;

/// Appends `argv` to the log file named by `DOKKU_SIM_LOG`, if any.
pub fn record(argv: &[String]) {
    let Ok(path) = std::env::var("DOKKU_SIM_LOG") else {
        return;
    };
    let Ok(line) = serde_json::to_string(argv) else {
        return;
    };
    // One `write` of a short line to an `O_APPEND` file keeps concurrent lines whole.
    if let Ok(mut file) = OpenOptions::new().create(true).append(true).open(path) {
        let _ = file.write_all(format!("{line}\n").as_bytes());
    }
}
