//! Data-driven fixture checks for the plugin crates' tests (feature `test-support`).
//!
//! Every input file `X.txt` under a directory has its expected result `X.expected.json` beside
//! it; [`check_fixtures`] computes each result, compares, and reports every difference at once.
//! With `UPDATE_EXPECT=1` it rewrites the expectations instead (review them by eye: they are
//! the specification).

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

/// The inputs under `dir` (recursively) whose names end in `suffix`, sorted.
pub fn inputs(dir: &Path, suffix: &str) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = fs::read_dir(&d) else { continue };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.to_string_lossy().ends_with(suffix) {
                found.push(path);
            }
        }
    }
    found.sort();
    found
}

/// Checks `compute(input path, input text)` against `<stem>.expected.json` for every `*.txt`
/// directly or indirectly under `dir`. Panics listing every mismatch; returns how many were
/// checked. `compute` returns the value to compare (typically the parse result or its error).
pub fn check_fixtures(dir: &Path, compute: impl Fn(&Path, &str) -> serde_json::Value) -> usize {
    let update = std::env::var_os("UPDATE_EXPECT").is_some();
    let files = inputs(dir, ".txt");
    assert!(!files.is_empty(), "no fixtures under {}", dir.display());
    let mut failures = String::new();
    for input in &files {
        let text = fs::read_to_string(input).unwrap_or_else(|e| panic!("{}: {e}", input.display()));
        let value = compute(input, &text);
        let mut actual = serde_json::to_string_pretty(&value).unwrap_or_default();
        actual.push('\n');
        let expected_path = input.with_extension("expected.json");
        if update {
            fs::write(&expected_path, &actual).unwrap_or_else(|e| panic!("{}: {e}", expected_path.display()));
            continue;
        }
        match fs::read_to_string(&expected_path) {
            Ok(expected) if expected == actual => {}
            Ok(expected) => {
                let _ = writeln!(
                    failures,
                    "{} differs from {}:\n--- expected\n{expected}--- actual\n{actual}",
                    input.display(),
                    expected_path.display()
                );
            }
            Err(_) => {
                let _ = writeln!(failures, "{}: missing {}", input.display(), expected_path.display());
            }
        }
    }
    assert!(failures.is_empty(), "{failures}\n(run with UPDATE_EXPECT=1 to accept the new results)");
    files.len()
}

/// Strings that have broken text parsers before: empty input, lone markers, a bare `!`, control
/// and non-ASCII bytes, truncated JSON, stray carriage returns.
pub const PATHOLOGICAL_INPUTS: &[&str] =
    &["", "\n", "\r", ":", " :", "=====>", "=====> ", "----->", " !", "\u{0}\u{ff}é", "{", "[]", "a\r\r\n"];

/// Runs `parse` on [`PATHOLOGICAL_INPUTS`] and on every `*.txt` under `dir`, whatever format each
/// holds: a parser must return (an error is fine), never panic. Returns how many inputs ran.
pub fn survive_every_input(dir: &Path, parse: impl Fn(&str)) -> usize {
    let files = inputs(dir, ".txt");
    for text in PATHOLOGICAL_INPUTS {
        parse(text);
    }
    for input in &files {
        parse(&fs::read_to_string(input).unwrap_or_else(|e| panic!("{}: {e}", input.display())));
    }
    PATHOLOGICAL_INPUTS.len() + files.len()
}

/// The records a captured property-plugin report gives, as the expectation files hold them:
/// `<plugin>__report__<subject>[-format-json].txt`, where the subject is an app, `all` (text,
/// every app) or `global`. Each app's record comes with the global record its report repeats.
pub fn property_report_records(
    spec: &crate::property_plugin::PropertyPluginSpec,
    name: &str,
    text: &str,
    version: &crate::DokkuVersion,
) -> serde_json::Value {
    use crate::property_plugin::{app_record, global_record};
    use crate::text::{ReportSubject, report_values_from_json, report_values_from_text};

    let (subject, json) = capture_subject(name);
    let blocks = if json {
        let who =
            if subject == "global" { ReportSubject::Global } else { ReportSubject::App(subject.to_owned()) };
        report_values_from_json(text, who, spec.report.type_prefix).map(|values| vec![values])
    } else {
        report_values_from_text(text, spec.report.type_prefix)
    };
    let blocks = match blocks {
        Ok(blocks) => blocks,
        Err(e) => return serde_json::json!({ "error": e.to_string() }),
    };
    let mut records = Vec::new();
    let mut warnings = Vec::new();
    if let Some(first) = blocks.first() {
        let (global, warning) = global_record(spec, first, version);
        records.push(serde_json::to_value(&global).unwrap_or_default());
        warnings.extend(warning);
    }
    for block in blocks.into_iter().filter(|b| b.app().is_some()) {
        match app_record(spec, block, version) {
            Ok((record, warning)) => {
                records.push(serde_json::to_value(&record).unwrap_or_default());
                warnings.extend(warning);
            }
            Err(e) => return serde_json::json!({ "error": e }),
        }
    }
    serde_json::json!({ "records": records, "warnings": warnings })
}

/// The subject of a capture named `<plugin>__<subcommand>__<subject>[-format-json].txt` and
/// whether it holds the `--format json` form: an app, `all` (every app) or `global`.
pub fn capture_subject(name: &str) -> (&str, bool) {
    let descriptor = name.split("__").nth(2).unwrap_or_default().trim_end_matches(".txt");
    match descriptor.strip_suffix("-format-json") {
        Some(subject) => (subject, true),
        None => (descriptor, false),
    }
}

/// Reads a no-app `--format json` report (one object per line; Dokku names no app in it) as the
/// records of `apps`, the apps of the bulk text report in its order, which Dokku prints both
/// in; `read` turns one app's values into its record and warnings.
pub fn bulk_json_records<R, W: IntoIterator<Item = String>>(
    text: &str,
    type_prefix: &str,
    apps: Vec<String>,
    read: impl Fn(crate::text::ReportValues) -> Result<(R, W), String>,
) -> Result<(Vec<R>, Vec<String>), String> {
    let blocks = crate::text::report_values_from_json_lines(text, type_prefix).map_err(|e| e.to_string())?;
    let mut records = Vec::new();
    let mut warnings = Vec::new();
    for (mut values, app) in blocks.into_iter().zip(apps) {
        values.subject = crate::text::ReportSubject::App(app);
        let (record, found) = read(values)?;
        records.push(record);
        warnings.extend(found);
    }
    Ok((records, warnings))
}

/// What a `--global --format json` report holds, as the expectation files show it: every field
/// (`{"global_fields": [[key, value], …]}`) or the error.
pub fn global_json_fields(text: &str, type_prefix: &str) -> serde_json::Value {
    match crate::text::report_values_from_json_lines(text, type_prefix) {
        Ok(blocks) => {
            serde_json::json!({ "global_fields": blocks.iter().flat_map(|b| b.values.clone()).collect::<Vec<_>>() })
        }
        Err(e) => serde_json::json!({ "error": e.to_string() }),
    }
}

/// Checks how `spec`'s global `key` reads on each release: every `(version, value, unset)`
/// says whether the report's `value` on that Dokku is the picture of an unset property (a
/// release's own default, [`crate::property_plugin::Unset::ShowsByReleaseUntil`]).
pub fn assert_global_unset_reads(
    spec: &crate::property_plugin::PropertyPluginSpec,
    key: &str,
    cases: &[((u32, u32, u32), &str, bool)],
) {
    let unset = spec.property(key).map(|p| p.global_unset);
    let unset = unset.unwrap_or_else(|| panic!("{} has no property {key}", spec.key));
    for ((major, minor, patch), value, expected) in cases {
        let version = crate::DokkuVersion::new(*major, *minor, *patch);
        assert_eq!(unset.reads_as_unset(value, &version), *expected, "{key} = {value} on {version}");
    }
}
