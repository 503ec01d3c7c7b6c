//! The contract between a plugin crate and the export/apply engine.
//!
//! A plugin crate implements [`Plugin`] for its typed records; [`PluginGlue`] is the object-safe
//! face the engine drives (records as JSON values), and [`Glue`] adapts one to the other, so the
//! engine knows plugins only through this module and each crate stays usable on its own.

use std::future::Future;
use std::marker::PhantomData;
use std::pin::Pin;

use schemars::{JsonSchema, Schema, SchemaGenerator};
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::ownership::OwnedValue;
use crate::{Client, Command, DokkuVersion, Error};

/// What an export covers.
#[derive(Clone, Debug)]
pub struct ExportScope {
    /// The apps to export, in Dokku's order.
    pub apps: Vec<String>,
    /// Whether global (server-wide) records are exported: false when the user picked apps.
    pub system: bool,
    /// The server's Dokku version.
    pub version: DokkuVersion,
    /// What `plugin:list` said (read once per run); empty for plugins that do not declare
    /// [`Plugin::READS_INSTALLED_PLUGINS`], whose reads start before the list arrives.
    pub installed: Vec<crate::installed_plugins::InstalledPlugin>,
    /// Whether root-only reads (plain system commands) can run over this connection.
    pub can_run_system_commands: bool,
    /// Dokku's property store, read from its files in one round trip (`export --read files`):
    /// plugins that can take their values from it send no report. `None`: read the reports.
    pub files: Option<std::sync::Arc<crate::file_snapshot::FileSnapshot>>,
}

impl ExportScope {
    /// Whether `app` is in scope.
    pub fn has_app(&self, app: &str) -> bool {
        self.apps.iter().any(|a| a == app)
    }
}

/// A plugin's records plus what the user should be told about them.
#[derive(Clone, Debug)]
pub struct Exported<R> {
    /// The records, global first, then per app in scope order.
    pub records: Vec<R>,
    /// One line each: unknown report fields kept in `extra`, reads skipped for lack of access.
    pub warnings: Vec<String>,
}

impl<R> Default for Exported<R> {
    fn default() -> Self {
        Self { records: Vec::new(), warnings: Vec::new() }
    }
}

/// A problem with one place of an input document (nothing is sent while any exists).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DocumentError {
    /// A JSON path such as `$.config[3].key`.
    pub path: String,
    /// What is wrong there.
    pub message: String,
}

impl std::fmt::Display for DocumentError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

/// What kind of difference a [`Change`] is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ChangeKind {
    /// Present in the desired state only (`+`).
    Add,
    /// Present on the server only (`-`), removed with `--prune`.
    Remove,
    /// Present on both with different values (`~`).
    Change,
}

/// One difference between the current and the desired state, for people to read.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Change {
    /// The app it concerns; `None` for server-wide settings.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub app: Option<String>,
    /// Added, removed or changed.
    pub kind: ChangeKind,
    /// What changed, in the plugin's words: `app`, `KEY`, `domains`, `deploy-branch`, …
    pub subject: String,
    /// The current value as text (`None` when added).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub old: Option<String>,
    /// The desired value as text (`None` when removed).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub new: Option<String>,
    /// Whether the values are secret (masked unless the user asks).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub secret: bool,
}

impl Change {
    /// A change of `subject` for `app` from `old` to `new` (either may be absent).
    pub fn new(
        app: Option<&str>,
        subject: impl Into<String>,
        old: Option<String>,
        new: Option<String>,
    ) -> Self {
        let kind = match (&old, &new) {
            (None, _) => ChangeKind::Add,
            (_, None) => ChangeKind::Remove,
            _ => ChangeKind::Change,
        };
        Self { app: app.map(str::to_owned), kind, subject: subject.into(), old, new, secret: false }
    }

    /// Marks the values as secret.
    #[must_use]
    pub fn secret(mut self) -> Self {
        self.secret = true;
        self
    }
}

/// How far a plan may go, and what it knows about the server it is for.
#[derive(Clone, Debug, Default)]
pub struct DiffOptions {
    /// Remove what is on the server but not in the desired state (never apps, see below).
    pub prune: bool,
    /// With `prune`, also destroy apps that are not in the desired state.
    pub prune_apps: bool,
    /// The current state was read over a connection that cannot read the server's files
    /// (root-only reads): what only those files hold is unknown, not absent.
    pub server_files_unread: bool,
    /// The Dokku version of the server the plan will run on: commands may then take forms only
    /// newer versions have (a password on stdin rather than in the argv). `None` for plans
    /// that are only shown: forms every version in scope accepts.
    pub server_version: Option<DokkuVersion>,
    /// With `prune`, what may be destroyed although a bare `--prune` keeps it (a service holds
    /// data): `<plugin key>:<name>`, as the user named it.
    pub prune_named: Vec<String>,
    /// Recreate what cannot change in place (a service's container, for its create-time
    /// settings); otherwise such changes are shown and not sent.
    pub recreate_services: bool,
    /// The apps the desired document covers (`None`: all). Records of apps always arrive
    /// filtered to them; a server-wide record that refers to apps (a service's links) must
    /// not prune what belongs to apps the document does not cover.
    pub covered_apps: Option<Vec<String>>,
}

impl DiffOptions {
    /// Whether pruning may remove what belongs to `app`.
    pub fn covers(&self, app: &str) -> bool {
        self.prune_apps || self.covered_apps.as_ref().is_none_or(|apps| apps.iter().any(|a| a == app))
    }
}

impl DiffOptions {
    /// Removes what the desired state lacks, apps excepted.
    pub const PRUNE: Self = Self {
        prune: true,
        prune_apps: false,
        server_files_unread: false,
        server_version: None,
        prune_named: Vec::new(),
        recreate_services: false,
        covered_apps: None,
    };
    /// Removes what the desired state lacks, apps included.
    pub const PRUNE_APPS: Self = Self {
        prune: true,
        prune_apps: true,
        server_files_unread: false,
        server_version: None,
        prune_named: Vec::new(),
        recreate_services: false,
        covered_apps: None,
    };
}

/// What it takes to turn one plugin's current records into the desired ones.
#[derive(Clone, Debug, Default)]
pub struct PluginDiff {
    /// The differences, for people.
    pub changes: Vec<Change>,
    /// The commands, in order; all setters use `--no-restart` / `--skip-deploy`.
    pub commands: Vec<Command>,
    /// Apps whose runtime settings changed (a restart makes them take effect).
    pub restart: Vec<String>,
    /// Apps whose build settings changed (a rebuild makes them take effect).
    pub rebuild: Vec<String>,
    /// What the plan could not decide, for the user to read (one line each).
    pub notes: Vec<String>,
}

impl PluginDiff {
    /// The commands as the shell lines they render to (secrets masked).
    pub fn command_lines(&self) -> Vec<String> {
        self.commands.iter().map(ToString::to_string).collect()
    }
}

/// A Dokku plugin as seen by export and apply, with typed records.
pub trait Plugin: Send + Sync + 'static {
    /// The key of the plugin's list in the export document (pydokku's name: `ssh_keys`).
    const KEY: &'static str;
    /// The name `plugin:list` shows (`nginx-vhosts`).
    const DOKKU_NAME: &'static str;
    /// Keys of the plugins whose records must be applied first.
    const REQUIRES: &'static [&'static str];
    /// Whether [`Plugin::export`] needs [`ExportScope::installed`] (`plugin:list`'s answer,
    /// seconds on a real server); every other export starts without waiting for it.
    const READS_INSTALLED_PLUGINS: bool = false;
    /// One exported record; its schema (what a document may hold) is part of the published
    /// document schema, annotations included (`x-dokku-secret`, `x-dokku-since`).
    type Record: Serialize + DeserializeOwned + JsonSchema + Send + Sync;

    /// Reads the plugin's state for `scope`.
    fn export(
        client: &Client,
        scope: &ExportScope,
    ) -> impl Future<Output = Result<Exported<Self::Record>, Error>> + Send;

    /// Seconds the export's longest single command is expected to take on a real server for
    /// `apps` apps, from measured costs (0 = short or unknown). The engine starts the longest
    /// reads first: a slow bulk report queued behind a hundred quick ones would end last.
    fn longest_read(apps: usize) -> f64 {
        let _ = apps;
        0.0
    }

    /// The records of `desired` that the server is confirmed to have although the export could
    /// not read them (`options.server_files_unread`): some Dokku commands check a value without
    /// revealing it, and without root (`git:auth-status`). Added to the current state before
    /// [`Plugin::diff`]. By default there is nothing to confirm.
    fn confirm_unread(
        client: &Client,
        desired: &[Self::Record],
        options: &DiffOptions,
    ) -> impl Future<Output = Result<Vec<Self::Record>, Error>> + Send {
        let _ = (client, desired, options);
        async { Ok(Vec::new()) }
    }

    /// Checks one record beyond its types; each message names the offending field.
    fn validate(record: &Self::Record) -> Vec<(String, String)> {
        let _ = record;
        Vec::new()
    }

    /// The commands that recreate `records` on an empty server, in order. Pure: depends only on
    /// the records, so a printed script is exactly what would run.
    fn apply_commands(records: &[Self::Record]) -> Vec<Command>;

    /// Values in other plugins' state that `records` recreate (a service link's `*_URL`
    /// variable and `--link` option). None by default.
    fn owned_elsewhere(records: &[Self::Record]) -> Vec<OwnedValue> {
        let _ = records;
        Vec::new()
    }

    /// Leaves out of `records` the values `owned` says another plugin recreates (those whose
    /// holder is [`Plugin::KEY`]). Holders that can hold such values implement it; by default
    /// nothing is left out.
    fn release_owned(records: &mut Vec<Self::Record>, owned: &[OwnedValue]) {
        let _ = (records, owned);
    }

    /// The minimal ordered commands that turn `current` (read from the server) into `desired`
    /// (from a document), with the changes they make. Pure. No command for a value that is
    /// already right; nothing removed unless `options.prune`.
    fn diff(current: &[Self::Record], desired: &[Self::Record], options: &DiffOptions) -> PluginDiff;
}

/// A boxed future borrowing from the glue and the client.
pub type GlueFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// The object-safe face of a [`Plugin`], with records as JSON values.
pub trait PluginGlue: Send + Sync {
    /// See [`Plugin::KEY`].
    fn key(&self) -> &'static str;
    /// See [`Plugin::DOKKU_NAME`].
    fn dokku_name(&self) -> &'static str;
    /// See [`Plugin::REQUIRES`].
    fn requires(&self) -> &'static [&'static str];
    /// See [`Plugin::READS_INSTALLED_PLUGINS`].
    fn reads_installed_plugins(&self) -> bool;
    /// See [`Plugin::longest_read`].
    fn longest_read(&self, apps: usize) -> f64;
    /// The schema of one record (see [`Plugin::Record`]); shared definitions go to `generator`.
    fn record_schema(&self, generator: &mut SchemaGenerator) -> Schema;
    /// Exports the records as JSON values.
    fn export<'a>(
        &'a self,
        client: &'a Client,
        scope: &'a ExportScope,
    ) -> GlueFuture<'a, Result<Exported<serde_json::Value>, Error>>;
    /// See [`Plugin::confirm_unread`]; `desired` has been validated already.
    fn confirm_unread<'a>(
        &'a self,
        client: &'a Client,
        desired: &'a [serde_json::Value],
        options: &'a DiffOptions,
    ) -> GlueFuture<'a, Result<Vec<serde_json::Value>, Error>>;
    /// Reads and checks `records` (the plugin's list in a document) and returns the commands
    /// that recreate them, or every problem found.
    fn plan_create(&self, records: &[serde_json::Value]) -> Result<Vec<Command>, Vec<DocumentError>>;
    /// See [`Plugin::owned_elsewhere`]; records that do not read are skipped.
    fn owned_elsewhere(&self, records: &[serde_json::Value]) -> Vec<OwnedValue>;
    /// See [`Plugin::release_owned`]; records that do not read are kept as they are.
    fn release_owned(&self, records: &mut Vec<serde_json::Value>, owned: &[OwnedValue]);
    /// Reads both sides and diffs them (see [`Plugin::diff`]); problems name `side`'s paths.
    fn diff(
        &self,
        current: &[serde_json::Value],
        desired: &[serde_json::Value],
        options: &DiffOptions,
    ) -> Result<PluginDiff, Vec<DocumentError>>;
}

impl std::fmt::Debug for dyn PluginGlue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.key())
    }
}

/// Adapts a typed [`Plugin`] to [`PluginGlue`].
pub struct Glue<P>(PhantomData<fn() -> P>);

impl<P> Glue<P> {
    /// The glue of plugin `P`.
    pub const fn new() -> Self {
        Self(PhantomData)
    }
}

impl<P> Default for Glue<P> {
    fn default() -> Self {
        Self::new()
    }
}

impl<P: Plugin> PluginGlue for Glue<P> {
    fn key(&self) -> &'static str {
        P::KEY
    }

    fn dokku_name(&self) -> &'static str {
        P::DOKKU_NAME
    }

    fn requires(&self) -> &'static [&'static str] {
        P::REQUIRES
    }

    fn reads_installed_plugins(&self) -> bool {
        P::READS_INSTALLED_PLUGINS
    }

    fn longest_read(&self, apps: usize) -> f64 {
        P::longest_read(apps)
    }

    fn record_schema(&self, generator: &mut SchemaGenerator) -> Schema {
        generator.subschema_for::<P::Record>()
    }

    fn export<'a>(
        &'a self,
        client: &'a Client,
        scope: &'a ExportScope,
    ) -> GlueFuture<'a, Result<Exported<serde_json::Value>, Error>> {
        Box::pin(async move {
            let exported = P::export(client, scope).await?;
            let records = exported
                .records
                .iter()
                .map(serde_json::to_value)
                .collect::<Result<Vec<_>, _>>()
                .map_err(|e| Error::Config(format!("cannot serialise {} records: {e}", P::KEY)))?;
            Ok(Exported { records, warnings: exported.warnings })
        })
    }

    fn confirm_unread<'a>(
        &'a self,
        client: &'a Client,
        desired: &'a [serde_json::Value],
        options: &'a DiffOptions,
    ) -> GlueFuture<'a, Result<Vec<serde_json::Value>, Error>> {
        Box::pin(async move {
            let typed = read_records::<P>(desired, false).map_err(|errors| {
                let first = errors.first().map(ToString::to_string).unwrap_or_default();
                Error::Config(format!("{} records: {first}", P::KEY))
            })?;
            let confirmed = P::confirm_unread(client, &typed, options).await?;
            confirmed
                .iter()
                .map(serde_json::to_value)
                .collect::<Result<Vec<_>, _>>()
                .map_err(|e| Error::Config(format!("cannot serialise {} records: {e}", P::KEY)))
        })
    }

    fn plan_create(&self, records: &[serde_json::Value]) -> Result<Vec<Command>, Vec<DocumentError>> {
        read_records::<P>(records, true).map(|typed| P::apply_commands(&typed))
    }

    fn owned_elsewhere(&self, records: &[serde_json::Value]) -> Vec<OwnedValue> {
        let typed: Vec<P::Record> =
            records.iter().filter_map(|r| serde_json::from_value(r.clone()).ok()).collect();
        P::owned_elsewhere(&typed)
    }

    fn release_owned(&self, records: &mut Vec<serde_json::Value>, owned: &[OwnedValue]) {
        if !owned.iter().any(|o| o.holder == P::KEY) {
            return;
        }
        let Ok(mut typed) = read_records::<P>(records, false) else { return };
        P::release_owned(&mut typed, owned);
        if let Ok(values) = typed.iter().map(serde_json::to_value).collect::<Result<Vec<_>, _>>() {
            *records = values;
        }
    }

    fn diff(
        &self,
        current: &[serde_json::Value],
        desired: &[serde_json::Value],
        options: &DiffOptions,
    ) -> Result<PluginDiff, Vec<DocumentError>> {
        // The server's records are what they are (a read without root lacks some fields);
        // only the desired side must be valid.
        let current = read_records::<P>(current, false)?;
        let desired = read_records::<P>(desired, true)?;
        Ok(P::diff(&current, &desired, options))
    }
}

/// Deserialises and validates a plugin's records, collecting every problem with its path.
fn read_records<P: Plugin>(
    records: &[serde_json::Value],
    validate: bool,
) -> Result<Vec<P::Record>, Vec<DocumentError>> {
    {
        let mut typed = Vec::with_capacity(records.len());
        let mut errors = Vec::new();
        for (i, value) in records.iter().enumerate() {
            let path = format!("$.{}[{i}]", P::KEY);
            match serde_path_to_error::deserialize::<_, P::Record>(value) {
                Ok(record) => {
                    let problems = if validate { P::validate(&record) } else { Vec::new() };
                    for (field, message) in problems {
                        errors.push(DocumentError { path: format!("{path}.{field}"), message });
                    }
                    typed.push(record);
                }
                Err(e) => {
                    let inner = e.path().to_string();
                    let at = if inner == "." { path } else { format!("{path}.{inner}") };
                    errors.push(DocumentError { path: at, message: e.into_inner().to_string() });
                }
            }
        }
        if errors.is_empty() { Ok(typed) } else { Err(errors) }
    }
}
