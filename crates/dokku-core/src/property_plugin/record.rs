//! One subject's properties (an app's, or the server's `--global` ones) as the document holds them.

use std::collections::{BTreeMap, BTreeSet};

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::Secret;

/// The explicitly set values of one app (`app_name`) or of the server (`app_name` absent).
///
/// Only raw values are kept, never the computed ones Dokku derives from them: applying a
/// computed value would pin what should follow the global setting or Dokku's default.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PropertyRecord {
    /// The app; absent for the server-wide (`--global`) values.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub app_name: Option<String>,
    /// Plain values by property key (`build-dir`).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub properties: BTreeMap<String, String>,
    /// Secret values by property key (`vector-sink`, `dns-provider-CF_DNS_API_TOKEN`).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    #[schemars(extend("x-dokku-secret-id" = "{app}/{entry}"))]
    pub secrets: BTreeMap<String, Secret<String>>,
    /// Secret properties that are set on the server but whose value this connection could not
    /// read (the report masks them): apply needs them from the secrets file or a reference.
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    pub unread: BTreeSet<String>,
    /// Container labels (`name` → `value`) Dokku adds to the app's web containers at deploy
    /// (proxy plugins only).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub labels: BTreeMap<String, String>,
    /// Read-only information the server derives (cron's tasks from a deployed `app.json`):
    /// exported for people to read, never applied or compared.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub info: BTreeMap<String, serde_json::Value>,
    /// Report fields this tool does not know, kept as printed (never applied).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub extra: BTreeMap<String, String>,
}

impl PropertyRecord {
    /// An empty record for `app` (`None`: the global one).
    pub fn new(app: Option<&str>) -> Self {
        Self { app_name: app.map(str::to_owned), ..Self::default() }
    }

    /// Whether the record holds nothing.
    pub fn is_empty(&self) -> bool {
        self.properties.is_empty()
            && self.secrets.is_empty()
            && self.unread.is_empty()
            && self.labels.is_empty()
            && self.info.is_empty()
            && self.extra.is_empty()
    }

    /// The value of `key` as it would be sent, plain or secret.
    pub fn value(&self, key: &str) -> Option<&str> {
        self.properties.get(key).or_else(|| self.secrets.get(key).map(Secret::expose)).map(String::as_str)
    }

    /// Every key with a value, plain and secret, sorted.
    pub fn keys(&self) -> BTreeSet<&str> {
        self.properties.keys().chain(self.secrets.keys()).map(String::as_str).collect()
    }
}
