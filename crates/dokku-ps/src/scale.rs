//! Pure parsers for `ps:scale <app>`: the text table and the `--format json` list (0.38.21+).

use std::collections::BTreeMap;

use dokku_core::DokkuVersion;
use dokku_core::text::TextError;
use serde::Deserialize;

/// The first version whose `ps:scale` accepts `--format json`.
pub const SCALE_JSON_SINCE: DokkuVersion = DokkuVersion::new(0, 38, 21);

/// Parses the `ps:scale <app>` table (with or without `--quiet`):
///
/// ```text
/// -----> Scaling for app1
/// proctype: qty
/// --------: ---
/// web:  2
/// ```
pub fn parse_scale_text(text: &str) -> Result<BTreeMap<String, u32>, TextError> {
    let mut scale = BTreeMap::new();
    for (index, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with("----->") || line == "proctype: qty" || line == "--------: ---"
        {
            continue;
        }
        let parsed = line
            .split_once(':')
            .and_then(|(name, count)| Some((name.trim(), count.trim().parse::<u32>().ok()?)))
            .filter(|(name, _)| !name.is_empty() && !name.contains(char::is_whitespace));
        let Some((name, count)) = parsed else {
            return Err(TextError::new(index + 1, "a scale row `<process type>: <count>`", line));
        };
        scale.insert(name.to_owned(), count);
    }
    Ok(scale)
}

#[derive(Deserialize)]
struct ScaleEntry {
    process_type: String,
    quantity: u32,
}

/// Parses `ps:scale --format json <app>`: `[{"process_type":"web","quantity":1}]`.
pub fn parse_scale_json(text: &str) -> Result<BTreeMap<String, u32>, TextError> {
    let entries: Vec<ScaleEntry> = serde_json::from_str(text.trim())
        .map_err(|e| TextError::new(e.line(), "a JSON list of {process_type, quantity}", &e.to_string()))?;
    Ok(entries.into_iter().map(|e| (e.process_type, e.quantity)).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_and_json_agree() {
        let text = "-----> Scaling for app1\nproctype: qty\n--------: ---\nweb:  2\nworker: 1\n";
        let json = r#"[{"process_type":"web","quantity":2},{"process_type":"worker","quantity":1}]"#;
        assert_eq!(parse_scale_text(text).ok(), parse_scale_json(json).ok());
        assert_eq!(parse_scale_text(text).ok().and_then(|s| s.get("web").copied()), Some(2));
        assert!(parse_scale_text("web: two\n").is_err());
        assert!(parse_scale_json("[]").is_ok_and(|s| s.is_empty()));
    }
}
