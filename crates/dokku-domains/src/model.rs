//! The record of the domains plugin, in pydokku's data model.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The domains of one app, or the global domains (`app_name` absent).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Domain {
    /// Whether virtual hosts are enabled (`domains:enable` / `domains:disable`). For the global
    /// record Dokku derives it from the global domain list; apply cannot set it.
    pub enabled: bool,
    /// The domain names, in Dokku's order.
    pub domains: Vec<String>,
    /// The app, or `None` for the global domains (omitted from the document).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub app_name: Option<String>,
    /// Report fields this version of the model does not know, kept verbatim.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub extra: BTreeMap<String, String>,
}
