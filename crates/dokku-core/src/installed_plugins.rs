//! What `plugin:list` says is installed: read once per run and shared by every plugin.

use serde::{Deserialize, Serialize};

use crate::text::parse_plugin_list;
use crate::{Client, Command, DokkuVersion, Error};

/// One installed Dokku plugin.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InstalledPlugin {
    /// The plugin name (`letsencrypt`, `nginx-vhosts`).
    pub name: String,
    /// Its version (core plugins carry Dokku's).
    pub version: String,
    /// Whether it is enabled.
    pub enabled: bool,
    /// Whether it ships with Dokku.
    pub core: bool,
    /// Its description.
    pub description: String,
    /// Where a git-installed third-party plugin came from (`plugin:list --format json`, 0.38.22+).
    #[serde(default)]
    pub source_url: Option<String>,
    /// The commit it was installed at (same source).
    #[serde(default)]
    pub committish: Option<String>,
}

/// The first version whose `plugin:list` has `--format json`.
pub const PLUGIN_LIST_JSON_SINCE: DokkuVersion = DokkuVersion::new(0, 38, 22);

/// The `plugin:list` command in the richest form `version` has.
pub fn plugin_list_command(version: &DokkuVersion) -> Command {
    let cmd = Command::dokku("plugin:list");
    if version >= &PLUGIN_LIST_JSON_SINCE { cmd.args(["--format", "json"]) } else { cmd }
}

/// Parses `plugin:list` text (Dokku calls a plugin core when its description says so).
pub fn parse_installed_text(text: &str) -> Result<Vec<InstalledPlugin>, crate::text::TextError> {
    Ok(parse_plugin_list(text)?
        .into_iter()
        .map(|row| InstalledPlugin {
            core: row.description.starts_with("dokku core "),
            name: row.name,
            version: row.version,
            enabled: row.enabled,
            description: row.description,
            source_url: None,
            committish: None,
        })
        .collect())
}

/// Parses `plugin:list --format json`.
pub fn parse_installed_json(text: &str) -> Result<Vec<InstalledPlugin>, serde_json::Error> {
    let mut plugins: Vec<InstalledPlugin> = serde_json::from_str(text)?;
    for p in &mut plugins {
        // Dokku prints empty strings for plugins that were not installed from git.
        p.source_url = p.source_url.take().filter(|s| !s.is_empty());
        p.committish = p.committish.take().filter(|s| !s.is_empty());
    }
    Ok(plugins)
}

/// Reads the installed plugins (one `plugin:list`, JSON where the version has it).
pub async fn read_installed_plugins(
    client: &Client,
    version: &DokkuVersion,
) -> Result<Vec<InstalledPlugin>, Error> {
    let cmd = plugin_list_command(version);
    let out = client.stdout(&cmd).await?;
    let parsed = if version >= &PLUGIN_LIST_JSON_SINCE {
        parse_installed_json(&out).map_err(|e| Box::new(e) as Box<dyn std::error::Error + Send + Sync>)
    } else {
        parse_installed_text(&out).map_err(|e| Box::new(e) as Box<dyn std::error::Error + Send + Sync>)
    };
    parsed.map_err(|source| Error::Parse { command: cmd.to_string(), source })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_text_and_json() {
        let text = "  apps                 0.38.27 enabled    dokku core apps plugin\n  redirect             0.9.1 disabled   dokku redirect plugin\n";
        let plugins = parse_installed_text(text).unwrap_or_default();
        assert_eq!(plugins.len(), 2);
        assert!(plugins[0].core && plugins[0].enabled);
        assert!(!plugins[1].core && !plugins[1].enabled);
        let json = r#"[{"name":"redirect","version":"0.9.1","enabled":true,"core":false,"description":"dokku redirect plugin","source_url":"https://github.com/dokku/dokku-redirect.git","committish":"abc","branch":""},{"name":"apps","version":"0.38.27","enabled":true,"core":true,"description":"dokku core apps plugin","source_url":"","committish":"","branch":""}]"#;
        let plugins = parse_installed_json(json).unwrap_or_default();
        assert_eq!(plugins[0].committish.as_deref(), Some("abc"));
        assert_eq!(plugins[1].source_url, None);
    }
}
