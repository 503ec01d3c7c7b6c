//! Which of an app's variables a link wrote. `service_link` sets `<ALIAS>_URL` to the service
//! URL (with the app's `<VARIABLE>_DATABASE_SCHEME` as scheme when set, and `?<querystring>`
//! when given); `:promote` copies it to further variables. They are found by the URL, since the
//! alias and the query string change the variable's name and value.

use std::collections::BTreeMap;

use dokku_core::text::TextError;

use crate::spec::ServiceSpec;

/// An app's variables (`config:export --format json <app>`: one JSON object).
pub fn parse_app_variables(text: &str) -> Result<BTreeMap<String, String>, TextError> {
    let value: serde_json::Value =
        serde_json::from_str(text).map_err(|e| TextError::new(e.line(), "a JSON object of variables", ""))?;
    let serde_json::Value::Object(map) = value else {
        return Err(TextError::new(1, "a JSON object of variables", ""));
    };
    Ok(map.into_iter().map(|(k, v)| (k, v.as_str().map_or_else(|| v.to_string(), str::to_owned))).collect())
}

/// The variables of one app that hold a link to one service.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LinkVariables {
    /// The variable names (`DATABASE_URL`, …), sorted.
    pub keys: Vec<String>,
    /// The query string after `?`, if any.
    pub querystring: Option<String>,
    /// The scheme, when the app overrides the plugin's.
    pub scheme: Option<String>,
}

/// The variables among `variables` that hold the URL of `service` (whose password is
/// `password`), as `service_link` would have written them for this app.
pub fn link_variables(
    spec: &ServiceSpec,
    service: &str,
    password: Option<&str>,
    variables: &BTreeMap<String, String>,
) -> LinkVariables {
    let scheme_override = variables.get(&spec.scheme_variable()).filter(|s| !s.is_empty());
    let scheme = scheme_override.map_or(spec.scheme, String::as_str);
    let url = spec.link_url(scheme, service, password, None);
    let mut found = LinkVariables { scheme: scheme_override.cloned(), ..LinkVariables::default() };
    for (key, value) in variables {
        if key.strip_suffix("_URL").is_none_or(str::is_empty) {
            continue;
        }
        let Some(rest) = value.strip_prefix(&url) else { continue };
        let querystring = match rest.strip_prefix('?') {
            Some(q) => Some(q.to_owned()),
            None if rest.is_empty() => None,
            None => continue,
        };
        if found.keys.is_empty() {
            found.querystring = querystring.filter(|q| !q.is_empty());
        }
        found.keys.push(key.clone());
    }
    found
}
