//! Values that are secret in part (a URL's credentials, the value of a `-e KEY=value` option):
//! how a document writes them so the secret part is a whole value of its own.
//!
//! Such a value is a plain string when it holds no secret, else an object of two members: the
//! text with the secret shown as `***`, and the secret part. The schema marks the second
//! `x-dokku-secret`, so export moves it to the secrets file like any secret while the masked
//! text stays readable in the main file. The two must join back to a value whose masked text is
//! the one given, so a hand-edited pair that does not fit is refused by its field.

use schemars::{Schema, SchemaGenerator, json_schema};
use serde::de::Error as _;
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serializer};

use crate::secret::Secret;

/// A value that is secret in part; see the module documentation.
pub trait SecretPart: Sized {
    /// The member holding the masked text (`url`, `option`).
    const MASKED_FIELD: &'static str;
    /// The member holding the secret part (`credentials`, `value`).
    const SECRET_FIELD: &'static str;
    /// The secret's `x-dokku-secret-id` template (`{app}/{url}`).
    const SECRET_ID: &'static str;
    /// What the value is, for the schema's readers.
    const DESCRIPTION: &'static str;

    /// The masked text and the secret part, or `None` when the value holds no secret.
    fn split(&self) -> Option<(String, String)>;

    /// The whole text (written as a plain string when there is no secret part).
    fn whole(&self) -> &str;

    /// A value from a plain string.
    fn from_whole(text: String) -> Self;

    /// The value the masked text and secret part make, if they make one whose masked text is
    /// `masked`; the error never quotes `secret`.
    fn join(masked: &str, secret: &str) -> Result<Self, String>;
}

/// Writes `value` as a string, or as the object of its masked text and secret part.
pub fn serialize<T: SecretPart, S: Serializer>(value: &T, serializer: S) -> Result<S::Ok, S::Error> {
    match value.split() {
        None => serializer.serialize_str(value.whole()),
        Some((masked, secret)) => {
            let mut map = serializer.serialize_map(Some(2))?;
            map.serialize_entry(T::MASKED_FIELD, &masked)?;
            map.serialize_entry(T::SECRET_FIELD, &secret)?;
            map.end()
        }
    }
}

/// Reads what [`serialize`] writes.
pub fn deserialize<'de, T: SecretPart, D: Deserializer<'de>>(deserializer: D) -> Result<T, D::Error> {
    let expected =
        || format!("a string, or an object of `{}` and `{}` only", T::MASKED_FIELD, T::SECRET_FIELD);
    match serde_json::Value::deserialize(deserializer)? {
        serde_json::Value::String(text) => Ok(T::from_whole(text)),
        serde_json::Value::Object(members) => {
            let text = |field: &str| members.get(field).and_then(serde_json::Value::as_str);
            match (text(T::MASKED_FIELD), text(T::SECRET_FIELD)) {
                (Some(masked), Some(secret)) if members.len() == 2 => {
                    T::join(masked, secret).map_err(D::Error::custom)
                }
                _ => Err(D::Error::custom(expected())),
            }
        }
        _ => Err(D::Error::custom(expected())),
    }
}

/// The schema of what [`serialize`] writes, the secret part annotated.
pub fn json_schema<T: SecretPart>(generator: &mut SchemaGenerator) -> Schema {
    let mut secret = generator.subschema_for::<Secret<String>>();
    secret.insert(crate::SECRET_ID_ANNOTATION.into(), T::SECRET_ID.into());
    secret.insert(
        "description".into(),
        "The secret part, which goes where the masked text shows `***`.".into(),
    );
    json_schema!({
        "description": T::DESCRIPTION,
        "anyOf": [
            {"type": "string", "description": "The whole value, when no part of it is secret."},
            {
                "type": "object",
                "properties": {
                    T::MASKED_FIELD: {"type": "string", "description": "The value with its secret part shown as `***`."},
                    T::SECRET_FIELD: secret,
                },
                "required": [T::MASKED_FIELD, T::SECRET_FIELD],
                "additionalProperties": false,
            }
        ]
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `user:secret` with `secret` hidden after the colon.
    #[derive(Debug, PartialEq)]
    struct Pair(String);

    impl SecretPart for Pair {
        const MASKED_FIELD: &'static str = "text";
        const SECRET_FIELD: &'static str = "hidden";
        const SECRET_ID: &'static str = "{app}/{text}";
        const DESCRIPTION: &'static str = "A pair.";

        fn split(&self) -> Option<(String, String)> {
            let (user, secret) = self.0.split_once(':')?;
            Some((format!("{user}:***"), secret.to_owned()))
        }

        fn whole(&self) -> &str {
            &self.0
        }

        fn from_whole(text: String) -> Self {
            Self(text)
        }

        fn join(masked: &str, secret: &str) -> Result<Self, String> {
            let user = masked.strip_suffix(":***").ok_or("`text` must end in `:***`")?;
            Ok(Self(format!("{user}:{secret}")))
        }
    }

    fn write(pair: &Pair) -> serde_json::Value {
        serialize(pair, serde_json::value::Serializer).unwrap_or_default()
    }

    fn read(value: serde_json::Value) -> Result<Pair, String> {
        deserialize(value).map_err(|e: serde_json::Error| e.to_string())
    }

    #[test]
    fn values_with_and_without_a_secret_round_trip() {
        let plain = Pair("no secret here".to_owned());
        assert_eq!(write(&plain), serde_json::json!("no secret here"));
        let hidden = Pair("bot:s3cret".to_owned());
        assert_eq!(write(&hidden), serde_json::json!({"text": "bot:***", "hidden": "s3cret"}));
        assert_eq!(read(write(&hidden)), Ok(hidden));
        assert_eq!(read(write(&plain)), Ok(plain));
    }

    #[test]
    fn other_shapes_are_refused_without_quoting_the_secret() {
        for value in [
            serde_json::json!({"text": "bot", "hidden": "s3cret"}),
            serde_json::json!({"text": "bot:***", "hidden": "s3cret", "more": 1}),
            serde_json::json!({"text": "bot:***"}),
            serde_json::json!(3),
        ] {
            let error = read(value.clone()).err().unwrap_or_else(|| panic!("accepted {value}"));
            assert!(!error.contains("s3cret"), "{error}");
        }
    }

    #[test]
    fn the_schema_marks_the_secret_part() {
        let schema = json_schema::<Pair>(&mut SchemaGenerator::default());
        let hidden = &schema.as_value()["anyOf"][1]["properties"]["hidden"];
        assert_eq!(hidden[crate::SECRET_ANNOTATION], true);
        assert_eq!(hidden[crate::SECRET_ID_ANNOTATION], "{app}/{text}");
    }
}
