//! Plans that converge: what it takes to turn a server (or any document) into a document.

use std::collections::HashSet;

use dokku_core::installed_plugins::InstalledPlugin;
use dokku_core::plugin::{DiffOptions, DocumentError, PluginDiff, PluginGlue};
use dokku_core::{Client, Command};
use futures_util::future::join_all;
use serde_json::{Map, Value};

use super::error::EngineError;
use super::export::{ExportOptions, ReadFrom, export_with_plugins};
use super::observer::Observer;
use super::ownership::release_owned_values;
use super::plan::plan_creation;
use super::scheduler::flattened;

/// One plugin's part of a plan.
#[derive(Debug)]
pub struct PluginStep {
    /// The plugin.
    pub plugin: &'static dyn PluginGlue,
    /// Its changes, commands and restarts.
    pub diff: PluginDiff,
}

/// Every plugin's changes, in scheduling order, plus the restarts that make them take effect.
#[derive(Debug, Default)]
pub struct ConvergencePlan {
    /// Plugins with something to do, in scheduling order.
    pub steps: Vec<PluginStep>,
    /// Deployed apps to restart at the end (runtime settings changed).
    pub restarts: Vec<String>,
    /// Deployed apps to rebuild at the end (build settings changed); never also restarted.
    pub rebuilds: Vec<String>,
    /// Deployed apps whose proxy configuration must be rebuilt (nginx settings changed) and
    /// that are not restarted or rebuilt anyway.
    pub proxy_rebuilds: Vec<String>,
    /// What the plugins could not decide, one line each (shown as warnings).
    pub notes: Vec<String>,
}

impl ConvergencePlan {
    /// Whether nothing would change.
    pub fn is_empty(&self) -> bool {
        self.steps.iter().all(|s| s.diff.changes.is_empty() && s.diff.commands.is_empty())
            && self.restarts.is_empty()
            && self.rebuilds.is_empty()
            && self.proxy_rebuilds.is_empty()
    }

    /// Every state-changing command, in order (restarts last).
    pub fn commands(&self) -> impl Iterator<Item = &Command> {
        self.steps.iter().flat_map(|s| s.diff.commands.iter())
    }
}

/// The records of `key` in a document.
fn records<'a>(document: &'a Map<String, Value>, key: &str) -> &'a [Value] {
    document.get(key).and_then(Value::as_array).map_or(&[], Vec::as_slice)
}

/// Diffs two documents plugin by plugin (`current` → `desired`). `deployed` says which apps a
/// restart can reach; restarts and rebuilds are planned for those only.
pub fn diff_documents(
    current: &Map<String, Value>,
    desired: &Map<String, Value>,
    plugins: &[&'static dyn PluginGlue],
    options: &DiffOptions,
    only_present_in_desired: bool,
) -> Result<ConvergencePlan, EngineError> {
    let order = flattened(plugins).map_err(EngineError::Usage)?;
    // A value another plugin recreates (a service link's `*_URL`) is that plugin's to apply:
    // documents written before the owner was known may still hold it.
    let (mut current, mut desired) = (current.clone(), desired.clone());
    release_owned_values(&mut current, &order);
    release_owned_values(&mut desired, &order);
    let (current, desired) = (&current, &desired);
    let mut plan = ConvergencePlan::default();
    let mut errors: Vec<DocumentError> = Vec::new();
    // Pruning removes what the document lacks — for the apps it has. An app it does not have is
    // kept whole unless `prune_apps` destroys it: a plugin cannot tell "this app has nothing set"
    // from "the document does not cover this app", so it never sees such apps' records.
    let covered: Option<HashSet<String>> = desired_apps(desired).map(|a| a.into_iter().collect());
    let options = &DiffOptions { covered_apps: desired_apps(desired), ..options.clone() };
    let in_scope = |record: &Value| {
        options.prune_apps
            || covered.is_none()
            || record
                .get("app_name")
                .and_then(Value::as_str)
                .is_none_or(|app| covered.as_ref().is_some_and(|c| c.contains(app)))
    };
    for plugin in order {
        let key = plugin.key();
        if only_present_in_desired && !desired.contains_key(key) {
            continue;
        }
        let current_records: Vec<Value> =
            records(current, key).iter().filter(|r| in_scope(r)).cloned().collect();
        match plugin.diff(&current_records, records(desired, key), options) {
            Ok(mut diff) => {
                plan.notes.append(&mut diff.notes);
                if !diff.changes.is_empty() || !diff.commands.is_empty() {
                    plan.restarts.extend(diff.restart.iter().cloned());
                    plan.rebuilds.extend(diff.rebuild.iter().cloned());
                    plan.steps.push(PluginStep { plugin, diff });
                }
            }
            Err(mut e) => errors.append(&mut e),
        }
    }
    if !errors.is_empty() {
        return Err(EngineError::Document(errors));
    }
    // Apps that `--prune-apps` destroys need nothing else: later plugins, which see only their
    // own records, would otherwise unset or unmount things of an app that is gone.
    let destroyed: Vec<String> = plan
        .commands()
        .filter(|c| c.subcommand() == "apps:destroy")
        .filter_map(|c| c.written_app().flatten().map(str::to_owned))
        .collect();
    if !destroyed.is_empty() {
        let destroyed: HashSet<String> = destroyed.into_iter().collect();
        for step in &mut plan.steps {
            step.diff.commands.retain(|c| {
                c.subcommand() == "apps:destroy"
                    || !c.written_app().flatten().is_some_and(|a| destroyed.contains(a))
            });
        }
        plan.restarts.retain(|a| !destroyed.contains(a));
        plan.rebuilds.retain(|a| !destroyed.contains(a));
    }
    // Each app once, in first-seen order; a rebuild restarts the app too, so one is enough;
    // only deployed apps can be restarted.
    let deployed: HashSet<String> = deployed_apps(current).into_iter().collect();
    let mut seen: HashSet<String> = HashSet::new();
    plan.rebuilds.retain(|a| deployed.contains(a) && seen.insert(a.clone()));
    plan.restarts.retain(|a| deployed.contains(a) && seen.insert(a.clone()));
    // Dokku applies nginx settings when it next writes the proxy configuration; a restart or
    // rebuild does that anyway, other deployed apps need `proxy:build-config`.
    if let Some(nginx) = plan.steps.iter().find(|s| s.plugin.dokku_name() == "nginx-vhosts") {
        let global = nginx.diff.changes.iter().any(|c| c.app.is_none());
        let apps: Vec<String> = if global {
            deployed_apps(current)
        } else {
            nginx.diff.changes.iter().filter_map(|c| c.app.clone()).filter(|a| deployed.contains(a)).collect()
        };
        // `seen` already holds the restarted and rebuilt apps.
        plan.proxy_rebuilds = apps.into_iter().filter(|a| seen.insert(a.clone())).collect();
    }
    Ok(plan)
}

/// The apps a document covers (`None` when it has no `apps` list: then it covers them all).
fn desired_apps(document: &Map<String, Value>) -> Option<Vec<String>> {
    let apps = document.get("apps")?.as_array()?;
    Some(apps.iter().filter_map(|a| a.get("name").and_then(Value::as_str).map(str::to_owned)).collect())
}

/// Apps the `ps` records say are deployed (only those can be restarted).
fn deployed_apps(document: &Map<String, Value>) -> Vec<String> {
    records(document, "ps")
        .iter()
        .filter(|r| r.get("deployed").and_then(Value::as_bool) == Some(true))
        .filter_map(|r| r.get("app_name").and_then(Value::as_str).map(str::to_owned))
        .collect()
}

/// Reads the server and plans what it takes to reach the document `text`; also returns the
/// server's installed plugins, read on the way.
pub async fn plan_against_server(
    client: &Client,
    text: &str,
    plugins: &[&'static dyn PluginGlue],
    options: &DiffOptions,
    observer: &dyn Observer,
) -> Result<(ConvergencePlan, Vec<InstalledPlugin>), EngineError> {
    plan_against_server_reading(client, text, plugins, options, ReadFrom::Auto, observer).await
}

/// [`plan_against_server`], reading the server's state as `read` says (`--read`): a plan and a
/// no-change apply are an export plus a diff, so they take the same fast reads.
pub async fn plan_against_server_reading(
    client: &Client,
    text: &str,
    plugins: &[&'static dyn PluginGlue],
    options: &DiffOptions,
    read: ReadFrom,
    observer: &dyn Observer,
) -> Result<(ConvergencePlan, Vec<InstalledPlugin>), EngineError> {
    // Validates the whole document before anything is read or sent.
    let creation = plan_creation(text, plugins)?;
    let desired: Map<String, Value> =
        serde_json::from_str(text).map_err(|e| EngineError::Usage(format!("document: {e}")))?;
    drop(creation);
    let (mut current, installed) =
        export_with_plugins(client, plugins, &ExportOptions { read, ..ExportOptions::default() }, observer)
            .await?;
    let options = DiffOptions {
        server_files_unread: !client.can_run_system_commands(),
        server_version: Some(client.version().await?.clone()),
        ..options.clone()
    };
    if options.server_files_unread {
        // What the export could not read, the server may still confirm value by value.
        let confirmations = plugins.iter().filter(|p| desired.contains_key(p.key())).map(|p| async {
            (p.key(), p.confirm_unread(client, records(&desired, p.key()), &options).await)
        });
        for (key, confirmed) in join_all(confirmations).await {
            let confirmed = confirmed?;
            if !confirmed.is_empty()
                && let Value::Array(list) = current.entry(key).or_insert_with(|| Value::Array(Vec::new()))
            {
                list.extend(confirmed);
            }
        }
    }
    let plan = diff_documents(&current, &desired, plugins, &options, true)?;
    for note in &plan.notes {
        observer.warn(note);
    }
    Ok((plan, installed))
}
