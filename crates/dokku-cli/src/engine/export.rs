//! `dokkuctl export`: the whole server (or some apps) as one document.

use dokku::apps::parse_apps_list;
use dokku_core::installed_plugins::{InstalledPlugin, read_installed_plugins};
use dokku_core::plugin::{ExportScope, Exported, PluginGlue};
use dokku_core::{Client, Command, DokkuErrorKind, DokkuVersion, Error};
use futures_util::future::join_all;
use serde_json::{Map, Value};

use super::availability::{Availability, always_installed, availability};
use super::document::{header, sort_records};
use super::error::EngineError;
use super::observer::Observer;
use super::ownership::release_owned_values;
use super::scheduler::flattened;

/// One plugin's export, as it finished.
type PluginResult = (&'static dyn PluginGlue, Result<Exported<Value>, Error>);

/// What to export.
#[derive(Clone, Debug, Default)]
pub struct ExportOptions {
    /// Only these apps (and no global settings); empty = everything.
    pub apps: Vec<String>,
    /// Where the values come from.
    pub read: ReadFrom,
}

/// Where an export reads Dokku's state.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ReadFrom {
    /// Every plugin's reports and lists (any user).
    Reports,
    /// Dokku's property store files, in one round trip, for the plugins whose state lives
    /// there; reports for the rest. Needs root.
    Files,
    /// Files when the connection runs system commands (root) and the server's Dokku is a
    /// version whose file layout a test compares with its reports; reports otherwise.
    #[default]
    Auto,
}

/// The Dokku versions whose property-store layout the end-to-end test proves equal to the
/// reports (`tests/e2e`: the file path and the report path give identical documents).
const FILE_LAYOUT_TESTED: &[DokkuVersion] = &[DokkuVersion::new(0, 38, 27)];

/// Whether this export reads the files.
fn reads_files(read: ReadFrom, client: &Client, version: &DokkuVersion) -> Result<bool, EngineError> {
    match read {
        ReadFrom::Reports => Ok(false),
        ReadFrom::Files if !client.can_run_system_commands() => Err(EngineError::Usage(
            "--read files needs a connection that runs commands as root (root, or a sudoer)".into(),
        )),
        ReadFrom::Files => Ok(true),
        ReadFrom::Auto => Ok(client.can_run_system_commands() && FILE_LAYOUT_TESTED.contains(version)),
    }
}

/// Reads the server into a document (not yet serialised).
pub async fn export(
    client: &Client,
    plugins: &[&'static dyn PluginGlue],
    options: &ExportOptions,
    observer: &dyn Observer,
) -> Result<Map<String, Value>, EngineError> {
    Ok(export_with_plugins(client, plugins, options, observer).await?.0)
}

/// [`export`], also returning what `plugin:list` said (so that no caller reads it twice).
pub async fn export_with_plugins(
    client: &Client,
    plugins: &[&'static dyn PluginGlue],
    options: &ExportOptions,
    observer: &dyn Observer,
) -> Result<(Map<String, Value>, Vec<InstalledPlugin>), EngineError> {
    let order = flattened(plugins).map_err(EngineError::Usage)?;
    // Plugins that need a value another one reads (a service's linked apps' variables) share
    // the one command instead of sending it again.
    let _memoized = client.memoize_reads();
    let version = client.version().await?.clone();
    let list_apps = Command::dokku("apps:list");
    let all_apps = parse_apps_list(&client.stdout(&list_apps).await?)
        .map_err(|e| Error::Parse { command: list_apps.to_string(), source: Box::new(e) })?;

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
    let mut scope = ExportScope {
        apps,
        system,
        version: version.clone(),
        installed: Vec::new(),
        can_run_system_commands: client.can_run_system_commands(),
        files: None,
    };
    if reads_files(options.read, client, &version)? {
        let files = dokku_core::file_snapshot::read(client).await?;
        observer.progress(&format!("read {} property file(s) in one round trip", files.len()));
        scope.files = Some(std::sync::Arc::new(files));
    }

    // `plugin:list` takes seconds on a real server, and only the plugin plugin needs its answer:
    // every other read starts at once, the list is read beside them. A third-party plugin's read
    // may thus run on a server without it: it fails fast ("not a dokku command"), and the list
    // decides afterwards whether its result counts. That takes the list off the critical path.
    let (mut early, listed): (Vec<&'static dyn PluginGlue>, Vec<&'static dyn PluginGlue>) =
        order.iter().copied().partition(|p| !p.reads_installed_plugins());
    // Longest reads first: the client's slots go in the order commands ask for them, and a slow
    // bulk report queued behind a hundred quick ones would finish last.
    let apps = scope.apps.len();
    early.sort_by(|a, b| b.longest_read(apps).total_cmp(&a.longest_read(apps)));
    let early_scope = scope.clone();
    let early_reads = join_all(early.iter().map(|p| p.export(client, &early_scope)));
    let listed_reads = async {
        let installed = read_installed_plugins(client, &version).await?;
        let mut listed_scope = early_scope.clone();
        listed_scope.installed = installed;
        let ready: Vec<&'static dyn PluginGlue> = listed
            .iter()
            .copied()
            .filter(|p| is_ready(*p, &listed_scope.installed, &version, observer))
            .collect();
        let results = join_all(ready.iter().map(|p| p.export(client, &listed_scope))).await;
        Ok::<_, EngineError>((listed_scope.installed, ready.into_iter().zip(results).collect::<Vec<_>>()))
    };
    // The list first: it is the slowest read (2.5–4.5 s on a real server).
    let (listed_done, early_results) = tokio::join!(listed_reads, early_reads);
    let (installed, listed_results) = listed_done?;
    scope.installed = installed;
    let early_results: Vec<PluginResult> = early
        .into_iter()
        .zip(early_results)
        .filter(|(p, _)| always_installed(*p, &version) || is_ready(*p, &scope.installed, &version, observer))
        .collect();
    observer.progress(&format!(
        "dokku {version}: {} plugins installed, {} apps",
        scope.installed.len(),
        scope.apps.len()
    ));
    let unsupported: Vec<&str> = scope
        .installed
        .iter()
        .filter(|p| !p.core && !plugins.iter().any(|g| g.dokku_name() == p.name))
        .map(|p| p.name.as_str())
        .collect();
    if !unsupported.is_empty() {
        observer.warn(&format!("installed plugin(s) this build cannot export: {}", unsupported.join(", ")));
    }

    let mut results: Vec<PluginResult> = early_results.into_iter().chain(listed_results).collect();
    // The document lists plugins in scheduling order, whatever order their reads finished in.
    results.sort_by_key(|(p, _)| order.iter().position(|o| o.key() == p.key()));
    let mut document = header(&version);
    for (plugin, result) in results {
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
    for released in release_owned_values(&mut document, &order) {
        observer.progress(&format!(
            "{}: values that {} recreate(s) (links) left out",
            released.holder,
            released.owners.join(", ")
        ));
    }
    if !system {
        trim_for_apps(&mut document, &scope);
    }
    Ok((document, scope.installed))
}

/// Whether `plugin:list` has `plugin` installed and enabled; says so when it is not.
fn is_ready(
    plugin: &dyn PluginGlue,
    installed: &[InstalledPlugin],
    version: &DokkuVersion,
    observer: &dyn Observer,
) -> bool {
    match availability(plugin, installed, version) {
        Availability::Ready => true,
        Availability::Disabled => {
            observer.progress(&format!("{}: plugin disabled, skipped", plugin.key()));
            false
        }
        Availability::Missing => {
            observer.progress(&format!("{}: plugin not installed, skipped", plugin.key()));
            false
        }
    }
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
