//! The records of the maintenance plugin, in pydokku's data model.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Whether one app is in maintenance mode (Dokku answers with its maintenance page).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Maintenance {
    /// The app.
    pub app_name: String,
    /// Whether maintenance mode is on.
    pub enabled: bool,
    /// Report fields this version of the model does not know, kept verbatim.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub extra: BTreeMap<String, String>,
}
