//! Turning a document into the commands that recreate it (pure: no server needed).

use dokku_core::plugin::{DocumentError, PluginGlue};
use dokku_core::{Command, app_name};

use super::document::{Document, parse};
use super::error::EngineError;
use super::ownership::release_owned_values;
use super::registry::find;
use super::scheduler::flattened;

/// The commands of one plugin, in order.
#[derive(Debug)]
pub struct PluginCommands {
    /// The plugin.
    pub plugin: &'static dyn PluginGlue,
    /// Its commands.
    pub commands: Vec<Command>,
}

/// A checked document and its commands in scheduling order.
#[derive(Debug)]
pub struct CreationPlan {
    /// The document.
    pub document: Document,
    /// Per plugin present in the document, in scheduling order.
    pub steps: Vec<PluginCommands>,
}

/// Validates `text` completely and builds every command; any problem anywhere is reported with
/// its JSON path and nothing is returned to run.
pub fn plan_creation(text: &str, plugins: &[&'static dyn PluginGlue]) -> Result<CreationPlan, EngineError> {
    let (document, mut errors) = parse(text, |key| find(plugins, key).is_some());
    let order = flattened(plugins).map_err(EngineError::Usage)?;
    // Values another plugin recreates (a service link's `*_URL`) are left to it; problems are
    // found on the document as written, so that their paths point into it.
    let mut released: serde_json::Map<String, serde_json::Value> = document
        .plugins
        .iter()
        .map(|(k, records)| (k.clone(), serde_json::Value::Array(records.clone())))
        .collect();
    release_owned_values(&mut released, &order);
    let mut steps = Vec::new();
    for plugin in order {
        let Some((_, records)) = document.plugins.iter().find(|(k, _)| k == plugin.key()) else { continue };
        errors.extend(check_app_names(plugin.key(), records));
        let kept =
            released.get(plugin.key()).and_then(serde_json::Value::as_array).map_or(&[][..], Vec::as_slice);
        match plugin.plan_create(records).and_then(|_| plugin.plan_create(kept)) {
            Ok(commands) => steps.push(PluginCommands { plugin, commands }),
            Err(mut e) => errors.append(&mut e),
        }
    }
    if errors.is_empty() { Ok(CreationPlan { document, steps }) } else { Err(EngineError::Document(errors)) }
}

/// Every `app_name` must be a name Dokku accepts (checked once here for all plugins).
fn check_app_names(key: &str, records: &[serde_json::Value]) -> Vec<DocumentError> {
    records
        .iter()
        .enumerate()
        .filter_map(|(i, r)| {
            let name = r.get("app_name")?;
            let ok = name.as_str().is_some_and(app_name::is_valid);
            (!ok).then(|| DocumentError {
                path: format!("$.{key}[{i}].app_name"),
                message: app_name::invalid_message(&name.to_string()),
            })
        })
        .collect()
}
