//! The `registry:login`/`registry:logout` commands and the root-only read of the docker configs.

use dokku_core::DokkuVersion;

/// The first Dokku that keeps a login per app (an app's own `DOCKER_CONFIG`); before it,
/// `registry:login` logged the dokku user in for every app.
pub const PER_APP_SINCE: DokkuVersion = DokkuVersion::new(0, 37, 5);

/// Where `registry:login` keeps the dokku user's (global) docker config, below `DOKKU_ROOT`.
pub const GLOBAL_CONFIG: &str = ".docker/config.json";

/// Where Dokku keeps the apps' docker configs (`<dir>/<app>/config.json`), below
/// `DOKKU_LIB_ROOT` (Dokku writes the path out as `/var/lib/dokku/config/registry`, which is
/// where the default `DOKKU_LIB_ROOT` puts it).
pub const APP_CONFIG_DIR: &str = "config/registry";

/// Pure command builders (no I/O): what apply and `--print-only` use.
pub mod builders {
    use dokku_core::{Command, ServerLayout};

    use super::{APP_CONFIG_DIR, GLOBAL_CONFIG};

    /// `registry:login [--global] --password-stdin [<app>] <server> <username>`, the password
    /// on stdin (never in the argv, where `ps` and Dokku's event log would show it).
    pub fn login(app: Option<&str>, server: &str, username: &str, password: &str) -> Command {
        let cmd = Command::dokku("registry:login");
        let cmd = match app {
            Some(app) => cmd.args(["--password-stdin", app]),
            None => cmd.args(["--global", "--password-stdin"]),
        };
        cmd.args([server, username]).secret_stdin(format!("{password}\n")).writes(app)
    }

    /// `registry:logout --global <server>` or `registry:logout <app> <server>`.
    pub fn logout(app: Option<&str>, server: &str) -> Command {
        match app {
            Some(app) => Command::dokku("registry:logout").args([app, server]).writes(Some(app)),
            None => Command::dokku("registry:logout").args(["--global", server]).writes(None),
        }
    }

    /// Every docker config `registry:login` writes, in one root-only read: `grep -rH` prints
    /// each line of each file as `<path>:<line>` (missing files are skipped).
    pub fn read_docker_configs(layout: &ServerLayout) -> Command {
        Command::system("grep")
            .args(["-rH", "--include=config.json", ""])
            .arg(layout.in_lib_root(APP_CONFIG_DIR))
            .arg(layout.in_dokku_root(GLOBAL_CONFIG))
            .allow_failure()
    }
}

#[cfg(test)]
mod tests {
    use super::builders;

    #[test]
    fn the_password_goes_on_stdin_only() {
        let app = builders::login(Some("api"), "registry.example.com", "bot", "s3cret");
        assert_eq!(
            app.to_string(),
            "echo *** | base64 --decode | dokku registry:login --password-stdin api registry.example.com bot"
        );
        assert_eq!(app.stdin_exposed(), Some(&b"s3cret\n"[..]));
        assert!(!format!("{app} {app:?}").contains("s3cret"));
        let global = builders::login(None, "docker.io", "hubber", "x");
        assert_eq!(
            global.to_string(),
            "echo *** | base64 --decode | dokku registry:login --global --password-stdin docker.io hubber"
        );
        assert_eq!(
            builders::logout(None, "docker.io").to_string(),
            "dokku registry:logout --global docker.io"
        );
        assert_eq!(builders::logout(Some("api"), "r.io").to_string(), "dokku registry:logout api r.io");
    }
}
