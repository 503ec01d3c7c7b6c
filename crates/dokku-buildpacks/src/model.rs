//! The buildpacks record: one app's ordered buildpack list and stack, or the global stack.

use std::collections::BTreeMap;
use std::fmt;

use dokku_core::MASK;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// One buildpack URL (or Dokku's `owner/name` shorthand), as the document and Dokku hold it.
///
/// A URL may carry credentials (`https://user:token@host/…`), so the type is a secret in part:
/// `Debug` and `Display` print the userinfo as `***`, and [`BuildpackUrl::expose`] is the only
/// way to the full text. In a document such a URL is an object whose `credentials` are a
/// secret (see `document_form.rs`), so an export's main file never holds them.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct BuildpackUrl(String);

impl BuildpackUrl {
    /// Wraps a URL or shorthand.
    pub fn new(url: impl Into<String>) -> Self {
        Self(url.into())
    }

    /// The full text, credentials included: only for sending to Dokku or where the user asked.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// Where the userinfo (`user:token@`) starts and ends, if the URL has one.
    pub(crate) fn userinfo(&self) -> Option<(usize, usize)> {
        let start = self.0.find("://")? + 3;
        let authority_end = self.0[start..].find('/').map_or(self.0.len(), |i| start + i);
        let at = self.0[start..authority_end].rfind('@')?;
        Some((start, start + at + 1))
    }

    /// Whether the URL carries credentials.
    pub fn has_credentials(&self) -> bool {
        self.userinfo().is_some()
    }

    /// The text with any userinfo replaced by the mask (`https://***@host/…`).
    pub fn masked(&self) -> String {
        match self.userinfo() {
            Some((start, end)) => format!("{}{MASK}@{}", &self.0[..start], &self.0[end..]),
            None => self.0.clone(),
        }
    }

    /// The URL Dokku stores for this text: `owner/name` shorthand becomes
    /// `https://github.com/<owner>/heroku-buildpack-<name>.git` (`heroku-community` as `heroku`),
    /// exactly as `buildpacks:add` expands it; anything else is stored as given.
    pub fn stored_form(&self) -> String {
        let text = self.0.as_str();
        let word = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_alphanumeric() || c == '_' || c == '-');
        match text.split_once('/') {
            Some((owner, name)) if word(owner) && word(name) => {
                let owner = if owner == "heroku-community" { "heroku" } else { owner };
                format!("https://github.com/{owner}/heroku-buildpack-{name}.git")
            }
            _ => text.to_owned(),
        }
    }
}

impl fmt::Debug for BuildpackUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.masked())
    }
}

impl fmt::Display for BuildpackUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.masked())
    }
}

/// One app's buildpacks and stack (`app_name` set), or the global stack (`app_name` absent).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Buildpacks {
    /// The app; absent for the global record.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub app_name: Option<String>,
    /// The buildpacks in the order the build runs them (order is behaviour); apps only.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub buildpacks: Vec<BuildpackUrl>,
    /// The builder image (`buildpacks:set-property … stack`), when explicitly set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stack: Option<String>,
    /// Report fields this version of the model does not know, kept verbatim.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub extra: BTreeMap<String, String>,
}

impl Buildpacks {
    /// Whether the record holds nothing (no buildpacks, no stack, no unknown field): export
    /// leaves such records out, as a document without a record means the same.
    pub fn is_empty(&self) -> bool {
        self.buildpacks.is_empty() && self.stack.is_none() && self.extra.is_empty()
    }

    /// The list as Dokku stores it (shorthands expanded), for comparison.
    pub(crate) fn stored_list(&self) -> Vec<String> {
        self.buildpacks.iter().map(BuildpackUrl::stored_form).collect()
    }
}

/// A list as plan text, credentials masked.
pub(crate) fn shown(list: &[BuildpackUrl]) -> String {
    if list.is_empty() {
        "(none)".to_owned()
    } else {
        list.iter().map(BuildpackUrl::masked).collect::<Vec<_>>().join(" ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credentials_are_masked_in_every_rendering() {
        let url = BuildpackUrl::new("https://bot:ghp_secret@github.com/acme/private-bp.git");
        assert_eq!(url.masked(), "https://***@github.com/acme/private-bp.git");
        assert!(!format!("{url} {url:?}").contains("ghp_secret"));
        assert!(url.has_credentials());
        let plain = BuildpackUrl::new("https://github.com/heroku/heroku-buildpack-nodejs.git");
        assert_eq!(plain.masked(), plain.expose());
        assert!(!BuildpackUrl::new("git@github.com:acme/bp.git").has_credentials());
    }

    #[test]
    fn shorthand_expands_as_dokku_does() {
        assert_eq!(
            BuildpackUrl::new("heroku-community/apt").stored_form(),
            "https://github.com/heroku/heroku-buildpack-apt.git"
        );
        assert_eq!(
            BuildpackUrl::new("acme/ruby").stored_form(),
            "https://github.com/acme/heroku-buildpack-ruby.git"
        );
        let url = "https://github.com/heroku/heroku-buildpack-nodejs.git#v1";
        assert_eq!(BuildpackUrl::new(url).stored_form(), url);
    }
}
