//! How a [`DockerOption`] is written in a document: a plain string, or, when it carries an
//! environment variable's or build argument's value, `{"option": "-e KEY=***", "value": "…"}`
//! ([`dokku_core::secret_part`]), so export moves the value to the secrets file while the
//! masked option stays readable in the main file. The parts join back to the exact text Dokku
//! stores, quotes included.

use std::borrow::Cow;

use dokku_core::MASK;
use dokku_core::secret_part::{self, SecretPart};
use schemars::{JsonSchema, Schema, SchemaGenerator};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::model::DockerOption;

impl SecretPart for DockerOption {
    const MASKED_FIELD: &'static str = "option";
    const SECRET_FIELD: &'static str = "value";
    const SECRET_ID: &'static str = "{app}/{option}";
    const DESCRIPTION: &'static str = "One docker option as Dokku stores it; a `-e`/`--env`/`--build-arg` `KEY=value` keeps its value apart.";

    fn split(&self) -> Option<(String, String)> {
        let at = self.secret_from()?;
        Some((self.masked(), self.expose()[at..].to_owned()))
    }

    fn whole(&self) -> &str {
        self.expose()
    }

    fn from_whole(text: String) -> Self {
        Self::new(text)
    }

    /// `… KEY=***` and the text after `KEY=` make the option.
    fn join(masked: &str, value: &str) -> Result<Self, String> {
        let prefix = masked
            .strip_suffix(MASK)
            .ok_or_else(|| format!("`option` must end in `{MASK}` where the value goes, got `{masked}`"))?;
        let option = Self::new(format!("{prefix}{value}"));
        if option.masked() == masked {
            Ok(option)
        } else {
            Err(format!("`option` `{masked}` and its value do not make one option"))
        }
    }
}

impl Serialize for DockerOption {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        secret_part::serialize(self, serializer)
    }
}

impl<'de> Deserialize<'de> for DockerOption {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        secret_part::deserialize(deserializer)
    }
}

impl JsonSchema for DockerOption {
    fn schema_name() -> Cow<'static, str> {
        "DockerOption".into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        secret_part::json_schema::<Self>(generator)
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
