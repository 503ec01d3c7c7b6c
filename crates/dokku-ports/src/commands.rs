//! The `ports:*` commands (and their pre-0.31 `proxy:ports*` forms): pure builders, and typed
//! async methods over a [`Client`] that pick the form the server's version understands.

use dokku_core::{Client, DokkuVersion, Error};

use crate::model::Port;
use crate::parse::{is_no_mappings_message, parse_port_map, parse_ports_table, uses_proxy_ports};

/// Pure command builders (no I/O): what apply and `--print-only` use.
///
/// Every builder takes the mappings as tokens (`scheme:host:container`, see [`Port::token`]);
/// `ports:remove` also accepts a bare host port.
pub mod builders {
    use dokku_core::Command;

    fn with_tokens(cmd: Command, tokens: &[String]) -> Command {
        cmd.args(tokens.iter().map(String::as_str))
    }

    /// `ports:list <app>` (exit 1 with `No port mappings configured for app` when empty).
    pub fn list(app: &str) -> Command {
        Command::dokku("ports:list").arg(app).allow_failure()
    }

    /// `ports:report <app> --ports-map`: the app's configured mappings on one line, in order
    /// (Dokku computes only this field).
    pub fn report_map(app: &str) -> Command {
        Command::dokku("ports:report").args([app, "--ports-map"])
    }

    /// `ports:add <app> <map>…`.
    pub fn add(app: &str, tokens: &[String]) -> Command {
        with_tokens(Command::dokku("ports:add").arg(app), tokens).writes(Some(app))
    }

    /// `ports:set <app> <map>…` (replaces the app's whole list).
    pub fn set(app: &str, tokens: &[String]) -> Command {
        with_tokens(Command::dokku("ports:set").arg(app), tokens).writes(Some(app))
    }

    /// `ports:remove <app> <map|host port>…`.
    pub fn remove(app: &str, tokens: &[String]) -> Command {
        with_tokens(Command::dokku("ports:remove").arg(app), tokens).writes(Some(app))
    }

    /// `ports:clear <app>`.
    pub fn clear(app: &str) -> Command {
        Command::dokku("ports:clear").arg(app).writes(Some(app))
    }

    /// `proxy:ports <app>` (Dokku before 0.31; fails with `No port mappings configured` when
    /// empty).
    pub fn proxy_ports(app: &str) -> Command {
        Command::dokku("proxy:ports").arg(app).allow_failure()
    }

    /// `proxy:ports-add <app> <map>…` (Dokku before 0.31).
    pub fn proxy_ports_add(app: &str, tokens: &[String]) -> Command {
        with_tokens(Command::dokku("proxy:ports-add").arg(app), tokens).writes(Some(app))
    }

    /// `proxy:ports-set <app> <map>…` (Dokku before 0.31).
    pub fn proxy_ports_set(app: &str, tokens: &[String]) -> Command {
        with_tokens(Command::dokku("proxy:ports-set").arg(app), tokens).writes(Some(app))
    }

    /// `proxy:ports-remove <app> <map|host port>…` (Dokku before 0.31).
    pub fn proxy_ports_remove(app: &str, tokens: &[String]) -> Command {
        with_tokens(Command::dokku("proxy:ports-remove").arg(app), tokens).writes(Some(app))
    }

    /// `proxy:ports-clear <app>` (Dokku before 0.31).
    pub fn proxy_ports_clear(app: &str) -> Command {
        Command::dokku("proxy:ports-clear").arg(app).writes(Some(app))
    }
}

/// The ports plugin over one client.
#[derive(Clone, Copy, Debug)]
pub struct Ports<'a> {
    client: &'a Client,
}

fn tokens(ports: &[Port]) -> Vec<String> {
    ports.iter().map(Port::token).collect()
}

impl<'a> Ports<'a> {
    /// Wraps a client.
    pub fn new(client: &'a Client) -> Self {
        Self { client }
    }

    async fn old(&self) -> Result<bool, Error> {
        Ok(uses_proxy_ports(self.client.version().await?))
    }

    /// Adds mappings to an app.
    pub async fn add(&self, app: &str, ports: &[Port]) -> Result<(), Error> {
        let cmd = if self.old().await? {
            builders::proxy_ports_add(app, &tokens(ports))
        } else {
            builders::add(app, &tokens(ports))
        };
        self.client.output(&cmd).await.map(drop)
    }

    /// Replaces an app's mappings.
    pub async fn set(&self, app: &str, ports: &[Port]) -> Result<(), Error> {
        let cmd = if self.old().await? {
            builders::proxy_ports_set(app, &tokens(ports))
        } else {
            builders::set(app, &tokens(ports))
        };
        self.client.output(&cmd).await.map(drop)
    }

    /// Removes mappings from an app.
    pub async fn remove(&self, app: &str, ports: &[Port]) -> Result<(), Error> {
        let cmd = if self.old().await? {
            builders::proxy_ports_remove(app, &tokens(ports))
        } else {
            builders::remove(app, &tokens(ports))
        };
        self.client.output(&cmd).await.map(drop)
    }

    /// Removes every mapping of an app.
    pub async fn clear(&self, app: &str) -> Result<(), Error> {
        let cmd = if self.old().await? { builders::proxy_ports_clear(app) } else { builders::clear(app) };
        self.client.output(&cmd).await.map(drop)
    }

    /// An app's configured mappings (not the detected ones), in Dokku's order.
    pub async fn list(&self, app: &str) -> Result<Vec<Port>, Error> {
        let version = self.client.version().await?;
        app_ports(self.client, app, version).await
    }
}

/// Reads one app's configured mappings, in Dokku's order, in the form `version` has:
/// `ports:report <app> --ports-map` since 0.31 (the one field, not the whole report), the
/// `proxy:ports <app>` table before.
pub(crate) async fn app_ports(
    client: &Client,
    app: &str,
    version: &DokkuVersion,
) -> Result<Vec<Port>, Error> {
    if uses_proxy_ports(version) {
        let cmd = builders::proxy_ports(app);
        let out = client.output(&cmd).await?;
        if !out.success() {
            if is_no_mappings_message(&out.stderr) || is_no_mappings_message(&out.stdout) {
                return Ok(Vec::new());
            }
            return Err(Error::Dokku {
                kind: dokku_core::DokkuErrorKind::classify(out.status, &out.stderr),
                command: cmd.to_string(),
                status: out.status,
                message: out.message().to_owned(),
            });
        }
        return parse_ports_table(app, &out.stdout)
            .map_err(|e| Error::Parse { command: cmd.to_string(), source: Box::new(e) });
    }
    let cmd = builders::report_map(app);
    let out = client.stdout(&cmd).await?;
    parse_port_map(&out, Some(app)).map_err(|e| Error::Parse { command: cmd.to_string(), source: e.into() })
}

pub(crate) fn parse_error(message: String) -> Error {
    Error::Parse { command: "ports:report".into(), source: message.into() }
}
