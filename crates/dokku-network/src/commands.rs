//! The `network:*` commands: pure builders, and typed async methods over a [`Client`].

use dokku_core::reports::{read_app_reports, read_global_report, read_one_app};
use std::collections::HashMap;

use dokku_core::text::TextError;
use dokku_core::{Client, DokkuVersion, Error};

use crate::docker_inspect::parse_docker_network_inspect;
use crate::model::{AppNetwork, Network};
use crate::parse::{
    LIST_JSON_SINCE, REPORT, app_network_from_values, global_from_values, parse_network_info_json,
    parse_network_list_json, parse_network_list_text,
};

/// Pure command builders (no I/O): what apply and `--print-only` use.
pub mod builders {
    use dokku_core::Command;

    /// `network:create <network>` (Dokku labels it as its own).
    pub fn create(network: &str) -> Command {
        Command::dokku("network:create").arg(network).writes(None)
    }

    /// `network:destroy --force <network>` (the confirmation prompt needs a terminal).
    pub fn destroy(network: &str) -> Command {
        Command::dokku("network:destroy").args(["--force", network]).writes(None)
    }

    /// `network:exists <network>` (exit 1 when missing: a result, not an error).
    pub fn exists(network: &str) -> Command {
        Command::dokku("network:exists").arg(network).allow_failure()
    }

    /// `network:info <network> [--format json]`.
    pub fn info(network: &str, json: bool) -> Command {
        let cmd = Command::dokku("network:info").arg(network);
        if json { cmd.args(["--format", "json"]) } else { cmd }
    }

    /// `network:list [--format json]`.
    pub fn list(json: bool) -> Command {
        let cmd = Command::dokku("network:list");
        if json { cmd.args(["--format", "json"]) } else { cmd }
    }

    /// `docker network inspect <network>…` (root only): the details Dokku before 0.35.3 cannot
    /// list. Docker exits 1 when one of the networks vanished meanwhile but still prints the
    /// others, so a failure is a result for the caller to look at.
    pub fn docker_inspect<'n>(networks: impl IntoIterator<Item = &'n str>) -> Command {
        Command::system("docker").args(["network", "inspect"]).args(networks).allow_failure()
    }

    /// `network:set <app|--global> <key> [<value>…]` (no value unsets; several values are
    /// stored comma-joined).
    pub fn set<'v>(app: Option<&str>, key: &str, values: impl IntoIterator<Item = &'v str>) -> Command {
        Command::dokku("network:set").arg(app.unwrap_or("--global")).arg(key).args(values).writes(app)
    }

    /// `network:rebuild <app>`: rewrites the app's network bookkeeping from its containers.
    pub fn rebuild(app: &str) -> Command {
        Command::dokku("network:rebuild").arg(app).writes(Some(app))
    }

    /// `network:rebuildall`.
    pub fn rebuild_all() -> Command {
        Command::dokku("network:rebuildall").writes(None)
    }
}

/// The network plugin over one client.
#[derive(Clone, Copy, Debug)]
pub struct Networks<'a> {
    client: &'a Client,
}

impl<'a> Networks<'a> {
    /// Wraps a client.
    pub fn new(client: &'a Client) -> Self {
        Self { client }
    }

    async fn run(&self, cmd: &dokku_core::Command) -> Result<(), Error> {
        self.client.output(cmd).await.map(drop)
    }

    /// Creates a Docker network labelled as Dokku's.
    pub async fn create(&self, network: &str) -> Result<(), Error> {
        self.run(&builders::create(network)).await
    }

    /// Destroys a Docker network without asking.
    pub async fn destroy(&self, network: &str) -> Result<(), Error> {
        self.run(&builders::destroy(network)).await
    }

    /// Whether the network exists.
    pub async fn exists(&self, network: &str) -> Result<bool, Error> {
        Ok(self.client.output(&builders::exists(network)).await?.success())
    }

    /// Every Docker network: described fully on Dokku 0.35.3 and later, by name before.
    pub async fn list(&self) -> Result<Vec<Network>, Error> {
        let version = self.client.version().await?;
        list_networks(self.client, version).await.map(|(networks, _)| networks)
    }

    /// One network's description (Dokku 0.35.3 and later).
    pub async fn info(&self, network: &str) -> Result<Network, Error> {
        let cmd = builders::info(network, true);
        let out = self.client.stdout(&cmd).await?;
        parse_network_info_json(&out)
            .map(|(network, _)| network)
            .map_err(|e| Error::Parse { command: cmd.to_string(), source: Box::new(e) })
    }

    /// Sets a network property (for one app or globally) to `values`; no values unsets it.
    pub async fn set(&self, app: Option<&str>, key: &str, values: &[&str]) -> Result<(), Error> {
        self.run(&builders::set(app, key, values.iter().copied())).await
    }

    /// Rebuilds one app's network bookkeeping.
    pub async fn rebuild(&self, app: &str) -> Result<(), Error> {
        self.run(&builders::rebuild(app)).await
    }

    /// Rebuilds every app's network bookkeeping.
    pub async fn rebuild_all(&self) -> Result<(), Error> {
        self.run(&builders::rebuild_all()).await
    }

    /// The network settings of `apps`.
    pub async fn reports(&self, apps: &[String]) -> Result<Vec<AppNetwork>, Error> {
        let version = self.client.version().await?;
        let reports = read_app_reports(self.client, &REPORT, apps, version).await?;
        reports.into_iter().map(|v| app_network_from_values(v).map(|(s, _)| s).map_err(parse_error)).collect()
    }

    /// One app's network settings.
    pub async fn report(&self, app: &str) -> Result<AppNetwork, Error> {
        let version = self.client.version().await?;
        let values = read_one_app(self.client, &REPORT, app, version).await?;
        app_network_from_values(values).map(|(s, _)| s).map_err(parse_error)
    }

    /// The global network settings (Dokku 0.38 and later).
    pub async fn global(&self) -> Result<AppNetwork, Error> {
        let version = self.client.version().await?;
        let values = read_global_report(self.client, &REPORT, version).await?;
        global_from_values(&values).map_err(parse_error)
    }
}

/// Lists the networks in the richest form `version` has, with warnings for unknown fields and
/// for details that could not be read.
pub(crate) async fn list_networks(
    client: &Client,
    version: &DokkuVersion,
) -> Result<(Vec<Network>, Vec<String>), Error> {
    let json = version >= &LIST_JSON_SINCE;
    let cmd = builders::list(json);
    let out = client.stdout(&cmd).await?;
    let not_parsed = |e: TextError| Error::Parse { command: cmd.to_string(), source: Box::new(e) };
    if json {
        return parse_network_list_json(&out).map_err(not_parsed);
    }
    let named = parse_network_list_text(&out).map_err(not_parsed)?;
    detail_named_networks(client, version, named).await
}

/// Dokku before 0.35.3 lists names only: the details come from Docker itself, over a connection
/// that may run it (root); otherwise, or for a network Docker did not describe, the name alone
/// is kept and a warning says so.
async fn detail_named_networks(
    client: &Client,
    version: &DokkuVersion,
    named: Vec<Network>,
) -> Result<(Vec<Network>, Vec<String>), Error> {
    if named.is_empty() {
        return Ok((named, Vec::new()));
    }
    if !client.can_run_system_commands() {
        return Ok((
            named,
            vec![format!(
                "network: Dokku {version} lists network names only, and their details \
                 (`docker network inspect`) need root (a connection that can run system \
                 commands): exported by name"
            )],
        ));
    }
    let cmd = builders::docker_inspect(named.iter().map(|n| n.name.as_str()));
    let out = client.output(&cmd).await?;
    let (inspected, mut warnings) = parse_docker_network_inspect(&out.stdout)
        .map_err(|e| Error::Parse { command: cmd.to_string(), source: Box::new(e) })?;
    let mut by_name: HashMap<String, Network> = inspected.into_iter().map(|n| (n.name.clone(), n)).collect();
    let mut undescribed = Vec::new();
    let networks: Vec<Network> = named
        .into_iter()
        .map(|network| {
            by_name.remove(&network.name).unwrap_or_else(|| {
                undescribed.push(network.name.clone());
                network
            })
        })
        .collect();
    if !undescribed.is_empty() {
        let why = out.message();
        let why = why.lines().next().unwrap_or_default();
        warnings.push(format!(
            "network: `docker network inspect` did not describe {} ({why}): exported by name",
            undescribed.join(", ")
        ));
    }
    Ok((networks, warnings))
}

pub(crate) fn parse_error(message: String) -> Error {
    Error::Parse { command: "network:report".into(), source: message.into() }
}
