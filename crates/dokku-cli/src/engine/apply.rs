//! `dokkuctl apply`: bring a server to a document's state — everything, on an empty server
//! ([`apply`]), or only what differs ([`converge`]) — plugins first, then in dependency order,
//! restarts last, stopping at the first failure with a report of what ran.

use std::collections::HashMap;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};

use dokku_core::installed_plugins::{InstalledPlugin, read_installed_plugins};
use dokku_core::plugin::{DiffOptions, PluginGlue};
use dokku_core::{Client, Command, DokkuVersion, Error};
use futures_util::future::join_all;
use tokio::sync::watch;

use super::availability::{Availability, always_installed, availability};
use super::check::{check_plan, installed_by};
use super::converge::{ConvergencePlan, plan_against_server_reading};
use super::error::EngineError;
use super::export::ReadFrom;
use super::observer::Observer;
use super::plan::CreationPlan;
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
    /// Apply despite the compatibility check's findings ([`super::check`]: another Dokku
    /// version, missing plugins, root-only commands without root); what cannot be done is
    /// skipped and reported.
    pub force: bool,
    /// Remove what the server has and the document does not (never apps without `prune_apps`).
    pub diff: DiffOptions,
    /// Skip the final restarts.
    pub no_restart: bool,
    /// Where the server's state is read (`--read`).
    pub read: ReadFrom,
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
    let version = client.version().await?.clone();
    let (mut plan, mut installed) =
        plan_against_server_reading(client, text, plugins, &options.diff, options.read, observer).await?;
    // Everything read, nothing sent yet: the last moment to refuse.
    let findings = check_plan(client, text, plugins, &plan, &installed).await?;
    if !findings.is_empty() {
        if !options.force {
            return Err(EngineError::Findings(findings));
        }
        for finding in &findings {
            observer.warn(&format!("{finding} (applying anyway: --force)"));
        }
    }
    let mut report = ApplyReport::default();
    let mut skip_plugin_step = false;
    // Installing a plugin runs every plugin's install trigger, which writes state for the apps
    // that exist (network's `bind-all-interfaces`): install first, then plan the rest against
    // what the server holds afterwards.
    let installs = |plan: &ConvergencePlan, installed: &[InstalledPlugin]| {
        plan.steps
            .iter()
            .filter(|s| s.plugin.key() == "plugin")
            .flat_map(|s| s.diff.commands.iter())
            .any(|c| installed_by(c).is_some_and(|name| !installed.iter().any(|p| p.name == name)))
    };
    if client.can_run_system_commands() && installs(&plan, &installed) {
        let steps = plan
            .steps
            .iter()
            .filter(|s| s.plugin.key() == "plugin")
            .map(|s| Step { plugin: s.plugin, commands: s.diff.commands.iter().collect() })
            .collect();
        report = execute(client, &version, installed, steps, &[], observer).await?;
        observer.progress("plugin: installed; planning the rest against the server as it is now");
        let installed_step =
            plan.steps.iter().position(|s| s.plugin.key() == "plugin").map(|at| plan.steps.remove(at));
        (plan, installed) =
            plan_against_server_reading(client, text, plugins, &options.diff, options.read, observer).await?;
        // The plan returned says what this apply did: the installs are part of it.
        plan.steps.retain(|s| s.plugin.key() != "plugin");
        plan.steps.splice(0..0, installed_step);
        // Their commands have run: the rest of the apply must not send them again.
        skip_plugin_step = true;
    }
    let steps = plan
        .steps
        .iter()
        .filter(|s| !(skip_plugin_step && s.plugin.key() == "plugin"))
        .map(|s| Step { plugin: s.plugin, commands: s.diff.commands.iter().collect() })
        .collect();
    let finish = if options.no_restart { Vec::new() } else { finishing_commands(&plan) };
    let rest = execute(client, &version, installed, steps, &finish, observer).await?;
    report.done.extend(rest.done);
    report.tolerated.extend(rest.tolerated);
    report.skipped.extend(rest.skipped);
    Ok((report, plan))
}

/// Runs steps: the plugin installs first (their install triggers touch every existing app), then
/// each plugin's as soon as the plugins it requires have run; then the restarts and rebuilds.
async fn execute(
    client: &Client,
    version: &DokkuVersion,
    installed: Vec<InstalledPlugin>,
    steps: Vec<Step<'_>>,
    finish: &[Command],
    observer: &dyn Observer,
) -> Result<ApplyReport, EngineError> {
    let mut report = ApplyReport::default();
    let total: usize = steps.iter().map(|s| s.commands.len()).sum::<usize>() + finish.len();
    let runner = Runner { client, observer, stop: AtomicBool::new(false), log: Mutex::default(), total };
    let all: Vec<String> = steps.iter().flat_map(|s| s.commands.iter().map(ToString::to_string)).collect();

    let plugins: Vec<&'static dyn PluginGlue> =
        steps.iter().map(|s| s.plugin).filter(|p| p.key() != "plugin").collect();
    // The order must exist (no cycle) before anything runs.
    batches(&plugins).map_err(EngineError::Usage)?;
    // A plugin install runs every plugin's install trigger, and those write state for the apps
    // that exist at that moment (network's sets `bind-all-interfaces` on every app lacking it;
    // ps migrates restart policies): nothing else may run while plugins are installed, or what
    // it creates would be changed behind the plan's back.
    let installs_anything = steps.iter().any(|s| s.plugin.key() == "plugin" && !s.commands.is_empty());
    let (installed_tx, installed_rx) = watch::channel::<Option<Vec<InstalledPlugin>>>(None);
    let installs = async {
        let result = install_plugins(client, version, &runner, &steps, installed).await;
        match &result {
            Ok(list) => installed_tx.send_replace(Some(list.clone())),
            Err(_) => {
                // Nothing else may start: the error is the apply's outcome.
                runner.stop.store(true, Ordering::SeqCst);
                installed_tx.send_replace(Some(Vec::new()))
            }
        };
        result
    };
    let done: HashMap<&str, watch::Sender<bool>> =
        plugins.iter().map(|p| (p.key(), watch::Sender::new(false))).collect();
    let runs = plugins.iter().map(|plugin| {
        let (done, installed_rx, steps, runner) = (&done, installed_rx.clone(), &steps, &runner);
        async move {
            for required in plugin.requires() {
                if let Some(finished) = done.get(required) {
                    // A closed channel cannot happen: every sender lives in `done` until the end.
                    let _ = finished.subscribe().wait_for(|d| *d).await;
                }
            }
            let skipped = if always_installed(*plugin, version) && !installs_anything {
                None
            } else {
                let mut rx = installed_rx;
                let installed = rx.wait_for(Option::is_some).await.map(|l| l.clone()).ok().flatten();
                if always_installed(*plugin, version) {
                    None
                } else {
                    skip_reason(*plugin, installed.as_deref().unwrap_or_default(), version)
                }
            };
            match &skipped {
                Some(line) => observer.warn(line),
                None => {
                    if let Some(step) = steps.iter().find(|s| s.plugin.key() == plugin.key()) {
                        runner.run_all(plugin.key(), step.commands.clone()).await;
                    }
                }
            }
            if let Some(finished) = done.get(plugin.key()) {
                finished.send_replace(true);
            }
            skipped
        }
    });
    let (installed, skipped) = tokio::join!(installs, join_all(runs));
    installed?;
    report.skipped.extend(skipped.into_iter().flatten());
    if runner.stop.load(Ordering::SeqCst) {
        return Err(runner.interrupted(&all));
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

/// Installs the plugins the `plugin` step wants and the server lacks, one at a time; returns
/// what `plugin:list` says afterwards (`installed` when nothing was installed).
async fn install_plugins(
    client: &Client,
    version: &DokkuVersion,
    runner: &Runner<'_>,
    steps: &[Step<'_>],
    installed: Vec<InstalledPlugin>,
) -> Result<Vec<InstalledPlugin>, EngineError> {
    let Some(step) = steps.iter().find(|s| s.plugin.key() == "plugin") else { return Ok(installed) };
    let wanted: Vec<&Command> = step
        .commands
        .iter()
        .copied()
        .filter(|c| match installed_by(c) {
            Some(name) if installed.iter().any(|p| p.name == name) => {
                runner.observer.progress(&format!("plugin: {name} is already installed"));
                false
            }
            _ => true,
        })
        .collect();
    if wanted.is_empty() {
        return Ok(installed);
    }
    if !client.can_run_system_commands() {
        let names: Vec<String> = wanted.iter().filter_map(|c| installed_by(c)).collect();
        runner.observer.warn(&format!(
            "plugin: installing plugins needs root, and this user cannot get it; not installed: {}",
            if names.is_empty() {
                "(none; enable/disable changes skipped)".to_owned()
            } else {
                names.join(", ")
            }
        ));
        return Ok(installed);
    }
    runner.run_all("plugin", wanted).await;
    if runner.stop.load(Ordering::SeqCst) {
        return Ok(installed);
    }
    Ok(read_installed_plugins(client, version).await?)
}

/// Why `plugin`'s data cannot be applied on this server (not installed, or disabled), if so.
fn skip_reason(
    plugin: &dyn PluginGlue,
    installed: &[InstalledPlugin],
    version: &DokkuVersion,
) -> Option<String> {
    let why = match availability(plugin, installed, version) {
        Availability::Ready => return None,
        Availability::Disabled => "disabled",
        Availability::Missing => "not installed",
    };
    Some(format!(
        "{}: Dokku plugin {} is {why} on the server; its data was not applied",
        plugin.key(),
        plugin.dokku_name()
    ))
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
