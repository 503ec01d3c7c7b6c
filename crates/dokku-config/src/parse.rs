//! Pure parsers: `config:export --format json` into [`ConfigVar`] records.
//!
//! Errors never quote the output: every value in it is a secret.

use dokku_core::Secret;
use dokku_core::text::TextError;

use crate::model::ConfigVar;

/// The prefix of the variables Dokku keeps for itself (`DOKKU_APP_TYPE`, `DOKKU_PROXY_PORT`, …).
/// Plugins own them and set them through their own commands, so an export leaves them out.
pub const INTERNAL_PREFIX: &str = "DOKKU_";

/// Variables Dokku's plugins maintain without the prefix: `NO_VHOST` is the domains plugin's
/// enabled flag (exported as `domains[].enabled`), `GIT_REV` the deployed commit (git's state).
/// Re-applying them as config would fight the plugins that own them (pydokku's weakness).
pub const INTERNAL_KEYS: &[&str] = &["NO_VHOST", "GIT_REV"];

/// Whether Dokku owns `key` (never exported as user config).
pub fn is_internal(key: &str) -> bool {
    key.starts_with(INTERNAL_PREFIX) || INTERNAL_KEYS.contains(&key)
}

/// What `config:export --format json` prints.
const EXPECTED: &str = "a JSON object of string values (`config:export --format json`)";

/// Parses `config:export --format json <app|--global>` into (key, value) pairs in printed order
/// (Dokku sorts the keys). Empty output and `null` give no pairs.
pub fn parse_export_json(text: &str) -> Result<Vec<(String, Secret<String>)>, TextError> {
    if text.trim().is_empty() {
        return Ok(Vec::new());
    }
    // serde_json's syntax errors name a position, never the text around it.
    let value: serde_json::Value =
        serde_json::from_str(text).map_err(|e| TextError::new(e.line(), EXPECTED, &e.to_string()))?;
    let map = match value {
        serde_json::Value::Null => return Ok(Vec::new()),
        serde_json::Value::Object(map) => map,
        _ => return Err(TextError::new(1, EXPECTED, "another JSON value")),
    };
    map.into_iter()
        .map(|(key, value)| match value {
            serde_json::Value::String(s) => Ok((key, Secret::new(s))),
            _ => Err(TextError::new(1, EXPECTED, &format!("a non-string value for key {key}"))),
        })
        .collect()
}

/// Builds the records of one scope (`app`, or `None` for global) from `config:export --format
/// json`, leaving out the variables Dokku owns ([`is_internal`]) unless `include_internal`.
pub fn vars_from_export(
    app: Option<&str>,
    text: &str,
    include_internal: bool,
) -> Result<Vec<ConfigVar>, TextError> {
    Ok(parse_export_json(text)?
        .into_iter()
        .filter(|(key, _)| include_internal || !is_internal(key))
        .map(|(key, value)| ConfigVar { key, value, app_name: app.map(str::to_owned) })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_do_not_quote_values() {
        let err =
            parse_export_json(r#"{"A":"hunter2","B":5}"#).err().map(|e| e.to_string()).unwrap_or_default();
        assert!(err.contains("key B") && !err.contains("hunter2"), "{err}");
        let err = parse_export_json(r#"{"A":"hunter2""#).err().map(|e| e.to_string()).unwrap_or_default();
        assert!(!err.is_empty() && !err.contains("hunter2"), "{err}");
    }

    #[test]
    fn empty_and_null_mean_no_variables() {
        assert_eq!(parse_export_json("").ok(), Some(Vec::new()));
        assert_eq!(parse_export_json("null\n").ok(), Some(Vec::new()));
        assert_eq!(parse_export_json("{}\n").ok(), Some(Vec::new()));
    }

    #[test]
    fn internal_variables_are_hidden_unless_asked_for() {
        let text = r#"{"A":"1","DOKKU_APP_TYPE":"herokuish","NO_VHOST":"0"}"#;
        let keys = |include| {
            vars_from_export(Some("app1"), text, include)
                .unwrap_or_default()
                .into_iter()
                .map(|v| v.key)
                .collect::<Vec<_>>()
        };
        assert_eq!(keys(false), ["A"]);
        assert_eq!(keys(true), ["A", "DOKKU_APP_TYPE", "NO_VHOST"]);
    }
}
