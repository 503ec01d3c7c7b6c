//! The `checks:*` commands: pure builders, and typed async methods over a [`Client`].

use dokku_core::reports::{read_app_reports, read_global_report, read_one_app};
use dokku_core::{Client, Error};

use crate::model::Check;
use crate::parse::{REPORT, checks_from_values, global_from_values};

/// Pure command builders (no I/O): what apply and `--print-only` use.
///
/// Process lists travel as one comma-joined argument; an empty list (or one holding `_all_`)
/// is left out, which Dokku reads as "every process type".
pub mod builders {
    use dokku_core::Command;

    use crate::model::ALL_PROCESSES;

    /// `checks:<sub> <app> [p1,p2,…]`.
    fn with_processes<'a>(sub: &str, app: &str, processes: impl IntoIterator<Item = &'a str>) -> Command {
        let processes: Vec<&str> = processes.into_iter().collect();
        let cmd = Command::dokku(format!("checks:{sub}")).arg(app).writes(Some(app));
        if processes.is_empty() || processes.contains(&ALL_PROCESSES) {
            cmd
        } else {
            cmd.arg(processes.join(","))
        }
    }

    /// `checks:enable <app> [processes]`.
    pub fn enable<'a>(app: &str, processes: impl IntoIterator<Item = &'a str>) -> Command {
        with_processes("enable", app, processes)
    }

    /// `checks:disable <app> [processes]`.
    pub fn disable<'a>(app: &str, processes: impl IntoIterator<Item = &'a str>) -> Command {
        with_processes("disable", app, processes)
    }

    /// `checks:skip <app> [processes]`.
    pub fn skip<'a>(app: &str, processes: impl IntoIterator<Item = &'a str>) -> Command {
        with_processes("skip", app, processes)
    }

    /// `checks:run <app> [processes]` (needs running containers; not a state change).
    pub fn run<'a>(app: &str, processes: impl IntoIterator<Item = &'a str>) -> Command {
        let processes: Vec<&str> = processes.into_iter().collect();
        let cmd = Command::dokku("checks:run").arg(app);
        if processes.is_empty() { cmd } else { cmd.arg(processes.join(",")) }
    }

    /// `checks:set <app|--global> <key> [<value>]` (no value unsets).
    pub fn set(app: Option<&str>, key: &str, value: Option<&str>) -> Command {
        let cmd = Command::dokku("checks:set").arg(app.unwrap_or("--global")).arg(key).writes(app);
        match value {
            Some(v) => cmd.arg(v),
            None => cmd,
        }
    }

    /// `checks:set <app|--global> wait-to-retire [<seconds>]` (`None` unsets).
    pub fn set_wait_to_retire(app: Option<&str>, seconds: Option<u64>) -> Command {
        set(app, "wait-to-retire", seconds.map(|s| s.to_string()).as_deref())
    }
}

/// The checks plugin over one client.
#[derive(Clone, Copy, Debug)]
pub struct Checks<'a> {
    client: &'a Client,
}

impl<'a> Checks<'a> {
    /// Wraps a client.
    pub fn new(client: &'a Client) -> Self {
        Self { client }
    }

    /// Enables checks for `processes` (all when empty).
    pub async fn enable(&self, app: &str, processes: &[&str]) -> Result<(), Error> {
        self.client.output(&builders::enable(app, processes.iter().copied())).await.map(drop)
    }

    /// Disables checks (no zero-downtime deploy) for `processes` (all when empty).
    pub async fn disable(&self, app: &str, processes: &[&str]) -> Result<(), Error> {
        self.client.output(&builders::disable(app, processes.iter().copied())).await.map(drop)
    }

    /// Skips checks for `processes` (all when empty).
    pub async fn skip(&self, app: &str, processes: &[&str]) -> Result<(), Error> {
        self.client.output(&builders::skip(app, processes.iter().copied())).await.map(drop)
    }

    /// Runs the checks against the running containers of `processes` (all when empty) and
    /// returns Dokku's output.
    pub async fn run(&self, app: &str, processes: &[&str]) -> Result<String, Error> {
        self.client.stdout(&builders::run(app, processes.iter().copied())).await
    }

    /// Sets (`Some`) or unsets (`None`) the wait-to-retire seconds of an app, or globally.
    pub async fn set_wait_to_retire(&self, app: Option<&str>, seconds: Option<u64>) -> Result<(), Error> {
        self.client.output(&builders::set_wait_to_retire(app, seconds)).await.map(drop)
    }

    /// One app's check records.
    pub async fn report(&self, app: &str) -> Result<Vec<Check>, Error> {
        let version = self.client.version().await?;
        let values = read_one_app(self.client, &REPORT, app, version).await?;
        checks_from_values(values).map(|(checks, _)| checks).map_err(parse_error)
    }

    /// The check records of `apps` (one bulk report).
    pub async fn list(&self, apps: &[String]) -> Result<Vec<Check>, Error> {
        let version = self.client.version().await?;
        let mut records = Vec::new();
        for values in read_app_reports(self.client, &REPORT, apps, version).await? {
            records.extend(checks_from_values(values).map_err(parse_error)?.0);
        }
        Ok(records)
    }

    /// The global record (`checks:report --global`, Dokku 0.38.0 and later).
    pub async fn global(&self) -> Result<Check, Error> {
        let version = self.client.version().await?;
        let values = read_global_report(self.client, &REPORT, version).await?;
        global_from_values(values).map(|(global, _)| global).map_err(parse_error)
    }
}

fn parse_error(message: String) -> Error {
    Error::Parse { command: "checks:report".into(), source: message.into() }
}
