//! The `resource:*` commands: pure builders, and typed async methods over a [`Client`].

use dokku_core::reports::read_one_app;
use dokku_core::{Client, Error};

use crate::model::{Kind, Resources};
use crate::parse::{REPORT, app_from_values};

/// The value that makes `resource:limit`/`resource:reserve` delete one setting.
pub const CLEAR: &str = "clear";

/// Pure command builders (no I/O): what apply and `--print-only` use.
///
/// Every flag goes before the app, the form Dokku documents. (Dokku reads these flags with
/// `pflag`, which also takes flags after the app: the 0.38.27 capture of
/// `resource:limit <app> --memory 1g` reports `memory: 1g` as set. Other Dokku plugins stop at
/// the first positional argument, so the documented order is the one that holds everywhere.)
/// `--process-type` is always given: without it `resource:limit-clear` deletes every limit and
/// reservation of every process type.
pub mod builders {
    use dokku_core::Command;

    use crate::model::Kind;

    /// `resource:<limit|reserve> --process-type <type> --<resource> <value>… <app>`; the value
    /// [`CLEAR`](crate::CLEAR) deletes a setting.
    pub fn set<'a>(
        app: &str,
        kind: Kind,
        process: &str,
        values: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Command {
        let mut cmd = Command::dokku(format!("resource:{}", kind.as_str())).args(["--process-type", process]);
        for (resource, value) in values {
            cmd = cmd.args([format!("--{resource}"), value.to_owned()]);
        }
        cmd.arg(app).writes(Some(app))
    }

    /// `resource:<limit|reserve>-clear --process-type <type> <app>`: deletes one process type's
    /// limits (or reservations) only.
    pub fn clear_type(app: &str, kind: Kind, process: &str) -> Command {
        Command::dokku(format!("resource:{}-clear", kind.as_str()))
            .args(["--process-type", process, app])
            .writes(Some(app))
    }
}

/// The resource plugin over one client.
#[derive(Clone, Copy, Debug)]
pub struct ResourceClient<'a> {
    client: &'a Client,
}

impl<'a> ResourceClient<'a> {
    /// Wraps a client.
    pub fn new(client: &'a Client) -> Self {
        Self { client }
    }

    /// Sets (or, with [`CLEAR`], deletes) some of a process type's limits or reservations.
    pub async fn set(
        &self,
        app: &str,
        kind: Kind,
        process: &str,
        values: &[(&str, &str)],
    ) -> Result<(), Error> {
        self.client.output(&builders::set(app, kind, process, values.iter().copied())).await.map(drop)
    }

    /// Deletes one process type's limits or reservations.
    pub async fn clear_type(&self, app: &str, kind: Kind, process: &str) -> Result<(), Error> {
        self.client.output(&builders::clear_type(app, kind, process)).await.map(drop)
    }

    /// One app's limits and reservations.
    pub async fn report(&self, app: &str) -> Result<Resources, Error> {
        let version = self.client.version().await?;
        let values = read_one_app(self.client, &REPORT, app, version).await?;
        app_from_values(values).map(|(r, _)| r).map_err(|e| parse_error(&e))
    }
}

pub(crate) fn parse_error(message: &str) -> Error {
    Error::Parse { command: "resource:report".into(), source: message.to_owned().into() }
}
