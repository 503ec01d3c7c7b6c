//! `<plugin>:report --format json` output.
//!
//! One app (or `--global`) prints one compact JSON object on one line. Without an app Dokku prints
//! one object per app, one per line, with no app name inside; [`parse_json_reports`] reads that
//! form. Values are strings (`"true"`, `"30"`) except docker-options' `*-list` arrays, so they are
//! kept as [`serde_json::Value`]. Key order is kept as printed (Go sorts keys, bash keeps its
//! declaration order) and every key is kept, known or not.

use serde::Serialize;
use serde_json::{Map, Value};

use super::{TextError, line::numbered_lines};

/// What a JSON report must be.
const EXPECTED_OBJECT: &str = "a JSON object";

/// One JSON report object, in printed key order.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct JsonReport {
    entries: Map<String, Value>,
}

impl JsonReport {
    /// The value of `key`, if present.
    pub fn get(&self, key: &str) -> Option<&Value> {
        self.entries.get(key)
    }

    /// The value of `key` when it is a JSON string (every report key except docker-options'
    /// `*-list` arrays).
    pub fn get_str(&self, key: &str) -> Option<&str> {
        self.entries.get(key).and_then(Value::as_str)
    }

    /// The keys and values in printed order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &Value)> + Clone {
        self.entries.iter().map(|(key, value)| (key.as_str(), value))
    }

    /// The number of keys.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether the object has no keys (`ports:report --global --format json` prints `{}`).
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The underlying map, in printed key order.
    pub fn as_map(&self) -> &Map<String, Value> {
        &self.entries
    }

    /// Consumes the report, returning the underlying map.
    pub fn into_map(self) -> Map<String, Value> {
        self.entries
    }
}

/// Parses the output of `dokku <plugin>:report <app|--global> --format json`: exactly one object.
pub fn parse_json_report(text: &str) -> Result<JsonReport, TextError> {
    let value: Value = serde_json::from_str(text).map_err(|error| json_error(text, &error))?;
    match value {
        Value::Object(entries) => Ok(JsonReport { entries }),
        _ => Err(error_at_offset(text, 0)),
    }
}

/// Parses the output of `dokku <plugin>:report --format json` without an app: one object per app
/// (one per line), in app order. Empty output (no apps) gives an empty list.
pub fn parse_json_reports(text: &str) -> Result<Vec<JsonReport>, TextError> {
    let mut stream = serde_json::Deserializer::from_str(text).into_iter::<Value>();
    let mut reports = Vec::new();
    loop {
        let start = stream.byte_offset();
        match stream.next() {
            None => return Ok(reports),
            Some(Err(error)) => return Err(json_error(text, &error)),
            Some(Ok(Value::Object(entries))) => reports.push(JsonReport { entries }),
            Some(Ok(_)) => return Err(error_at_offset(text, start)),
        }
    }
}

/// Turns a `serde_json` error into a [`TextError`] on the line it names.
fn json_error(text: &str, error: &serde_json::Error) -> TextError {
    // At end of input serde_json points past the final newline; name the last real line instead.
    let line_no = error.line().clamp(1, numbered_lines(text).count().max(1));
    let found = numbered_lines(text).nth(line_no - 1).map_or("", |(_, line)| line);
    TextError::new(line_no, format!("{EXPECTED_OBJECT} ({error})"), found)
}

/// A "not an object" error for the value that starts at or after byte `offset` of `text`.
fn error_at_offset(text: &str, offset: usize) -> TextError {
    let before = text.get(..offset).unwrap_or("");
    let skipped_blank_lines = text
        .get(offset..)
        .unwrap_or("")
        .chars()
        .take_while(|c| c.is_whitespace())
        .filter(|&c| c == '\n')
        .count();
    let line_no = before.matches('\n').count() + skipped_blank_lines + 1;
    let found = numbered_lines(text).nth(line_no - 1).map_or("", |(_, line)| line);
    TextError::new(line_no, EXPECTED_OBJECT, found)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_object_keeps_key_order_and_non_string_values() {
        let report = parse_json_report(r#"{"z":"1","a":"","deploy-list":["--memory 256m"]}"#).unwrap();
        let keys: Vec<_> = report.iter().map(|(key, _)| key).collect();
        assert_eq!(keys, ["z", "a", "deploy-list"]);
        assert_eq!(report.get_str("z"), Some("1"));
        assert_eq!(report.get_str("deploy-list"), None);
        assert_eq!(report.get("deploy-list"), Some(&serde_json::json!(["--memory 256m"])));
    }

    #[test]
    fn one_object_per_line_for_all_apps() {
        let reports = parse_json_reports("{\"a\":\"1\"}\n{\"a\":\"2\"}\n").unwrap();
        assert_eq!(reports.len(), 2);
        assert_eq!(reports[1].get_str("a"), Some("2"));
        assert_eq!(parse_json_reports(""), Ok(Vec::new()));
    }

    #[test]
    fn errors_name_the_line() {
        let error = parse_json_report("").unwrap_err();
        assert_eq!(error.line(), 1);

        let error = parse_json_report("[1]").unwrap_err();
        assert_eq!((error.line(), error.found()), (1, "[1]"));

        let error = parse_json_reports("{\"a\":\"1\"}\n{\"a\":\n").unwrap_err();
        assert_eq!(error.line(), 2);

        let error = parse_json_reports("{\"a\":\"1\"}\n\n\"x\"\n").unwrap_err();
        assert_eq!((error.line(), error.found()), (3, "\"x\""));

        let error = parse_json_report("{} trailing").unwrap_err();
        assert_eq!(error.line(), 1);
    }
}
