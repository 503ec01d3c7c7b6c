//! Data-driven tests of the text parsers against captured Dokku output.
//!
//! Every `test_data/<source>/X.txt` is parsed by the parser its file name calls for, and the
//! result (or the error) is compared with `X.parsed.json` beside it. Those expected files are the
//! specification: review them by eye when they change. Run with `UPDATE_EXPECT=1` to rewrite them
//! instead of comparing.

use std::{
    env, fs,
    path::{Path, PathBuf},
};

use dokku_core::text::{
    TextError, parse_info_flag, parse_json_report, parse_json_reports, parse_plugin_list, parse_report,
};
use serde::Serialize;
use serde_json::{Value, json};

/// The capture sets: every captured Dokku version (`test_data/<x.y.z>/`, newest capture
/// sessions included as soon as `cargo xtask fixtures capture` adds them), then the samples.
fn sources() -> Vec<String> {
    let mut versions: Vec<String> = fs::read_dir(test_data())
        .unwrap_or_else(|e| panic!("{}: {e}", test_data().display()))
        .flatten()
        .filter_map(|entry| entry.file_name().to_str().map(str::to_owned))
        .filter(|name| is_version(name))
        .collect();
    versions.sort();
    versions.extend(["pydokku".to_owned(), "dokku-docs".to_owned()]);
    versions
}

/// Whether a source is a captured Dokku version (`0.38.27`) rather than a sample set.
fn is_version(source: &str) -> bool {
    source.split('.').count() == 3 && source.split('.').all(|part| part.parse::<u32>().is_ok())
}

/// Which parser reads a capture.
#[derive(Debug, Clone, Copy)]
enum Kind {
    Report,
    InfoFlag,
    JsonReport,
    JsonReports,
    PluginList,
}

#[test]
fn text_fixtures_match_their_expectations() {
    let update = env::var_os("UPDATE_EXPECT").is_some();
    let mut failures = Vec::new();
    let mut checked = 0;
    for source in sources() {
        let source = source.as_str();
        for input in files_with_suffix(&test_data().join(source), ".txt") {
            let expected_path = expected_path(&input);
            let actual = run_parser(source, &input);
            checked += 1;
            if update {
                fs::write(&expected_path, &actual)
                    .unwrap_or_else(|e| panic!("{}: {e}", expected_path.display()));
                continue;
            }
            match fs::read_to_string(&expected_path) {
                Ok(expected) if expected == actual => {}
                Ok(_) => {
                    failures.push(format!("{}: differs from {}", input.display(), expected_path.display()))
                }
                Err(_) => failures.push(format!("{}: missing {}", input.display(), expected_path.display())),
            }
        }
        for expected in files_with_suffix(&test_data().join(source), ".parsed.json") {
            let name = expected.file_name().and_then(|n| n.to_str()).unwrap_or_default();
            let input = expected.with_file_name(name.replace(".parsed.json", ".txt"));
            if !input.exists() {
                failures.push(format!("{}: no input {}", expected.display(), input.display()));
            }
        }
    }
    assert!(checked > 400, "only {checked} fixtures found under {}", test_data().display());
    assert!(
        failures.is_empty(),
        "{} fixture(s) failed (rerun with UPDATE_EXPECT=1 to accept, then review the diff):\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// `crates/dokku-core/test_data`.
fn test_data() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("test_data")
}

/// The files of `dir` whose name ends with `suffix`, sorted, skipping expectations for `.txt`.
fn files_with_suffix(dir: &Path, suffix: &str) -> Vec<PathBuf> {
    let mut files: Vec<_> = fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.unwrap_or_else(|e| panic!("{}: {e}", dir.display())).path())
        .filter(|path| path.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.ends_with(suffix)))
        .collect();
    files.sort();
    files
}

/// `X.txt` → `X.parsed.json`.
fn expected_path(input: &Path) -> PathBuf {
    let name = input.file_name().and_then(|n| n.to_str()).unwrap_or_default();
    input.with_file_name(format!("{}.parsed.json", name.trim_end_matches(".txt")))
}

/// Parses one capture and renders the expectation file's content.
fn run_parser(source: &str, input: &Path) -> String {
    let name = input.file_name().and_then(|n| n.to_str()).unwrap_or_default();
    let text = fs::read_to_string(input).unwrap_or_else(|e| panic!("{}: {e}", input.display()));
    let kind = kind_of(source, name).unwrap_or_else(|| panic!("{name}: no parser for this capture"));
    let outcome = match kind {
        Kind::Report => render(parse_report(&text)),
        Kind::InfoFlag => render(Ok::<_, TextError>(parse_info_flag(&text))),
        Kind::JsonReport => render(parse_json_report(&text)),
        Kind::JsonReports => render(parse_json_reports(&text)),
        Kind::PluginList => render(parse_plugin_list(&text)),
    };
    let document = json!({ "parser": format!("{kind:?}"), "result": outcome });
    let mut rendered = serde_json::to_string_pretty(&document).unwrap_or_else(|e| panic!("{name}: {e}"));
    rendered.push('\n');
    rendered
}

/// `{"ok": value}` or `{"error": message}`.
fn render<T: Serialize>(result: Result<T, TextError>) -> Value {
    match result {
        Ok(value) => json!({ "ok": value }),
        Err(error) => json!({ "error": error.to_string() }),
    }
}

/// Picks the parser from `<plugin>__<subcommand>__<descriptor>[.<docs source>].txt`.
fn kind_of(source: &str, name: &str) -> Option<Kind> {
    let stem = name.strip_suffix(".txt")?;
    let mut parts = stem.splitn(3, "__");
    let (plugin, subcommand, rest) = (parts.next()?, parts.next()?, parts.next()?);
    // Docs captures carry their origin after the descriptor: `plain.docs-ssl-L115`.
    let descriptor = rest.split(".bats-").next()?.split(".docs-").next()?;
    let listed = if plugin == "ssh" { subcommand.strip_suffix("-list") } else { None };
    match (plugin, subcommand, listed) {
        // A plugin's own lists are its crate's grammar, tested there; the core reads
        // `plugin:list` itself.
        (_, _, Some("plugin")) | ("plugin", "list", None) => return Some(Kind::PluginList),
        _ => {}
    }
    if subcommand != "report" && !subcommand.ends_with("-report") {
        return None;
    }
    if descriptor.contains("format-json") {
        return Some(if descriptor.contains("noapp") { Kind::JsonReports } else { Kind::JsonReport });
    }
    let kind = match source {
        version if is_version(version) && descriptor.contains("-flag-") => Kind::InfoFlag,
        "dokku-docs" => {
            let flag = ["global_", "g-quiet_", "noapp_"]
                .iter()
                .fold(descriptor, |descriptor, prefix| descriptor.strip_prefix(prefix).unwrap_or(descriptor));
            match flag {
                "" | "plain" | "noapp" | "global" | "include-metadata" => Kind::Report,
                _ => Kind::InfoFlag,
            }
        }
        _ => Kind::Report,
    };
    Some(kind)
}

/// Every parser must return (not panic) on every capture, whatever format it holds, and on a few
/// pathological strings.
#[test]
fn text_parsers_survive_every_input() {
    let mut inputs: Vec<String> = [
        "",
        "\n",
        "\r",
        ":",
        " :",
        "=====>",
        "=====> ",
        "----->",
        " !",
        "\u{0}\u{ff}é",
        "{",
        "[]",
        "a\r\r\n",
    ]
    .iter()
    .map(|s| (*s).to_owned())
    .collect();
    for source in sources() {
        for input in files_with_suffix(&test_data().join(source), ".txt") {
            inputs.push(fs::read_to_string(&input).unwrap_or_else(|e| panic!("{}: {e}", input.display())));
        }
    }
    for text in &inputs {
        let _ = parse_report(text);
        let _ = parse_info_flag(text);
        let _ = parse_json_report(text);
        let _ = parse_json_reports(text);
        let _ = parse_plugin_list(text);
    }
}
