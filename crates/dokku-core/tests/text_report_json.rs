//! The text and `--format json` forms of one report carry the same key → value pairs.
//!
//! For every `X__report__app1.txt` with an `X__report__app1-format-json.txt` captured from the
//! same Dokku 0.38.27, each text label is turned into its key with `label_to_key` and looked up in
//! the JSON object, with and without the `<type>-` prefix and through `canonical_key`. The keys
//! that exist in only one form are pinned below, so a change in Dokku's derivation rule shows up
//! here.

use std::{collections::BTreeSet, fs, path::Path};

use dokku_core::text::{
    JsonReport, ReportBlock, canonical_key, label_to_key, parse_json_report, parse_report, strip_type_prefix,
};

/// JSON keys with no text line, per report. Only docker-options has them: its `*-list` keys are
/// JSON arrays of the phase's options, which the text form prints as one space-joined line.
const JSON_ONLY_KEYS: &[(&str, &[&str])] = &[("docker-options", &["build-list", "deploy-list", "run-list"])];

/// Text labels with no JSON key, per report: none at 0.38.27.
const TEXT_ONLY_LABELS: &[(&str, &[&str])] = &[];

/// Reports captured in both forms for `app1` at 0.38.27.
const PAIRS: &[&str] = &[
    "apps",
    "builder",
    "checks",
    "docker-options",
    "domains",
    "git",
    "letsencrypt",
    "maintenance",
    "network",
    "nginx",
    "ports",
    "proxy",
    "ps",
    "storage",
];

#[test]
fn text_and_json_reports_agree() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("test_data/0.38.27");
    for plugin in PAIRS {
        let read =
            |name: String| fs::read_to_string(dir.join(&name)).unwrap_or_else(|e| panic!("{name}: {e}"));
        let blocks = parse_report(&read(format!("{plugin}__report__app1.txt")))
            .unwrap_or_else(|e| panic!("{plugin}: {e}"));
        let json = parse_json_report(&read(format!("{plugin}__report__app1-format-json.txt")))
            .unwrap_or_else(|e| panic!("{plugin}: {e}"));
        assert_eq!(blocks.len(), 1, "{plugin}: one text block");
        let (json_only, text_only) = compare(plugin, &blocks[0], &json);
        assert_eq!(json_only, pinned(JSON_ONLY_KEYS, plugin), "{plugin}: JSON keys without a text line");
        assert_eq!(text_only, pinned(TEXT_ONLY_LABELS, plugin), "{plugin}: text labels without a JSON key");
    }
}

/// Checks every matched pair's value and returns the unmatched JSON keys and text labels.
fn compare(plugin: &str, block: &ReportBlock, json: &JsonReport) -> (BTreeSet<String>, BTreeSet<String>) {
    let mut matched_json = BTreeSet::new();
    let mut text_only = BTreeSet::new();
    for field in &block.fields {
        let full = canonical_key(&label_to_key(&field.label));
        let stripped = strip_type_prefix(&full, &block.title).to_owned();
        let mut found = false;
        for (key, value) in json.iter() {
            let key_form = canonical_key(key);
            if key_form == full || key_form == stripped {
                assert_eq!(
                    value.as_str(),
                    Some(field.value.as_str()),
                    "{plugin}: `{}` vs JSON `{key}`",
                    field.label
                );
                matched_json.insert(key.to_owned());
                found = true;
            }
        }
        if !found {
            text_only.insert(field.label.clone());
        }
    }
    let json_only =
        json.iter().map(|(key, _)| key.to_owned()).filter(|key| !matched_json.contains(key)).collect();
    (json_only, text_only)
}

/// The pinned entries of `table` for `plugin`.
fn pinned(table: &[(&str, &[&str])], plugin: &str) -> BTreeSet<String> {
    table
        .iter()
        .filter(|(name, _)| *name == plugin)
        .flat_map(|(_, keys)| keys.iter().map(|key| (*key).to_owned()))
        .collect()
}
