//! The `apps:*` commands: pure builders, and typed async methods over a [`Client`].

use dokku_core::reports::{read_app_reports, read_one_app};
use dokku_core::{Client, DokkuErrorKind, Error};

use crate::model::App;
use crate::parse::{REPORT, app_from_values, parse_apps_list};

/// Pure command builders (no I/O): what apply and `--print-only` use.
pub mod builders {
    use dokku_core::Command;

    /// `apps:create <app>`.
    pub fn create(app: &str) -> Command {
        Command::dokku("apps:create").arg(app).writes(Some(app))
    }

    /// `apps:destroy --force <app>` (the confirmation prompt needs a terminal).
    pub fn destroy(app: &str) -> Command {
        Command::dokku("apps:destroy").args(["--force", app]).writes(Some(app))
    }

    /// `apps:rename --skip-deploy <old> <new>`.
    pub fn rename(old: &str, new: &str) -> Command {
        Command::dokku("apps:rename").args(["--skip-deploy", old, new]).writes(Some(old))
    }

    /// `apps:clone --skip-deploy <old> <new>`.
    pub fn clone(old: &str, new: &str) -> Command {
        Command::dokku("apps:clone").args(["--skip-deploy", old, new]).writes(Some(new))
    }

    /// `apps:lock <app>`.
    pub fn lock(app: &str) -> Command {
        Command::dokku("apps:lock").arg(app).writes(Some(app))
    }

    /// `apps:unlock <app>`.
    pub fn unlock(app: &str) -> Command {
        Command::dokku("apps:unlock").arg(app).writes(Some(app))
    }

    /// `apps:set <app|--global> <key> [<value>]` (no value unsets).
    pub fn set(app: Option<&str>, key: &str, value: Option<&str>) -> Command {
        let cmd = Command::dokku("apps:set").arg(app.unwrap_or("--global")).arg(key).writes(app);
        match value {
            Some(v) => cmd.arg(v),
            None => cmd,
        }
    }

    /// `apps:exists <app>` (exit 20 when missing: not an error for the caller).
    pub fn exists(app: &str) -> Command {
        Command::dokku("apps:exists").arg(app).allow_failure()
    }

    /// `apps:list`.
    pub fn list() -> Command {
        Command::dokku("apps:list")
    }
}

/// The apps plugin over one client.
#[derive(Clone, Copy, Debug)]
pub struct Apps<'a> {
    client: &'a Client,
}

impl<'a> Apps<'a> {
    /// Wraps a client.
    pub fn new(client: &'a Client) -> Self {
        Self { client }
    }

    /// Creates an app.
    pub async fn create(&self, app: &str) -> Result<(), Error> {
        self.client.output(&builders::create(app)).await.map(drop)
    }

    /// Destroys an app and everything Dokku keeps for it.
    pub async fn destroy(&self, app: &str) -> Result<(), Error> {
        self.client.output(&builders::destroy(app)).await.map(drop)
    }

    /// Renames an app without redeploying it.
    pub async fn rename(&self, old: &str, new: &str) -> Result<(), Error> {
        self.client.output(&builders::rename(old, new)).await.map(drop)
    }

    /// Clones an app without deploying the clone.
    pub async fn clone_app(&self, old: &str, new: &str) -> Result<(), Error> {
        self.client.output(&builders::clone(old, new)).await.map(drop)
    }

    /// Locks deploys.
    pub async fn lock(&self, app: &str) -> Result<(), Error> {
        self.client.output(&builders::lock(app)).await.map(drop)
    }

    /// Unlocks deploys.
    pub async fn unlock(&self, app: &str) -> Result<(), Error> {
        self.client.output(&builders::unlock(app)).await.map(drop)
    }

    /// Sets (`Some`) or unsets (`None`) an apps property, for one app or globally.
    pub async fn set(&self, app: Option<&str>, key: &str, value: Option<&str>) -> Result<(), Error> {
        self.client.output(&builders::set(app, key, value)).await.map(drop)
    }

    /// Whether the app exists.
    pub async fn exists(&self, app: &str) -> Result<bool, Error> {
        let out = self.client.output(&builders::exists(app)).await?;
        match out.status {
            0 => Ok(true),
            _ if DokkuErrorKind::classify(out.status, &out.stderr) == DokkuErrorKind::AppNotFound => {
                Ok(false)
            }
            status => Err(Error::Dokku {
                kind: DokkuErrorKind::classify(status, &out.stderr),
                command: builders::exists(app).to_string(),
                status,
                message: out.message(),
            }),
        }
    }

    /// The names of all apps (`apps:list`; an empty server prints its notice on stderr).
    pub async fn names(&self) -> Result<Vec<String>, Error> {
        let cmd = builders::list();
        let out = self.client.stdout(&cmd).await?;
        parse_apps_list(&out).map_err(|e| Error::Parse { command: cmd.to_string(), source: Box::new(e) })
    }

    /// Every app with its settings.
    pub async fn list(&self) -> Result<Vec<App>, Error> {
        let names = self.names().await?;
        let version = self.client.version().await?;
        let reports = read_app_reports(self.client, &REPORT, &names, version).await?;
        reports.into_iter().map(|v| app_from_values(v).map(|(app, _)| app).map_err(parse_error)).collect()
    }

    /// One app's settings.
    pub async fn report(&self, app: &str) -> Result<App, Error> {
        let version = self.client.version().await?;
        let values = read_one_app(self.client, &REPORT, app, version).await?;
        app_from_values(values).map(|(app, _)| app).map_err(parse_error)
    }
}

fn parse_error(message: String) -> Error {
    Error::Parse { command: "apps:report".into(), source: message.into() }
}
