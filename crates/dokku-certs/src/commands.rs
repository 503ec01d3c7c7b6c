//! The `certs:*` commands: pure builders, and typed async methods over a [`Client`].

use dokku_core::reports::read_one_app;
use dokku_core::{Client, Error};

use crate::parse::{CertReport, REPORT, app_from_values};

/// Pure command builders (no I/O): what apply and `--print-only` use.
pub mod builders {
    use dokku_core::Command;

    use crate::tarball::certificate_tarball;

    /// `certs:add <app>` with a tar of `server.crt` and `server.key` on stdin (secret: the key).
    /// Dokku rebuilds the app's proxy configuration itself.
    pub fn add(app: &str, certificate: &str, key: &str) -> Command {
        Command::dokku("certs:add")
            .arg(app)
            .secret_stdin(certificate_tarball(certificate, key))
            .writes(Some(app))
    }

    /// `certs:update <app>` with the same stdin: replaces the app's certificate and key.
    pub fn update(app: &str, certificate: &str, key: &str) -> Command {
        Command::dokku("certs:update")
            .arg(app)
            .secret_stdin(certificate_tarball(certificate, key))
            .writes(Some(app))
    }

    /// `certs:remove <app>`.
    pub fn remove(app: &str) -> Command {
        Command::dokku("certs:remove").arg(app).writes(Some(app))
    }

    /// `certs:show <app> crt|key` (`key: true` for the private key).
    pub fn show(app: &str, key: bool) -> Command {
        Command::dokku("certs:show").args([app, if key { "key" } else { "crt" }])
    }
}

/// The certs plugin over one client.
#[derive(Clone, Copy, Debug)]
pub struct CertsClient<'a> {
    client: &'a Client,
}

impl<'a> CertsClient<'a> {
    /// Wraps a client.
    pub fn new(client: &'a Client) -> Self {
        Self { client }
    }

    /// Installs or replaces an app's certificate and key.
    pub async fn set(&self, app: &str, certificate: &str, key: &str, replace: bool) -> Result<(), Error> {
        let cmd = if replace {
            builders::update(app, certificate, key)
        } else {
            builders::add(app, certificate, key)
        };
        self.client.output(&cmd).await.map(drop)
    }

    /// Removes an app's certificate.
    pub async fn remove(&self, app: &str) -> Result<(), Error> {
        self.client.output(&builders::remove(app)).await.map(drop)
    }

    /// The app's certificate (`key: false`) or private key (`key: true`), PEM.
    pub async fn show(&self, app: &str, key: bool) -> Result<String, Error> {
        self.client.stdout(&builders::show(app, key)).await
    }

    /// One app's report.
    pub async fn report(&self, app: &str) -> Result<CertReport, Error> {
        let version = self.client.version().await?;
        let values = read_one_app(self.client, &REPORT, app, version).await?;
        app_from_values(values).map(|(r, _)| r).map_err(|e| parse_error(&e))
    }
}

pub(crate) fn parse_error(message: &str) -> Error {
    Error::Parse { command: "certs:report".into(), source: message.to_owned().into() }
}
