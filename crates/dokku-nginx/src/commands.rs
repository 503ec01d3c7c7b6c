//! The `nginx:*` commands: pure builders, and typed async methods over a [`Client`].

use dokku_core::reports::{read_global_report, read_one_app};
use dokku_core::{Client, Error};

use crate::model::Nginx;
use crate::parse::{GlobalValues, REPORT, block_from_values};

/// Pure command builders (no I/O): what apply and `--print-only` use.
pub mod builders {
    use dokku_core::Command;

    /// `nginx:set <app|--global> <key> [<value>]` (no value unsets). Values such as `8 4k` or
    /// `$server_port` are one argument each; the transport quotes them.
    pub fn set(app: Option<&str>, key: &str, value: Option<&str>) -> Command {
        let cmd = Command::dokku("nginx:set").arg(app.unwrap_or("--global")).arg(key).writes(app);
        match value {
            Some(v) => cmd.arg(v),
            None => cmd,
        }
    }

    /// `nginx:access-logs <app>` (the last 20 lines).
    pub fn access_logs(app: &str) -> Command {
        Command::dokku("nginx:access-logs").arg(app)
    }

    /// `nginx:error-logs <app>` (the last 20 lines).
    pub fn error_logs(app: &str) -> Command {
        Command::dokku("nginx:error-logs").arg(app)
    }

    /// `nginx:show-config <app>`.
    pub fn show_config(app: &str) -> Command {
        Command::dokku("nginx:show-config").arg(app)
    }

    /// `nginx:validate-config [<app>] [--clean]` (`--clean` removes invalid app configs).
    pub fn validate_config(app: Option<&str>, clean: bool) -> Command {
        let cmd = Command::dokku("nginx:validate-config").args(app);
        if clean { cmd.arg("--clean").writes(app) } else { cmd }
    }

    /// `nginx:start`.
    pub fn start() -> Command {
        Command::dokku("nginx:start").writes(None)
    }

    /// `nginx:stop`.
    pub fn stop() -> Command {
        Command::dokku("nginx:stop").writes(None)
    }

    /// `nginx:reload`.
    pub fn reload() -> Command {
        Command::dokku("nginx:reload").writes(None)
    }
}

/// The nginx-vhosts plugin over one client.
#[derive(Clone, Copy, Debug)]
pub struct NginxVhosts<'a> {
    client: &'a Client,
}

impl<'a> NginxVhosts<'a> {
    /// Wraps a client.
    pub fn new(client: &'a Client) -> Self {
        Self { client }
    }

    async fn run(&self, cmd: &dokku_core::Command) -> Result<String, Error> {
        self.client.stdout(cmd).await
    }

    /// Sets (`Some`) or unsets (`None`) a property, for one app or globally.
    pub async fn set(&self, app: Option<&str>, key: &str, value: Option<&str>) -> Result<(), Error> {
        self.run(&builders::set(app, key, value)).await.map(drop)
    }

    /// The last lines of the app's access log.
    pub async fn access_logs(&self, app: &str) -> Result<String, Error> {
        self.run(&builders::access_logs(app)).await
    }

    /// The last lines of the app's error log.
    pub async fn error_logs(&self, app: &str) -> Result<String, Error> {
        self.run(&builders::error_logs(app)).await
    }

    /// The app's generated `nginx.conf`.
    pub async fn show_config(&self, app: &str) -> Result<String, Error> {
        self.run(&builders::show_config(app)).await
    }

    /// Validates the nginx configuration (of one app, or all); `clean` removes invalid app configs.
    pub async fn validate_config(&self, app: Option<&str>, clean: bool) -> Result<String, Error> {
        self.run(&builders::validate_config(app, clean)).await
    }

    /// Starts nginx.
    pub async fn start(&self) -> Result<(), Error> {
        self.run(&builders::start()).await.map(drop)
    }

    /// Stops nginx.
    pub async fn stop(&self) -> Result<(), Error> {
        self.run(&builders::stop()).await.map(drop)
    }

    /// Reloads nginx.
    pub async fn reload(&self) -> Result<(), Error> {
        self.run(&builders::reload()).await.map(drop)
    }

    /// The app's own settings (only what was set for the app).
    pub async fn report(&self, app: &str) -> Result<Nginx, Error> {
        let version = self.client.version().await?;
        let values = read_one_app(self.client, &REPORT, app, version).await?;
        let block = block_from_values(values, GlobalValues::for_version(version)).map_err(parse_error)?;
        Ok(block.app.unwrap_or_default())
    }

    /// The global settings (`nginx:report --global`, Dokku 0.38 and later).
    pub async fn global_report(&self) -> Result<Nginx, Error> {
        let version = self.client.version().await?;
        let values = read_global_report(self.client, &REPORT, version).await?;
        Ok(block_from_values(values, GlobalValues::for_version(version)).map_err(parse_error)?.global)
    }
}

pub(crate) fn parse_error(message: String) -> Error {
    Error::Parse { command: "nginx:report".into(), source: message.into() }
}
