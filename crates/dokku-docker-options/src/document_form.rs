//! How a [`DockerOption`] is written in a document: a plain string, or, when it carries an
//! environment variable's or build argument's value, `{"option": "-e KEY=***", "value": "…"}`.
//!
//! The split exists so the value is a whole value the schema marks secret: export moves it to
//! the secrets file (leaving `{"secret": "<id>"}`) while the masked option stays readable in the
//! main file. The two parts join back to the exact text Dokku stores (quotes included).

use std::borrow::Cow;

use dokku_core::{MASK, Secret};
use schemars::{JsonSchema, Schema, SchemaGenerator};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::model::DockerOption;

/// The document's shape of one docker option.
#[derive(Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
enum Written {
    /// An option without a secret value.
    Plain(String),
    /// An option whose value is taken out.
    WithValue(OptionWithValue),
}

/// The object form: the masked text and the secret part.
#[derive(Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct OptionWithValue {
    /// The option with its value shown as `***` (`--build-arg NPM_TOKEN=***`).
    option: String,
    /// The text after `KEY=`, exactly as stored (a closing quote included): a secret.
    #[schemars(extend("x-dokku-secret-id" = "{app}/{option}"))]
    value: Secret<String>,
}

impl DockerOption {
    /// The option from its masked text and value, if the text is what [`DockerOption::masked`]
    /// makes of such an option (`… KEY=***`).
    fn from_parts(masked: &str, value: &str) -> Result<Self, String> {
        let prefix = masked
            .strip_suffix(MASK)
            .ok_or_else(|| format!("`option` must end in `{MASK}` where the value goes, got `{masked}`"))?;
        let option = Self::new(format!("{prefix}{value}"));
        if option.masked() == masked {
            Ok(option)
        } else {
            // The message never quotes the value.
            Err(format!("`option` `{masked}` and its value do not make one option"))
        }
    }
}

impl Serialize for DockerOption {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.secret_from() {
            Some(at) => Written::WithValue(OptionWithValue {
                option: self.masked(),
                value: Secret::new(self.expose()[at..].to_owned()),
            }),
            None => Written::Plain(self.expose().to_owned()),
        }
        .serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for DockerOption {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        match Written::deserialize(deserializer)? {
            Written::Plain(text) => Ok(Self::new(text)),
            Written::WithValue(OptionWithValue { option, value }) => {
                Self::from_parts(&option, value.expose()).map_err(serde::de::Error::custom)
            }
        }
    }
}

impl JsonSchema for DockerOption {
    fn schema_name() -> Cow<'static, str> {
        "DockerOption".into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        Written::json_schema(generator)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_round_trip_exactly() {
        for text in [
            "--build-arg NPM_TOKEN=npm-secret",
            "-e 'GREETING=hello world'",
            "--env=KEY=a=b",
            "-eKEY=v",
            "-e EMPTY=",
        ] {
            let option = DockerOption::new(text);
            let written = serde_json::to_value(&option).unwrap_or_default();
            assert_eq!(written["option"], serde_json::json!(option.masked()), "{text}");
            let back: DockerOption =
                serde_json::from_value(written).unwrap_or_else(|_| DockerOption::new(""));
            assert_eq!(back.expose(), text);
        }
    }

    #[test]
    fn options_without_values_stay_strings() {
        for text in ["--ulimit nofile=12288:12288", "-e PASSTHROUGH", "--env-file /etc/app.env"] {
            assert_eq!(serde_json::to_value(DockerOption::new(text)).ok(), Some(serde_json::json!(text)));
        }
    }

    #[test]
    fn parts_that_do_not_fit_are_refused_without_quoting_the_value() {
        let cases = [
            serde_json::json!({"option": "-e KEY=", "value": "s3cret"}),
            serde_json::json!({"option": "--ulimit ***", "value": "s3cret"}),
        ];
        for case in cases {
            let err = serde_json::from_value::<DockerOption>(case.clone()).err().map(|e| e.to_string());
            let err = err.unwrap_or_else(|| panic!("accepted {case}"));
            assert!(!err.contains("s3cret"), "{err}");
        }
    }
}
