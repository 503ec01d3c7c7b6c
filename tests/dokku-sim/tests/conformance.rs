//! Replays the real Dokku 0.38.27 captures (`test_data/0.38.27/INDEX.md`, in order) against a
//! fresh simulator and compares stdout, stderr and exit status byte for byte, after the one
//! documented normalisation of volatile values (`dokku_sim::normalize`).

// A test harness reports what differs; printing is its job.
#![allow(clippy::print_stdout, clippy::print_stderr)]
// Running the simulator binary is the point of this test.
#![allow(clippy::disallowed_methods, clippy::disallowed_types)]

use std::path::{Path, PathBuf};
use std::process::Command;

use dokku_sim::forced_command::ifs_split;
use dokku_sim::normalize::normalize_volatile;

/// Steps whose real output depends on the capture host, not on Dokku, with the reason.
const EXCLUDED: &[(&str, &str)] = &[
    ("00_dokku-standard__report__app1", "prints the capture host's uname, memory, disks and tool versions"),
    (
        "plugin__install__letsencrypt-file-url",
        "install triggers print the capture host's docker-stub image pull and group changes",
    ),
    (
        "plugin__install__maintenance-file-url",
        "install triggers print the capture host's docker-stub image pull and group changes",
    ),
    (
        "plugin__install__redirect-file-url",
        "install triggers print the capture host's docker-stub image pull and group changes",
    ),
    (
        "letsencrypt__enable__app1-not-deployed",
        "runs lego through docker; the capture shows the host's docker stub refusing, with a config hash",
    ),
];

/// stderr lines that the capture host's missing systemd added to `apps:destroy`/`apps:rename`
/// (documented as host noise in the fixtures' README); removed from the expected stderr only.
const HOST_NOISE_LINES: &[&str] = &[
    "System has not been booted with systemd as init system (PID 1). Can't operate.",
    "Failed to connect to bus: Host is down",
];

/// One captured step.
struct Step {
    stem: String,
    argv: Vec<String>,
}

/// Un-escapes a POSIX shell word list (backslashes and single/double quotes).
fn shell_words(text: &str) -> Vec<String> {
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
fn steps(index: &str) -> Vec<Step> {
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
struct Invocation {
    args: Vec<String>,
    env: Vec<(String, String)>,
}

/// Maps a captured argv to a simulator invocation: local `dokku …` calls directly; `ssh` calls
/// as the `dokku` user through the forced command (`SSH_ORIGINAL_COMMAND`, not root), as root
/// by running the remote `dokku …` words.
fn invocation(argv: &[String], keys_dir: &Path) -> Invocation {
    let keys = format!("{}/", keys_dir.display());
    let fix = |word: &String| word.replace("/tmp/keys/", &keys);
    if argv.first().is_some_and(|w| w == "dokku") {
        return Invocation { args: argv[1..].iter().map(fix).collect(), env: Vec::new() };
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
        return Invocation { args: words[1..].to_vec(), env: Vec::new() };
    }
    Invocation {
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

#[test]
fn simulator_matches_real_dokku_captures() {
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let captures = manifest.join("test_data/0.38.27");
    let keys_dir = manifest.join("test_data/keys");
    let index = std::fs::read_to_string(captures.join("INDEX.md")).expect("INDEX.md");
    let root = tempfile::tempdir().expect("temporary simulator root");
    let all_steps = steps(&index);
    assert!(all_steps.len() > 100, "INDEX.md parsed to {} steps", all_steps.len());

    let mut compared = 0;
    let mut identical = 0;
    let mut failures = Vec::new();
    for step in &all_steps {
        let invocation = invocation(&step.argv, &keys_dir);
        let output = Command::new(env!("CARGO_BIN_EXE_dokku-sim"))
            .args(&invocation.args)
            .envs(invocation.env.iter().map(|(k, v)| (k.as_str(), v.as_str())))
            .env("DOKKU_SIM_ROOT", root.path())
            .env_remove("SSH_ORIGINAL_COMMAND")
            .env_remove("DOKKU_SIM_VERSION")
            .env_remove("DOKKU_SIM_COSTS")
            .env_remove("DOKKU_SIM_LOG")
            .env_remove("DOKKU_SIM_EUID")
            .envs(invocation.env.iter().map(|(k, v)| (k.as_str(), v.as_str())))
            .stdin(std::process::Stdio::null())
            .output()
            .expect("run dokku-sim");
        if EXCLUDED.iter().any(|(stem, _)| *stem == step.stem) {
            continue;
        }
        compared += 1;
        let read = |extension: &str| {
            std::fs::read(captures.join(format!("{}.{extension}", step.stem)))
                .map(|bytes| String::from_utf8_lossy(&bytes).into_owned())
                .unwrap_or_default()
        };
        let expected_stdout = normalize_volatile(&read("txt"));
        let expected_stderr = normalize_volatile(
            &read("err")
                .split_inclusive('\n')
                .filter(|line| !HOST_NOISE_LINES.contains(&line.trim_end_matches('\n')))
                .collect::<String>(),
        );
        let expected_code: i32 = read("rc").trim().parse().expect("rc file");
        let actual_stdout = normalize_volatile(&String::from_utf8_lossy(&output.stdout));
        let actual_stderr = normalize_volatile(&String::from_utf8_lossy(&output.stderr));
        let actual_code = output.status.code().unwrap_or(-1);
        let mut report = String::new();
        if expected_stdout != actual_stdout {
            report.push_str(&format!("    stdout differs\n{}", short_diff(&expected_stdout, &actual_stdout)));
        }
        if expected_stderr != actual_stderr {
            report.push_str(&format!("    stderr differs\n{}", short_diff(&expected_stderr, &actual_stderr)));
        }
        if expected_code != actual_code {
            report.push_str(&format!("    exit status {actual_code}, expected {expected_code}\n"));
        }
        if report.is_empty() {
            identical += 1;
        } else {
            failures.push((step.stem.clone(), report));
        }
    }
    println!("{identical} of {compared} identical ({} excluded)", EXCLUDED.len());
    for (stem, report) in &failures {
        println!("  {stem}\n{report}");
    }
    assert!(failures.is_empty(), "{} steps differ from the captures", failures.len());
}

#[test]
fn shell_words_unescape_like_posix_sh() {
    assert_eq!(
        shell_words(r"dokku config:set app1 A=1 B=x\ y"),
        vec!["dokku", "config:set", "app1", "A=1", "B=x y"]
    );
    assert_eq!(shell_words(r"a\ b\ \'c\ d\'"), vec!["a b 'c d'"]);
    assert_eq!(shell_words("bad_domain\\!"), vec!["bad_domain!"]);
}
