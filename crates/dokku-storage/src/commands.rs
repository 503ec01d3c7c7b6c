//! The `storage:*` commands: pure builders, and typed async methods over a [`Client`].

use dokku_core::{Client, DokkuVersion, Error};

use crate::model::{ChownPreset, Storage};
use crate::parse::{
    EnsuredDirectory, LIST_JSON_SINCE, parse_ensure_directory, parse_list_json, parse_list_text,
};

/// Pure command builders (no I/O): what apply and `--print-only` use.
pub mod builders {
    use dokku_core::{Command, DokkuVersion};

    use crate::model::ChownPreset;
    use crate::parse::LIST_JSON_SINCE;

    /// `storage:list <app> [--format json]` (JSON where [`LIST_JSON_SINCE`] allows).
    pub fn list(app: &str, version: &DokkuVersion) -> Command {
        let cmd = Command::dokku("storage:list").arg(app);
        if version >= &LIST_JSON_SINCE { cmd.args(["--format", "json"]) } else { cmd }
    }

    /// `storage:ensure-directory [--chown <preset>] <name>`: creates
    /// `/var/lib/dokku/data/storage/<name>` (without `--chown`, owned by herokuish's 32767).
    pub fn ensure_directory(chown: Option<ChownPreset>, name: &str) -> Command {
        let cmd = Command::dokku("storage:ensure-directory").writes(None);
        let cmd = match chown {
            Some(preset) => cmd.args(["--chown", preset.as_str()]),
            None => cmd,
        };
        cmd.arg(name)
    }

    /// `storage:mount <app> <host>:<container>[:<options>]`.
    pub fn mount(app: &str, spec: &str) -> Command {
        Command::dokku("storage:mount").args([app, spec]).writes(Some(app))
    }

    /// `storage:unmount <app> <host>:<container>[:<options>]`.
    pub fn unmount(app: &str, spec: &str) -> Command {
        Command::dokku("storage:unmount").args([app, spec]).writes(Some(app))
    }

    /// `storage:mount <app> <entry> --container-dir <path> [--phase <phase>]…` (named entries,
    /// Dokku 0.38 and later).
    pub fn mount_entry(app: &str, entry: &str, container_dir: &str, phases: &[&str]) -> Command {
        let mut cmd = Command::dokku("storage:mount").args([app, entry, "--container-dir", container_dir]);
        for phase in phases {
            cmd = cmd.args(["--phase", phase]);
        }
        cmd.writes(Some(app))
    }

    /// `storage:unmount <app> <entry> [--container-dir <path>]` (named entries).
    pub fn unmount_entry(app: &str, entry: &str, container_dir: Option<&str>) -> Command {
        let cmd = Command::dokku("storage:unmount").args([app, entry]).writes(Some(app));
        match container_dir {
            Some(dir) => cmd.args(["--container-dir", dir]),
            None => cmd,
        }
    }

    /// `storage:create <name> [<path>] [--chown <preset>]` (Dokku 0.38 and later).
    pub fn create(name: &str, path: Option<&str>, chown: Option<ChownPreset>) -> Command {
        let cmd = Command::dokku("storage:create").arg(name).args(path).writes(None);
        match chown {
            Some(preset) => cmd.args(["--chown", preset.as_str()]),
            None => cmd,
        }
    }

    /// `storage:destroy <name> --force [--destroy-host-dir]` (the prompt needs a terminal).
    pub fn destroy(name: &str, destroy_host_dir: bool) -> Command {
        let cmd = Command::dokku("storage:destroy").args([name, "--force"]).writes(None);
        if destroy_host_dir { cmd.arg("--destroy-host-dir") } else { cmd }
    }

    /// `storage:set <name> <property> [<value>]` (no value unsets).
    pub fn set(name: &str, property: &str, value: Option<&str>) -> Command {
        Command::dokku("storage:set").args([name, property]).args(value).writes(None)
    }

    /// `storage:migrate <app>` (`None`: `--all`): turns legacy mounts into named entries.
    pub fn migrate(app: Option<&str>) -> Command {
        Command::dokku("storage:migrate").arg(app.unwrap_or("--all")).writes(app)
    }

    /// `stat -c '%u %g %n' <path>…`: the owners of storage directories (root-only; a missing path
    /// is left out of the output rather than failing the read).
    pub fn stat_owners<'p>(paths: impl IntoIterator<Item = &'p str>) -> Command {
        Command::system("stat").args(["-c", "%u %g %n"]).args(paths).allow_failure()
    }
}

/// The storage plugin over one client.
#[derive(Clone, Copy, Debug)]
pub struct StorageMounts<'a> {
    client: &'a Client,
}

impl<'a> StorageMounts<'a> {
    /// Wraps a client.
    pub fn new(client: &'a Client) -> Self {
        Self { client }
    }

    /// The app's mounts (owners not read).
    pub async fn list(&self, app: &str) -> Result<Vec<Storage>, Error> {
        let version = self.client.version().await?;
        list_mounts(self.client, app, version).await
    }

    /// Creates `/var/lib/dokku/data/storage/<name>` with the given owner preset.
    pub async fn ensure_directory(
        &self,
        chown: Option<ChownPreset>,
        name: &str,
    ) -> Result<EnsuredDirectory, Error> {
        let cmd = builders::ensure_directory(chown, name);
        let out = self.client.stdout(&cmd).await?;
        parse_ensure_directory(&out)
            .map_err(|e| Error::Parse { command: cmd.to_string(), source: Box::new(e) })
    }

    /// Mounts `host:container[:options]` into the app (takes effect at the next restart).
    pub async fn mount(&self, app: &str, spec: &str) -> Result<(), Error> {
        self.client.output(&builders::mount(app, spec)).await.map(drop)
    }

    /// Unmounts `host:container[:options]` from the app.
    pub async fn unmount(&self, app: &str, spec: &str) -> Result<(), Error> {
        self.client.output(&builders::unmount(app, spec)).await.map(drop)
    }

    /// Mounts a named storage entry (Dokku 0.38 and later).
    pub async fn mount_entry(
        &self,
        app: &str,
        entry: &str,
        container_dir: &str,
        phases: &[&str],
    ) -> Result<(), Error> {
        self.client.output(&builders::mount_entry(app, entry, container_dir, phases)).await.map(drop)
    }

    /// Unmounts a named storage entry.
    pub async fn unmount_entry(
        &self,
        app: &str,
        entry: &str,
        container_dir: Option<&str>,
    ) -> Result<(), Error> {
        self.client.output(&builders::unmount_entry(app, entry, container_dir)).await.map(drop)
    }

    /// Creates a named storage entry (Dokku 0.38 and later).
    pub async fn create(
        &self,
        name: &str,
        path: Option<&str>,
        chown: Option<ChownPreset>,
    ) -> Result<(), Error> {
        self.client.output(&builders::create(name, path, chown)).await.map(drop)
    }

    /// Destroys a named storage entry, optionally with its host directory.
    pub async fn destroy(&self, name: &str, destroy_host_dir: bool) -> Result<(), Error> {
        self.client.output(&builders::destroy(name, destroy_host_dir)).await.map(drop)
    }

    /// Sets (`Some`) or unsets (`None`) a property of a named storage entry.
    pub async fn set(&self, name: &str, property: &str, value: Option<&str>) -> Result<(), Error> {
        self.client.output(&builders::set(name, property, value)).await.map(drop)
    }

    /// Turns an app's (or every app's) legacy mounts into named entries.
    pub async fn migrate(&self, app: Option<&str>) -> Result<(), Error> {
        self.client.output(&builders::migrate(app)).await.map(drop)
    }
}

/// Reads one app's mounts in the form `version` prefers.
pub(crate) async fn list_mounts(
    client: &Client,
    app: &str,
    version: &DokkuVersion,
) -> Result<Vec<Storage>, Error> {
    let cmd = builders::list(app, version);
    let out = client.stdout(&cmd).await?;
    let parsed =
        if version >= &LIST_JSON_SINCE { parse_list_json(app, &out) } else { parse_list_text(app, &out) };
    parsed.map_err(|e| Error::Parse { command: cmd.to_string(), source: Box::new(e) })
}
