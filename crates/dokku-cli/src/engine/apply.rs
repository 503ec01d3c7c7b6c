//! `dokkuctl apply`: bring a server to a document's state — everything, on an empty server
//! ([`apply`]), or only what differs ([`converge`]) — plugins first, then in dependency order,
//! restarts last, stopping at the first failure with a report of what ran.

use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};

use dokku_core::installed_plugins::{InstalledPlugin, read_installed_plugins};
use dokku_core::plugin::{DiffOptions, PluginGlue};
use dokku_core::{Client, Command, DokkuVersion, Error};
use futures_util::future::join_all;

use super::availability::{Availability, availability};
use super::converge::{ConvergencePlan, plan_against_server};
use super::error::EngineError;
use super::observer::Observer;
use super::plan::{CreationPlan, plan_creation};
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

/// One plugin's commands to run.
struct Step<'a> {
    plugin: &'static dyn PluginGlue,
    commands: Vec<&'a Command>,
}

/// Refuses (or, with `--force`, warns about) a document from another Dokku release.
fn check_version(
    server: &DokkuVersion,
    document: Option<&DokkuVersion>,
    force: bool,
    observer: &dyn Observer,
) -> Result<(), EngineError> {
    let Some(document) = document else { return Ok(()) };
    if same_release(server, document) {
        return Ok(());
    }
    if !force {
        return Err(EngineError::VersionMismatch {
            server: server.to_string(),
            document: document.to_string(),
        });
    }
    observer
        .warn(&format!("version mismatch: server {server}, document {document}; applying anyway (--force)"));
    Ok(())
}

/// Applies a creation plan (everything in the document, for an empty server).
pub async fn apply(
    client: &Client,
    plan: &CreationPlan,
    options: ApplyOptions,
    observer: &dyn Observer,
) -> Result<ApplyReport, EngineError> {
    let version = client.version().await?.clone();
    check_version(&version, plan.document.dokku_version.as_ref(), options.force, observer)?;
    let steps =
        plan.steps.iter().map(|s| Step { plugin: s.plugin, commands: s.commands.iter().collect() }).collect();
    let installed = read_installed_plugins(client, &version).await?;
    execute(client, &version, installed, steps, &[], observer).await
}

/// How a converging apply may act.
#[derive(Clone, Debug, Default)]
pub struct ConvergeOptions {
    /// Apply even when the server's Dokku version differs from the document's.
    pub force: bool,
    /// Remove what the server has and the document does not (never apps without `prune_apps`).
    pub diff: DiffOptions,
    /// Skip the final restarts.
    pub no_restart: bool,
}

/// Reads the server, plans, and runs only the commands needed to reach the document `text`;
/// then restarts (or rebuilds) each deployed app whose runtime (or build) settings changed,
/// once. A second run of the same document sends no state-changing command.
pub async fn converge(
    client: &Client,
    text: &str,
    plugins: &[&'static dyn PluginGlue],
    options: ConvergeOptions,
    observer: &dyn Observer,
) -> Result<(ApplyReport, ConvergencePlan), EngineError> {
    let document_version = plan_creation(text, plugins)?.document.dokku_version;
    let version = client.version().await?.clone();
    check_version(&version, document_version.as_ref(), options.force, observer)?;
    let (plan, installed) = plan_against_server(client, text, plugins, &options.diff, observer).await?;
    let steps = plan
        .steps
        .iter()
        .map(|s| Step { plugin: s.plugin, commands: s.diff.commands.iter().collect() })
        .collect();
    let finish = if options.no_restart { Vec::new() } else { finishing_commands(&plan) };
    let report = execute(client, &version, installed, steps, &finish, observer).await?;
    Ok((report, plan))
}

/// Runs steps: the plugin installs first, then the other plugins in dependency batches, then
/// the restarts and rebuilds.
async fn execute(
    client: &Client,
    version: &DokkuVersion,
    mut installed: Vec<InstalledPlugin>,
    steps: Vec<Step<'_>>,
    finish: &[Command],
    observer: &dyn Observer,
) -> Result<ApplyReport, EngineError> {
    let mut report = ApplyReport::default();
    let total: usize = steps.iter().map(|s| s.commands.len()).sum::<usize>() + finish.len();
    let runner = Runner { client, observer, stop: AtomicBool::new(false), log: Mutex::default(), total };
    let all: Vec<String> = steps.iter().flat_map(|s| s.commands.iter().map(ToString::to_string)).collect();

    // Third-party plugins first: the other plugins' commands need them.
    if let Some(step) = steps.iter().find(|s| s.plugin.key() == "plugin") {
        let wanted: Vec<&Command> = step
            .commands
            .iter()
            .copied()
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
        } else if !wanted.is_empty() {
            runner.run_all("plugin", wanted).await;
            if runner.stop.load(Ordering::SeqCst) {
                return Err(runner.interrupted(&all));
            }
            installed = read_installed_plugins(client, version).await?;
        }
    }

    let plugins: Vec<&'static dyn PluginGlue> =
        steps.iter().map(|s| s.plugin).filter(|p| p.key() != "plugin").collect();
    for batch in batches(&plugins).map_err(EngineError::Usage)? {
        let ready: Vec<&Step<'_>> = batch
            .iter()
            .filter_map(|p| steps.iter().find(|s| s.plugin.key() == p.key()))
            .filter(|s| match availability(s.plugin, &installed, version) {
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
        join_all(ready.iter().map(|s| runner.run_all(s.plugin.key(), s.commands.clone()))).await;
        if runner.stop.load(Ordering::SeqCst) {
            return Err(runner.interrupted(&all));
        }
    }

    // One restart (or rebuild) per app, after every setting is in place.
    runner.run_all("ps", finish.iter().collect()).await;
    if runner.stop.load(Ordering::SeqCst) {
        let mut all = all;
        all.extend(finish.iter().map(ToString::to_string));
        return Err(runner.interrupted(&all));
    }
    let log = runner.log.into_inner().unwrap_or_else(std::sync::PoisonError::into_inner);
    report.done = log.done;
    report.tolerated = log.tolerated;
    report.skipped.extend(log.skipped);
    Ok(report)
}

/// The restarts, rebuilds and proxy rebuilds that make a plan's changes take effect.
pub fn finishing_commands(plan: &ConvergencePlan) -> Vec<Command> {
    let rebuild =
        plan.rebuilds.iter().map(|a| Command::dokku("ps:rebuild").arg(a).writes(Some(a)).timeout(LONG));
    let restart =
        plan.restarts.iter().map(|a| Command::dokku("ps:restart").arg(a).writes(Some(a)).timeout(LONG));
    let proxy =
        plan.proxy_rebuilds.iter().map(|a| Command::dokku("proxy:build-config").arg(a).writes(Some(a)));
    rebuild.chain(restart).chain(proxy).collect()
}

/// Restarts and rebuilds may take minutes on a real server.
const LONG: std::time::Duration = std::time::Duration::from_secs(1800);

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
        let mut groups: Vec<Vec<&Command>> = Vec::new();
        let mut index: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
        for cmd in per_app {
            let app = cmd.written_app().flatten().unwrap_or_default();
            let at = *index.entry(app).or_insert_with(|| {
                groups.push(Vec::new());
                groups.len() - 1
            });
            groups[at].push(cmd);
        }
        join_all(groups.into_iter().map(|group| self.run_sequence(key, group))).await;
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

    fn interrupted(&self, all: &[String]) -> EngineError {
        let mut log = self.lock();
        let (failed_cmd, failed) =
            log.failure.take().unwrap_or_else(|| (String::new(), Error::Config("interrupted".into())));
        let mut listed: std::collections::HashSet<String> =
            log.done.iter().chain(log.tolerated.iter()).cloned().collect();
        let mut not_done = vec![failed_cmd];
        not_done.append(&mut log.also_failed);
        listed.extend(not_done.iter().cloned());
        for shown in all {
            if listed.insert(shown.clone()) {
                not_done.push(shown.clone());
            }
        }
        EngineError::Interrupted { failed, done: std::mem::take(&mut log.done), not_done }
    }
}
