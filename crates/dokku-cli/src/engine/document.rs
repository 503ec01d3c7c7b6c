//! The export document: one JSON object, pydokku's layout plus this tool's own key.
//!
//! ```json
//! {"dokku_rs": {"version": "0.1.0", "format": 1}, "dokku": {"version": "0.38.27"},
//!  "plugin": [...], "apps": [...], ...}
//! ```
//! Plugin keys come in scheduling order; pydokku's files (`"pydokku": {...}` instead of
//! `dokku_rs`) are read unchanged.

use dokku_core::DokkuVersion;
use dokku_core::plugin::DocumentError;
use serde_json::{Map, Value};

/// This tool's key in the document.
pub const TOOL_KEY: &str = "dokku_rs";
/// pydokku's key.
pub const PYDOKKU_KEY: &str = "pydokku";
/// The document format this build writes and the newest it reads.
pub const FORMAT_VERSION: u64 = 1;

/// A parsed, structurally checked document.
#[derive(Debug)]
pub struct Document {
    /// The Dokku version of the server it was exported from (`None` only in a rejected document).
    pub dokku_version: Option<DokkuVersion>,
    /// Plugin key → records, in document order.
    pub plugins: Vec<(String, Vec<Value>)>,
}

fn problem(path: impl Into<String>, message: impl Into<String>) -> DocumentError {
    DocumentError { path: path.into(), message: message.into() }
}

/// Reads a document, checking everything that does not depend on a plugin's record types.
/// `known` says whether a top-level key is a plugin of this build. Problems are returned beside
/// whatever could be read, so that a caller can go on checking the records and report all at once.
pub fn parse(text: &str, known: impl Fn(&str) -> bool) -> (Document, Vec<DocumentError>) {
    let empty = || Document { dokku_version: None, plugins: Vec::new() };
    let value: Value = match serde_json::from_str(text) {
        Ok(v) => v,
        Err(e) => {
            return (
                empty(),
                vec![problem("$", format!("not valid JSON (line {}, column {}): {e}", e.line(), e.column()))],
            );
        }
    };
    let Value::Object(map) = value else {
        return (empty(), vec![problem("$", "expected a JSON object")]);
    };
    let mut errors = Vec::new();
    check_tool(&map, &mut errors);
    let dokku_version = match map.get("dokku").and_then(|d| d.get("version")) {
        Some(Value::String(v)) => match DokkuVersion::parse(v) {
            Ok(v) => Some(v),
            Err(e) => {
                errors.push(problem("$.dokku.version", e.to_string()));
                None
            }
        },
        Some(_) => {
            errors.push(problem("$.dokku.version", "expected a string like \"0.38.27\""));
            None
        }
        None => {
            errors.push(problem(
                "$.dokku.version",
                "missing (the Dokku version the document was exported from)",
            ));
            None
        }
    };
    let mut plugins = Vec::new();
    for (key, value) in &map {
        if key == TOOL_KEY || key == PYDOKKU_KEY || key == "dokku" {
            continue;
        }
        if !known(key) {
            errors.push(problem(
                format!("$.{key}"),
                "unknown plugin key (not a plugin this build of dokkuctl supports)",
            ));
            continue;
        }
        match value {
            Value::Array(records) => plugins.push((key.clone(), records.clone())),
            _ => errors.push(problem(format!("$.{key}"), "expected a list of records")),
        }
    }
    (Document { dokku_version, plugins }, errors)
}

fn check_tool(map: &Map<String, Value>, errors: &mut Vec<DocumentError>) {
    match (map.get(TOOL_KEY), map.get(PYDOKKU_KEY)) {
        (Some(tool), _) => match tool.get("format").and_then(Value::as_u64) {
            Some(f) if f <= FORMAT_VERSION => {}
            Some(f) => errors.push(problem(
                format!("$.{TOOL_KEY}.format"),
                format!(
                    "format {f} is newer than this dokkuctl understands ({FORMAT_VERSION}): upgrade dokkuctl"
                ),
            )),
            None => errors.push(problem(format!("$.{TOOL_KEY}.format"), "missing or not a number")),
        },
        (None, Some(Value::Object(_))) => {}
        (None, Some(_)) => errors.push(problem(format!("$.{PYDOKKU_KEY}"), "expected an object")),
        (None, None) => errors.push(problem(
            "$",
            format!("not a dokku-rs or pydokku export: neither `{TOOL_KEY}` nor `{PYDOKKU_KEY}` is present"),
        )),
    }
}

/// The header of a document this tool writes.
pub fn header(dokku_version: &DokkuVersion) -> Map<String, Value> {
    let mut map = Map::new();
    map.insert(
        TOOL_KEY.into(),
        serde_json::json!({ "version": env!("CARGO_PKG_VERSION"), "format": FORMAT_VERSION }),
    );
    map.insert("dokku".into(), serde_json::json!({ "version": dokku_version.to_string() }));
    map
}

/// Orders records deterministically: global records first, then by app in first-seen order
/// of the sorted app names; the plugin's own order is kept within one app.
pub fn sort_records(records: &mut [Value]) {
    records.sort_by(|a, b| app_of(a).cmp(&app_of(b)));
}

/// The app a record belongs to (`app_name`; apps' own records use `name`).
fn app_of(record: &Value) -> Option<&str> {
    record.get("app_name").and_then(Value::as_str)
}

/// Serialises with `indent` spaces and a trailing newline.
pub fn to_text(document: &Map<String, Value>, indent: usize) -> String {
    let mut buf = Vec::new();
    let indent_bytes = " ".repeat(indent);
    let formatter = serde_json::ser::PrettyFormatter::with_indent(indent_bytes.as_bytes());
    let mut serializer = serde_json::Serializer::with_formatter(&mut buf, formatter);
    let _ = serde::Serialize::serialize(document, &mut serializer);
    let mut text = String::from_utf8(buf).unwrap_or_default();
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn known(k: &str) -> bool {
        matches!(k, "apps" | "config")
    }

    fn paths(text: &str) -> Vec<String> {
        parse(text, known).1.into_iter().map(|e| e.path).collect()
    }

    #[test]
    fn reads_both_layouts() {
        let ours = r#"{"dokku_rs":{"version":"0.1.0","format":1},"dokku":{"version":"0.38.27"},"apps":[]}"#;
        assert!(parse(ours, known).1.is_empty());
        let pydokku =
            r#"{"pydokku":{"version":"0.0.0"},"dokku":{"version":"0.35.15"},"apps":[{"name":"a"}]}"#;
        let (document, errors) = parse(pydokku, known);
        assert!(errors.is_empty());
        assert_eq!(document.plugins.len(), 1);
    }

    #[test]
    fn names_every_problem() {
        assert_eq!(paths("{"), vec!["$"]);
        assert_eq!(paths("[]"), vec!["$"]);
        assert_eq!(
            paths(r#"{"dokku_rs":{"format":9},"dokku":{"version":"x"},"bogus":[],"apps":{}}"#),
            vec!["$.dokku_rs.format", "$.dokku.version", "$.bogus", "$.apps"]
        );
        assert_eq!(paths(r#"{"dokku":{"version":"0.38.27"}}"#), vec!["$"]);
    }

    #[test]
    fn sorting_puts_global_first_and_keeps_app_order() {
        let mut records = vec![
            serde_json::json!({"app_name": "b", "k": 1}),
            serde_json::json!({"k": 0}),
            serde_json::json!({"app_name": "a", "k": 2}),
            serde_json::json!({"app_name": "b", "k": 3}),
        ];
        sort_records(&mut records);
        let ks: Vec<i64> = records.iter().filter_map(|r| r["k"].as_i64()).collect();
        assert_eq!(ks, vec![0, 2, 1, 3]);
    }
}
