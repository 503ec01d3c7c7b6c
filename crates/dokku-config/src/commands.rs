//! The `config:*` commands: pure builders, and typed async methods over a [`Client`].

use dokku_core::{Client, DokkuErrorKind, Error, Secret};

use crate::model::ConfigVar;
use crate::parse::vars_from_export;

/// Pure command builders (no I/O): what apply and `--print-only` use.
///
/// `app` is `None` for the global scope (`--global`). Values always travel base64-encoded
/// (`--encoded`) as secret arguments, so newlines, quotes, `$`, `=` and any Unicode survive every
/// transport and never show in a masked command line.
pub mod builders {
    use base64::Engine as _;
    use base64::engine::general_purpose::STANDARD;
    use dokku_core::{Command, Secret};

    /// The scope argument: the app, or `--global`.
    fn scope(app: Option<&str>) -> &str {
        app.unwrap_or("--global")
    }

    /// `config:export --format json [--merged] <app|--global>`.
    pub fn export_json(app: Option<&str>, merged: bool) -> Command {
        let cmd = Command::dokku("config:export").args(["--format", "json"]);
        let cmd = if merged { cmd.arg("--merged") } else { cmd };
        cmd.arg(scope(app))
    }

    /// `config:get <app|--global> <key>` (exit 1 with no output when the key is unset: a result
    /// for the caller, not an error).
    pub fn get(app: Option<&str>, key: &str) -> Command {
        Command::dokku("config:get").args([scope(app), key]).allow_failure()
    }

    /// `config:keys [--merged] <app|--global>`.
    pub fn keys(app: Option<&str>, merged: bool) -> Command {
        let cmd = Command::dokku("config:keys");
        let cmd = if merged { cmd.arg("--merged") } else { cmd };
        cmd.arg(scope(app))
    }

    /// `config:set --encoded [--no-restart] <app|--global> KEY=<base64>…`, each value a secret.
    ///
    /// `--no-restart` is left out only when `restart` is asked for an app; global variables never
    /// restart anything from here.
    pub fn set<'a>(
        app: Option<&str>,
        vars: impl IntoIterator<Item = (&'a str, &'a Secret<String>)>,
        restart: bool,
    ) -> Command {
        let mut cmd = Command::dokku("config:set").arg("--encoded");
        if !(restart && app.is_some()) {
            cmd = cmd.arg("--no-restart");
        }
        cmd = cmd.arg(scope(app));
        for (key, value) in vars {
            cmd = cmd.secret_arg(format!("{key}="), &STANDARD.encode(value.expose().as_bytes()));
        }
        cmd.writes(app)
    }

    /// `config:unset [--no-restart] <app|--global> KEY…`.
    pub fn unset<'a>(app: Option<&str>, keys: impl IntoIterator<Item = &'a str>, restart: bool) -> Command {
        let cmd = Command::dokku("config:unset");
        let cmd = if restart && app.is_some() { cmd } else { cmd.arg("--no-restart") };
        cmd.arg(scope(app)).args(keys).writes(app)
    }

    /// `config:clear [--no-restart] <app|--global>` (every variable, Dokku's internal ones too).
    pub fn clear(app: Option<&str>, restart: bool) -> Command {
        let cmd = Command::dokku("config:clear");
        let cmd = if restart && app.is_some() { cmd } else { cmd.arg("--no-restart") };
        cmd.arg(scope(app)).writes(app)
    }
}

/// The config plugin over one client. `app` is `None` for the global scope.
#[derive(Clone, Copy, Debug)]
pub struct Config<'a> {
    client: &'a Client,
}

impl<'a> Config<'a> {
    /// Wraps a client.
    pub fn new(client: &'a Client) -> Self {
        Self { client }
    }

    /// The variables of one scope in key order; Dokku's `DOKKU_*` variables only when
    /// `include_internal`; with `merged`, an app's view includes the global variables.
    pub async fn vars(
        &self,
        app: Option<&str>,
        merged: bool,
        include_internal: bool,
    ) -> Result<Vec<ConfigVar>, Error> {
        let cmd = builders::export_json(app, merged);
        let out = self.client.stdout(&cmd).await?;
        vars_from_export(app, &out, include_internal)
            .map_err(|e| Error::Parse { command: cmd.to_string(), source: Box::new(e) })
    }

    /// One variable's value (`None` when it is not set).
    pub async fn get(&self, app: Option<&str>, key: &str) -> Result<Option<Secret<String>>, Error> {
        let cmd = builders::get(app, key);
        let out = self.client.output(&cmd).await?;
        match out.status {
            // Dokku prints the raw value and one newline.
            0 => {
                let value = out.stdout.strip_suffix('\n').unwrap_or(&out.stdout);
                Ok(Some(Secret::new(value.to_owned())))
            }
            1 if out.stderr.trim().is_empty() => Ok(None),
            status => Err(Error::Dokku {
                kind: DokkuErrorKind::classify(status, &out.stderr),
                command: cmd.to_string(),
                status,
                // Only stderr: stdout may hold the value.
                message: out.stderr.trim().to_owned(),
            }),
        }
    }

    /// The variable names of one scope, sorted.
    pub async fn keys(&self, app: Option<&str>, merged: bool) -> Result<Vec<String>, Error> {
        let out = self.client.stdout(&builders::keys(app, merged)).await?;
        Ok(out.lines().map(str::trim).filter(|l| !l.is_empty()).map(str::to_owned).collect())
    }

    /// Sets variables (values base64-encoded, masked in every log); restarts a deployed app only
    /// when `restart` is true.
    pub async fn set(
        &self,
        app: Option<&str>,
        vars: &[(&str, &Secret<String>)],
        restart: bool,
    ) -> Result<(), Error> {
        let cmd = builders::set(app, vars.iter().copied(), restart);
        self.client.output(&cmd).await.map(drop)
    }

    /// Unsets variables; restarts a deployed app only when `restart` is true. An empty list does
    /// nothing (Dokku would refuse it).
    pub async fn unset(&self, app: Option<&str>, keys: &[&str], restart: bool) -> Result<(), Error> {
        if keys.is_empty() {
            return Ok(());
        }
        self.client.output(&builders::unset(app, keys.iter().copied(), restart)).await.map(drop)
    }

    /// Unsets every variable of the scope; restarts a deployed app only when `restart` is true.
    pub async fn clear(&self, app: Option<&str>, restart: bool) -> Result<(), Error> {
        self.client.output(&builders::clear(app, restart)).await.map(drop)
    }
}
