//! The records of the network plugin, in pydokku's data model (`Network`, `AppNetwork`).

use std::collections::BTreeMap;

use dokku_core::timestamp::{self, Timestamp};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The label Dokku's `network:create` puts on the networks it creates.
pub const DOKKU_NETWORK_LABEL: &str = "com.dokku.network-name";

/// Docker's own networks, present on every host: never created by apply.
pub const BUILTIN_NETWORKS: &[&str] = &["bridge", "host", "none"];

/// A Docker network. Only `name` is recreated (`network:create`); the other fields describe
/// the source server and are informational (`id` and `created_at` are server-specific by nature,
/// and Dokku prints a constant `created_at`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Network {
    /// The network name.
    pub name: String,
    /// Docker's network id (short form).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// When Docker created the network, as Dokku reports it (UTC).
    #[serde(default, skip_serializing_if = "Option::is_none", with = "timestamp::option")]
    #[schemars(with = "Option<String>")]
    pub created_at: Option<Timestamp>,
    /// The network driver (`bridge`, `host`, `null`, …).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub driver: Option<String>,
    /// The network scope (`local`, `swarm`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scope: Option<String>,
    /// Whether the network has no outside access.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub internal: Option<bool>,
    /// Whether IPv6 is enabled.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ipv6: Option<bool>,
    /// The network's labels (`None` when the server's Dokku could not list them).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub labels: Option<BTreeMap<String, String>>,
    /// Fields this version of the model does not know, kept as JSON text.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub extra: BTreeMap<String, String>,
}

impl Network {
    /// A network known by name only (Dokku before 0.35.3 lists names only).
    pub fn named(name: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            id: None,
            created_at: None,
            driver: None,
            scope: None,
            internal: None,
            ipv6: None,
            labels: None,
            extra: BTreeMap::new(),
        }
    }

    /// Whether this is one of Docker's built-in networks (`bridge`, `host`, `none`).
    pub fn is_builtin(&self) -> bool {
        BUILTIN_NETWORKS.contains(&self.name.as_str())
    }

    /// Whether Dokku created the network (`None` when the labels are unknown).
    pub fn is_dokku_managed(&self) -> Option<bool> {
        self.labels.as_ref().map(|labels| labels.contains_key(DOKKU_NETWORK_LABEL))
    }
}

/// The network settings of one app, or the global ones (`app_name` absent).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct AppNetwork {
    /// Networks the app's containers join after creation.
    #[serde(default)]
    pub attach_post_create: Vec<String>,
    /// Networks the app's containers join after deploy.
    #[serde(default)]
    pub attach_post_deploy: Vec<String>,
    /// Whether the app's web process listens on all interfaces (`None` when unset).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bind_all_interfaces: Option<bool>,
    /// The app (`None` = the global settings).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub app_name: Option<String>,
    /// The network the app's containers start on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub initial_network: Option<String>,
    /// A fixed `host:port` the proxy sends web traffic to (apps only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub static_web_listener: Option<String>,
    /// The network alias TLD (`svc.cluster.local`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tld: Option<String>,
    /// Report fields this version of the model does not know, kept verbatim.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub extra: BTreeMap<String, String>,
}

impl AppNetwork {
    /// Whether nothing is set (such a global record is not exported).
    pub fn is_empty(&self) -> bool {
        self.attach_post_create.is_empty()
            && self.attach_post_deploy.is_empty()
            && self.bind_all_interfaces.is_none()
            && self.initial_network.is_none()
            && self.static_web_listener.is_none()
            && self.tld.is_none()
    }

    /// The networks the settings refer to, in field order.
    pub fn referenced_networks(&self) -> impl Iterator<Item = &str> {
        self.attach_post_create
            .iter()
            .chain(&self.attach_post_deploy)
            .map(String::as_str)
            .chain(self.initial_network.as_deref())
    }
}

/// An entry of the `network` list in an export document.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(untagged)]
pub enum NetworkRecord {
    /// A Docker network (has `name`).
    Network(Network),
    /// App or global network settings.
    AppNetwork(AppNetwork),
}

impl<'de> Deserialize<'de> for NetworkRecord {
    /// Picks the variant by the presence of `name`, so that errors name the wrong field.
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = serde_json::Value::deserialize(deserializer)?;
        let result = if value.get("name").is_some() {
            serde_json::from_value(value).map(NetworkRecord::Network)
        } else {
            serde_json::from_value(value).map(NetworkRecord::AppNetwork)
        };
        result.map_err(serde::de::Error::custom)
    }
}
