//! The `proxy:*` commands: pure builders, and typed async methods over a [`Client`].

use dokku_core::reports::{read_app_reports, read_one_app};
use dokku_core::{Client, Error};

use crate::model::Proxy;
use crate::parse::{REPORT, proxy_from_values};

/// Pure command builders (no I/O): what apply and `--print-only` use.
///
/// `app: None` means every app (`--all`) for the actions and the server default (`--global`)
/// for the setters.
pub mod builders {
    use dokku_core::Command;

    fn target(cmd: Command, app: Option<&str>, all: &str) -> Command {
        cmd.arg(app.unwrap_or(all)).writes(app)
    }

    /// `proxy:enable <app|--all>` (restarts a deployed nginx-type app to unpublish its ports).
    pub fn enable(app: Option<&str>) -> Command {
        target(Command::dokku("proxy:enable"), app, "--all")
    }

    /// `proxy:disable <app|--all>` (restarts a deployed nginx-type app to publish its ports).
    pub fn disable(app: Option<&str>) -> Command {
        target(Command::dokku("proxy:disable"), app, "--all")
    }

    /// `proxy:set <app|--global> <type>`: the two-argument form every Dokku version accepts.
    pub fn set_type(app: Option<&str>, proxy_type: &str) -> Command {
        target(Command::dokku("proxy:set"), app, "--global").arg(proxy_type)
    }

    /// `proxy:set <app|--global> <key> [<value>]` (Dokku 0.38.8 and later; keys `disabled`,
    /// `proxy-port`, `proxy-ssl-port`, `type`; no value unsets).
    pub fn set(app: Option<&str>, key: &str, value: Option<&str>) -> Command {
        let cmd = target(Command::dokku("proxy:set"), app, "--global").arg(key);
        match value {
            Some(v) => cmd.arg(v),
            None => cmd,
        }
    }

    /// `proxy:clear-config <app|--all>`.
    pub fn clear_config(app: Option<&str>) -> Command {
        target(Command::dokku("proxy:clear-config"), app, "--all")
    }

    /// `proxy:build-config <app|--all>` (regenerates and reloads the proxy configuration).
    pub fn build_config(app: Option<&str>) -> Command {
        target(Command::dokku("proxy:build-config"), app, "--all")
    }
}

/// The proxy plugin over one client.
#[derive(Clone, Copy, Debug)]
pub struct ProxyCommands<'a> {
    client: &'a Client,
}

impl<'a> ProxyCommands<'a> {
    /// Wraps a client.
    pub fn new(client: &'a Client) -> Self {
        Self { client }
    }

    /// Enables the proxy of one app (`Some`) or of every app (`None`).
    pub async fn enable(&self, app: Option<&str>) -> Result<(), Error> {
        self.client.output(&builders::enable(app)).await.map(drop)
    }

    /// Disables the proxy of one app (`Some`) or of every app (`None`).
    pub async fn disable(&self, app: Option<&str>) -> Result<(), Error> {
        self.client.output(&builders::disable(app)).await.map(drop)
    }

    /// Sets the proxy type of one app (`Some`) or the global default (`None`).
    pub async fn set_type(&self, app: Option<&str>, proxy_type: &str) -> Result<(), Error> {
        self.client.output(&builders::set_type(app, proxy_type)).await.map(drop)
    }

    /// Sets (`Some`) or unsets (`None`) a proxy property, for one app or globally.
    pub async fn set(&self, app: Option<&str>, key: &str, value: Option<&str>) -> Result<(), Error> {
        self.client.output(&builders::set(app, key, value)).await.map(drop)
    }

    /// Removes the generated proxy configuration of one app or of every app.
    pub async fn clear_config(&self, app: Option<&str>) -> Result<(), Error> {
        self.client.output(&builders::clear_config(app)).await.map(drop)
    }

    /// Regenerates the proxy configuration of one app or of every app.
    pub async fn build_config(&self, app: Option<&str>) -> Result<(), Error> {
        self.client.output(&builders::build_config(app)).await.map(drop)
    }

    /// The proxy settings of `apps` (in that order).
    pub async fn list(&self, apps: &[String]) -> Result<Vec<Proxy>, Error> {
        let version = self.client.version().await?;
        let reports = read_app_reports(self.client, &REPORT, apps, version).await?;
        reports.into_iter().map(|v| proxy_from_values(v).map(|(p, _)| p).map_err(parse_error)).collect()
    }

    /// One app's proxy settings.
    pub async fn report(&self, app: &str) -> Result<Proxy, Error> {
        let version = self.client.version().await?;
        let values = read_one_app(self.client, &REPORT, app, version).await?;
        proxy_from_values(values).map(|(p, _)| p).map_err(parse_error)
    }
}

pub(crate) fn parse_error(message: String) -> Error {
    Error::Parse { command: "proxy:report".into(), source: message.into() }
}
