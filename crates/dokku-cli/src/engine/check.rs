//! The compatibility check: whether a document can be applied to a server as is.
//!
//! It compares the document with what the server said (its Dokku version, `plugin:list`, what
//! the connection may do) and with the commands an apply would send, and names each problem by
//! its JSON path: another Dokku release, a plugin the document needs that the server lacks (and
//! this apply cannot install), a plugin of another version, a value the server's Dokku cannot
//! take (the schema's `x-dokku-since`), a command that needs root over a connection without it.

use std::collections::HashSet;

use dokku_core::installed_plugins::InstalledPlugin;
use dokku_core::plugin::PluginGlue;
use dokku_core::{Client, Command, DokkuVersion};
use serde::Serialize;
use serde_json::{Map, Value};

use super::availability::{Availability, always_installed, availability};
use super::converge::ConvergencePlan;
use super::document::upgrade;
use super::error::EngineError;
use super::schema::SINCE_ANNOTATION;
use super::schema::document_schema;
use super::schema_walk::{SchemaWalker, Step};

/// What kind of problem a [`Finding`] is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum FindingKind {
    /// The document comes from another Dokku release.
    DokkuVersion,
    /// The document needs a plugin the server lacks, and this apply cannot install it.
    MissingPlugin,
    /// A plugin is installed in another version than the document's.
    PluginVersion,
    /// A value needs a newer Dokku than the server's.
    NeedsNewerDokku,
    /// A command needs root, which this connection cannot get.
    NeedsRoot,
}

/// One problem, where it is in the document and what it is.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// A JSON path such as `$.plugin[2]`.
    pub path: String,
    /// The kind of problem.
    pub kind: FindingKind,
    /// What is wrong, for people.
    pub message: String,
}

impl std::fmt::Display for Finding {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

/// What the check knows about the server.
#[derive(Clone, Copy, Debug)]
pub struct Server<'a> {
    /// Its Dokku version.
    pub version: &'a DokkuVersion,
    /// What `plugin:list` said.
    pub installed: &'a [InstalledPlugin],
    /// Whether this connection may run root-only commands.
    pub can_run_system_commands: bool,
}

/// Same `major.minor.patch` (suffixes such as `-dev` do not matter).
fn same_release(a: &DokkuVersion, b: &DokkuVersion) -> bool {
    (a.major, a.minor, a.patch) == (b.major, b.minor, b.patch)
}

/// For `plugin:install … --name <name>`, the plugin it installs.
pub fn installed_by(cmd: &Command) -> Option<String> {
    if cmd.subcommand() != "plugin:install" {
        return None;
    }
    let argv = cmd.argv_exposed();
    argv.iter().position(|a| *a == "--name").and_then(|i| argv.get(i + 1)).map(|s| (*s).to_owned())
}

/// Checks `document` (format version 1, secrets resolved or not) against `server`; `commands`
/// are what an apply would send, with the key of the plugin each comes from. No finding means
/// the document can be applied as is.
pub fn check(
    document: &Map<String, Value>,
    schema: &Value,
    plugins: &[&'static dyn PluginGlue],
    server: Server<'_>,
    commands: &[(&str, &Command)],
) -> Vec<Finding> {
    let mut findings = Vec::new();
    let document_version =
        document.get("dokku").and_then(|d| d.get("version")).and_then(Value::as_str).map(DokkuVersion::parse);
    if let Some(Ok(version)) = &document_version
        && !same_release(version, server.version)
    {
        findings.push(Finding {
            path: "$.dokku.version".into(),
            kind: FindingKind::DokkuVersion,
            message: format!(
                "version mismatch: the document was exported from Dokku {version}, the server runs {}",
                server.version
            ),
        });
    }
    let reported = plugin_findings(document, plugins, server, &mut findings);
    since_findings(document, schema, server.version, &mut findings);
    if !server.can_run_system_commands {
        for (key, cmd) in commands {
            // A missing plugin's install is reported above, with the plugin's name and version.
            if cmd.is_root_only() && installed_by(cmd).is_none_or(|name| !reported.contains(&name)) {
                findings.push(Finding {
                    path: format!("$.{key}"),
                    kind: FindingKind::NeedsRoot,
                    message: format!(
                        "`dokku {}` needs root, which this connection (the dokku user) cannot get",
                        cmd.argv_masked().join(" ")
                    ),
                });
            }
        }
    }
    findings
}

/// Plugins the document needs and the server lacks, and plugins of another version; returns
/// the names of the missing plugins reported.
fn plugin_findings(
    document: &Map<String, Value>,
    plugins: &[&'static dyn PluginGlue],
    server: Server<'_>,
    findings: &mut Vec<Finding>,
) -> HashSet<String> {
    let mut reported = HashSet::new();
    let listed: &[Value] = document.get("plugin").and_then(Value::as_array).map_or(&[], Vec::as_slice);
    // What this apply installs: the listed third-party plugins with a source, given root.
    let installable = |name: &str| {
        server.can_run_system_commands
            && listed.iter().any(|p| {
                p.get("name").and_then(Value::as_str) == Some(name)
                    && p.get("git_url").and_then(Value::as_str).is_some()
            })
    };
    for (i, record) in listed.iter().enumerate() {
        let core =
            record.get("description").and_then(Value::as_str).is_some_and(|d| d.starts_with("dokku core "));
        let Some(name) = record.get("name").and_then(Value::as_str) else { continue };
        if core {
            continue;
        }
        let wanted = record.get("version").and_then(Value::as_str);
        let shown = wanted.map(|v| format!(" {v}")).unwrap_or_default();
        match server.installed.iter().find(|p| p.name == name) {
            None if installable(name) => {}
            None => {
                let why = if server.can_run_system_commands {
                    "the document has no git_url to install it from"
                } else {
                    "installing plugins needs root, which this connection (the dokku user) cannot get"
                };
                findings.push(Finding {
                    path: format!("$.plugin[{i}]"),
                    kind: FindingKind::MissingPlugin,
                    message: format!("the server lacks plugin {name}{shown}, and {why}"),
                });
                reported.insert(name.to_owned());
            }
            Some(installed) => {
                if let Some(wanted) = wanted
                    && wanted != installed.version
                {
                    findings.push(Finding {
                        path: format!("$.plugin[{i}].version"),
                        kind: FindingKind::PluginVersion,
                        message: format!(
                            "plugin {name}: the document has version {wanted}, the server has {}",
                            installed.version
                        ),
                    });
                }
            }
        }
    }
    // Data of a plugin the server lacks, that the plugin list above does not cover.
    for plugin in plugins {
        let has_data = document.get(plugin.key()).and_then(Value::as_array).is_some_and(|r| !r.is_empty());
        let name = plugin.dokku_name();
        if !has_data
            || always_installed(*plugin, server.version)
            || reported.contains(name)
            || installable(name)
        {
            continue;
        }
        let state = match availability(*plugin, server.installed, server.version) {
            Availability::Ready => continue,
            Availability::Disabled => "has it disabled",
            Availability::Missing => "lacks it",
        };
        findings.push(Finding {
            path: format!("$.{}", plugin.key()),
            kind: FindingKind::MissingPlugin,
            message: format!("these records need Dokku plugin {name}; the server {state}"),
        });
        reported.insert(name.to_owned());
    }
    reported
}

/// Values whose schema says they need a newer Dokku than `server_version`.
fn since_findings(
    document: &Map<String, Value>,
    schema: &Value,
    server_version: &DokkuVersion,
    findings: &mut Vec<Finding>,
) {
    let root = Value::Object(document.clone());
    let mut seen: HashSet<Vec<Step>> = HashSet::new();
    SchemaWalker::new(schema).walk(&root, SINCE_ANNOTATION, &mut |place| {
        if place.value.is_null() || !seen.insert(place.steps.clone()) {
            return;
        }
        let Some(since) = place.schema.get(SINCE_ANNOTATION).and_then(Value::as_str) else { return };
        let Ok(since) = DokkuVersion::parse(since) else { return };
        if server_version < &since {
            findings.push(Finding {
                path: place.json_path(),
                kind: FindingKind::NeedsNewerDokku,
                message: format!("needs Dokku {since} or newer; the server runs {server_version}"),
            });
        }
    });
}

/// The check before a converging apply (or a plan): `plan`'s commands, the server as
/// `plan_against_server` read it (`installed`), the document `text`.
pub async fn check_plan(
    client: &Client,
    text: &str,
    plugins: &[&'static dyn PluginGlue],
    plan: &ConvergencePlan,
    installed: &[InstalledPlugin],
) -> Result<Vec<Finding>, EngineError> {
    let mut document: Map<String, Value> =
        serde_json::from_str(text).map_err(|e| EngineError::Usage(format!("document: {e}")))?;
    upgrade(&mut document).map_err(|e| EngineError::Document(vec![e]))?;
    let schema = document_schema(plugins).map_err(EngineError::Usage)?;
    let version = client.version().await?.clone();
    let server =
        Server { version: &version, installed, can_run_system_commands: client.can_run_system_commands() };
    let commands: Vec<(&str, &Command)> =
        plan.steps.iter().flat_map(|s| s.diff.commands.iter().map(|c| (s.plugin.key(), c))).collect();
    Ok(check(&document, &schema, plugins, server, &commands))
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn installed(name: &str, version: &str) -> InstalledPlugin {
        serde_json::from_value(json!({
            "name": name, "version": version, "enabled": true, "core": false, "description": ""
        }))
        .unwrap_or_else(|e| panic!("{e}"))
    }

    fn document() -> Map<String, Value> {
        match json!({
            "format_version": 1,
            "dokku": {"version": "0.30.1"},
            "plugin": [
                {"name": "apps", "version": "0.30.1", "enabled": true, "description": "dokku core apps plugin"},
                {"name": "redirect", "version": "0.9.1", "enabled": true, "description": "redirect",
                 "git_url": "https://github.com/dokku/dokku-redirect.git"},
                {"name": "maintenance", "version": "0.8.0", "enabled": true, "description": "maintenance"}
            ],
            "ports": [{"scheme": "http", "host_port": 80, "container_port": 5000, "app_name": "a"}]
        }) {
            Value::Object(map) => map,
            _ => Map::new(),
        }
    }

    fn schema() -> Value {
        json!({"type": "object", "properties": {
            "ports": {"type": "array", "items": {"type": "object", "x-dokku-since": "0.31.0"}}
        }})
    }

    #[test]
    fn names_each_problem_by_path() {
        let version = DokkuVersion::new(0, 30, 1);
        let server_plugins = [installed("maintenance", "0.9.0")];
        let server = Server { version: &version, installed: &server_plugins, can_run_system_commands: false };
        let install = Command::dokku("plugin:install")
            .args(["https://github.com/dokku/dokku-redirect.git", "--name", "redirect"])
            .needs_root();
        let add_key = Command::dokku("ssh-keys:add").arg("deploy").needs_root();
        let commands = [("plugin", &install), ("ssh_keys", &add_key)];
        let findings = check(&document(), &schema(), &[], server, &commands);
        let shown: Vec<(String, FindingKind)> = findings.iter().map(|f| (f.path.clone(), f.kind)).collect();
        assert_eq!(
            shown,
            vec![
                ("$.plugin[1]".to_owned(), FindingKind::MissingPlugin),
                ("$.plugin[2].version".to_owned(), FindingKind::PluginVersion),
                ("$.ports[0]".to_owned(), FindingKind::NeedsNewerDokku),
                ("$.ssh_keys".to_owned(), FindingKind::NeedsRoot),
            ]
        );
        assert!(findings[0].message.contains("redirect 0.9.1") && findings[0].message.contains("root"));
    }

    /// The published schema's annotations reach the check.
    #[cfg(feature = "ports")]
    #[test]
    fn values_newer_than_the_server_are_named() {
        let schema = document_schema(&crate::engine::registry::registered()).unwrap_or_default();
        let version = DokkuVersion::new(0, 30, 10);
        let server = Server { version: &version, installed: &[], can_run_system_commands: true };
        let document = match json!({
            "format_version": 1,
            "dokku": {"version": "0.30.10"},
            "ports": [{"scheme": "http", "host_port": 80, "container_port": 5000, "app_name": "a"}]
        }) {
            Value::Object(map) => map,
            _ => Map::new(),
        };
        let findings = check(&document, &schema, &[], server, &[]);
        let paths: Vec<&str> = findings.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(paths, ["$.ports[0]"], "{findings:?}");
        assert!(findings[0].message.contains("needs Dokku 0.31.0 or newer"), "{findings:?}");
    }

    #[test]
    fn a_matching_server_has_no_findings_and_root_installs_what_is_missing() {
        let version = DokkuVersion::new(0, 31, 0);
        let server_plugins = [installed("maintenance", "0.8.0")];
        let server = Server { version: &version, installed: &server_plugins, can_run_system_commands: true };
        let mut document = document();
        document["dokku"] = json!({"version": "0.31.0"});
        assert_eq!(check(&document, &schema(), &[], server, &[]), Vec::<Finding>::new());
        document["dokku"] = json!({"version": "0.38.27"});
        let findings = check(&document, &schema(), &[], server, &[]);
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].kind, FindingKind::DokkuVersion);
        assert!(findings[0].message.contains("0.38.27") && findings[0].message.contains("0.31.0"));
    }
}
