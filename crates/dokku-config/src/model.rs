//! The record of the config plugin, in pydokku's data model.

use dokku_core::Secret;
use schemars::JsonSchema;
use serde::{Deserialize, Deserializer, Serialize};

/// One environment variable of an app, or a global one (`app_name` absent).
///
/// The value is a [`Secret`]: it is written to export documents as plain text (that is what an
/// export is for) but never shows in `Debug`, `Display`, warnings or masked command lines.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ConfigVar {
    /// The variable name (`^[a-zA-Z_][a-zA-Z0-9_]*$`, as `config:set` requires).
    pub key: String,
    /// The value; pydokku documents may hold `null`, read as the empty string.
    #[serde(default, deserialize_with = "null_as_empty")]
    #[schemars(with = "Option<Secret<String>>", extend("x-dokku-secret-id" = "{app}/{key}"))]
    pub value: Secret<String>,
    /// The app, or `None` for a global variable (omitted from the document).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub app_name: Option<String>,
}

impl ConfigVar {
    /// A variable of `app` (`None`: global).
    pub fn new(app_name: Option<&str>, key: impl Into<String>, value: impl Into<String>) -> Self {
        Self { key: key.into(), value: Secret::new(value.into()), app_name: app_name.map(str::to_owned) }
    }
}

/// pydokku sends a `null` value as the empty string, so a `null` in its documents means "".
fn null_as_empty<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Secret<String>, D::Error> {
    Option::<String>::deserialize(deserializer).map(|v| Secret::new(v.unwrap_or_default()))
}

/// One scope's variables in apply order.
pub(crate) type ScopeVars<'a> = (Option<&'a str>, Vec<(&'a str, &'a Secret<String>)>);

/// Groups records by scope: the global scope first, then the apps in order of first appearance,
/// each key once at its first position with its last value (as `config:set` would leave it).
///
/// pydokku sorted the records by app name, which crashed on a global record next to any other
/// record (null compared with text); grouping needs no ordering between scopes.
pub(crate) fn scopes(records: &[ConfigVar]) -> Vec<ScopeVars<'_>> {
    let mut groups: Vec<ScopeVars<'_>> = Vec::new();
    let globals_first = records
        .iter()
        .filter(|r| r.app_name.is_none())
        .chain(records.iter().filter(|r| r.app_name.is_some()));
    for record in globals_first {
        let app = record.app_name.as_deref();
        let at = match groups.iter().position(|(a, _)| *a == app) {
            Some(at) => at,
            None => {
                groups.push((app, Vec::new()));
                groups.len() - 1
            }
        };
        let vars = &mut groups[at].1;
        match vars.iter_mut().find(|(k, _)| *k == record.key) {
            Some(slot) => slot.1 = &record.value,
            None => vars.push((&record.key, &record.value)),
        }
    }
    groups
}
