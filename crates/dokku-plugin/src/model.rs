//! The plugin record, in pydokku's data model.

use dokku_core::installed_plugins::InstalledPlugin;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// One installed plugin.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct PluginRecord {
    /// The plugin name.
    pub name: String,
    /// Its version (`None` when `plugin:list` printed none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    /// Whether it is enabled.
    pub enabled: bool,
    /// Its description (core plugins' start with `dokku core `).
    pub description: String,
    /// The git URL a third-party plugin was installed from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub git_url: Option<String>,
    /// The commit, tag or branch it was installed at.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub git_reference: Option<String>,
}

impl PluginRecord {
    /// Whether the plugin ships with Dokku (pydokku's rule, which Dokku's JSON confirms).
    pub fn is_core(&self) -> bool {
        self.description.starts_with("dokku core ")
    }
}

impl From<&InstalledPlugin> for PluginRecord {
    fn from(p: &InstalledPlugin) -> Self {
        Self {
            name: p.name.clone(),
            version: Some(p.version.clone()).filter(|v| !v.is_empty()),
            enabled: p.enabled,
            description: p.description.clone(),
            git_url: p.source_url.clone(),
            git_reference: p.committish.clone(),
        }
    }
}
