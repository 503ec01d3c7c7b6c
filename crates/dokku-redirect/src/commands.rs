//! The `redirect` commands: pure builders, and typed async methods over a [`Client`].

use dokku_core::{Client, Error};

use crate::model::Redirect;
use crate::parse::parse_redirect_list;

/// Pure command builders (no I/O): what apply and `--print-only` use.
pub mod builders {
    use dokku_core::Command;

    /// `redirect <app>`: the app's redirects as a table (there is no `redirect:report`).
    pub fn list(app: &str) -> Command {
        Command::dokku("redirect").arg(app)
    }

    /// `redirect:set <app> <source> <destination> <code>` (the code is always given, so the
    /// plugin's default never matters). Rebuilds the nginx configuration of a deployed app;
    /// fails when `source` is already redirected.
    pub fn set(app: &str, source: &str, destination: &str, code: u16) -> Command {
        Command::dokku("redirect:set").args([app, source, destination, &code.to_string()]).writes(Some(app))
    }

    /// `redirect:unset <app> <source>` (an unknown source succeeds silently).
    pub fn unset(app: &str, source: &str) -> Command {
        Command::dokku("redirect:unset").args([app, source]).writes(Some(app))
    }
}

/// The redirect plugin over one client.
#[derive(Clone, Copy, Debug)]
pub struct Redirects<'a> {
    client: &'a Client,
}

impl<'a> Redirects<'a> {
    /// Wraps a client.
    pub fn new(client: &'a Client) -> Self {
        Self { client }
    }

    /// The redirects of one app, in the plugin's file order.
    pub async fn list(&self, app: &str) -> Result<Vec<Redirect>, Error> {
        let cmd = builders::list(app);
        let out = self.client.stdout(&cmd).await?;
        parse_redirect_list(app, &out)
            .map_err(|e| Error::Parse { command: cmd.to_string(), source: Box::new(e) })
    }

    /// Redirects `source` to `destination` with the HTTP status `code`.
    pub async fn set(&self, app: &str, source: &str, destination: &str, code: u16) -> Result<(), Error> {
        self.client.output(&builders::set(app, source, destination, code)).await.map(drop)
    }

    /// Removes the redirect of `source`.
    pub async fn unset(&self, app: &str, source: &str) -> Result<(), Error> {
        self.client.output(&builders::unset(app, source)).await.map(drop)
    }
}
