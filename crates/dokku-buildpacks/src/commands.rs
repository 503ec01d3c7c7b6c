//! The `buildpacks:*` commands: pure builders, and typed async methods over a [`Client`].

use dokku_core::reports::{read_global_report, read_one_app};
use dokku_core::{Client, Error};

use crate::model::{BuildpackUrl, Buildpacks};
use crate::parse::{REPORT, app_from_values, global_from_values, parse_list_text};

/// The first Dokku version with `buildpacks:set --replace` (one atomic write of the whole list).
pub const SET_REPLACE_SINCE: dokku_core::DokkuVersion = dokku_core::DokkuVersion::new(0, 38, 22);

/// Pure command builders (no I/O): what apply and `--print-only` use.
///
/// A URL with credentials goes as a secret argument: every rendering shows its scheme only.
pub mod builders {
    use dokku_core::Command;

    use crate::model::BuildpackUrl;

    /// Appends `url` to `cmd`, secret from the scheme on when it carries credentials.
    fn with_url(cmd: Command, url: &BuildpackUrl) -> Command {
        let text = url.expose();
        match text.find("://").filter(|_| url.has_credentials()) {
            Some(at) => cmd.secret_arg(&text[..at + 3], &text[at + 3..]),
            None => cmd.arg(text),
        }
    }

    /// `buildpacks:add <app> <url>`: appends to the list.
    pub fn add(app: &str, url: &BuildpackUrl) -> Command {
        with_url(Command::dokku("buildpacks:add").arg(app), url).writes(Some(app))
    }

    /// `buildpacks:set --replace <app> <url>…`: replaces the whole list in one write (Dokku
    /// 0.38.22 and later, see [`SET_REPLACE_SINCE`](crate::SET_REPLACE_SINCE)). `urls` must not
    /// be empty: use [`clear`].
    pub fn set_replace(app: &str, urls: &[BuildpackUrl]) -> Command {
        let cmd = Command::dokku("buildpacks:set").args(["--replace", app]);
        urls.iter().fold(cmd, with_url).writes(Some(app))
    }

    /// `buildpacks:clear <app>`: empties the list (the next build detects a buildpack).
    pub fn clear(app: &str) -> Command {
        Command::dokku("buildpacks:clear").arg(app).writes(Some(app))
    }

    /// `buildpacks:remove <app> <url>`.
    pub fn remove(app: &str, url: &BuildpackUrl) -> Command {
        with_url(Command::dokku("buildpacks:remove").arg(app), url).writes(Some(app))
    }

    /// `buildpacks:set-property <app|--global> stack [<image>]` (no image unsets it).
    pub fn set_stack(app: Option<&str>, stack: Option<&str>) -> Command {
        Command::dokku("buildpacks:set-property")
            .args([app.unwrap_or("--global"), "stack"])
            .args(stack)
            .writes(app)
    }

    /// `buildpacks:list <app>`.
    pub fn list(app: &str) -> Command {
        Command::dokku("buildpacks:list").arg(app)
    }

    /// The commands that make an app's list exactly `urls`: `--replace` where `atomic` (the
    /// server has it), else a clear and one add per URL in order; an empty list is a clear.
    pub fn set_exactly(app: &str, urls: &[BuildpackUrl], atomic: bool) -> Vec<Command> {
        match (urls.is_empty(), atomic) {
            (true, _) => vec![clear(app)],
            (false, true) => vec![set_replace(app, urls)],
            (false, false) => std::iter::once(clear(app)).chain(urls.iter().map(|u| add(app, u))).collect(),
        }
    }
}

/// The buildpacks plugin over one client.
#[derive(Clone, Copy, Debug)]
pub struct BuildpacksClient<'a> {
    client: &'a Client,
}

impl<'a> BuildpacksClient<'a> {
    /// Wraps a client.
    pub fn new(client: &'a Client) -> Self {
        Self { client }
    }

    /// One app's buildpacks (exact, one per line) from `buildpacks:list`.
    pub async fn list(&self, app: &str) -> Result<Vec<BuildpackUrl>, Error> {
        let cmd = builders::list(app);
        let out = self.client.stdout(&cmd).await?;
        parse_list_text(&out).map_err(|e| Error::Parse { command: cmd.to_string(), source: Box::new(e) })
    }

    /// Makes an app's list exactly `urls`, atomically where the server's Dokku can.
    pub async fn set(&self, app: &str, urls: &[BuildpackUrl]) -> Result<(), Error> {
        let atomic = self.client.version().await? >= &SET_REPLACE_SINCE;
        for cmd in builders::set_exactly(app, urls, atomic) {
            self.client.output(&cmd).await?;
        }
        Ok(())
    }

    /// Sets (`Some`) or unsets (`None`) the stack of an app or, with `app` `None`, globally.
    pub async fn set_stack(&self, app: Option<&str>, stack: Option<&str>) -> Result<(), Error> {
        self.client.output(&builders::set_stack(app, stack)).await.map(drop)
    }

    /// One app's record from its report.
    pub async fn report(&self, app: &str) -> Result<Buildpacks, Error> {
        let version = self.client.version().await?;
        let values = read_one_app(self.client, &REPORT, app, version).await?;
        app_from_values(values).map(|(r, _)| r).map_err(|e| parse_error(&e))
    }

    /// The global record (Dokku 0.38 and later).
    pub async fn global(&self) -> Result<Buildpacks, Error> {
        let version = self.client.version().await?;
        let values = read_global_report(self.client, &REPORT, version).await?;
        Ok(global_from_values(&values).0)
    }
}

pub(crate) fn parse_error(message: &str) -> Error {
    Error::Parse { command: "buildpacks:report".into(), source: message.to_owned().into() }
}
