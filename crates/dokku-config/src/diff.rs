//! The converging plan: what turns the server's variables into the document's.
//!
//! Per scope (global first, then the apps in document order): one `config:set --encoded
//! --no-restart` with the keys that are new or hold another value, then, only with `prune`, one
//! `config:unset --no-restart` with the keys the document does not hold. Scopes the document does
//! not mention at all are left alone unless `prune` (then every key is unset). Dokku's own keys
//! ([`is_internal`]) are never compared, set or unset: other plugins own them.

use dokku_core::Secret;
use dokku_core::plugin::{Change, DiffOptions, PluginDiff};

use crate::commands::builders;
use crate::model::{ConfigVar, ScopeVars, scopes};
use crate::parse::is_internal;

/// The plan for `config` (see the module docs). Every change is secret: values are shown only
/// when the user asks. Apps whose variables change are listed for a restart; global variables
/// reach the apps at their next restart or deploy, which is not this plugin's to decide.
pub(crate) fn diff(current: &[ConfigVar], desired: &[ConfigVar], options: &DiffOptions) -> PluginDiff {
    let now = user_scopes(current);
    let wanted = user_scopes(desired);
    let mut plan = PluginDiff::default();
    // Indexed by scope: a server with a thousand apps must not cost a million comparisons.
    let now_by_scope: std::collections::HashMap<_, _> = now.iter().map(|(a, v)| (*a, v.as_slice())).collect();
    let wanted_scopes: std::collections::HashSet<_> = wanted.iter().map(|(a, _)| *a).collect();
    let rewrites = options.server_version.as_ref().is_none_or(|v| *v >= CANONICAL_INTEGERS_SINCE);
    for (app, vars) in &wanted {
        let held = now_by_scope.get(app).copied().unwrap_or_default();
        let stale = if options.prune { unwanted(held, vars) } else { Vec::new() };
        scope_plan(&mut plan, *app, held, vars, &stale, rewrites);
    }
    if options.prune {
        for (app, held) in now.iter().filter(|(a, _)| !wanted_scopes.contains(a)) {
            scope_plan(&mut plan, *app, held, &[], held, rewrites);
        }
    }
    plan
}

/// The first Dokku whose env writer (godotenv 1.5) stores a value that parses as a whole number
/// in its canonical form: `007` → `7`, `+5` → `5`, `-0` → `0`.
const CANONICAL_INTEGERS_SINCE: dokku_core::DokkuVersion = dokku_core::DokkuVersion::new(0, 37, 8);

/// What Dokku stores for `value` from 0.37.8 on: the canonical form of a value Go's
/// `strconv.Atoi` accepts (an optional sign, then ASCII digits, within 64 bits), else the value.
pub(crate) fn stored_form(value: &str) -> std::borrow::Cow<'_, str> {
    let digits = value.strip_prefix(['+', '-']).unwrap_or(value);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return value.into();
    }
    match value.parse::<i64>() {
        Ok(n) => n.to_string().into(),
        Err(_) => value.into(),
    }
}

/// Why Dokku's env writer from 0.37.8 on cannot store `value`, if it cannot.
fn unstorable(value: &str) -> Option<&'static str> {
    if value.ends_with('\\') {
        Some("a backslash")
    } else if value.ends_with('"') {
        Some("a double quote")
    } else {
        None
    }
}

/// The scopes of `records` without Dokku's own keys (a pydokku document may hold them).
fn user_scopes(records: &[ConfigVar]) -> Vec<ScopeVars<'_>> {
    let mut grouped = scopes(records);
    for (_, vars) in &mut grouped {
        vars.retain(|(key, _)| !is_internal(key));
    }
    grouped
}

/// The variables of `held` whose keys `wanted` does not have.
fn unwanted<'a>(
    held: &[(&'a str, &'a Secret<String>)],
    wanted: &[(&str, &Secret<String>)],
) -> Vec<(&'a str, &'a Secret<String>)> {
    held.iter().filter(|(key, _)| !wanted.iter().any(|(k, _)| k == key)).copied().collect()
}

/// Adds one scope's commands and changes: set what differs, unset `stale`.
fn scope_plan(
    plan: &mut PluginDiff,
    app: Option<&str>,
    held: &[(&str, &Secret<String>)],
    wanted: &[(&str, &Secret<String>)],
    stale: &[(&str, &Secret<String>)],
    rewrites: bool,
) {
    let value_of = |key: &str| held.iter().find(|(k, _)| *k == key).map(|(_, v)| *v);
    // A value the server holds in the form Dokku's writer gave the document's is the same
    // setting: sending it again would store the same thing on every apply.
    let rewritten = |key: &str, value: &Secret<String>| {
        rewrites
            && value_of(key)
                .is_some_and(|held| held != value && held.expose().as_str() == stored_form(value.expose()))
    };
    let whose = || app.map_or_else(|| "--global".to_owned(), |a| format!("app {a}"));
    let differs =
        |(key, value): &&(&str, &Secret<String>)| value_of(key) != Some(*value) && !rewritten(key, value);
    // godotenv 1.5.1 (Dokku 0.37.8+) cannot store a value ending in `\` (the closing quote reads
    // as escaped and the value swallows the next lines: the app's whole ENV file breaks) or in
    // `"` (read back without it): such a value is not sent, and the plan says why.
    let mut to_set: Vec<(&str, &Secret<String>)> = Vec::new();
    for (key, value) in wanted.iter().filter(differs) {
        match unstorable(value.expose()).filter(|_| rewrites) {
            Some(why) => plan.notes.push(format!(
                "config: {}: {key}: not sent: its value ends in {why}, which Dokku 0.37.8 and later \
                 cannot store (godotenv 1.5.1 {})",
                whose(),
                if why == "a backslash" { "would break the app's whole ENV file" } else { "drops it" }
            )),
            None => to_set.push((key, value)),
        }
    }
    for (key, _) in wanted.iter().filter(|(key, value)| rewritten(key, value)) {
        plan.notes.push(format!(
            "config: {}: {key}: Dokku stores whole numbers in canonical form (no leading \
             zeros or `+`), so the server's value is the document's as Dokku writes it; nothing to send",
            whose()
        ));
    }
    for (key, value) in &to_set {
        let old = value_of(key).map(|v| v.expose().clone());
        plan.changes.push(Change::new(app, *key, old, Some(value.expose().clone())).secret());
    }
    for (key, value) in stale {
        plan.changes.push(Change::new(app, *key, Some(value.expose().clone()), None).secret());
    }
    if let Some(app) = app.filter(|_| !to_set.is_empty() || !stale.is_empty()) {
        plan.restart.push(app.to_owned());
    }
    if !to_set.is_empty() {
        plan.commands.push(builders::set(app, to_set, false));
    }
    if !stale.is_empty() {
        plan.commands.push(builders::unset(app, stale.iter().map(|(key, _)| *key), false));
    }
}

#[cfg(test)]
mod tests {
    use dokku_core::plugin::ChangeKind;

    use super::*;

    #[test]
    fn values_godotenv_cannot_store_are_not_sent_to_dokku_0_37_8_and_later() {
        let desired = [
            ConfigVar::new(Some("a"), "PATHLIKE", "C:\\s3cret\\"),
            ConfigVar::new(Some("a"), "QUOTED", "say \"s3cret\""),
            ConfigVar::new(Some("a"), "FINE", "a\\b \"c\" d"),
        ];
        let new = DiffOptions {
            server_version: Some(dokku_core::DokkuVersion::new(0, 38, 27)),
            ..DiffOptions::default()
        };
        let plan = diff(&[], &desired, &new);
        assert_eq!(plan.changes.len(), 1, "{:?}", plan.changes);
        assert_eq!(plan.notes.len(), 2, "{:?}", plan.notes);
        assert!(plan.notes.iter().all(|n| !n.contains("s3cret")), "no value quoted");
        let old = DiffOptions {
            server_version: Some(dokku_core::DokkuVersion::new(0, 37, 7)),
            ..DiffOptions::default()
        };
        assert_eq!(diff(&[], &desired, &old).changes.len(), 3, "godotenv 1.2 stores them all");
    }

    #[test]
    fn internal_keys_of_a_document_are_neither_set_nor_pruned() {
        let current = [ConfigVar::new(Some("a"), "A", "1")];
        let desired = [ConfigVar::new(Some("a"), "A", "1"), ConfigVar::new(Some("a"), "DOKKU_APP_TYPE", "x")];
        let plan = diff(&current, &desired, &DiffOptions::PRUNE);
        assert!(plan.commands.is_empty() && plan.changes.is_empty());
    }

    #[test]
    fn a_repeated_key_is_compared_with_its_last_value() {
        let current = [ConfigVar::new(Some("a"), "A", "2")];
        let desired = [ConfigVar::new(Some("a"), "A", "1"), ConfigVar::new(Some("a"), "A", "2")];
        assert!(diff(&current, &desired, &DiffOptions::default()).commands.is_empty());
    }

    #[test]
    fn pruning_a_scope_missing_from_the_document_unsets_each_key() {
        let current = [ConfigVar::new(None, "G", "1"), ConfigVar::new(Some("b"), "B", "2")];
        let plan = diff(&current, &[], &DiffOptions::PRUNE);
        assert_eq!(
            plan.command_lines(),
            ["dokku config:unset --no-restart --global G", "dokku config:unset --no-restart b B"]
        );
        assert!(plan.changes.iter().all(|c| c.kind == ChangeKind::Remove && c.secret));
        assert_eq!(plan.restart, ["b"]);
    }
}

#[cfg(test)]
mod integer_tests {
    use super::*;

    fn var(app: &str, key: &str, value: &str) -> ConfigVar {
        ConfigVar { app_name: Some(app.into()), key: key.into(), value: Secret::new(value.into()) }
    }

    #[test]
    fn dokku_s_canonical_integers() {
        for (value, stored) in
            [("007", "7"), ("+5", "5"), ("-0", "0"), ("-007", "-7"), ("00", "0"), ("42", "42")]
        {
            assert_eq!(stored_form(value), stored, "{value}");
        }
        for same in [" 5", "1_000", "0x10", "5.0", "1e3", "", "+", "99999999999999999999", "٣"] {
            assert_eq!(stored_form(same), same);
        }
    }

    #[test]
    fn a_value_dokku_rewrote_converges_with_a_note_that_shows_no_value() {
        let server = [var("a", "PORT", "7")];
        let document = [var("a", "PORT", "007")];
        let plan = diff(&server, &document, &DiffOptions::default());
        assert!(plan.commands.is_empty(), "{:?}", plan.command_lines());
        assert_eq!(plan.notes.len(), 1);
        assert!(plan.notes[0].contains("PORT") && !plan.notes[0].contains("007"), "{:?}", plan.notes);
        // A different number is a change; an older Dokku stores what it is given.
        assert_eq!(diff(&[var("a", "PORT", "8")], &document, &DiffOptions::default()).commands.len(), 1);
        let old = DiffOptions {
            server_version: Some(dokku_core::DokkuVersion::new(0, 37, 7)),
            ..DiffOptions::default()
        };
        assert_eq!(diff(&server, &document, &old).commands.len(), 1);
    }
}
