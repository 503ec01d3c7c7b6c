//! How a [`BuildpackUrl`] is written in a document: a plain string, or, when the URL carries
//! credentials, `{"url": "https://***@host/…", "credentials": "user:token"}`.
//!
//! The split exists so the credentials are a whole value the schema marks secret: export moves
//! them to the secrets file (leaving `{"secret": "<id>"}`) while the masked URL stays readable
//! in the main file, and a plan or review shows which buildpack it is without the token.

use std::borrow::Cow;

use dokku_core::{MASK, Secret};
use schemars::{JsonSchema, Schema, SchemaGenerator};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::model::BuildpackUrl;

/// The document's shape of one buildpack URL.
#[derive(Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
enum Written {
    /// A URL without credentials, or a shorthand.
    Plain(String),
    /// A URL with its userinfo taken out.
    WithCredentials(UrlWithCredentials),
}

/// The object form: the masked text and the secret part.
#[derive(Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct UrlWithCredentials {
    /// The URL with its userinfo shown as `***` (`https://***@github.com/acme/bp.git`).
    url: String,
    /// The userinfo (`user:token`): a secret.
    #[schemars(extend("x-dokku-secret-id" = "{app}/{url}"))]
    credentials: Secret<String>,
}

impl BuildpackUrl {
    /// The URL from its masked text and credentials, if the text is what [`BuildpackUrl::masked`]
    /// makes of such a URL (`<scheme>://***@<rest>`).
    fn from_parts(masked: &str, credentials: &str) -> Result<Self, String> {
        let not_masked =
            || format!("`url` must show the credentials' place as `<scheme>://{MASK}@…`, got `{masked}`");
        let (scheme, rest) = masked.split_once("://").ok_or_else(not_masked)?;
        let host_and_path = rest.strip_prefix(&format!("{MASK}@")).ok_or_else(not_masked)?;
        if credentials.is_empty() || credentials.contains('/') {
            // The message never quotes the credentials.
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
        match self.userinfo() {
            Some((start, end)) => Written::WithCredentials(UrlWithCredentials {
                url: self.masked(),
                credentials: Secret::new(self.expose()[start..end - 1].to_owned()),
            }),
            None => Written::Plain(self.expose().to_owned()),
        }
        .serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for BuildpackUrl {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        match Written::deserialize(deserializer)? {
            Written::Plain(url) => Ok(Self::new(url)),
            Written::WithCredentials(UrlWithCredentials { url, credentials }) => {
                Self::from_parts(&url, credentials.expose()).map_err(serde::de::Error::custom)
            }
        }
    }
}

impl JsonSchema for BuildpackUrl {
    fn schema_name() -> Cow<'static, str> {
        "BuildpackUrl".into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        Written::json_schema(generator)
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
            serde_json::json!({"url": "https://***@github.com/acme/bp.git", "credentials": "bot:s3cret", "x": 1}),
        ];
        for case in cases {
            let err = serde_json::from_value::<BuildpackUrl>(case.clone()).err().map(|e| e.to_string());
            let err = err.unwrap_or_else(|| panic!("accepted {case}"));
            assert!(!err.contains("s3cret"), "{err}");
        }
    }
}
