//! The JSON Schema (draft 2020-12) of the documents `apply` accepts, generated from the record
//! types of the plugins compiled in (deserialize contract), with this tool's annotations:
//!
//! - `x-dokku-secret: true` marks a secret value (a value, or a `{"secret": "<id>"}` reference);
//!   `x-dokku-secret-id` (a template such as `{app}/{key}`) names it in the secrets file;
//! - `x-dokku-plugin` names the Dokku plugin that owns a top-level list;
//! - `x-dokku-since` is the first Dokku version that can take a value.
//!
//! Secret extraction and the compatibility check walk documents by these annotations
//! ([`super::schema_walk`]), so the schema is the only table of what is secret or versioned.

use schemars::generate::SchemaSettings;
use schemars::{Schema, SchemaGenerator};
use serde_json::{Map, Value};

use super::document::{DocumentHeader, SCHEMA_URL};
use super::scheduler::flattened;
use dokku_core::plugin::PluginGlue;

/// The annotation naming the Dokku plugin that owns a top-level list (`nginx-vhosts`).
pub const PLUGIN_ANNOTATION: &str = "x-dokku-plugin";
/// The annotation giving the first Dokku version that can take a value (`0.31.0`).
pub const SINCE_ANNOTATION: &str = "x-dokku-since";
pub use dokku_core::{SECRET_ANNOTATION, SECRET_ID_ANNOTATION};

/// The schema of a document with `plugins`' lists, as a JSON value.
pub fn document_schema(plugins: &[&'static dyn PluginGlue]) -> Result<Value, String> {
    let order = flattened(plugins)?;
    let mut generator: SchemaGenerator = SchemaSettings::draft2020_12().for_deserialize().into_generator();
    let lists: Vec<(&str, Value)> = order
        .iter()
        .map(|plugin| {
            let items = plugin.record_schema(&mut generator);
            let mut list = serde_json::json!({
                "description": format!("The records of Dokku's {} plugin.", plugin.dokku_name()),
                "type": "array",
                "items": items,
            });
            list[PLUGIN_ANNOTATION] = plugin.dokku_name().into();
            (plugin.key(), list)
        })
        .collect();
    // The header last: the root takes every definition generated so far.
    let root: Schema = generator.root_schema_for::<DocumentHeader>();
    let mut root = root.to_value();
    let Value::Object(object) = &mut root else { return Err("the header schema is not an object".into()) };
    let mut ordered = Map::new();
    ordered.insert("$schema".into(), object.shift_remove("$schema").unwrap_or_default());
    ordered.insert("$id".into(), SCHEMA_URL.into());
    ordered.extend(std::mem::take(object));
    if let Some(Value::Object(properties)) = ordered.get_mut("properties") {
        for (key, list) in lists {
            properties.insert(key.to_owned(), list);
        }
    }
    // A key that is neither the header nor a plugin of this build is refused on apply.
    ordered.insert("additionalProperties".into(), false.into());
    // `$defs` last, for people reading the file.
    if let Some(defs) = ordered.shift_remove("$defs") {
        ordered.insert("$defs".into(), defs);
    }
    Ok(Value::Object(ordered))
}

/// The schema as the committed file holds it (two-space indent, trailing newline).
pub fn document_schema_text(plugins: &[&'static dyn PluginGlue]) -> Result<String, String> {
    let schema = document_schema(plugins)?;
    let Value::Object(map) = schema else { return Err("the schema is not an object".into()) };
    Ok(super::document::to_text(&map, 2))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::registry::registered;

    #[test]
    fn lists_carry_their_plugin_and_secrets_are_annotated() {
        let schema = document_schema(&registered()).unwrap_or_default();
        assert_eq!(schema["$schema"], "https://json-schema.org/draft/2020-12/schema");
        #[cfg(feature = "nginx")]
        assert_eq!(schema["properties"]["nginx"][PLUGIN_ANNOTATION], "nginx-vhosts");
        #[cfg(feature = "config")]
        {
            let text = schema.to_string();
            assert!(text.contains(r#""x-dokku-secret":true"#), "{text}");
        }
    }
}
