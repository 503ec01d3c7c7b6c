//! Replays a capture session (`<version>/INDEX.md` with each step's `.txt`, `.err` and `.rc`)
//! against a fresh simulator and compares stdout, stderr and exit status byte for byte, after
//! the one documented normalisation of volatile values ([`crate::normalize`]); outputs Dokku
//! prints in Go's random map order are compared in a canonical order ([`crate::map_order`]).
//!
//! The conformance test replays every captured version with it; the fixture-capture test
//! replays a session that `cargo xtask fixtures capture` just wrote, which proves that the
//! `INDEX.md` it writes is the one read here.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::forced_command::ifs_split;
use crate::map_order::canonical_order;
use crate::normalize::normalize_volatile;

/// How to replay.
#[derive(Debug, Clone, Default)]
pub struct ReplayOptions {
    /// The `dokku-sim` binary.
    pub simulator: PathBuf,
    /// Where the captures' `/tmp/keys/` public keys are.
    pub keys_dir: PathBuf,
    /// Stems that are run (they change state) but not compared, because their real output
    /// depends on the capture host.
    pub excluded: Vec<String>,
    /// Stems of steps that ran a capture-host command, not Dokku (a harness script): neither
    /// run nor compared.
    pub host_steps: Vec<String>,
    /// stderr lines the capture host added (not Dokku's output), removed from the expectation.
    pub host_noise_lines: Vec<String>,
    /// Simulator settings (`DOKKU_SIM_VERSION`, ...) for every step.
    pub settings: Vec<(String, String)>,
    /// Commands (Dokku argv) run first, unrecorded: the state the server had before the
    /// session (a capture does not record, e.g., which third-party plugins were installed);
    /// each must exit 0, or the replay fails.
    pub prelude: Vec<Vec<String>>,
}

/// What a replay found.
#[derive(Debug, Default)]
pub struct ReplayReport {
    /// Steps in `INDEX.md`.
    pub steps: usize,
    /// Steps compared (not excluded).
    pub compared: usize,
    /// Compared steps that were identical.
    pub identical: usize,
    /// `(stem, what differs)` for every other compared step.
    pub differences: Vec<(String, String)>,
}

/// Replays the session in `dir` against a fresh simulator state.
pub fn replay(dir: &Path, options: &ReplayOptions) -> std::io::Result<ReplayReport> {
    let index = std::fs::read_to_string(dir.join("INDEX.md"))?;
    let root = std::env::temp_dir().join(format!("dokku-sim-replay-{}-{}", std::process::id(), unique()));
    std::fs::create_dir_all(&root)?;
    let result = replay_into(dir, &index, &root, options);
    let _ = std::fs::remove_dir_all(&root);
    result
}

/// A number that differs between calls in one process.
fn unique() -> usize {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

fn replay_into(
    dir: &Path,
    index: &str,
    root: &Path,
    options: &ReplayOptions,
) -> std::io::Result<ReplayReport> {
    let all_steps = steps(index);
    let prelude = options.prelude.iter().map(|args| {
        let mut argv = vec!["dokku".to_owned()];
        argv.extend(args.iter().cloned());
        Step { stem: String::new(), argv }
    });
    let prelude: Vec<Step> = prelude.collect();
    let mut report = ReplayReport { steps: all_steps.len(), ..ReplayReport::default() };
    for step in prelude.iter().chain(&all_steps) {
        if options.host_steps.contains(&step.stem) {
            continue;
        }
        let invocation = invocation(&step.argv, &options.keys_dir);
        let output = Command::new(&options.simulator)
            .args(&invocation.args)
            .env("DOKKU_SIM_ROOT", root)
            .env_remove("SSH_ORIGINAL_COMMAND")
            .env_remove("DOKKU_SIM_VERSION")
            .env_remove("DOKKU_SIM_NEW_REPORT_FIELD")
            .env_remove("DOKKU_SIM_COSTS")
            .env_remove("DOKKU_SIM_LOG")
            .env_remove("DOKKU_SIM_EUID")
            .env_remove("DOKKU_SIM_DEPLOYED_APPS")
            .envs(options.settings.iter().map(|(k, v)| (k.as_str(), v.as_str())))
            .envs(invocation.env.iter().map(|(k, v)| (k.as_str(), v.as_str())))
            .stdin(std::process::Stdio::null())
            .output()?;
        if step.stem.is_empty() && !output.status.success() {
            // A prelude that fails would replay the session against the wrong state.
            return Err(std::io::Error::other(format!(
                "prelude step `{}` exited {:?}: {}",
                invocation.args.join(" "),
                output.status.code(),
                String::from_utf8_lossy(&output.stderr).trim_end()
            )));
        }
        if step.stem.is_empty() || options.excluded.contains(&step.stem) {
            continue;
        }
        report.compared += 1;
        let read = |extension: &str| {
            std::fs::read(dir.join(format!("{}.{extension}", step.stem)))
                .map(|bytes| String::from_utf8_lossy(&bytes).into_owned())
                .unwrap_or_default()
        };
        let mut expected_stdout = normalize_volatile(&read("txt"));
        let expected_stderr = normalize_volatile(
            &read("err")
                .split_inclusive('\n')
                .filter(|line| {
                    !options.host_noise_lines.iter().any(|noise| noise == line.trim_end_matches('\n'))
                })
                .collect::<String>(),
        );
        let expected_code: i32 = read("rc").trim().parse().unwrap_or(-2);
        let mut actual_stdout = normalize_volatile(&String::from_utf8_lossy(&output.stdout));
        let dokku_args = &invocation.args;
        if let (Some(expected), Some(actual)) =
            (canonical_order(dokku_args, &expected_stdout), canonical_order(dokku_args, &actual_stdout))
        {
            expected_stdout = expected;
            actual_stdout = actual;
        }
        let actual_stderr = normalize_volatile(&String::from_utf8_lossy(&output.stderr));
        let actual_code = output.status.code().unwrap_or(-1);
        let mut differs = String::new();
        if expected_stdout != actual_stdout {
            differs
                .push_str(&format!("    stdout differs\n{}", short_diff(&expected_stdout, &actual_stdout)));
        }
        if expected_stderr != actual_stderr {
            differs
                .push_str(&format!("    stderr differs\n{}", short_diff(&expected_stderr, &actual_stderr)));
        }
        if expected_code != actual_code {
            differs.push_str(&format!("    exit status {actual_code}, expected {expected_code}\n"));
        }
        if differs.is_empty() {
            report.identical += 1;
        } else {
            report.differences.push((step.stem.clone(), differs));
        }
    }
    Ok(report)
}

/// One captured step.
pub struct Step {
    /// The file stem of its outputs.
    pub stem: String,
    /// The argv it ran (`dokku …` or `ssh … user@host …`).
    pub argv: Vec<String>,
}

/// Un-escapes a POSIX shell word list (backslashes and single/double quotes).
pub fn shell_words(text: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut current = String::new();
    let mut in_word = false;
    let mut characters = text.chars().peekable();
    while let Some(character) = characters.next() {
        match character {
            '\\' => {
                if let Some(next) = characters.next() {
                    current.push(next);
                }
                in_word = true;
            }
            '\'' => {
                for quoted in characters.by_ref() {
                    if quoted == '\'' {
                        break;
                    }
                    current.push(quoted);
                }
                in_word = true;
            }
            '"' => {
                while let Some(quoted) = characters.next() {
                    match quoted {
                        '"' => break,
                        '\\' if matches!(characters.peek(), Some('"' | '\\' | '$' | '`')) => {
                            current.push(characters.next().unwrap_or('\\'));
                        }
                        other => current.push(other),
                    }
                }
                in_word = true;
            }
            ' ' | '\t' => {
                if in_word {
                    words.push(std::mem::take(&mut current));
                    in_word = false;
                }
            }
            other => {
                current.push(other);
                in_word = true;
            }
        }
    }
    if in_word {
        words.push(current);
    }
    words
}

/// Parses the step table of `INDEX.md`.
pub fn steps(index: &str) -> Vec<Step> {
    index
        .lines()
        .filter_map(|line| {
            let cells: Vec<&str> = line.split(" | ").collect();
            if cells.len() < 4 || !cells[1].starts_with('`') {
                return None;
            }
            let stem = cells[1].trim_matches('`').to_string();
            let argv_cell = cells[3..].join(" | ");
            let argv_text = argv_cell.trim_end_matches(" |").trim_end_matches('|').trim();
            let argv_text = argv_text.strip_prefix('`')?.strip_suffix('`')?;
            Some(Step { stem, argv: shell_words(argv_text) })
        })
        .collect()
}

/// How to run one step against the simulator.
struct SimInvocation {
    args: Vec<String>,
    env: Vec<(String, String)>,
}

/// Maps a captured argv to a simulator invocation: local `dokku …` calls directly; `ssh` calls
/// as the `dokku` user through the forced command (`SSH_ORIGINAL_COMMAND`, not root), as root
/// by running the remote `dokku …` words.
fn invocation(argv: &[String], keys_dir: &Path) -> SimInvocation {
    let keys = format!("{}/", keys_dir.display());
    let fix = |word: &String| word.replace("/tmp/keys/", &keys);
    if argv.first().is_some_and(|w| w == "dokku") {
        return SimInvocation { args: argv[1..].iter().map(fix).collect(), env: Vec::new() };
    }
    // ssh [options] user@host [--] command words...
    let mut index = 1;
    while index < argv.len() && argv[index].starts_with('-') {
        index += if matches!(argv[index].as_str(), "-p" | "-i" | "-o") { 2 } else { 1 };
    }
    let target = argv[index].clone();
    let mut rest: Vec<String> = argv[index + 1..].to_vec();
    if rest.first().is_some_and(|w| w == "--") {
        rest.remove(0);
    }
    let remote = rest.join(" ");
    if target.starts_with("root@") {
        let words = ifs_split(&remote);
        return SimInvocation { args: words[1..].to_vec(), env: Vec::new() };
    }
    SimInvocation {
        args: ifs_split(&remote),
        env: vec![
            ("SSH_ORIGINAL_COMMAND".to_string(), remote),
            ("DOKKU_SIM_EUID".to_string(), "1000".to_string()),
        ],
    }
}

/// A short line diff: the first differing lines.
fn short_diff(expected: &str, actual: &str) -> String {
    let expected_lines: Vec<&str> = expected.split('\n').collect();
    let actual_lines: Vec<&str> = actual.split('\n').collect();
    let mut diff = String::new();
    let mut shown = 0;
    for index in 0..expected_lines.len().max(actual_lines.len()) {
        let e = expected_lines.get(index).copied();
        let a = actual_lines.get(index).copied();
        if e != a {
            diff.push_str(&format!("      line {}:\n        - {e:?}\n        + {a:?}\n", index + 1));
            shown += 1;
            if shown == 4 {
                break;
            }
        }
    }
    diff
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shell_words_unescape_like_posix_sh() {
        assert_eq!(
            shell_words(r"dokku config:set app1 A=1 B=x\ y"),
            vec!["dokku", "config:set", "app1", "A=1", "B=x y"]
        );
        assert_eq!(shell_words(r"a\ b\ \'c\ d\'"), vec!["a b 'c d'"]);
        assert_eq!(shell_words("bad_domain\\!"), vec!["bad_domain!"]);
        assert_eq!(shell_words("'B=x y' 'it'\\''s'"), vec!["B=x y", "it's"]);
    }
}
