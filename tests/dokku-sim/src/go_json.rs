//! JSON text exactly as Go's `encoding/json` writes it.
//!
//! Go escapes `<`, `>` and `&` (HTML safety) and U+2028/U+2029, which serde_json does not, and
//! Dokku's reports are `json.Marshal` of a `map[string]string`, so keys come out byte-sorted.

use std::collections::BTreeMap;

/// One JSON value a Dokku Go report can contain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GoValue {
    /// A string (every report value except docker-options lists).
    Text(String),
    /// An array of strings (docker-options `*-list` keys).
    List(Vec<String>),
}

/// Encodes a string as a Go JSON string literal, quotes included.
pub fn go_string(text: &str) -> String {
    let mut encoded = String::with_capacity(text.len() + 2);
    encoded.push('"');
    for character in text.chars() {
        match character {
            '"' => encoded.push_str("\\\""),
            '\\' => encoded.push_str("\\\\"),
            '\n' => encoded.push_str("\\n"),
            '\r' => encoded.push_str("\\r"),
            '\t' => encoded.push_str("\\t"),
            '<' | '>' | '&' | '\u{2028}' | '\u{2029}' => {
                encoded.push_str(&format!("\\u{:04x}", u32::from(character)));
            }
            c if u32::from(c) < 0x20 => encoded.push_str(&format!("\\u{:04x}", u32::from(c))),
            c => encoded.push(c),
        }
    }
    encoded.push('"');
    encoded
}

/// Encodes a map the way `json.Marshal` encodes a Go map: compact, keys sorted.
pub fn go_object(map: &BTreeMap<String, GoValue>) -> String {
    let members: Vec<String> =
        map.iter().map(|(key, value)| format!("{}:{}", go_string(key), go_value(value))).collect();
    format!("{{{}}}", members.join(","))
}

/// Encodes an ordered list of string pairs as a compact object, keeping the given order (jq's
/// output for the bash report renderer, and Go structs).
pub fn ordered_object(pairs: &[(String, String)]) -> String {
    let members: Vec<String> =
        pairs.iter().map(|(key, value)| format!("{}:{}", go_string(key), go_string(value))).collect();
    format!("{{{}}}", members.join(","))
}

/// Encodes one value.
fn go_value(value: &GoValue) -> String {
    match value {
        GoValue::Text(text) => go_string(text),
        GoValue::List(items) => {
            let encoded: Vec<String> = items.iter().map(|item| go_string(item)).collect();
            format!("[{}]", encoded.join(","))
        }
    }
}
