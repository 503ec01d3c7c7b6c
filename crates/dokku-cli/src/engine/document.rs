//! The export document, format version 1: a header, then one list of records per plugin.
//!
//! ```json
//! {"$schema": "https://…/export.v1.schema.json", "format_version": 1,
//!  "generator": {"name": "dokkuctl", "version": "0.1.0"}, "dokku": {"version": "0.38.27"},
//!  "plugin": [...], "apps": [...], ...}
//! ```
//! Plugin keys come in scheduling order. Older layouts are read by converting them to this one
//! first ([`upgrade`]): this tool's earlier header (`"dokku_rs": {"version", "format"}`) and
//! pydokku's files (`"pydokku": {...}`, format version 0). A document of a newer format version
//! is refused, naming the tool that wrote it.

use dokku_core::DokkuVersion;
use dokku_core::plugin::DocumentError;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// The document format this build writes and the newest it reads; bumped only when a document
/// of the new format would be misread by an older reader.
pub const FORMAT_VERSION: u64 = 1;
/// The URL of the published schema of [`FORMAT_VERSION`] (the file is `docs/schema/export.v1.schema.json`).
pub const SCHEMA_URL: &str =
    "https://raw.githubusercontent.com/dokku-rs/dokku-rs/main/docs/schema/export.v1.schema.json";
/// The name this tool writes as the generator.
pub const GENERATOR_NAME: &str = "dokkuctl";
/// The header keys of format version 1 (everything else at the top level is a plugin's list).
pub const HEADER_KEYS: [&str; 4] = ["$schema", "format_version", "generator", "dokku"];
/// This tool's header key before format version 1.
pub const LEGACY_TOOL_KEY: &str = "dokku_rs";
/// pydokku's header key (its files are format version 0).
pub const PYDOKKU_KEY: &str = "pydokku";

/// A dokku-rs export document: this header, then one list of records per Dokku plugin (each
/// list's key is the plugin's, `x-dokku-plugin` names the Dokku plugin).
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema)]
#[schemars(title = "dokku-rs export document, format version 1")]
pub struct DocumentHeader {
    /// The URL of this schema (editors use it to validate and complete the document).
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// The format version (bumped only on breaking changes); a reader refuses newer versions.
    #[schemars(range(min = 1, max = 1))]
    pub format_version: u64,
    /// The tool that wrote the document.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub generator: Option<Generator>,
    /// The Dokku server the document describes.
    pub dokku: DokkuInfo,
}

/// The tool that wrote a document.
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema)]
pub struct Generator {
    /// Its name (`dokkuctl`; `pydokku` for up-converted pydokku files).
    pub name: String,
    /// Its version.
    pub version: String,
}

/// What a document says about its Dokku server.
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema)]
pub struct DokkuInfo {
    /// The Dokku version the document was exported from (`0.38.27`).
    pub version: String,
}

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

/// Converts a document of any format this build reads to format version 1, in place; refuses a
/// newer format (naming the tool version that wrote it) or a document of no known layout.
pub fn upgrade(map: &mut Map<String, Value>) -> Result<(), DocumentError> {
    if let Some(version) = map.get("format_version") {
        let Some(version) = version.as_u64() else {
            return Err(problem("$.format_version", "expected a whole number"));
        };
        if version > FORMAT_VERSION {
            let writer = map
                .get("generator")
                .and_then(|g| Some(format!("{} {}", g.get("name")?.as_str()?, g.get("version")?.as_str()?)))
                .unwrap_or_else(|| "an unnamed tool".to_owned());
            return Err(problem(
                "$.format_version",
                format!(
                    "format version {version} is newer than this dokkuctl ({}) reads (up to {FORMAT_VERSION}); \
                     it was written by {writer}: use that version of the tool or a newer one",
                    env!("CARGO_PKG_VERSION")
                ),
            ));
        }
        if version == 0 {
            return Err(problem(
                "$.format_version",
                "format version 0 is pydokku's layout, which has no format_version",
            ));
        }
        return Ok(());
    }
    let generator = match (map.get(LEGACY_TOOL_KEY), map.get(PYDOKKU_KEY)) {
        (Some(tool), _) => {
            let format = tool.get("format").and_then(Value::as_u64);
            match format {
                Some(f) if f <= FORMAT_VERSION => {}
                Some(f) => {
                    return Err(problem(
                        format!("$.{LEGACY_TOOL_KEY}.format"),
                        format!(
                            "format {f} is newer than this dokkuctl reads ({FORMAT_VERSION}): upgrade dokkuctl"
                        ),
                    ));
                }
                None => {
                    return Err(problem(format!("$.{LEGACY_TOOL_KEY}.format"), "missing or not a number"));
                }
            }
            let version = tool.get("version").and_then(Value::as_str).unwrap_or("unknown");
            Generator { name: GENERATOR_NAME.to_owned(), version: version.to_owned() }
        }
        (None, Some(Value::Object(pydokku))) => {
            let version = pydokku.get("version").and_then(Value::as_str).unwrap_or("unknown");
            Generator { name: PYDOKKU_KEY.to_owned(), version: version.to_owned() }
        }
        (None, Some(_)) => return Err(problem(format!("$.{PYDOKKU_KEY}"), "expected an object")),
        (None, None) => {
            return Err(problem(
                "$",
                format!(
                    "not a dokku-rs or pydokku export: none of `format_version`, `{LEGACY_TOOL_KEY}` or \
                     `{PYDOKKU_KEY}` is present"
                ),
            ));
        }
    };
    map.shift_remove(LEGACY_TOOL_KEY);
    map.shift_remove(PYDOKKU_KEY);
    let rest = std::mem::take(map);
    map.insert("format_version".into(), FORMAT_VERSION.into());
    map.insert("generator".into(), serde_json::to_value(generator).unwrap_or_default());
    map.extend(rest);
    Ok(())
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
    let Value::Object(mut map) = value else {
        return (empty(), vec![problem("$", "expected a JSON object")]);
    };
    let mut errors = Vec::new();
    if let Err(e) = upgrade(&mut map) {
        errors.push(e);
    }
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
        if HEADER_KEYS.contains(&key.as_str()) || key == LEGACY_TOOL_KEY || key == PYDOKKU_KEY {
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

/// The header of a document this tool writes.
pub fn header(dokku_version: &DokkuVersion) -> Map<String, Value> {
    let header = DocumentHeader {
        schema: Some(SCHEMA_URL.to_owned()),
        format_version: FORMAT_VERSION,
        generator: Some(Generator {
            name: GENERATOR_NAME.to_owned(),
            version: env!("CARGO_PKG_VERSION").to_owned(),
        }),
        dokku: DokkuInfo { version: dokku_version.to_string() },
    };
    match serde_json::to_value(header) {
        Ok(Value::Object(map)) => map,
        _ => Map::new(),
    }
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
    fn reads_every_layout() {
        let v1 = r#"{"format_version":1,"generator":{"name":"dokkuctl","version":"0.1.0"},"dokku":{"version":"0.38.27"},"apps":[]}"#;
        assert!(parse(v1, known).1.is_empty());
        let legacy = r#"{"dokku_rs":{"version":"0.1.0","format":1},"dokku":{"version":"0.38.27"},"apps":[]}"#;
        assert!(parse(legacy, known).1.is_empty());
        let pydokku =
            r#"{"pydokku":{"version":"0.0.0"},"dokku":{"version":"0.35.15"},"apps":[{"name":"a"}]}"#;
        let (document, errors) = parse(pydokku, known);
        assert!(errors.is_empty());
        assert_eq!(document.plugins.len(), 1);
    }

    #[test]
    fn upgrade_writes_the_v1_header_first() {
        let mut map: Map<String, Value> = serde_json::from_str(
            r#"{"pydokku":{"version":"0.4.0"},"dokku":{"version":"0.35.15"},"apps":[]}"#,
        )
        .unwrap_or_default();
        assert_eq!(upgrade(&mut map), Ok(()));
        let keys: Vec<&str> = map.keys().map(String::as_str).collect();
        assert_eq!(keys, ["format_version", "generator", "dokku", "apps"]);
        assert_eq!(map["generator"], serde_json::json!({"name": "pydokku", "version": "0.4.0"}));
    }

    #[test]
    fn refuses_a_newer_format_naming_its_writer() {
        let text = r#"{"format_version":2,"generator":{"name":"dokkuctl","version":"3.0.0"},"dokku":{"version":"0.38.27"}}"#;
        let errors = parse(text, known).1;
        assert_eq!(errors[0].path, "$.format_version");
        assert!(errors[0].message.contains("written by dokkuctl 3.0.0"), "{}", errors[0].message);
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
    fn writes_the_v1_header() {
        let map = header(&DokkuVersion::new(0, 38, 27));
        assert_eq!(map["format_version"], 1);
        assert_eq!(map["$schema"], SCHEMA_URL);
        assert_eq!(map["generator"]["name"], GENERATOR_NAME);
        assert_eq!(map["dokku"]["version"], "0.38.27");
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
