//! The records of the apps plugin, in pydokku's data model.

use std::collections::BTreeMap;

use dokku_core::timestamp::{self, Timestamp};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// One app.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct App {
    /// The app name.
    pub name: String,
    /// The app's directory on the server (`/home/dokku/<name>`).
    pub path: String,
    /// Whether deploys are locked.
    pub locked: bool,
    /// When Dokku created the app (UTC). Server-specific: apply cannot set it.
    #[serde(default, skip_serializing_if = "Option::is_none", with = "timestamp::option")]
    #[schemars(with = "Option<String>")]
    pub created_at: Option<Timestamp>,
    /// The deploy source (`git`, `docker-image`, …) as `apps:set deploy-source` sets it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deploy_source: Option<String>,
    /// Metadata of the deploy source (`apps:set deploy-source-metadata`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deploy_source_metadata: Option<String>,
    /// Report fields this version of the model does not know, kept verbatim.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub extra: BTreeMap<String, String>,
}

/// Server-wide settings of the apps plugin.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AppsGlobal {
    /// `apps:set --global disable-autocreation` (pushing to an unknown app does not create it).
    pub disable_autocreation: bool,
}

/// An entry of the `apps` list in an export document: an app (it has a `name`), or the global
/// settings (no `name`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(untagged)]
pub enum AppRecord {
    /// The global settings (no `name`).
    Global(AppsGlobal),
    /// One app.
    App(App),
}

impl<'de> Deserialize<'de> for AppRecord {
    /// Picks the variant by the presence of `name`, so that errors name the wrong field instead
    /// of "no variant matched".
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = serde_json::Value::deserialize(deserializer)?;
        let result = if value.get("name").is_some() {
            serde_json::from_value(value).map(AppRecord::App)
        } else {
            serde_json::from_value(value).map(AppRecord::Global)
        };
        result.map_err(serde::de::Error::custom)
    }
}
