//! The `letsencrypt:*` commands: pure builders, and typed async methods over a [`Client`].

use std::collections::BTreeMap;

use dokku_core::reports::read_one_app;
use dokku_core::{Client, DokkuErrorKind, Error};

use crate::model::LetsEncrypt;
use crate::parse::{REPORT, app_from_values, grace_periods_from_list, parse_cron_job_status};

/// Pure command builders (no I/O): what apply and `--print-only` use.
pub mod builders {
    use std::time::Duration;

    use dokku_core::Command;

    use crate::model::is_dns_provider_var;

    /// The subcommand that requests a certificate from the ACME server.
    pub const ENABLE: &str = "letsencrypt:enable";

    /// How long a certificate request may take: lego waits for DNS propagation and challenges.
    const CERTIFICATE_TIMEOUT: Duration = Duration::from_secs(15 * 60);

    /// `letsencrypt:enable <app>`: requests a certificate (a real one from the configured ACME
    /// server) and switches the app to it. Fails when the app is not reachable under its
    /// domains, e.g. not deployed yet; see [`requests_certificate`].
    pub fn enable(app: &str) -> Command {
        Command::dokku(ENABLE).arg(app).writes(Some(app)).timeout(CERTIFICATE_TIMEOUT)
    }

    /// Whether `cmd` requests a certificate: the engine may report such a failure without
    /// treating it as fatal, since it depends on DNS and deployment, not on the document.
    pub fn requests_certificate(cmd: &Command) -> bool {
        cmd.subcommand() == ENABLE
    }

    /// `letsencrypt:disable <app>`: removes the certificate and the plugin's files.
    pub fn disable(app: &str) -> Command {
        Command::dokku("letsencrypt:disable").arg(app).writes(Some(app))
    }

    /// `letsencrypt:active <app>`: prints `true` or `false`.
    pub fn active(app: &str) -> Command {
        Command::dokku("letsencrypt:active").arg(app)
    }

    /// `letsencrypt:cleanup <app>`: removes stale certificate directories.
    pub fn cleanup(app: &str) -> Command {
        Command::dokku("letsencrypt:cleanup").arg(app).writes(Some(app))
    }

    /// `letsencrypt:revoke <app>`: revokes the app's certificate at the ACME server.
    pub fn revoke(app: &str) -> Command {
        Command::dokku("letsencrypt:revoke").arg(app).writes(Some(app)).timeout(CERTIFICATE_TIMEOUT)
    }

    /// `letsencrypt:auto-renew [<app>]`: renews the certificates due (all apps for `None`).
    pub fn auto_renew(app: Option<&str>) -> Command {
        let cmd = Command::dokku("letsencrypt:auto-renew").writes(app).timeout(CERTIFICATE_TIMEOUT);
        match app {
            Some(app) => cmd.arg(app),
            None => cmd,
        }
    }

    /// `letsencrypt:cron-job --add`: installs the daily auto-renew job.
    pub fn cron_job_add() -> Command {
        Command::dokku("letsencrypt:cron-job").arg("--add").writes(None)
    }

    /// `letsencrypt:cron-job --remove`: removes the daily auto-renew job.
    pub fn cron_job_remove() -> Command {
        Command::dokku("letsencrypt:cron-job").arg("--remove").writes(None)
    }

    /// `letsencrypt:cron-job`: prints whether the auto-renew job is installed (plugin 0.25 and
    /// later; older versions print nothing useful, hence no status check).
    pub fn cron_job_status() -> Command {
        Command::dokku("letsencrypt:cron-job").allow_failure()
    }

    /// `letsencrypt:set <app|--global> <key> [<value>]` (no value unsets). DNS provider
    /// credentials (`dns-provider-<ENV_VAR>`) are secret arguments, masked in every rendering.
    pub fn set(app: Option<&str>, key: &str, value: Option<&str>) -> Command {
        let cmd = Command::dokku("letsencrypt:set").arg(app.unwrap_or("--global")).arg(key).writes(app);
        match value {
            Some(v) if is_dns_provider_var(key) => cmd.secret_arg("", v),
            Some(v) => cmd.arg(v),
            None => cmd,
        }
    }

    /// `letsencrypt:list`: the apps with an active certificate and their expiry.
    pub fn list() -> Command {
        Command::dokku("letsencrypt:list")
    }
}

/// The letsencrypt plugin over one client.
#[derive(Clone, Copy, Debug)]
pub struct Letsencrypt<'a> {
    client: &'a Client,
}

impl<'a> Letsencrypt<'a> {
    /// Wraps a client.
    pub fn new(client: &'a Client) -> Self {
        Self { client }
    }

    /// Requests a certificate for an app and switches it to HTTPS.
    pub async fn enable(&self, app: &str) -> Result<(), Error> {
        self.client.output(&builders::enable(app)).await.map(drop)
    }

    /// Removes an app's certificate.
    pub async fn disable(&self, app: &str) -> Result<(), Error> {
        self.client.output(&builders::disable(app)).await.map(drop)
    }

    /// Whether an app's Let's Encrypt certificate is active (`false` for an unknown app, where
    /// pydokku answered an empty list).
    pub async fn active(&self, app: &str) -> Result<bool, Error> {
        let cmd = builders::active(app);
        match self.client.stdout(&cmd).await {
            Ok(out) => match out.trim() {
                "true" => Ok(true),
                "false" => Ok(false),
                other => Err(Error::Parse {
                    command: cmd.to_string(),
                    source: format!("expected true or false, found {other:?}").into(),
                }),
            },
            Err(Error::Dokku { kind: DokkuErrorKind::AppNotFound, .. }) => Ok(false),
            Err(e) => Err(e),
        }
    }

    /// Removes stale certificate directories of an app.
    pub async fn cleanup(&self, app: &str) -> Result<(), Error> {
        self.client.output(&builders::cleanup(app)).await.map(drop)
    }

    /// Revokes an app's certificate.
    pub async fn revoke(&self, app: &str) -> Result<(), Error> {
        self.client.output(&builders::revoke(app)).await.map(drop)
    }

    /// Renews the certificates that are due, of one app or of all (`None`).
    pub async fn auto_renew(&self, app: Option<&str>) -> Result<(), Error> {
        self.client.output(&builders::auto_renew(app)).await.map(drop)
    }

    /// Installs (`true`) or removes (`false`) the auto-renew cron job.
    pub async fn cron_job(&self, add: bool) -> Result<(), Error> {
        let cmd = if add { builders::cron_job_add() } else { builders::cron_job_remove() };
        self.client.output(&cmd).await.map(drop)
    }

    /// Whether the auto-renew cron job is installed, if the plugin can say (0.25 and later).
    pub async fn cron_job_status(&self) -> Result<Option<bool>, Error> {
        let out = self.client.output(&builders::cron_job_status()).await?;
        Ok(if out.success() { parse_cron_job_status(&out.stdout) } else { None })
    }

    /// Sets (`Some`) or unsets (`None`) a property, for one app or globally.
    pub async fn set(&self, app: Option<&str>, key: &str, value: Option<&str>) -> Result<(), Error> {
        self.client.output(&builders::set(app, key, value)).await.map(drop)
    }

    /// Each app with an active certificate and its grace period in seconds.
    pub async fn grace_periods(&self) -> Result<BTreeMap<String, i64>, Error> {
        let cmd = builders::list();
        let out = self.client.stdout(&cmd).await?;
        grace_periods_from_list(&out)
            .map_err(|e| Error::Parse { command: cmd.to_string(), source: Box::new(e) })
    }

    /// One app's settings and certificate state.
    pub async fn report(&self, app: &str) -> Result<LetsEncrypt, Error> {
        let version = self.client.version().await?;
        let values = read_one_app(self.client, &REPORT, app, version).await?;
        app_from_values(values).map(|(record, _)| record).map_err(parse_error)
    }
}

pub(crate) fn parse_error(message: String) -> Error {
    Error::Parse { command: REPORT.subcommand.into(), source: message.into() }
}
