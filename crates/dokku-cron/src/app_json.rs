//! A deployed `app.json` as Dokku's Go code reads it: `ReadAppJSON` (`plugins/app-json/appjson.go`
//! at v0.38.27) parses the file as JSONC and `json.Unmarshal`s it into its `AppJSON` type, and
//! any value of the wrong type anywhere makes the whole file an error. Cron needs only the
//! `cron` entries, but whether the file reads at all depends on every field Dokku declares, so
//! this checks them all the way Go's `encoding/json` does: keys match field names without
//! regard to case, unknown keys are ignored, `null` is allowed everywhere and changes nothing,
//! integers must be integer literals that fit, and a repeated key is decoded again (the last
//! non-null scalar wins).
//!
//! Only plain JSON is read here (JSON with comments or trailing commas, which only Dokku's
//! parser reads, is [`Reading::Unsure`]), as are keys with non-ASCII characters (Go folds some
//! of them to ASCII letters when matching field names).

use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};

/// A JSON value that keeps an object's keys in order, repeated ones included.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Json {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// An integer literal that fits an `i64`.
    Int(i64),
    /// Any other number (a fraction, an exponent, or too large).
    OtherNumber,
    /// `-0` or a negative zero fraction, which serde_json does not tell apart (Go reads the
    /// first into an integer, not the others).
    NegativeZero,
    /// A string.
    Str(String),
    /// An array.
    List(Vec<Json>),
    /// An object's members in document order.
    Object(Vec<(String, Json)>),
}

impl<'de> Deserialize<'de> for Json {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(JsonVisitor)
    }
}

struct JsonVisitor;

impl<'de> Visitor<'de> for JsonVisitor {
    type Value = Json;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_unit<E>(self) -> Result<Json, E> {
        Ok(Json::Null)
    }
    fn visit_bool<E>(self, v: bool) -> Result<Json, E> {
        Ok(Json::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Json, E> {
        Ok(Json::Int(v))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Json, E> {
        Ok(i64::try_from(v).map_or(Json::OtherNumber, Json::Int))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Json, E> {
        Ok(if v == 0.0 && v.is_sign_negative() { Json::NegativeZero } else { Json::OtherNumber })
    }
    fn visit_str<E>(self, v: &str) -> Result<Json, E> {
        Ok(Json::Str(v.to_owned()))
    }
    fn visit_string<E>(self, v: String) -> Result<Json, E> {
        Ok(Json::Str(v))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Json, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Json::List(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Json, A::Error> {
        let mut members = Vec::new();
        while let Some((key, value)) = map.next_entry::<String, Json>()? {
            members.push((key, value));
        }
        Ok(Json::Object(members))
    }
}

/// The Go type a field of Dokku's `AppJSON` has (pointers behave as their target here).
#[derive(Clone, Copy, Debug)]
enum GoType {
    Str,
    Bool,
    /// A signed integer of this many bits.
    Int(u32),
    List(&'static GoType),
    Map(&'static GoType),
    Struct(&'static [(&'static str, GoType)]),
    /// `EnvVarValue`, whose `UnmarshalJSON` takes a string or its fields as an object.
    EnvVar,
}

use GoType::{Bool, EnvVar, Int, List, Map, Str, Struct};

const INT: GoType = Int(64);
const INT32: GoType = Int(32);
const STRINGS: GoType = List(&Str);
const ENV_VAR_FIELDS: &[(&str, GoType)] =
    &[("description", Str), ("value", Str), ("required", Bool), ("generator", Str), ("sync", Bool)];
const TRIGGER: GoType = Struct(&[("name", Str), ("type", Str), ("metadata", Map(&Str))]);
const AUTOSCALING: GoType = Struct(&[
    ("cooldown_period_seconds", INT),
    ("max_quantity", INT),
    ("min_quantity", INT),
    ("polling_interval_seconds", INT),
    ("triggers", List(&TRIGGER)),
]);
const FORMATION: GoType = Struct(&[
    ("autoscaling", AUTOSCALING),
    ("quantity", INT),
    ("max_parallel", INT),
    ("service", Struct(&[("exposed", Bool)])),
]);
const HEALTHCHECK: GoType = Struct(&[
    ("attempts", INT32),
    ("command", STRINGS),
    ("content", Str),
    ("httpHeaders", List(&Struct(&[("name", Str), ("value", Str)]))),
    ("initialDelay", INT32),
    ("listening", Bool),
    ("name", Str),
    ("path", Str),
    ("port", INT),
    ("scheme", Str),
    ("timeout", INT32),
    ("type", Str),
    ("uptime", INT32),
    ("wait", INT32),
    ("warn", Bool),
    ("onFailure", Struct(&[("command", STRINGS), ("url", Str)])),
]);
/// `appjson.CronTask`.
const CRON_TASK_FIELDS: &[(&str, GoType)] =
    &[("command", Str), ("maintenance", Bool), ("schedule", Str), ("concurrency_policy", Str)];
/// `appjson.AppJSON`.
const APP_JSON: GoType = Struct(&[
    ("buildpacks", List(&Struct(&[("url", Str)]))),
    ("cron", List(&Struct(CRON_TASK_FIELDS))),
    ("env", Map(&EnvVar)),
    ("formation", Map(&FORMATION)),
    ("healthchecks", Map(&List(&HEALTHCHECK))),
    (
        "scripts",
        Struct(&[("dokku", Struct(&[("predeploy", Str), ("postdeploy", Str)])), ("postdeploy", Str)]),
    ),
]);

/// Whether Go's `json.Unmarshal` reads `value` into `ty`: `Some(false)` for a type error,
/// `None` when this cannot tell (a non-ASCII key).
fn decodes(value: &Json, ty: GoType) -> Option<bool> {
    let fits = match (ty, value) {
        (_, Json::Null) => true,
        (Str, Json::Str(_)) | (Bool, Json::Bool(_)) => true,
        (Int(bits), Json::Int(n)) => bits >= 64 || (i64::from(i32::MIN)..=i64::from(i32::MAX)).contains(n),
        (Int(_), Json::NegativeZero) => return None,
        (List(item), Json::List(items)) => return all_decode(items.iter().map(|i| (i, *item))),
        (Map(item), Json::Object(members)) => return all_decode(members.iter().map(|(_, v)| (v, *item))),
        (Struct(fields), Json::Object(members)) => return struct_decodes(fields, members),
        (EnvVar, Json::Str(_)) => true,
        (EnvVar, Json::Object(members)) => return struct_decodes(ENV_VAR_FIELDS, members),
        _ => false,
    };
    Some(fits)
}

fn all_decode<'a>(mut values: impl Iterator<Item = (&'a Json, GoType)>) -> Option<bool> {
    values.try_fold(true, |ok, (value, ty)| Some(ok && decodes(value, ty)?))
}

fn struct_decodes(fields: &[(&str, GoType)], members: &[(String, Json)]) -> Option<bool> {
    let mut ok = true;
    for (key, value) in members {
        if !key.is_ascii() {
            return None;
        }
        if let Some((_, ty)) = fields.iter().find(|(name, _)| name.eq_ignore_ascii_case(key)) {
            ok &= decodes(value, *ty)?;
        }
    }
    Some(ok)
}

/// One `cron` entry as Go decodes it (`appjson.CronTask`; absent fields are zero values).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct CronEntry {
    /// `command`.
    pub(crate) command: String,
    /// `maintenance`.
    pub(crate) maintenance: bool,
    /// `schedule`.
    pub(crate) schedule: String,
    /// `concurrency_policy`.
    pub(crate) concurrency_policy: String,
}

/// What Dokku reads from a deployed `app.json` for cron.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Reading {
    /// The file reads, with these `cron` entries (none when absent or `null`).
    Entries(Vec<CronEntry>),
    /// The file is an error to Dokku (not an object, a value of the wrong type): no task.
    Unreadable,
    /// Only Dokku can tell (JSONC, non-ASCII keys, `cron` given more than once).
    Unsure,
}

/// Reads `text` (a deployed `app.json`, non-blank) as `ReadAppJSON` does.
pub(crate) fn read(text: &str) -> Reading {
    let Ok(document) = serde_json::from_str::<Json>(text) else { return Reading::Unsure };
    let members = match &document {
        Json::Null => return Reading::Entries(Vec::new()),
        Json::Object(members) => members,
        _ => return Reading::Unreadable,
    };
    match decodes(&document, APP_JSON) {
        None => return Reading::Unsure,
        Some(false) => return Reading::Unreadable,
        Some(true) => {}
    }
    let mut cron = members.iter().filter(|(key, _)| key.eq_ignore_ascii_case("cron"));
    let entries = match (cron.next(), cron.next()) {
        (None, _) => return Reading::Entries(Vec::new()),
        // Go decodes into the list again, reusing the first one's elements.
        (Some(_), Some(_)) => return Reading::Unsure,
        (Some((_, Json::List(entries))), None) => entries,
        (Some(_), None) => return Reading::Entries(Vec::new()),
    };
    Reading::Entries(entries.iter().map(cron_entry).collect())
}

/// One entry, already checked to decode: each field's last non-null value.
fn cron_entry(value: &Json) -> CronEntry {
    let mut entry = CronEntry::default();
    let Json::Object(members) = value else { return entry };
    for (key, value) in members {
        let key = key.to_ascii_lowercase();
        match (key.as_str(), value) {
            ("command", Json::Str(s)) => entry.command.clone_from(s),
            ("schedule", Json::Str(s)) => entry.schedule.clone_from(s),
            ("concurrency_policy", Json::Str(s)) => entry.concurrency_policy.clone_from(s),
            ("maintenance", Json::Bool(b)) => entry.maintenance = *b,
            _ => {}
        }
    }
    entry
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(command: &str, schedule: &str) -> CronEntry {
        CronEntry { command: command.into(), schedule: schedule.into(), ..CronEntry::default() }
    }

    #[test]
    fn entries_come_as_go_decodes_them() {
        let text = r#"{"CRON": [{"command": "a", "Schedule": "@daily", "command": null, "maintenance": true},
                       null, {"concurrency_policy": "forbid"}], "other": [1, {"x": 2.5}]}"#;
        let Reading::Entries(entries) = read(text) else { panic!("{:?}", read(text)) };
        assert_eq!(entries.len(), 3);
        assert_eq!(entries[0], CronEntry { maintenance: true, ..entry("a", "@daily") });
        assert_eq!(entries[1], CronEntry::default());
        assert_eq!(entries[2].concurrency_policy, "forbid");
        assert_eq!(read("null"), Reading::Entries(Vec::new()));
        assert_eq!(read(r#"{"cron": null}"#), Reading::Entries(Vec::new()));
    }

    #[test]
    fn a_wrong_type_anywhere_makes_the_file_unreadable() {
        for text in [
            "[]",
            r#"{"cron": {"command": "a"}}"#,
            r#"{"cron": [{"command": 1}]}"#,
            r#"{"formation": {"web": {"quantity": "2"}}}"#,
            r#"{"formation": {"web": {"quantity": 1.0}}}"#,
            r#"{"healthchecks": {"web": [{"attempts": 3000000000}]}}"#,
            r#"{"env": {"A": 1}}"#,
            r#"{"env": {"A": {"required": "yes"}}}"#,
            r#"{"scripts": {"dokku": {"predeploy": ["x"]}}}"#,
        ] {
            assert_eq!(read(text), Reading::Unreadable, "{text}");
        }
        let fine = r#"{"env": {"A": "x", "B": {"required": false}, "C": null},
                      "formation": {"web": {"quantity": 2, "autoscaling": {"triggers": [{"metadata": {"a": "b"}}]}}},
                      "healthchecks": {"web": [{"attempts": 3, "command": ["x"], "port": 5000}]},
                      "buildpacks": [{"url": "https://x"}], "unknown": {"quantity": "x"}}"#;
        assert_eq!(read(fine), Reading::Entries(Vec::new()));
    }

    #[test]
    fn what_only_dokku_reads_is_unsure() {
        for text in [
            "{\"cron\": [] // none\n}",
            "{\"cron\": [],}",
            r#"{"cron": [], "Cron": []}"#,
            r#"{"ſcripts": {}}"#,
            r#"{"formation": {"web": {"quantity": -0}}}"#,
        ] {
            assert_eq!(read(text), Reading::Unsure, "{text}");
        }
    }
}
