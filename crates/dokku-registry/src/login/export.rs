//! Export and apply glue: registry logins as the engine sees them.

use std::collections::BTreeMap;

use dokku_core::plugin::{DiffOptions, ExportScope, Exported, Plugin, PluginDiff};
use dokku_core::{Client, Command, Error};

use super::commands::{APP_CONFIG_DIR, GLOBAL_CONFIG, builders};
use super::docker_config::{parse_docker_config, split_config_files};
use super::model::RegistryLogin;

/// Registry logins for the export/apply engine (document key `registry_logins`).
#[derive(Clone, Copy, Debug, Default)]
pub struct RegistryLoginsPlugin;

/// The scope a docker config's path stands for: `Some(None)` the global config, `Some(Some(app))`
/// an app's, `None` anything else.
fn scope_of<'p>(path: &'p str, global: &str, app_dir: &str) -> Option<Option<&'p str>> {
    if path == global {
        return Some(None);
    }
    let app = path.strip_prefix(app_dir)?.strip_prefix('/')?.strip_suffix("/config.json")?;
    (!app.is_empty() && !app.contains('/')).then_some(Some(app))
}

/// Reads the docker configs (root only) by their full paths: from the export's file snapshot
/// when it has one (it holds the property store, the apps' configs included, and the dokku
/// user's own), else with one `grep`.
async fn read_configs(client: &Client, scope: &ExportScope) -> Result<BTreeMap<String, String>, Error> {
    let layout = client.layout();
    let Some(snapshot) = &scope.files else {
        return Ok(split_config_files(&client.output(&builders::read_docker_configs(layout)).await?.stdout));
    };
    let mut files = BTreeMap::new();
    if let Some(text) = snapshot.dokku_root_file(GLOBAL_CONFIG) {
        files.insert(layout.in_dokku_root(GLOBAL_CONFIG), text.to_owned());
    }
    let store_dir = APP_CONFIG_DIR.strip_prefix("config/").unwrap_or(APP_CONFIG_DIR);
    for app in &scope.apps {
        if let Some(text) = snapshot.file(&format!("{store_dir}/{app}/config.json")) {
            files.insert(layout.in_lib_root(&format!("{APP_CONFIG_DIR}/{app}/config.json")), text.to_owned());
        }
    }
    Ok(files)
}

/// Reads the logins from the docker configs (root only), global first, then per app in scope
/// order; the servers whose credentials live elsewhere are named in a warning.
async fn read_logins(
    client: &Client,
    scope: &ExportScope,
    exported: &mut Exported<RegistryLogin>,
) -> Result<(), Error> {
    let layout = client.layout();
    let global = layout.in_dokku_root(GLOBAL_CONFIG);
    let app_dir = layout.in_lib_root(APP_CONFIG_DIR);
    let files = read_configs(client, scope).await?;
    let mut global_logins = Vec::new();
    let mut app_logins = Vec::new();
    for (path, text) in &files {
        let Some(app) = scope_of(path, &global, &app_dir) else { continue };
        let wanted = match app {
            None => scope.system,
            Some(app) => scope.has_app(app),
        };
        if !wanted {
            continue;
        }
        let found = match parse_docker_config(text) {
            Ok(found) => found,
            Err(message) => {
                exported
                    .warnings
                    .push(format!("registry_logins: {path}: {message}; its logins were not exported"));
                continue;
            }
        };
        if !found.elsewhere.is_empty() {
            exported.warnings.push(format!(
                "registry_logins: {path}: the credentials for {} are kept by a credential helper or as a token, \
                 not in the file; they were not exported",
                found.elsewhere.join(", ")
            ));
        }
        for mut login in found.logins {
            login.app_name = app.map(str::to_owned);
            match app {
                None => global_logins.push(login),
                Some(_) => app_logins.push(login),
            }
        }
    }
    app_logins.sort_by_key(|l| scope.apps.iter().position(|a| Some(a) == l.app_name.as_ref()));
    exported.records = global_logins.into_iter().chain(app_logins).collect();
    Ok(())
}

impl Plugin for RegistryLoginsPlugin {
    const KEY: &'static str = "registry_logins";
    const DOKKU_NAME: &'static str = "registry";
    const REQUIRES: &'static [&'static str] = &["apps"];
    type Record = RegistryLogin;

    async fn export(client: &Client, scope: &ExportScope) -> Result<Exported<RegistryLogin>, Error> {
        let mut exported = Exported::default();
        if scope.can_run_system_commands {
            read_logins(client, scope, &mut exported).await?;
        } else {
            exported.warnings.push(
                "registry_logins: Dokku never prints registry logins (registry:login); reading them from the \
                 docker config files needs root (a connection that can run system commands), so none was \
                 exported. A document may still hold them, with the password from the secrets file or a reference"
                    .to_owned(),
            );
        }
        Ok(exported)
    }

    fn validate(record: &RegistryLogin) -> Vec<(String, String)> {
        let mut problems = Vec::new();
        if let Some(app) = &record.app_name
            && !dokku_core::app_name::is_valid(app)
        {
            problems.push(("app_name".to_owned(), dokku_core::app_name::invalid_message(app)));
        }
        if record.server.is_empty() || record.server.contains(char::is_whitespace) {
            problems.push((
                "server".to_owned(),
                "a registry server name (no spaces), `docker.io` for Docker Hub".to_owned(),
            ));
        }
        if record.username.is_empty() || record.username.contains(char::is_whitespace) {
            problems.push(("username".to_owned(), "a user name (no spaces)".to_owned()));
        }
        if record.password.expose().trim().is_empty() {
            // Dokku trims the password it reads and refuses an empty one.
            problems
                .push(("password".to_owned(), "an empty password (registry:login refuses it)".to_owned()));
        }
        problems
    }

    /// One `registry:login` per login, the password on stdin.
    fn apply_commands(records: &[RegistryLogin]) -> Vec<Command> {
        records
            .iter()
            .map(|r| builders::login(r.app_name.as_deref(), &r.server, &r.username, r.password.expose()))
            .collect()
    }

    fn diff(current: &[RegistryLogin], desired: &[RegistryLogin], options: &DiffOptions) -> PluginDiff {
        super::diff::diff(current, desired, options)
    }
}

#[cfg(test)]
mod tests {
    use super::scope_of;

    #[test]
    fn paths_name_their_scope() {
        let (global, dir) = ("/home/dokku/.docker/config.json", "/var/lib/dokku/config/registry");
        assert_eq!(scope_of(global, global, dir), Some(None));
        assert_eq!(
            scope_of("/var/lib/dokku/config/registry/api/config.json", global, dir),
            Some(Some("api"))
        );
        assert_eq!(scope_of("/var/lib/dokku/config/registry/a/b/config.json", global, dir), None);
        assert_eq!(scope_of("/elsewhere/config.json", global, dir), None);
    }
}
