//! The `maintenance:*` commands: pure builders, and typed async methods over a [`Client`].

use dokku_core::reports::{read_app_reports, read_one_app};
use dokku_core::{Client, Error};

use crate::model::Maintenance;
use crate::parse::{REPORT, maintenance_from_values};

/// Pure command builders (no I/O): what apply and `--print-only` use.
pub mod builders {
    use dokku_core::Command;

    /// `maintenance:enable <app>` (drops the maintenance page in front of the app and reloads
    /// nginx).
    pub fn enable(app: &str) -> Command {
        Command::dokku("maintenance:enable").arg(app).writes(Some(app))
    }

    /// `maintenance:disable <app>` (a no-op when maintenance mode is already off).
    pub fn disable(app: &str) -> Command {
        Command::dokku("maintenance:disable").arg(app).writes(Some(app))
    }

    /// `maintenance:custom-page-remove <app>` (back to the plugin's default page).
    pub fn custom_page_remove(app: &str) -> Command {
        Command::dokku("maintenance:custom-page-remove").arg(app).writes(Some(app))
    }
}

/// The maintenance plugin over one client.
#[derive(Clone, Copy, Debug)]
pub struct MaintenanceMode<'a> {
    client: &'a Client,
}

impl<'a> MaintenanceMode<'a> {
    /// Wraps a client.
    pub fn new(client: &'a Client) -> Self {
        Self { client }
    }

    /// Puts an app into maintenance mode.
    pub async fn enable(&self, app: &str) -> Result<(), Error> {
        self.client.output(&builders::enable(app)).await.map(drop)
    }

    /// Takes an app out of maintenance mode.
    pub async fn disable(&self, app: &str) -> Result<(), Error> {
        self.client.output(&builders::disable(app)).await.map(drop)
    }

    /// Removes an app's custom maintenance page.
    pub async fn custom_page_remove(&self, app: &str) -> Result<(), Error> {
        self.client.output(&builders::custom_page_remove(app)).await.map(drop)
    }

    /// One app's maintenance state.
    pub async fn report(&self, app: &str) -> Result<Maintenance, Error> {
        let version = self.client.version().await?;
        let values = read_one_app(self.client, &REPORT, app, version).await?;
        maintenance_from_values(values).map(|(record, _)| record).map_err(parse_error)
    }

    /// The maintenance state of `apps`, in that order.
    pub async fn list(&self, apps: &[String]) -> Result<Vec<Maintenance>, Error> {
        let version = self.client.version().await?;
        let reports = read_app_reports(self.client, &REPORT, apps, version).await?;
        reports
            .into_iter()
            .map(|v| maintenance_from_values(v).map(|(record, _)| record).map_err(parse_error))
            .collect()
    }
}

pub(crate) fn parse_error(message: String) -> Error {
    Error::Parse { command: REPORT.subcommand.into(), source: message.into() }
}
