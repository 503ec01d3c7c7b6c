//! A value that must never be printed by accident.

use std::borrow::Cow;
use std::fmt;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};

use crate::secret_reference::SecretReference;

/// A secret value (config value, password, key body).
///
/// `Debug` and `Display` print `***`; the value is reachable only through [`Secret::expose`],
/// so every place that reveals it is visible in the code.
#[derive(Clone, PartialEq, Eq, Hash, Default, serde::Serialize, serde::Deserialize)]
#[serde(transparent)]
pub struct Secret<T = String>(T);

/// What a masked secret prints as.
pub const MASK: &str = "***";

impl<T> Secret<T> {
    /// Wraps a value.
    pub fn new(value: T) -> Self {
        Self(value)
    }

    /// The value itself. Call only where the user asked for it or the value leaves for Dokku.
    pub fn expose(&self) -> &T {
        &self.0
    }

    /// Unwraps the value.
    pub fn into_inner(self) -> T {
        self.0
    }
}

impl<T> From<T> for Secret<T> {
    fn from(value: T) -> Self {
        Self(value)
    }
}

impl<T> fmt::Debug for Secret<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(MASK)
    }
}

impl<T> fmt::Display for Secret<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(MASK)
    }
}

/// The schema annotation that marks a secret value (`"x-dokku-secret": true`): export moves such
/// values to the secrets file, plans compare them without showing them.
pub const SECRET_ANNOTATION: &str = "x-dokku-secret";

/// The annotation naming a secret in the secrets file: a template of `{field}` (a string member
/// of the object holding the secret, else of the record), `{app}` (the record's `app_name`, or
/// `--global`) and `{entry}` (the key within a map).
pub const SECRET_ID_ANNOTATION: &str = "x-dokku-secret-id";

/// A document holds a secret either as its value or as a [`SecretReference`] to it; the schema
/// says both, and marks the place with [`SECRET_ANNOTATION`].
impl<T: JsonSchema> JsonSchema for Secret<T> {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> Cow<'static, str> {
        format!("Secret_{}", T::schema_name()).into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let value = generator.subschema_for::<T>();
        let reference = generator.subschema_for::<SecretReference>();
        let mut schema = json_schema!({ "anyOf": [value, reference] });
        schema.insert(SECRET_ANNOTATION.into(), true.into());
        schema
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_and_display_mask_the_value() {
        let s = Secret::new("hunter2".to_owned());
        assert_eq!(format!("{s} {s:?}"), "*** ***");
        assert_eq!(s.expose(), "hunter2");
    }

    #[test]
    fn serde_is_transparent() {
        let s: Secret = serde_json::from_str("\"v\"").unwrap_or_default();
        assert_eq!(serde_json::to_string(&s).ok().as_deref(), Some("\"v\""));
    }
}
