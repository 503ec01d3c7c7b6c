//! The `ps:*` commands: pure builders, and typed async methods over a [`Client`].

use std::collections::BTreeMap;

use dokku_core::reports::read_one_app;
use dokku_core::{Client, DokkuVersion, Error};

use crate::model::ProcessInfo;
use crate::parse::{REPORT, info_from_values};
use crate::scale::{SCALE_JSON_SINCE, parse_scale_json, parse_scale_text};

/// Pure command builders (no I/O): what apply and `--print-only` use.
///
/// `app: None` means every app (`--all`) for the actions and the server default (`--global`)
/// for [`builders::set`].
pub mod builders {
    use dokku_core::{Command, DokkuVersion};

    use crate::scale::SCALE_JSON_SINCE;

    fn target(cmd: Command, app: Option<&str>, all: &str) -> Command {
        cmd.arg(app.unwrap_or(all)).writes(app)
    }

    /// `ps:start <app|--all>`.
    pub fn start(app: Option<&str>) -> Command {
        target(Command::dokku("ps:start"), app, "--all")
    }

    /// `ps:stop <app|--all>`.
    pub fn stop(app: Option<&str>) -> Command {
        target(Command::dokku("ps:stop"), app, "--all")
    }

    /// `ps:restart <app|--all> [<process type>]` (Dokku refuses a process type with `--all`).
    pub fn restart(app: Option<&str>, process_type: Option<&str>) -> Command {
        let cmd = target(Command::dokku("ps:restart"), app, "--all");
        match process_type {
            Some(t) => cmd.arg(t),
            None => cmd,
        }
    }

    /// `ps:rebuild <app|--all>` (rebuilds from source and deploys).
    pub fn rebuild(app: Option<&str>) -> Command {
        target(Command::dokku("ps:rebuild"), app, "--all")
    }

    /// `ps:restore <app|--all>` (starts apps whose `restore` property is not false).
    pub fn restore(app: Option<&str>) -> Command {
        target(Command::dokku("ps:restore"), app, "--all")
    }

    /// `ps:retire [<app>]` (removes old containers and images).
    pub fn retire(app: Option<&str>) -> Command {
        let cmd = Command::dokku("ps:retire").writes(app);
        match app {
            Some(a) => cmd.arg(a),
            None => cmd,
        }
    }

    /// `ps:inspect <app>` (`docker container inspect` of the app's containers, as JSON).
    pub fn inspect(app: &str) -> Command {
        Command::dokku("ps:inspect").arg(app)
    }

    /// `ps:set <app|--global> <key> [<value>]` (no value unsets; never restarts).
    pub fn set(app: Option<&str>, key: &str, value: Option<&str>) -> Command {
        let cmd = target(Command::dokku("ps:set"), app, "--global").arg(key);
        match value {
            Some(v) => cmd.arg(v),
            None => cmd,
        }
    }

    /// `ps:scale --skip-deploy <app> <type>=<count>…` (records the scale without deploying).
    pub fn scale<'a>(app: &str, scale: impl IntoIterator<Item = (&'a str, u32)>) -> Command {
        Command::dokku("ps:scale")
            .args(["--skip-deploy", app])
            .args(scale.into_iter().map(|(t, n)| format!("{t}={n}")))
            .writes(Some(app))
    }

    /// `ps:scale [--format json] <app>`: reads the scale (JSON since 0.38.21).
    pub fn show_scale(app: &str, version: &DokkuVersion) -> Command {
        let cmd = Command::dokku("ps:scale");
        if version >= &SCALE_JSON_SINCE { cmd.args(["--format", "json", app]) } else { cmd.arg(app) }
    }
}

/// The ps plugin over one client.
#[derive(Clone, Copy, Debug)]
pub struct Ps<'a> {
    client: &'a Client,
}

impl<'a> Ps<'a> {
    /// Wraps a client.
    pub fn new(client: &'a Client) -> Self {
        Self { client }
    }

    /// Starts one app (`Some`) or every app (`None`).
    pub async fn start(&self, app: Option<&str>) -> Result<(), Error> {
        self.client.output(&builders::start(app)).await.map(drop)
    }

    /// Stops one app or every app.
    pub async fn stop(&self, app: Option<&str>) -> Result<(), Error> {
        self.client.output(&builders::stop(app)).await.map(drop)
    }

    /// Restarts one app (optionally one process type) or every app.
    pub async fn restart(&self, app: Option<&str>, process_type: Option<&str>) -> Result<(), Error> {
        if app.is_none() && process_type.is_some() {
            return Err(Error::Config("cannot restart one process type of every app".into()));
        }
        self.client.output(&builders::restart(app, process_type)).await.map(drop)
    }

    /// Rebuilds one app or every app from source.
    pub async fn rebuild(&self, app: Option<&str>) -> Result<(), Error> {
        self.client.output(&builders::rebuild(app)).await.map(drop)
    }

    /// Starts one app or every app whose `restore` property allows it.
    pub async fn restore(&self, app: Option<&str>) -> Result<(), Error> {
        self.client.output(&builders::restore(app)).await.map(drop)
    }

    /// Removes old containers and images of one app or of every app.
    pub async fn retire(&self, app: Option<&str>) -> Result<(), Error> {
        self.client.output(&builders::retire(app)).await.map(drop)
    }

    /// The app's containers as `docker container inspect` JSON.
    pub async fn inspect(&self, app: &str) -> Result<serde_json::Value, Error> {
        let cmd = builders::inspect(app);
        let out = self.client.stdout(&cmd).await?;
        serde_json::from_str(&out).map_err(|e| Error::Parse { command: cmd.to_string(), source: Box::new(e) })
    }

    /// Sets (`Some`) or unsets (`None`) a ps property, for one app or globally.
    pub async fn set(&self, app: Option<&str>, key: &str, value: Option<&str>) -> Result<(), Error> {
        self.client.output(&builders::set(app, key, value)).await.map(drop)
    }

    /// Records an app's scale without deploying (`--skip-deploy`).
    pub async fn scale(&self, app: &str, scale: &BTreeMap<String, u32>) -> Result<(), Error> {
        let cmd = builders::scale(app, scale.iter().map(|(t, n)| (t.as_str(), *n)));
        self.client.output(&cmd).await.map(drop)
    }

    /// An app's scale: count per process type.
    pub async fn get_scale(&self, app: &str) -> Result<BTreeMap<String, u32>, Error> {
        let version = self.client.version().await?;
        read_scale(self.client, app, version).await
    }

    /// One app's process settings and state, with its scale.
    pub async fn report(&self, app: &str) -> Result<ProcessInfo, Error> {
        let version = self.client.version().await?;
        let values = read_one_app(self.client, &REPORT, app, version).await?;
        let (info, _) = info_from_values(values).map_err(parse_error)?;
        Ok(ProcessInfo { scale: read_scale(self.client, app, version).await?, ..info })
    }
}

/// Reads an app's scale in the form `version` has.
pub(crate) async fn read_scale(
    client: &Client,
    app: &str,
    version: &DokkuVersion,
) -> Result<BTreeMap<String, u32>, Error> {
    let cmd = builders::show_scale(app, version);
    let out = client.stdout(&cmd).await?;
    let parsed = if version >= &SCALE_JSON_SINCE { parse_scale_json(&out) } else { parse_scale_text(&out) };
    parsed.map_err(|e| Error::Parse { command: cmd.to_string(), source: Box::new(e) })
}

pub(crate) fn parse_error(message: String) -> Error {
    Error::Parse { command: "ps:report".into(), source: message.into() }
}
