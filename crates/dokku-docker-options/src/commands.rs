//! The `docker-options:*` commands: pure builders, and typed async methods over a [`Client`].

use dokku_core::reports::read_one_app;
use dokku_core::{Client, Error};

use crate::model::{DockerOption, DockerOptions, Scope};
use crate::parse::{REPORT, app_from_values, parse_list};

/// Pure command builders (no I/O): what apply and `--print-only` use.
///
/// Each option goes as one argument, in the text Dokku stored it in: Dokku re-reads the argument
/// as shell words and stores the same canonical text again. `--process` precedes the app
/// (Dokku stops reading flags at the first positional argument). An environment or build
/// argument value goes as a secret.
pub mod builders {
    use dokku_core::Command;

    use crate::model::{DockerOption, Scope};

    /// `docker-options:<sub> [--process <type>] <app>`.
    fn scoped(sub: &str, app: &str, scope: &Scope) -> Command {
        let cmd = Command::dokku(format!("docker-options:{sub}"));
        let cmd = match &scope.process {
            Some(process) => cmd.args(["--process", process]),
            None => cmd,
        };
        cmd.arg(app).writes(Some(app))
    }

    fn with_option(cmd: Command, option: &DockerOption) -> Command {
        let text = option.expose();
        match option.secret_from() {
            Some(at) => cmd.secret_arg(&text[..at], &text[at..]),
            None => cmd.arg(text),
        }
    }

    /// `docker-options:add [--process <type>] <app> <phase> <option>`: one more occurrence.
    pub fn add(app: &str, scope: &Scope, option: &DockerOption) -> Command {
        with_option(scoped("add", app, scope).arg(scope.phase.as_str()), option)
    }

    /// `docker-options:remove [--process <type>] <app> <phase> <option>`: removes **every**
    /// occurrence of the option from the scope.
    pub fn remove(app: &str, scope: &Scope, option: &DockerOption) -> Command {
        with_option(scoped("remove", app, scope).arg(scope.phase.as_str()), option)
    }

    /// `docker-options:clear [--process <type>] <app> <phase>`: empties one scope only (a phase
    /// without `--process` keeps the process-scoped lists).
    pub fn clear(app: &str, scope: &Scope) -> Command {
        scoped("clear", app, scope).arg(scope.phase.as_str())
    }

    /// `docker-options:list <app> --phase <phase> [--process <type>]` (Dokku 0.38.0 and later).
    pub fn list(app: &str, scope: &Scope) -> Command {
        let cmd = Command::dokku("docker-options:list").args([app, "--phase", scope.phase.as_str()]);
        match &scope.process {
            Some(process) => cmd.args(["--process", process]),
            None => cmd,
        }
    }
}

/// The docker-options plugin over one client.
#[derive(Clone, Copy, Debug)]
pub struct DockerOptionsClient<'a> {
    client: &'a Client,
}

impl<'a> DockerOptionsClient<'a> {
    /// Wraps a client.
    pub fn new(client: &'a Client) -> Self {
        Self { client }
    }

    /// Adds one occurrence of `option` to `scope`.
    pub async fn add(&self, app: &str, scope: &Scope, option: &DockerOption) -> Result<(), Error> {
        self.client.output(&builders::add(app, scope, option)).await.map(drop)
    }

    /// Removes every occurrence of `option` from `scope`.
    pub async fn remove(&self, app: &str, scope: &Scope, option: &DockerOption) -> Result<(), Error> {
        self.client.output(&builders::remove(app, scope, option)).await.map(drop)
    }

    /// Empties `scope`.
    pub async fn clear(&self, app: &str, scope: &Scope) -> Result<(), Error> {
        self.client.output(&builders::clear(app, scope)).await.map(drop)
    }

    /// The options of one scope, exactly as stored (Dokku 0.38.0 and later).
    pub async fn list(&self, app: &str, scope: &Scope) -> Result<Vec<DockerOption>, Error> {
        Ok(parse_list(&self.client.stdout(&builders::list(app, scope)).await?))
    }

    /// One app's options from its report (options other plugins own left out).
    pub async fn report(&self, app: &str) -> Result<DockerOptions, Error> {
        let version = self.client.version().await?;
        let values = read_one_app(self.client, &REPORT, app, version).await?;
        app_from_values(values, version).map(|(r, _)| r).map_err(|e| parse_error(&e))
    }
}

pub(crate) fn parse_error(message: &str) -> Error {
    Error::Parse { command: "docker-options:report".into(), source: message.to_owned().into() }
}
