//! `dokkuctl apply`: recreate a document's state on a server, plugins first, then in
//! dependency order, stopping at the first failure with a report of what ran.

use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};

use dokku_core::installed_plugins::read_installed_plugins;
use dokku_core::{Client, Command, DokkuVersion, Error};
use futures_util::future::join_all;

use super::availability::{Availability, availability};
use super::error::EngineError;
use super::observer::Observer;
use super::plan::{CreationPlan, PluginCommands};
use super::scheduler::batches;

/// How to apply.
#[derive(Clone, Copy, Debug, Default)]
pub struct ApplyOptions {
    /// Apply even when the server's Dokku version differs from the document's.
    pub force: bool,
}

/// What an apply did.
#[derive(Debug, Default)]
pub struct ApplyReport {
    /// Commands that ran, masked, in order of completion.
    pub done: Vec<String>,
    /// Commands that failed without stopping the apply (certificates for undeployed apps).
    pub tolerated: Vec<String>,
    /// Plugins whose data was not applied, with why, and root-only commands this user could
    /// not run.
    pub skipped: Vec<String>,
}

/// Same `major.minor.patch` (suffixes such as `-dev` do not matter).
fn same_release(a: &DokkuVersion, b: &DokkuVersion) -> bool {
    (a.major, a.minor, a.patch) == (b.major, b.minor, b.patch)
}

/// A failure that does not stop the apply: Dokku cannot get a certificate for an app that was
/// never deployed, which is the normal state of a freshly applied server.
fn tolerated(cmd: &Command) -> bool {
    cmd.subcommand() == "letsencrypt:enable"
}

/// For `plugin:install … --name <name>`, the plugin it installs.
fn installs_plugin(cmd: &Command) -> Option<String> {
    if cmd.subcommand() != "plugin:install" {
        return None;
    }
    let argv = cmd.argv_exposed();
    argv.iter().position(|a| *a == "--name").and_then(|i| argv.get(i + 1)).map(|s| (*s).to_owned())
}

/// Applies `plan` to the server behind `client`.
pub async fn apply(
    client: &Client,
    plan: &CreationPlan,
    options: ApplyOptions,
    observer: &dyn Observer,
) -> Result<ApplyReport, EngineError> {
    let version = client.version().await?.clone();
    let document_version = plan.document.dokku_version.clone().unwrap_or_else(|| version.clone());
    if !same_release(&version, &document_version) {
        let (server, document) = (version.to_string(), document_version.to_string());
        if !options.force {
            return Err(EngineError::VersionMismatch { server, document });
        }
        observer.warn(&format!(
            "version mismatch: server {server}, document {document}; applying anyway (--force)"
        ));
    }
    let mut report = ApplyReport::default();
    let mut installed = read_installed_plugins(client, &version).await?;
    let total: usize = plan.steps.iter().map(|s| s.commands.len()).sum();
    let runner = Runner { client, observer, stop: AtomicBool::new(false), log: Mutex::default(), total };

    // Third-party plugins first: the other plugins' commands need them.
    if let Some(step) = plan.steps.iter().find(|s| s.plugin.key() == "plugin") {
        let wanted: Vec<&Command> = step
            .commands
            .iter()
            .filter(|c| match installs_plugin(c) {
                Some(name) if installed.iter().any(|p| p.name == name) => {
                    observer.progress(&format!("plugin: {name} is already installed"));
                    false
                }
                _ => true,
            })
            .collect();
        if !wanted.is_empty() && !client.can_run_system_commands() {
            let names: Vec<String> = wanted.iter().filter_map(|c| installs_plugin(c)).collect();
            observer.warn(&format!(
                "plugin: installing plugins needs root, and this user cannot get it; not installed: {}",
                if names.is_empty() {
                    "(none; enable/disable changes skipped)".to_owned()
                } else {
                    names.join(", ")
                }
            ));
        } else {
            runner.run_all("plugin", wanted).await;
            if runner.stop.load(Ordering::SeqCst) {
                return Err(runner.interrupted(plan));
            }
            installed = read_installed_plugins(client, &version).await?;
        }
    }

    let plugins: Vec<&'static dyn dokku_core::plugin::PluginGlue> =
        plan.steps.iter().map(|s| s.plugin).filter(|p| p.key() != "plugin").collect();
    for batch in batches(&plugins).map_err(EngineError::Usage)? {
        let steps: Vec<&PluginCommands> = batch
            .iter()
            .filter_map(|p| plan.steps.iter().find(|s| s.plugin.key() == p.key()))
            .filter(|s| match availability(s.plugin, &installed, &version) {
                Availability::Ready => true,
                state => {
                    let why = if state == Availability::Disabled { "disabled" } else { "not installed" };
                    let line = format!(
                        "{}: Dokku plugin {} is {why} on the server; its data was not applied",
                        s.plugin.key(),
                        s.plugin.dokku_name()
                    );
                    observer.warn(&line);
                    report.skipped.push(line);
                    false
                }
            })
            .collect();
        // Independent plugins of one batch run side by side; each keeps its own order.
        join_all(steps.iter().map(|s| runner.run_all(s.plugin.key(), s.commands.iter().collect()))).await;
        if runner.stop.load(Ordering::SeqCst) {
            return Err(runner.interrupted(plan));
        }
    }
    let log = runner.log.into_inner().unwrap_or_else(std::sync::PoisonError::into_inner);
    report.done = log.done;
    report.tolerated = log.tolerated;
    report.skipped.extend(log.skipped);
    Ok(report)
}

#[derive(Default)]
struct RunLog {
    done: Vec<String>,
    tolerated: Vec<String>,
    skipped: Vec<String>,
    failure: Option<(String, Error)>,
    also_failed: Vec<String>,
}

struct Runner<'a> {
    client: &'a Client,
    observer: &'a dyn Observer,
    stop: AtomicBool,
    log: Mutex<RunLog>,
    total: usize,
}

impl Runner<'_> {
    fn lock(&self) -> std::sync::MutexGuard<'_, RunLog> {
        self.log.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Runs one plugin's commands: those without an app first, in order; then each app's in
    /// order, different apps side by side (the client bounds how many run at once).
    async fn run_all(&self, key: &str, commands: Vec<&Command>) {
        let (global, per_app): (Vec<&Command>, Vec<&Command>) =
            commands.into_iter().partition(|c| c.written_app().flatten().is_none());
        self.run_sequence(key, global).await;
        let mut groups: Vec<(&str, Vec<&Command>)> = Vec::new();
        for cmd in per_app {
            let app = cmd.written_app().flatten().unwrap_or_default();
            match groups.iter_mut().find(|(a, _)| *a == app) {
                Some((_, group)) => group.push(cmd),
                None => groups.push((app, vec![cmd])),
            }
        }
        join_all(groups.into_iter().map(|(_, group)| self.run_sequence(key, group))).await;
    }

    async fn run_sequence(&self, key: &str, commands: Vec<&Command>) {
        for cmd in commands {
            if self.stop.load(Ordering::SeqCst) {
                return;
            }
            let shown = cmd.to_string();
            // Dokku refuses root-only commands (`ssh-keys:add`, `plugin:*`) to its own user;
            // sending them would only stop the apply halfway.
            if cmd.is_root_only() && !self.client.can_run_system_commands() {
                self.observer
                    .warn(&format!("{key}: `{shown}` needs root, which this user cannot get; not applied"));
                self.lock().skipped.push(shown);
                continue;
            }
            match self.client.output(cmd).await {
                Ok(_) => {
                    let mut log = self.lock();
                    log.done.push(shown.clone());
                    self.observer.progress(&format!("[{}/{}] {key}: {shown}", log.done.len(), self.total));
                }
                Err(e) if tolerated(cmd) => {
                    self.observer.warn(&format!("{key}: {e} (continuing: this needs a deployed app)"));
                    self.lock().tolerated.push(shown);
                }
                Err(e) => {
                    self.stop.store(true, Ordering::SeqCst);
                    let mut log = self.lock();
                    // The first failure is the one reported; later ones are its echoes.
                    if log.failure.is_none() {
                        log.failure = Some((shown, e));
                    } else {
                        log.also_failed.push(shown);
                    }
                    return;
                }
            }
        }
    }

    fn interrupted(&self, plan: &CreationPlan) -> EngineError {
        let mut log = self.lock();
        let (failed_cmd, failed) =
            log.failure.take().unwrap_or_else(|| (String::new(), Error::Config("interrupted".into())));
        let finished: Vec<String> = log.done.iter().chain(log.tolerated.iter()).cloned().collect();
        let mut not_done = vec![failed_cmd];
        not_done.append(&mut log.also_failed);
        for step in &plan.steps {
            for cmd in &step.commands {
                let shown = cmd.to_string();
                if !finished.contains(&shown) && !not_done.contains(&shown) {
                    not_done.push(shown);
                }
            }
        }
        EngineError::Interrupted { failed, done: std::mem::take(&mut log.done), not_done }
    }
}
