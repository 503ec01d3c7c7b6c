//! The `domains:*` commands: pure builders, and typed async methods over a [`Client`].

use dokku_core::reports::{read_app_reports, read_global_report, read_one_app};
use dokku_core::{Client, Error};

use crate::model::Domain;
use crate::parse::{REPORT, app_from_values, global_from_values};

/// Pure command builders (no I/O): what apply and `--print-only` use.
///
/// `app` is `None` for the global domains (the `*-global` subcommands). Dokku refuses an empty
/// domain list for `add`, `set` and `remove`; [`set_none`](builders::set_none) empties a list.
pub mod builders {
    use dokku_core::Command;

    /// The stand-in name [`set_none`] adds and removes again. It lives under `.invalid`, a
    /// top-level domain reserved never to resolve (RFC 6761), and is the same on every run so that
    /// a printed script is exactly what would run.
    pub const PLACEHOLDER_DOMAIN: &str = "dokku-rs-placeholder.invalid";

    /// `domains:<sub> <app> d…`, or `domains:<sub>-global d…` for the global domains.
    fn scoped<'a>(sub: &str, app: Option<&str>, domains: impl IntoIterator<Item = &'a str>) -> Command {
        let cmd = match app {
            Some(app) => Command::dokku(format!("domains:{sub}")).arg(app),
            None => Command::dokku(format!("domains:{sub}-global")),
        };
        cmd.args(domains).writes(app)
    }

    /// `domains:add <app> d…` / `domains:add-global d…`.
    pub fn add<'a>(app: Option<&str>, domains: impl IntoIterator<Item = &'a str>) -> Command {
        scoped("add", app, domains)
    }

    /// `domains:set <app> d…` / `domains:set-global d…` (replaces the list).
    pub fn set<'a>(app: Option<&str>, domains: impl IntoIterator<Item = &'a str>) -> Command {
        scoped("set", app, domains)
    }

    /// `domains:remove <app> d…` / `domains:remove-global d…`.
    pub fn remove<'a>(app: Option<&str>, domains: impl IntoIterator<Item = &'a str>) -> Command {
        scoped("remove", app, domains)
    }

    /// `domains:clear <app>` / `domains:clear-global`.
    ///
    /// For an app Dokku then regenerates its default domain (`<app>.<global domain>`), or disables
    /// its virtual hosts when there is no global domain; [`set_none`] leaves the list empty.
    pub fn clear(app: Option<&str>) -> Command {
        scoped("clear", app, [])
    }

    /// `domains:reset <app>`: back to the default domain.
    pub fn reset(app: &str) -> Command {
        Command::dokku("domains:reset").arg(app).writes(Some(app))
    }

    /// `domains:enable <app>` (Dokku restarts a deployed app: it sets `NO_VHOST=0` with a restart).
    pub fn enable(app: &str) -> Command {
        Command::dokku("domains:enable").arg(app).writes(Some(app))
    }

    /// `domains:disable <app>` (Dokku restarts a deployed app: it sets `NO_VHOST=1` with a restart).
    pub fn disable(app: &str) -> Command {
        Command::dokku("domains:disable").arg(app).writes(Some(app))
    }

    /// The commands that leave a list empty: `domains:clear-global` for the global list; for an
    /// app, set the list to [`PLACEHOLDER_DOMAIN`] and remove it, because `domains:clear` would
    /// bring the default domain back (Dokku issue #5569).
    pub fn set_none(app: Option<&str>) -> Vec<Command> {
        match app {
            None => vec![clear(None)],
            Some(_) => vec![set(app, [PLACEHOLDER_DOMAIN]), remove(app, [PLACEHOLDER_DOMAIN])],
        }
    }

    /// The commands that make a list exactly `domains` (empty included).
    pub fn set_exactly<'a>(app: Option<&str>, domains: impl IntoIterator<Item = &'a str>) -> Vec<Command> {
        let domains: Vec<&str> = domains.into_iter().collect();
        if domains.is_empty() { set_none(app) } else { vec![set(app, domains)] }
    }
}

/// The domains plugin over one client. `app` is `None` for the global domains.
#[derive(Clone, Copy, Debug)]
pub struct Domains<'a> {
    client: &'a Client,
}

impl<'a> Domains<'a> {
    /// Wraps a client.
    pub fn new(client: &'a Client) -> Self {
        Self { client }
    }

    async fn run_all(&self, commands: Vec<dokku_core::Command>) -> Result<(), Error> {
        for cmd in &commands {
            self.client.output(cmd).await?;
        }
        Ok(())
    }

    /// Adds domains (an empty list does nothing).
    pub async fn add(&self, app: Option<&str>, domains: &[&str]) -> Result<(), Error> {
        if domains.is_empty() {
            return Ok(());
        }
        self.run_all(vec![builders::add(app, domains.iter().copied())]).await
    }

    /// Makes the list exactly `domains` (an empty slice empties it).
    pub async fn set(&self, app: Option<&str>, domains: &[&str]) -> Result<(), Error> {
        self.run_all(builders::set_exactly(app, domains.iter().copied())).await
    }

    /// Removes domains (an empty list does nothing).
    pub async fn remove(&self, app: Option<&str>, domains: &[&str]) -> Result<(), Error> {
        if domains.is_empty() {
            return Ok(());
        }
        self.run_all(vec![builders::remove(app, domains.iter().copied())]).await
    }

    /// `domains:clear` (see [`builders::clear`]: for an app Dokku restores the default domain).
    pub async fn clear(&self, app: Option<&str>) -> Result<(), Error> {
        self.run_all(vec![builders::clear(app)]).await
    }

    /// Resets an app to its default domain.
    pub async fn reset(&self, app: &str) -> Result<(), Error> {
        self.run_all(vec![builders::reset(app)]).await
    }

    /// Enables virtual hosts (Dokku restarts a deployed app).
    pub async fn enable(&self, app: &str) -> Result<(), Error> {
        self.run_all(vec![builders::enable(app)]).await
    }

    /// Disables virtual hosts (Dokku restarts a deployed app).
    pub async fn disable(&self, app: &str) -> Result<(), Error> {
        self.run_all(vec![builders::disable(app)]).await
    }

    /// One app's domains.
    pub async fn report(&self, app: &str) -> Result<Domain, Error> {
        let version = self.client.version().await?;
        let values = read_one_app(self.client, &REPORT, app, version).await?;
        app_from_values(values).map(|(d, _)| d).map_err(parse_error)
    }

    /// The global domains.
    pub async fn global(&self) -> Result<Domain, Error> {
        let version = self.client.version().await?;
        let values = read_global_report(self.client, &REPORT, version).await?;
        global_from_values(values).map(|(d, _)| d).map_err(parse_error)
    }

    /// The domains of `apps`, one report each.
    pub async fn list(&self, apps: &[String]) -> Result<Vec<Domain>, Error> {
        let version = self.client.version().await?;
        let reports = read_app_reports(self.client, &REPORT, apps, version).await?;
        reports.into_iter().map(|v| app_from_values(v).map(|(d, _)| d).map_err(parse_error)).collect()
    }
}

fn parse_error(message: String) -> Error {
    Error::Parse { command: "domains:report".into(), source: message.into() }
}
