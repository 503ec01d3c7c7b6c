//! How a [`BuildpackUrl`] is written in a document: a plain string, or, when the URL carries
//! credentials, `{"url": "https://***@host/…", "credentials": "user:token"}`
//! ([`dokku_core::secret_part`]), so export moves the credentials to the secrets file while the
//! masked URL stays readable in the main file.

use std::borrow::Cow;

use dokku_core::MASK;
use dokku_core::secret_part::{self, SecretPart};
use schemars::{JsonSchema, Schema, SchemaGenerator};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::model::BuildpackUrl;

impl SecretPart for BuildpackUrl {
    const MASKED_FIELD: &'static str = "url";
    const SECRET_FIELD: &'static str = "credentials";
    const SECRET_ID: &'static str = "{app}/{url}";
    const DESCRIPTION: &'static str =
        "A buildpack URL or `owner/name` shorthand; a URL with credentials (`user:token@`) keeps them apart.";

    fn split(&self) -> Option<(String, String)> {
        let (start, end) = self.userinfo()?;
        Some((self.masked(), self.expose()[start..end - 1].to_owned()))
    }

    fn whole(&self) -> &str {
        self.expose()
    }

    fn from_whole(text: String) -> Self {
        Self::new(text)
    }

    /// `<scheme>://***@<rest>` and `user:token` make `<scheme>://user:token@<rest>`.
    fn join(masked: &str, credentials: &str) -> Result<Self, String> {
        let not_masked =
            || format!("`url` must show the credentials' place as `<scheme>://{MASK}@…`, got `{masked}`");
        let (scheme, rest) = masked.split_once("://").ok_or_else(not_masked)?;
        let host_and_path = rest.strip_prefix(&format!("{MASK}@")).ok_or_else(not_masked)?;
        if credentials.is_empty() || credentials.contains('/') {
            return Err("`credentials` must be a URL's userinfo (`user:token`, no `/`)".to_owned());
        }
        let url = Self::new(format!("{scheme}://{credentials}@{host_and_path}"));
        if url.masked() == masked {
            Ok(url)
        } else {
            Err(format!("`url` `{masked}` and its credentials do not make one URL"))
        }
    }
}

impl Serialize for BuildpackUrl {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        secret_part::serialize(self, serializer)
    }
}

impl<'de> Deserialize<'de> for BuildpackUrl {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        secret_part::deserialize(deserializer)
    }
}

impl JsonSchema for BuildpackUrl {
    fn schema_name() -> Cow<'static, str> {
        "BuildpackUrl".into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        secret_part::json_schema::<Self>(generator)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credentials_are_a_separate_value() {
        let url = BuildpackUrl::new("https://bot:ghp_secret@github.com/acme/private-bp.git");
        let written = serde_json::to_value(&url).unwrap_or_default();
        assert_eq!(
            written,
            serde_json::json!({"url": "https://***@github.com/acme/private-bp.git", "credentials": "bot:ghp_secret"})
        );
        let back: BuildpackUrl = serde_json::from_value(written).unwrap_or_else(|_| BuildpackUrl::new(""));
        assert_eq!(back.expose(), url.expose());
    }

    #[test]
    fn plain_urls_and_shorthands_stay_strings() {
        for text in
            ["heroku/nodejs", "https://github.com/heroku/heroku-buildpack-ruby.git", "git@github.com:a/b.git"]
        {
            let url = BuildpackUrl::new(text);
            assert_eq!(serde_json::to_value(&url).ok(), Some(serde_json::json!(text)));
        }
    }

    #[test]
    fn parts_that_do_not_fit_are_refused_without_quoting_the_secret() {
        let cases = [
            serde_json::json!({"url": "https://github.com/acme/bp.git", "credentials": "bot:s3cret"}),
            serde_json::json!({"url": "https://***@github.com/acme/bp.git", "credentials": "bot/s3cret"}),
            serde_json::json!({"url": "https://***@github.com/acme/bp.git", "credentials": ""}),
        ];
        for case in cases {
            let err = serde_json::from_value::<BuildpackUrl>(case.clone()).err().map(|e| e.to_string());
            let err = err.unwrap_or_else(|| panic!("accepted {case}"));
            assert!(!err.contains("s3cret"), "{err}");
        }
    }
}
