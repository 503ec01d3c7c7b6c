//! One key → value view of a report, whether Dokku printed it as text or as `--format json`.
//!
//! Plugin crates read both forms through this view so that the two paths give the same model:
//! keys are canonical (`.` as `-`), without the `<type>-` prefix, in printed order, each once.

use serde::Serialize;

use super::{ReportSubject, TextError, canonical_key, parse_json_report, parse_json_reports, parse_report};
use super::{label_to_key, strip_type_prefix};

/// The settings of one subject (app or global) as canonical key → value pairs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReportValues {
    /// Whose settings these are.
    pub subject: ReportSubject,
    /// Canonical keys without the type prefix (`created-at`), in printed order, each once.
    pub values: Vec<(String, String)>,
}

impl ReportValues {
    fn push(&mut self, key: String, value: String) {
        if !self.values.iter().any(|(k, _)| *k == key) {
            self.values.push((key, value));
        }
    }

    /// The value of `key` (canonical, unprefixed), if present.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.values.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str())
    }

    /// Removes and returns the value of `key`; what is never taken is what the model does not know.
    pub fn take(&mut self, key: &str) -> Option<String> {
        let at = self.values.iter().position(|(k, _)| k == key)?;
        Some(self.values.remove(at).1)
    }

    /// Removes every key for which `known` says yes (derived values a model deliberately drops).
    pub fn discard(&mut self, known: impl Fn(&str) -> bool) {
        self.values.retain(|(k, _)| !known(k));
    }

    /// The app name, if the subject is an app.
    pub fn app(&self) -> Option<&str> {
        match &self.subject {
            ReportSubject::App(name) => Some(name),
            _ => None,
        }
    }
}

/// Reads a text `:report` (all blocks) into values, stripping `type_prefix` (`app`, `ps`, …).
pub fn report_values_from_text(text: &str, type_prefix: &str) -> Result<Vec<ReportValues>, TextError> {
    Ok(parse_report(text)?
        .into_iter()
        .map(|block| {
            let mut values = ReportValues { subject: block.subject, values: Vec::new() };
            for field in block.fields {
                let key = canonical_key(&label_to_key(&field.label));
                values.push(strip_type_prefix(&key, type_prefix).to_owned(), field.value);
            }
            values
        })
        .collect())
}

/// Reads one `--format json` report object for `subject`, stripping `type_prefix`.
///
/// Dokku prints the prefixed and the unprefixed key side by side for its older Go plugins; the
/// first one printed wins (they carry the same value). Non-string values (lists) are kept as
/// their JSON text.
pub fn report_values_from_json(
    text: &str,
    subject: ReportSubject,
    type_prefix: &str,
) -> Result<ReportValues, TextError> {
    let report = parse_json_report(text)?;
    Ok(values_of(report.iter(), subject, type_prefix))
}

/// Reads a no-app `--format json` report (one object per line). Dokku does not say which app an
/// object belongs to, so every subject is [`ReportSubject::Unnamed`]; callers pair them with the
/// app list themselves.
pub fn report_values_from_json_lines(text: &str, type_prefix: &str) -> Result<Vec<ReportValues>, TextError> {
    Ok(parse_json_reports(text)?
        .iter()
        .map(|report| values_of(report.iter(), ReportSubject::Unnamed, type_prefix))
        .collect())
}

fn values_of<'a>(
    entries: impl Iterator<Item = (&'a str, &'a serde_json::Value)> + Clone,
    subject: ReportSubject,
    type_prefix: &str,
) -> ReportValues {
    let text_of = |value: &serde_json::Value| match value {
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Null => String::new(),
        other => other.to_string(),
    };
    let keys: Vec<String> = entries.clone().map(|(k, _)| canonical_key(k)).collect();
    let prefixed = keys.iter().filter(|k| strip_type_prefix(k, type_prefix).len() != k.len()).count();
    let twins = keys.iter().any(|k| {
        let bare = strip_type_prefix(k, type_prefix);
        bare.len() != k.len() && keys.iter().any(|other| other == bare)
    });
    // Go reports before 0.38.8 prefixed every key; since then keys come bare, and the older Go
    // plugins add prefixed twins. A bare key may itself start with the prefix word
    // (nginx's `nginx-conf-sigil-path`), so only the old style is stripped.
    let old_style = !twins && prefixed * 2 > keys.len();
    let mut values = ReportValues { subject, values: Vec::new() };
    let mut twin_values = Vec::new();
    for ((_, value), key) in entries.zip(keys.iter()) {
        let bare = strip_type_prefix(key, type_prefix);
        if old_style {
            values.push(bare.to_owned(), text_of(value));
        } else if twins && bare.len() != key.len() && keys.iter().any(|other| other == bare) {
            twin_values.push((bare.to_owned(), text_of(value)));
        } else {
            values.push(key.clone(), text_of(value));
        }
    }
    // A prefixed twin carries the same value as its bare key, which was pushed already.
    for (key, text) in twin_values {
        values.push(key, text);
    }
    values
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bare_keys_that_start_with_the_prefix_word_are_kept() -> Result<(), TextError> {
        let new = r#"{"nginx-conf-sigil-path":"","hsts":"true","proxy-buffers":"8 4k"}"#;
        let values = report_values_from_json(new, ReportSubject::Global, "nginx")?;
        assert_eq!(values.get("nginx-conf-sigil-path"), Some(""));
        let old = r#"{"ps-restart-policy":"no","ps-can-scale":"true","deployed":"false"}"#;
        let values = report_values_from_json(old, ReportSubject::Global, "ps")?;
        assert_eq!(values.get("restart-policy"), Some("no"));
        assert_eq!(values.get("deployed"), Some("false"));
        Ok(())
    }

    #[test]
    fn text_and_json_give_the_same_values() -> Result<(), TextError> {
        let text = "=====> app1 ps information\n       Deployed:   false\n       Ps restart policy:   on-failure:10\n       Ps computed stop timeout seconds: 30\n";
        let json = r#"{"computed-stop-timeout-seconds":"30","deployed":"false","ps-computed-stop-timeout-seconds":"30","ps-restart-policy":"on-failure:10","restart-policy":"on-failure:10"}"#;
        let from_text = report_values_from_text(text, "ps")?;
        let from_json = report_values_from_json(json, ReportSubject::App("app1".into()), "ps")?;
        let sorted = |v: &ReportValues| {
            let mut pairs = v.values.clone();
            pairs.sort();
            pairs
        };
        assert_eq!(from_text.len(), 1);
        assert_eq!(sorted(&from_text[0]), sorted(&from_json));
        assert_eq!(from_json.get("restart-policy"), Some("on-failure:10"));
        Ok(())
    }
}
