//! `dokkuctl export`: the whole server (or some apps) as one document.

use dokku_core::installed_plugins::read_installed_plugins;
use dokku_core::plugin::{ExportScope, PluginGlue};
use dokku_core::text::parse_apps_list;
use dokku_core::{Client, Command, DokkuErrorKind, Error};
use futures_util::future::join_all;
use serde_json::{Map, Value};

use super::availability::{Availability, availability};
use super::document::{header, sort_records};
use super::error::EngineError;
use super::observer::Observer;
use super::scheduler::flattened;

/// What to export.
#[derive(Clone, Debug, Default)]
pub struct ExportOptions {
    /// Only these apps (and no global settings); empty = everything.
    pub apps: Vec<String>,
}

/// Reads the server into a document (not yet serialised).
pub async fn export(
    client: &Client,
    plugins: &[&'static dyn PluginGlue],
    options: &ExportOptions,
    observer: &dyn Observer,
) -> Result<Map<String, Value>, EngineError> {
    let order = flattened(plugins).map_err(EngineError::Usage)?;
    let version = client.version().await?.clone();
    // These two reads are independent; plugin:list is slow on real servers (seconds).
    let list_apps = Command::dokku("apps:list");
    let (installed, apps) = tokio::join!(read_installed_plugins(client, &version), client.stdout(&list_apps));
    let installed = installed?;
    let all_apps = parse_apps_list(&apps?)
        .map_err(|e| Error::Parse { command: list_apps.to_string(), source: Box::new(e) })?;
    observer.progress(&format!(
        "dokku {version}: {} plugins installed, {} apps",
        installed.len(),
        all_apps.len()
    ));

    let system = options.apps.is_empty();
    let apps = if system {
        all_apps
    } else {
        let missing: Vec<&str> =
            options.apps.iter().filter(|a| !all_apps.contains(a)).map(String::as_str).collect();
        if !missing.is_empty() {
            return Err(EngineError::Usage(format!(
                "app(s) not found on the server: {}",
                missing.join(", ")
            )));
        }
        all_apps.into_iter().filter(|a| options.apps.contains(a)).collect()
    };
    let scope = ExportScope {
        apps,
        system,
        version: version.clone(),
        installed: installed.clone(),
        can_run_system_commands: client.can_run_system_commands(),
    };

    let mut runnable = Vec::new();
    for plugin in &order {
        match availability(*plugin, &installed, &version) {
            Availability::Ready => runnable.push(*plugin),
            Availability::Disabled => {
                observer.progress(&format!("{}: plugin disabled, skipped", plugin.key()))
            }
            Availability::Missing => {
                observer.progress(&format!("{}: plugin not installed, skipped", plugin.key()))
            }
        }
    }
    let unsupported: Vec<&str> = installed
        .iter()
        .filter(|p| !p.core && !plugins.iter().any(|g| g.dokku_name() == p.name))
        .map(|p| p.name.as_str())
        .collect();
    if !unsupported.is_empty() {
        observer.warn(&format!("installed plugin(s) this build cannot export: {}", unsupported.join(", ")));
    }

    // Every plugin reads at once; the client bounds the commands in flight.
    let results = join_all(runnable.iter().map(|p| p.export(client, &scope))).await;
    let mut document = header(&version);
    for (plugin, result) in runnable.iter().zip(results) {
        match result {
            Ok(mut exported) => {
                for w in &exported.warnings {
                    observer.warn(w);
                }
                sort_records(&mut exported.records);
                observer.progress(&format!("{}: {} record(s)", plugin.key(), exported.records.len()));
                document.insert(plugin.key().to_owned(), Value::Array(exported.records));
            }
            Err(e) if e.dokku_kind() == Some(DokkuErrorKind::PluginNotInstalled) => {
                observer
                    .warn(&format!("{}: the server does not know its commands, skipped ({e})", plugin.key()));
            }
            Err(e) => return Err(e.into()),
        }
    }
    if !system {
        trim_for_apps(&mut document, &scope);
    }
    Ok(document)
}

/// An app export keeps only what those apps need: empty plugin lists go, and the plugin list
/// shrinks to the third-party plugins whose data is present.
fn trim_for_apps(document: &mut Map<String, Value>, scope: &ExportScope) {
    document.retain(|_, value| !matches!(value, Value::Array(a) if a.is_empty()));
    let needed: Vec<String> = document.keys().cloned().collect();
    let dokku_name_needed = |name: &str| {
        needed
            .iter()
            .any(|k| k == name || k.replace('_', "-") == name || (name == "nginx-vhosts" && k == "nginx"))
    };
    if let Some(Value::Array(plugins)) = document.get_mut("plugin") {
        plugins.retain(|p| {
            let name = p.get("name").and_then(Value::as_str).unwrap_or_default();
            let core = scope.installed.iter().any(|i| i.name == name && i.core);
            !core && dokku_name_needed(name)
        });
        if plugins.is_empty() {
            document.remove("plugin");
        }
    }
}
