//! Secrets out of the main document: [`extract`] moves every value the schema marks
//! `x-dokku-secret` into a map of readable ids (`config/my-app/DATABASE_URL`), leaving
//! `{"secret": "<id>"}` where it was; [`resolve`] puts values back before a document is used,
//! from the secrets file, the environment (`env:NAME`) or a file (`file:PATH`).

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

use dokku_core::plugin::DocumentError;
use dokku_core::secret_reference::SECRET_REFERENCE_KEY;
use serde_json::{Map, Value};

use super::schema::SECRET_ANNOTATION;
use super::schema_walk::{Place, SchemaWalker, Step};
use super::secrets_file::{self, SecretsFileError};

/// The id prefix of a secret read from an environment variable.
pub const ENV_PREFIX: &str = "env:";
/// The id prefix of a secret read from a file.
pub const FILE_PREFIX: &str = "file:";
/// What `{app}` stands for in a global record's secret id (Dokku's own flag: no app has that name).
pub const GLOBAL_SCOPE: &str = "--global";

/// The id a reference object names, if `value` is one (`{"secret": "<id>"}`).
pub fn reference_id(value: &Value) -> Option<&str> {
    match value {
        Value::Object(map) if map.len() == 1 => map.get(SECRET_REFERENCE_KEY)?.as_str(),
        _ => None,
    }
}

fn reference(id: &str) -> Value {
    let mut map = Map::new();
    map.insert(SECRET_REFERENCE_KEY.into(), id.into());
    Value::Object(map)
}

/// The places of `document` where the schema allows a secret, each once, in document order.
fn secret_places<'s, 'v>(schema: &'s Value, document: &'v Value) -> Vec<Place<'s, 'v>> {
    let mut places: Vec<Place<'s, 'v>> = Vec::new();
    let mut seen: HashSet<Vec<Step>> = HashSet::new();
    SchemaWalker::new(schema).walk(document, SECRET_ANNOTATION, &mut |place| {
        if seen.insert(place.steps.clone()) {
            places.push(place);
        }
    });
    places
}

/// The readable id of a secret: the plugin's key, then its `x-dokku-secret-id` template filled
/// in; the JSON pointer when there is no template or a field it names is missing. A `{field}`
/// is a string member of the object that holds the secret (`{url}` beside `credentials`), else
/// of the record.
fn secret_id(place: &Place<'_, '_>, root: &Value) -> String {
    let fallback = || place.pointer().trim_start_matches('/').to_owned();
    let (Some(template), Some(Step::Key(plugin))) = (place.secret_id_template, place.steps.first()) else {
        return fallback();
    };
    let mut filled = String::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        filled.push_str(&rest[..open]);
        let Some(close) = rest[open..].find('}') else { return fallback() };
        let name = &rest[open + 1..open + close];
        let part = match name {
            "app" => Some(
                place
                    .record
                    .and_then(|r| r.get("app_name"))
                    .and_then(Value::as_str)
                    .unwrap_or(GLOBAL_SCOPE)
                    .to_owned(),
            ),
            "entry" => place.entry.map(str::to_owned),
            field => parent(place, root)
                .and_then(|p| p.get(field))
                .or_else(|| place.record.and_then(|r| r.get(field)))
                .and_then(Value::as_str)
                .map(str::to_owned),
        };
        let Some(part) = part else { return fallback() };
        filled.push_str(&part);
        rest = &rest[open + close + 1..];
    }
    filled.push_str(rest);
    format!("{plugin}/{filled}")
}

/// The object that holds the value at `place` as a member, if any.
fn parent<'v>(place: &Place<'_, '_>, root: &'v Value) -> Option<&'v Map<String, Value>> {
    let (Step::Key(_), holder) = place.steps.split_last()? else { return None };
    let holder = Place { steps: holder.to_vec(), ..*place };
    root.pointer(&holder.pointer())?.as_object()
}

/// Moves every secret value of `document` (valid against `schema`) out: each becomes a
/// reference, and the returned map holds id → value. Values that are references already, and
/// `null`s, stay.
pub fn extract(document: &mut Map<String, Value>, schema: &Value) -> BTreeMap<String, Value> {
    let mut root = Value::Object(std::mem::take(document));
    let mut moves: Vec<(String, String)> = Vec::new();
    let mut ids: HashSet<String> = HashSet::new();
    for place in secret_places(schema, &root) {
        if place.value.is_null() || reference_id(place.value).is_some() {
            continue;
        }
        let mut id = secret_id(&place, &root);
        // Two secrets with the same id (the same docker option twice, two records with one
        // identity) must not share a value: the later ones are numbered in document order.
        let first = id.clone();
        let mut n = 1;
        while !ids.insert(id.clone()) {
            n += 1;
            id = format!("{first}#{n}");
        }
        moves.push((place.pointer(), id));
    }
    let mut secrets = BTreeMap::new();
    for (pointer, id) in moves {
        if let Some(slot) = root.pointer_mut(&pointer) {
            let value = std::mem::replace(slot, reference(&id));
            secrets.insert(id, value);
        }
    }
    if let Value::Object(map) = root {
        *document = map;
    }
    secrets
}

/// Where references find their values.
#[derive(Clone, Debug, Default)]
pub struct SecretSources {
    /// The secrets file (read only when a reference needs it).
    pub secrets_file: Option<PathBuf>,
    /// The directory relative `file:` paths start from (the document's).
    pub base_dir: Option<PathBuf>,
    /// The age identity or SSH private key that decrypts an encrypted secrets file.
    pub identity: Option<PathBuf>,
}

/// Why references could not be resolved.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ResolveError {
    /// The secrets file could not be used.
    #[error(transparent)]
    SecretsFile(#[from] SecretsFileError),
    /// References that name nothing, each with its JSON path.
    #[error("the document has {} unresolved secret reference(s), nothing was sent:\n{}", .0.len(), list(.0))]
    References(Vec<DocumentError>),
}

fn list(errors: &[DocumentError]) -> String {
    errors.iter().map(|e| format!("  {e}")).collect::<Vec<_>>().join("\n")
}

/// Replaces every reference at a secret place of `document` with its value. Returns how many
/// were resolved. The secrets file is read only if a reference names one of its ids.
pub fn resolve(
    document: &mut Map<String, Value>,
    schema: &Value,
    sources: &SecretSources,
) -> Result<usize, ResolveError> {
    let mut root = Value::Object(std::mem::take(document));
    let wanted: Vec<(String, String, String)> = secret_places(schema, &root)
        .into_iter()
        .filter_map(|p| Some((p.pointer(), p.json_path(), reference_id(p.value)?.to_owned())))
        .collect();
    let mut file: Option<BTreeMap<String, Value>> = None;
    let mut errors = Vec::new();
    let mut values = Vec::new();
    for (pointer, path, id) in wanted {
        let value = if let Some(name) = id.strip_prefix(ENV_PREFIX) {
            std::env::var(name).map(Value::String).map_err(|_| {
                format!("secret `{id}`: the environment variable {name} is not set (or not UTF-8)")
            })
        } else if let Some(file_path) = id.strip_prefix(FILE_PREFIX) {
            let full = match &sources.base_dir {
                Some(base) if Path::new(file_path).is_relative() => base.join(file_path),
                _ => PathBuf::from(file_path),
            };
            std::fs::read_to_string(&full)
                .map(|text| Value::String(text.strip_suffix('\n').unwrap_or(&text).to_owned()))
                .map_err(|e| format!("secret `{id}`: cannot read {}: {e}", full.display()))
        } else {
            match &sources.secrets_file {
                None => Err(format!(
                    "secret `{id}`: no secrets file (the document was read from stdin: give --secrets-file)"
                )),
                Some(secrets_path) => {
                    if file.is_none() {
                        file = Some(secrets_file::read(secrets_path, sources.identity.as_deref())?);
                    }
                    file.as_ref().and_then(|f| f.get(&id)).cloned().ok_or_else(|| {
                        format!("secret `{id}` is not in the secrets file {}", secrets_path.display())
                    })
                }
            }
        };
        match value {
            Ok(value) => values.push((pointer, value)),
            Err(message) => errors.push(DocumentError { path, message }),
        }
    }
    if !errors.is_empty() {
        if let Value::Object(map) = root {
            *document = map;
        }
        return Err(ResolveError::References(errors));
    }
    let resolved = values.len();
    for (pointer, value) in values {
        if let Some(slot) = root.pointer_mut(&pointer) {
            *slot = value;
        }
    }
    if let Value::Object(map) = root {
        *document = map;
    }
    Ok(resolved)
}

/// [`resolve`] on a document's text; the text comes back unchanged when it holds no reference,
/// or is not a JSON object (validation reports that later, with its path).
pub fn resolve_text(text: &str, schema: &Value, sources: &SecretSources) -> Result<String, ResolveError> {
    let Ok(Value::Object(mut document)) = serde_json::from_str::<Value>(text) else {
        return Ok(text.to_owned());
    };
    if resolve(&mut document, schema, sources)? == 0 {
        return Ok(text.to_owned());
    }
    Ok(super::document::to_text(&document, 2))
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    /// The shape of the real schema's config, git and letsencrypt records.
    fn schema() -> Value {
        let secret = json!({"anyOf": [{"type": "string"}, {"$ref": "#/$defs/SecretReference"}], "x-dokku-secret": true});
        json!({
            "type": "object",
            "properties": {
                "config": {"type": "array", "items": {"type": "object", "properties": {
                    "key": {"type": "string"}, "app_name": {"type": ["string", "null"]},
                    "value": {"anyOf": [secret, {"type": "null"}], "x-dokku-secret-id": "{app}/{key}"}}}},
                "letsencrypt": {"type": "array", "items": {"type": "object", "properties": {
                    "app_name": {"type": ["string", "null"]},
                    "options": {"type": ["object", "null"], "x-dokku-secret-id": "{app}/{entry}",
                                "patternProperties": {"^dns-provider-\\S+$": secret},
                                "additionalProperties": {"type": "string"}}}}}
            },
            "$defs": {"SecretReference": {"type": "object", "required": ["secret"], "additionalProperties": false,
                                          "properties": {"secret": {"type": "string"}}}}
        })
    }

    fn document() -> Map<String, Value> {
        let value = json!({
            "config": [
                {"key": "G", "value": "global-value"},
                {"key": "DATABASE_URL", "value": "postgres://u:p@h/db", "app_name": "my-app"},
                {"key": "NULLED", "value": null, "app_name": "my-app"},
                {"key": "FROM_ENV", "value": {"secret": "env:DOKKU_RS_TEST_SECRET"}, "app_name": "my-app"}
            ],
            "letsencrypt": [
                {"app_name": "my-app", "options": {"email": "a@b.c", "dns-provider-CF_TOKEN": "tok"}}
            ]
        });
        match value {
            Value::Object(map) => map,
            _ => Map::new(),
        }
    }

    #[test]
    fn extraction_leaves_readable_references_and_keeps_everything_else() {
        let mut document = document();
        let secrets = extract(&mut document, &schema());
        let ids: Vec<&str> = secrets.keys().map(String::as_str).collect();
        assert_eq!(
            ids,
            ["config/--global/G", "config/my-app/DATABASE_URL", "letsencrypt/my-app/dns-provider-CF_TOKEN"]
        );
        assert_eq!(document["config"][1]["value"], json!({"secret": "config/my-app/DATABASE_URL"}));
        assert_eq!(document["config"][2]["value"], Value::Null);
        assert_eq!(document["config"][3]["value"], json!({"secret": "env:DOKKU_RS_TEST_SECRET"}));
        assert_eq!(document["letsencrypt"][0]["options"]["email"], "a@b.c");
        assert!(!Value::Object(document).to_string().contains("postgres://"));
    }

    #[test]
    fn resolution_restores_the_document() {
        let dir = tempfile::tempdir().expect("tempdir");
        let secrets_path = dir.path().join("d.secrets.json");
        let mut document = document();
        document["config"][3]["value"] = json!("x");
        let original = document.clone();
        let secrets = extract(&mut document, &schema());
        secrets_file::write(&secrets_path, &secrets, &[]).expect("write");
        let sources = SecretSources { secrets_file: Some(secrets_path), ..SecretSources::default() };
        assert_eq!(resolve(&mut document, &schema(), &sources).ok(), Some(4));
        assert_eq!(document, original);
    }

    #[test]
    fn references_resolve_from_files_and_name_their_path_when_missing() {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::write(dir.path().join("token"), "from-file\n").expect("write");
        let mut document = document();
        document["config"][0]["value"] = json!({"secret": "file:token"});
        document["config"][3]["value"] = json!({"secret": "env:DOKKU_RS_SURELY_UNSET_VARIABLE"});
        document["config"][1]["value"] = json!({"secret": "config/my-app/DATABASE_URL"});
        let secrets_path = dir.path().join("d.secrets.json");
        secrets_file::write(&secrets_path, &BTreeMap::new(), &[]).expect("write");
        let sources = SecretSources {
            secrets_file: Some(secrets_path),
            base_dir: Some(dir.path().to_owned()),
            identity: None,
        };
        let error =
            resolve(&mut document, &schema(), &sources).err().map(|e| e.to_string()).unwrap_or_default();
        assert!(
            error.contains(
                "$.config[1].value: secret `config/my-app/DATABASE_URL` is not in the secrets file"
            ),
            "{error}"
        );
        assert!(error.contains("$.config[3].value: secret `env:DOKKU_RS_SURELY_UNSET_VARIABLE`"), "{error}");
        assert!(!error.contains("$.config[0]"), "{error}");
    }
}
