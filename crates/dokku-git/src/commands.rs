//! The `git:*` commands: pure builders, and typed async methods over a [`Client`].

use std::time::Duration;

use dokku_core::reports::{read_app_reports, read_global_report, read_one_app};
use dokku_core::{Client, DokkuVersion, Error, Secret};

use crate::deploy_key::{GeneratedDeployKey, parse_generate_deploy_key};
use crate::known_hosts::{KnownHosts, fingerprint, parse_known_hosts};
use crate::model::{Auth, DEPLOY_KEY_NAME, Git, GitGlobal, SshKey};
use crate::netrc::parse_netrc;
use crate::parse::{REPORT, git_from_values, global_from_values};

/// How long a command that builds and deploys may run.
pub const DEPLOY_TIMEOUT: Duration = Duration::from_secs(30 * 60);

/// Where the `dokku` user's known hosts live below `DOKKU_ROOT` (what `git:allow-host`
/// appends to).
pub const KNOWN_HOSTS_FILE: &str = ".ssh/known_hosts";

/// Where the `dokku` user's netrc lives below `DOKKU_ROOT` (what `git:auth` maintains).
pub const NETRC_FILE: &str = ".netrc";

/// The first Dokku whose `git:auth` reads a piped password from stdin (0.38.0).
pub const AUTH_STDIN_SINCE: DokkuVersion = DokkuVersion::new(0, 38, 0);

/// The author recorded on the commit Dokku makes for an archive or image deploy.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CommitAuthor<'a> {
    /// The git user name.
    pub username: &'a str,
    /// The git email (Dokku takes it only after a user name).
    pub email: Option<&'a str>,
}

/// Whether `git:sync` builds after fetching.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum SyncBuild {
    /// Fetch only (no deploy).
    #[default]
    Never,
    /// Build and deploy (`--build`).
    Always,
    /// Build and deploy when the fetch changed the code (`--build-if-changes`).
    IfChanged,
}

/// Pure command builders (no I/O): what apply and `--print-only` use.
pub mod builders {
    use dokku_core::{Command, DokkuVersion, Secret, ServerLayout};

    use super::{AUTH_STDIN_SINCE, CommitAuthor, DEPLOY_TIMEOUT, KNOWN_HOSTS_FILE, NETRC_FILE, SyncBuild};

    fn with_author(cmd: Command, author: Option<CommitAuthor<'_>>) -> Command {
        match author {
            None => cmd,
            Some(CommitAuthor { username, email: None }) => cmd.arg(username),
            Some(CommitAuthor { username, email: Some(email) }) => cmd.args([username, email]),
        }
    }

    /// `git:set <app|--global> <key> [<value>]` (no value unsets).
    pub fn set(app: Option<&str>, key: &str, value: Option<&str>) -> Command {
        let cmd = Command::dokku("git:set").arg(app.unwrap_or("--global")).arg(key).writes(app);
        match value {
            Some(v) => cmd.arg(v),
            None => cmd,
        }
    }

    /// `git:allow-host <host>`: scans the host's keys into the `dokku` user's known hosts.
    pub fn allow_host(host: &str) -> Command {
        Command::dokku("git:allow-host").arg(host).writes(None)
    }

    /// `git:auth <host> <username> <password>` (the password is masked in every rendering; on
    /// the server it is in the argv, where `ps` and Dokku's event log see it).
    pub fn auth(host: &str, username: &str, password: &Secret) -> Command {
        Command::dokku("git:auth").args([host, username]).secret_arg("", password.expose()).writes(None)
    }

    /// `git:auth <host> <username>` with the password piped on stdin (Dokku 0.38 and later,
    /// [`AUTH_STDIN_SINCE`]): it never appears in the server's process list or event log.
    pub fn auth_piped(host: &str, username: &str, password: &Secret) -> Command {
        Command::dokku("git:auth")
            .args([host, username])
            .secret_stdin(format!("{}\n", password.expose()))
            .writes(None)
    }

    /// The `git:auth` form `version` takes best: piped when it can read stdin, else in the argv.
    pub fn auth_for(
        version: Option<&DokkuVersion>,
        host: &str,
        username: &str,
        password: &Secret,
    ) -> Command {
        if version.is_some_and(|v| v >= &AUTH_STDIN_SINCE) {
            auth_piped(host, username, password)
        } else {
            auth(host, username, password)
        }
    }

    /// `git:auth <host>`: removes the host's netrc entry.
    pub fn auth_remove(host: &str) -> Command {
        Command::dokku("git:auth").arg(host).writes(None)
    }

    /// `git:auth-status <host> [<username>]` with the password on stdin (Dokku 0.38 and later:
    /// it reads a piped password there, which keeps it out of the server's process list).
    /// Exit 0 = the netrc entry matches (with no credential: there is none), 1 = it does not.
    pub fn auth_status(host: &str, credential: Option<(&str, &Secret)>) -> Command {
        let cmd = Command::dokku("git:auth-status").arg(host).allow_failure();
        match credential {
            Some((username, password)) => cmd.arg(username).secret_stdin(format!("{}\n", password.expose())),
            None => cmd,
        }
    }

    /// `git:initialize <app>`.
    pub fn initialize(app: &str) -> Command {
        Command::dokku("git:initialize").arg(app).writes(Some(app))
    }

    /// `git:sync [--build|--build-if-changes] [--skip-deploy-branch] <app> <repository> [<git_reference>]`;
    /// `git_reference` is a branch, tag or commit.
    pub fn sync(
        app: &str,
        repository: &str,
        git_reference: Option<&str>,
        build: SyncBuild,
        skip_deploy_branch: bool,
    ) -> Command {
        let mut cmd = Command::dokku("git:sync");
        match build {
            SyncBuild::Never => {}
            SyncBuild::Always => cmd = cmd.arg("--build"),
            SyncBuild::IfChanged => cmd = cmd.arg("--build-if-changes"),
        }
        if skip_deploy_branch {
            cmd = cmd.arg("--skip-deploy-branch");
        }
        let cmd = cmd.args([app, repository]).writes(Some(app)).timeout(DEPLOY_TIMEOUT);
        match git_reference {
            Some(r) => cmd.arg(r),
            None => cmd,
        }
    }

    /// `git:from-image [--build-dir <dir>] [--force] <app> <image> [<user> [<email>]]`: builds
    /// and deploys.
    pub fn from_image(
        app: &str,
        image: &str,
        build_dir: Option<&str>,
        force_pull: bool,
        author: Option<CommitAuthor<'_>>,
    ) -> Command {
        let mut cmd = Command::dokku("git:from-image");
        if let Some(dir) = build_dir {
            cmd = cmd.args(["--build-dir", dir]);
        }
        if force_pull {
            cmd = cmd.arg("--force");
        }
        with_author(cmd.args([app, image]), author).writes(Some(app)).timeout(DEPLOY_TIMEOUT)
    }

    /// `git:load-image [--build-dir <dir>] <app> <image> [<user> [<email>]]` with a `docker save`
    /// tarball on stdin: builds and deploys.
    pub fn load_image(
        app: &str,
        image: &str,
        build_dir: Option<&str>,
        author: Option<CommitAuthor<'_>>,
        tarball: Vec<u8>,
    ) -> Command {
        let mut cmd = Command::dokku("git:load-image");
        if let Some(dir) = build_dir {
            cmd = cmd.args(["--build-dir", dir]);
        }
        with_author(cmd.args([app, image]), author).stdin(tarball).writes(Some(app)).timeout(DEPLOY_TIMEOUT)
    }

    /// `git:from-archive [--archive-type <type>] <app> <url> [<user> [<email>]]`: builds and
    /// deploys.
    pub fn from_archive(
        app: &str,
        url: &str,
        archive_type: Option<&str>,
        author: Option<CommitAuthor<'_>>,
    ) -> Command {
        let mut cmd = Command::dokku("git:from-archive");
        if let Some(kind) = archive_type {
            cmd = cmd.args(["--archive-type", kind]);
        }
        with_author(cmd.args([app, url]), author).writes(Some(app)).timeout(DEPLOY_TIMEOUT)
    }

    /// `git:generate-deploy-key`.
    pub fn generate_deploy_key() -> Command {
        Command::dokku("git:generate-deploy-key").writes(None)
    }

    /// `git:public-key` (exit 1 when there is no deploy key: a result, not an error).
    pub fn public_key() -> Command {
        Command::dokku("git:public-key").allow_failure()
    }

    /// `git:status <app>`.
    pub fn status(app: &str) -> Command {
        Command::dokku("git:status").arg(app)
    }

    /// `git:report [<app>]` as text.
    pub fn report(app: Option<&str>) -> Command {
        let cmd = Command::dokku("git:report");
        match app {
            Some(a) => cmd.arg(a),
            None => cmd,
        }
    }

    /// `cat` of the `dokku` user's known hosts (root only; a missing file is a result).
    pub fn read_known_hosts(layout: &ServerLayout) -> Command {
        Command::system("cat").arg(layout.in_dokku_root(KNOWN_HOSTS_FILE)).allow_failure()
    }

    /// `cat` of the `dokku` user's netrc (root only; a missing file is a result).
    pub fn read_netrc(layout: &ServerLayout) -> Command {
        Command::system("cat").arg(layout.in_dokku_root(NETRC_FILE)).allow_failure()
    }
}

/// The git plugin over one client.
#[derive(Clone, Copy, Debug)]
pub struct GitCommands<'a> {
    client: &'a Client,
}

impl<'a> GitCommands<'a> {
    /// Wraps a client.
    pub fn new(client: &'a Client) -> Self {
        Self { client }
    }

    async fn run(&self, cmd: &dokku_core::Command) -> Result<(), Error> {
        self.client.output(cmd).await.map(drop)
    }

    /// Sets (`Some`) or unsets (`None`) a git property, for one app or globally.
    pub async fn set(&self, app: Option<&str>, key: &str, value: Option<&str>) -> Result<(), Error> {
        self.run(&builders::set(app, key, value)).await
    }

    /// Trusts `host`'s current SSH keys for git fetches (trust on first use).
    pub async fn allow_host(&self, host: &str) -> Result<(), Error> {
        self.run(&builders::allow_host(host)).await
    }

    /// Stores netrc credentials for `host` (the password on stdin where the server's Dokku
    /// reads it there).
    pub async fn auth(&self, host: &str, username: &str, password: &Secret) -> Result<(), Error> {
        let version = self.client.version().await?;
        self.run(&builders::auth_for(Some(version), host, username, password)).await
    }

    /// Removes the netrc credentials of `host`.
    pub async fn auth_remove(&self, host: &str) -> Result<(), Error> {
        self.run(&builders::auth_remove(host)).await
    }

    /// Whether the netrc matches: an entry for `host` with exactly this credential, or (no
    /// credential) no entry for `host`. Dokku 0.38 and later; needs no root.
    pub async fn auth_status(&self, host: &str, credential: Option<(&str, &Secret)>) -> Result<bool, Error> {
        Ok(self.client.output(&builders::auth_status(host, credential)).await?.success())
    }

    /// Creates the app's bare repository.
    pub async fn initialize(&self, app: &str) -> Result<(), Error> {
        self.run(&builders::initialize(app)).await
    }

    /// Fetches `repository` (at `git_reference`: branch, tag or commit) into the app; deploys
    /// only as `build` says.
    pub async fn sync(
        &self,
        app: &str,
        repository: &str,
        git_reference: Option<&str>,
        build: SyncBuild,
    ) -> Result<(), Error> {
        self.run(&builders::sync(app, repository, git_reference, build, false)).await
    }

    /// Builds and deploys the app from a Docker image.
    pub async fn from_image(
        &self,
        app: &str,
        image: &str,
        build_dir: Option<&str>,
        author: Option<CommitAuthor<'_>>,
    ) -> Result<(), Error> {
        self.run(&builders::from_image(app, image, build_dir, false, author)).await
    }

    /// Builds and deploys the app from a `docker save` tarball.
    pub async fn load_image(
        &self,
        app: &str,
        image: &str,
        author: Option<CommitAuthor<'_>>,
        tarball: Vec<u8>,
    ) -> Result<(), Error> {
        self.run(&builders::load_image(app, image, None, author, tarball)).await
    }

    /// Builds and deploys the app from an archive URL (`tar`, `tar.gz` or `zip`).
    pub async fn from_archive(
        &self,
        app: &str,
        url: &str,
        archive_type: Option<&str>,
        author: Option<CommitAuthor<'_>>,
    ) -> Result<(), Error> {
        self.run(&builders::from_archive(app, url, archive_type, author)).await
    }

    /// Generates the server's deploy key (or learns that one exists).
    pub async fn generate_deploy_key(&self) -> Result<GeneratedDeployKey, Error> {
        let cmd = builders::generate_deploy_key();
        let out = self.client.stdout(&cmd).await?;
        parse_generate_deploy_key(&out)
            .map_err(|e| Error::Parse { command: cmd.to_string(), source: e.into() })
    }

    /// The server's deploy key, or `None` when it has none.
    pub async fn public_key(&self) -> Result<Option<SshKey>, Error> {
        let out = self.client.output(&builders::public_key()).await?;
        let key = out.stdout.trim();
        if !out.success() || key.is_empty() {
            return Ok(None);
        }
        Ok(Some(SshKey {
            name: DEPLOY_KEY_NAME.to_owned(),
            fingerprint: fingerprint(key),
            public_key: Some(key.to_owned()),
        }))
    }

    /// The raw `git status` of the app's repository.
    pub async fn status(&self, app: &str) -> Result<String, Error> {
        self.client.stdout(&builders::status(app)).await
    }

    /// The git settings of `apps`.
    pub async fn list(&self, apps: &[String]) -> Result<Vec<Git>, Error> {
        let version = self.client.version().await?;
        let reports = read_app_reports(self.client, &REPORT, apps, version).await?;
        reports
            .into_iter()
            .map(|v| git_from_values(v, version).map(|(git, _)| git).map_err(parse_error))
            .collect()
    }

    /// One app's git settings.
    pub async fn report(&self, app: &str) -> Result<Git, Error> {
        let version = self.client.version().await?;
        let values = read_one_app(self.client, &REPORT, app, version).await?;
        git_from_values(values, version).map(|(git, _)| git).map_err(parse_error)
    }

    /// The global git settings (Dokku 0.38 and later).
    pub async fn global(&self) -> Result<GitGlobal, Error> {
        let version = self.client.version().await?;
        let values = read_global_report(self.client, &REPORT, version).await?;
        global_from_values(&values, version).map_err(parse_error)
    }

    /// The `dokku` user's known hosts (root only).
    pub async fn known_hosts(&self) -> Result<KnownHosts, Error> {
        Ok(parse_known_hosts(
            &read_root_file(self.client, &builders::read_known_hosts(self.client.layout())).await?,
        ))
    }

    /// The `dokku` user's netrc credentials (root only).
    pub async fn netrc(&self) -> Result<Vec<Auth>, Error> {
        Ok(parse_netrc(&read_root_file(self.client, &builders::read_netrc(self.client.layout())).await?))
    }
}

/// Runs a root-only `cat`; a missing file reads as empty, any other failure is an error.
pub(crate) async fn read_root_file(client: &Client, cmd: &dokku_core::Command) -> Result<String, Error> {
    let out = client.output(cmd).await?;
    if out.success() {
        Ok(out.stdout)
    } else if out.stderr.contains("No such file") {
        Ok(String::new())
    } else {
        Err(Error::Dokku {
            kind: dokku_core::DokkuErrorKind::classify(out.status, &out.stderr),
            command: cmd.to_string(),
            status: out.status,
            message: out.message(),
        })
    }
}

pub(crate) fn parse_error(message: String) -> Error {
    Error::Parse { command: "git:report".into(), source: message.into() }
}
