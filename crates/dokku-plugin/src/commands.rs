//! The `plugin:*` commands: pure builders, and typed async methods over a [`Client`].

use dokku_core::installed_plugins::read_installed_plugins;
use dokku_core::{Client, Error};

use crate::model::PluginRecord;

/// Pure command builders; every state-changing one needs root.
pub mod builders {
    use dokku_core::{Command, ServerLayout};

    /// `plugin:install <url> [--committish <ref>] --name <name>`.
    pub fn install(url: &str, committish: Option<&str>, name: &str) -> Command {
        let cmd = Command::dokku("plugin:install").arg(url);
        let cmd = match committish {
            Some(r) => cmd.args(["--committish", r]),
            None => cmd,
        };
        cmd.args(["--name", name]).needs_root().writes_plugins()
    }

    /// `plugin:enable <name>`.
    pub fn enable(name: &str) -> Command {
        Command::dokku("plugin:enable").arg(name).needs_root().writes_plugins()
    }

    /// `plugin:disable <name>`.
    pub fn disable(name: &str) -> Command {
        Command::dokku("plugin:disable").arg(name).needs_root().writes_plugins()
    }

    /// `plugin:uninstall <name>`.
    pub fn uninstall(name: &str) -> Command {
        Command::dokku("plugin:uninstall").arg(name).needs_root().writes_plugins()
    }

    /// `plugin:update <name> [<committish>]`.
    pub fn update(name: &str, committish: Option<&str>) -> Command {
        let cmd = Command::dokku("plugin:update").arg(name).needs_root().writes_plugins();
        match committish {
            Some(r) => cmd.arg(r),
            None => cmd,
        }
    }

    /// `plugin:installed <name>` (exit 1 when absent: a result, not an error).
    pub fn installed(name: &str) -> Command {
        Command::dokku("plugin:installed").arg(name).allow_failure()
    }

    /// `cat <DOKKU_LIB_ROOT>/plugins/available/<plugin>/.git/<file>` for the root-only reads
    /// of a plugin checkout.
    pub fn cat_git_file(layout: &ServerLayout, plugin: &str, file: &str) -> Command {
        Command::system("cat")
            .arg(layout.in_lib_root(&format!("plugins/available/{plugin}/.git/{file}")))
            .allow_failure()
    }
}

/// The plugin plugin over one client.
#[derive(Clone, Copy, Debug)]
pub struct Plugins<'a> {
    client: &'a Client,
}

impl<'a> Plugins<'a> {
    /// Wraps a client.
    pub fn new(client: &'a Client) -> Self {
        Self { client }
    }

    /// The installed plugins (sources where `plugin:list` gives them).
    pub async fn list(&self) -> Result<Vec<PluginRecord>, Error> {
        let version = self.client.version().await?;
        Ok(read_installed_plugins(self.client, version).await?.iter().map(PluginRecord::from).collect())
    }

    /// Whether `name` is installed.
    pub async fn installed(&self, name: &str) -> Result<bool, Error> {
        Ok(self.client.output(&builders::installed(name)).await?.success())
    }

    /// Installs a plugin from git (needs root).
    pub async fn install(&self, url: &str, committish: Option<&str>, name: &str) -> Result<(), Error> {
        self.client.output(&builders::install(url, committish, name)).await.map(drop)
    }

    /// Enables a plugin (needs root).
    pub async fn enable(&self, name: &str) -> Result<(), Error> {
        self.client.output(&builders::enable(name)).await.map(drop)
    }

    /// Disables a plugin (needs root).
    pub async fn disable(&self, name: &str) -> Result<(), Error> {
        self.client.output(&builders::disable(name)).await.map(drop)
    }

    /// Uninstalls a plugin (needs root).
    pub async fn uninstall(&self, name: &str) -> Result<(), Error> {
        self.client.output(&builders::uninstall(name)).await.map(drop)
    }

    /// Updates a plugin, optionally to a commit (needs root).
    pub async fn update(&self, name: &str, committish: Option<&str>) -> Result<(), Error> {
        self.client.output(&builders::update(name, committish)).await.map(drop)
    }
}
