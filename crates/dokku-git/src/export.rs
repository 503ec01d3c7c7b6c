//! Export and apply glue: the git plugin as the engine sees it.

use std::collections::{BTreeMap, BTreeSet};

use dokku_core::file_snapshot::FileSnapshot;
use dokku_core::file_times::modification_times;
use dokku_core::plugin::{DiffOptions, ExportScope, Exported, Plugin, PluginDiff};
use dokku_core::reports::{read_app_reports, read_global_values};
use dokku_core::{Client, Command, Error, ServerLayout, app_name};
use futures_util::future::try_join_all;

use crate::commands::{GitCommands, KNOWN_HOSTS_FILE, NETRC_FILE, builders, parse_error, read_root_file};
use crate::files::{branch_heads_to_stat, report_values_from_files};
use crate::known_hosts::{host_names, parse_known_hosts};
use crate::model::{Auth, DEFAULT_REV_ENV_VAR, Git, GitGlobal, GitRecord, SshKey};
use crate::netrc::parse_netrc;
use crate::parse::{REPORT, git_from_values, global_from_values, global_warning, prints_resolved_values};

/// The git plugin for the export/apply engine.
#[derive(Clone, Copy, Debug, Default)]
pub struct GitPlugin;

impl Plugin for GitPlugin {
    const KEY: &'static str = "git";
    const DOKKU_NAME: &'static str = "git";
    const REQUIRES: &'static [&'static str] = &["apps"];
    type Record = GitRecord;

    async fn export(client: &Client, scope: &ExportScope) -> Result<Exported<GitRecord>, Error> {
        let mut exported = Exported::default();
        // As root on 0.38.6 and later (raw values printed), the property files and the apps'
        // repositories, and one `stat` of the deploy branch heads: no report.
        if let Some(files) = scope.files.as_deref().filter(|_| !prints_resolved_values(&scope.version)) {
            if scope.system {
                export_server_wide(client, scope, &mut exported).await?;
                let values = report_values_from_files(files, None, &BTreeMap::new());
                exported.warnings.extend(global_warning(&values));
                let global = global_from_values(&values, &scope.version).map_err(parse_error)?;
                if !global.is_empty() {
                    exported.records.push(GitRecord::Global(global));
                }
            }
            let modified = branch_head_times(client, files, &scope.apps).await?;
            for app in &scope.apps {
                let values = report_values_from_files(files, Some(app), &modified);
                let (git, warning) = git_from_values(values, &scope.version).map_err(parse_error)?;
                exported.warnings.extend(warning);
                exported.records.push(GitRecord::App(git));
            }
            return Ok(exported);
        }
        let reports = read_app_reports(client, &REPORT, &scope.apps, &scope.version).await?;
        if scope.system {
            export_server_wide(client, scope, &mut exported).await?;
            let source = read_global_values(client, &REPORT, &scope.version, &reports).await?;
            if let Some(g) = source.as_ref().filter(|g| g.is_global_report()) {
                exported.warnings.extend(global_warning(g.values()));
            }
            let global = source
                .map(|g| global_from_values(g.values(), &scope.version))
                .transpose()
                .map_err(parse_error)?;
            if let Some(global) = global.filter(|g| !g.is_empty()) {
                exported.records.push(GitRecord::Global(global));
            }
        }
        for values in reports {
            let (git, warning) = git_from_values(values, &scope.version).map_err(parse_error)?;
            exported.warnings.extend(warning);
            exported.records.push(GitRecord::App(git));
        }
        Ok(exported)
    }

    fn validate(record: &GitRecord) -> Vec<(String, String)> {
        let mut problems = Vec::new();
        match record {
            GitRecord::Key(key) => validate_key(key, &mut problems),
            GitRecord::Auth(auth) => validate_auth(auth, &mut problems),
            GitRecord::Global(global) => {
                if let Some(branch) = global.global_deploy_branch.as_deref().filter(|b| !is_plain_word(b)) {
                    problems
                        .push(("global_deploy_branch".into(), format!("{branch:?} is not a branch name")));
                }
            }
            GitRecord::App(git) => {
                if !app_name::is_valid(&git.app_name) {
                    problems.push(("app_name".into(), app_name::invalid_message(&git.app_name)));
                }
                if let Some(branch) = git.deploy_branch.as_deref().filter(|b| !is_plain_word(b)) {
                    problems.push(("deploy_branch".into(), format!("{branch:?} is not a branch name")));
                }
                if let Some(var) = git.rev_env_var.as_deref().filter(|v| !v.is_empty() && !is_env_name(v)) {
                    problems
                        .push(("rev_env_var".into(), format!("{var:?} is not an environment variable name")));
                }
                if let Some(image) = git.source_image.as_deref().filter(|i| !is_plain_word(i)) {
                    problems.push(("source_image".into(), format!("{image:?} is not an image reference")));
                }
            }
        }
        problems
    }

    /// Known hosts (each host once), netrc credentials, global settings, then each app's
    /// settings. Nothing deploys: `source_image` is recorded with `git:set`, never with
    /// `git:from-image`, and `git:sync` is not used; the deploy key is not recreated (its
    /// private half is never exported) and `sha`/`last_updated_at` are informational.
    fn apply_commands(records: &[GitRecord]) -> Vec<Command> {
        let mut hosts: Vec<Command> = Vec::new();
        let mut seen_hosts = BTreeSet::new();
        let mut auths = Vec::new();
        let mut globals = Vec::new();
        let mut apps = Vec::new();
        for record in records {
            match record {
                GitRecord::Key(key) if key.is_deploy_key() => {}
                GitRecord::Key(key) => {
                    for host in host_names(key) {
                        if seen_hosts.insert(host.to_owned()) {
                            hosts.push(builders::allow_host(host));
                        }
                    }
                }
                GitRecord::Auth(Auth { hostname, username: Some(user), password: Some(password) }) => {
                    auths.push(builders::auth(hostname, user, password));
                }
                // Without both a user and a password there is nothing `git:auth` could store
                // (`validate` rejects such records).
                GitRecord::Auth(_) => {}
                GitRecord::Global(global) => globals.extend(global_commands(global)),
                GitRecord::App(git) => apps.extend(app_commands(git)),
            }
        }
        hosts.extend(auths);
        hosts.extend(globals);
        hosts.extend(apps);
        hosts
    }

    /// Credentials the server's `git:auth-status` confirms (Dokku 0.38+, no root needed), one
    /// check per credential in the document, the password on stdin.
    async fn confirm_unread(
        client: &Client,
        desired: &[GitRecord],
        options: &DiffOptions,
    ) -> Result<Vec<GitRecord>, Error> {
        if !options.server_files_unread || !crate::diff::can_confirm_auths(options) {
            return Ok(Vec::new());
        }
        let git = GitCommands::new(client);
        let checks = desired.iter().filter_map(|record| match record {
            GitRecord::Auth(auth @ Auth { username: Some(user), password: Some(password), .. }) => {
                Some(async move {
                    let matches = git.auth_status(&auth.hostname, Some((user, password))).await?;
                    Ok::<_, Error>(matches.then(|| GitRecord::Auth(auth.clone())))
                })
            }
            _ => None,
        });
        Ok(try_join_all(checks).await?.into_iter().flatten().collect())
    }

    fn diff(current: &[GitRecord], desired: &[GitRecord], options: &DiffOptions) -> PluginDiff {
        crate::diff::diff(current, desired, options)
    }
}

/// The modification times of the apps' deploy branch heads (`last-updated-at`), by path
/// relative to `$DOKKU_ROOT`: one `stat` for them all.
async fn branch_head_times(
    client: &Client,
    files: &FileSnapshot,
    apps: &[String],
) -> Result<BTreeMap<String, String>, Error> {
    let root = format!("{}/", client.layout().dokku_root().trim_end_matches('/'));
    let heads = branch_heads_to_stat(files, apps);
    let absolute: Vec<String> = heads.iter().map(|head| format!("{root}{head}")).collect();
    let times = modification_times(client, &absolute).await?;
    Ok(times
        .into_iter()
        .filter_map(|(path, time)| Some((path.strip_prefix(&root)?.to_owned(), time)))
        .collect())
}

/// A file of the `dokku` user's home (`$DOKKU_ROOT`, relative): from the export's file snapshot
/// when it has one (the root file path read it in its one round trip), else by a root `cat`. A
/// missing file reads as empty either way.
async fn dokku_user_file(
    client: &Client,
    scope: &ExportScope,
    relative: &str,
    read: fn(&ServerLayout) -> Command,
) -> Result<String, Error> {
    match scope.files.as_deref() {
        Some(files) => Ok(files.dokku_root_file(relative).unwrap_or_default().to_owned()),
        None => read_root_file(client, &read(client.layout())).await,
    }
}

/// Reads what only the server as a whole has: known hosts and netrc (root only), and the
/// deploy key.
async fn export_server_wide(
    client: &Client,
    scope: &ExportScope,
    exported: &mut Exported<GitRecord>,
) -> Result<(), Error> {
    if scope.can_run_system_commands {
        let known = parse_known_hosts(
            &dokku_user_file(client, scope, KNOWN_HOSTS_FILE, builders::read_known_hosts).await?,
        );
        if !known.skipped.is_empty() {
            exported.warnings.push(format!(
                "git: {} known_hosts entr(ies) cannot be recreated with git:allow-host and were not exported: {}",
                known.skipped.len(),
                known.skipped.join("; ")
            ));
        }
        exported.records.extend(known.keys.into_iter().map(GitRecord::Key));
    } else {
        exported.warnings.push(
            "git: reading the dokku user's known hosts (~/.ssh/known_hosts, for git:allow-host) and \
             netrc credentials (~/.netrc, for git:auth) needs root (a connection that can run system \
             commands); neither was exported"
                .to_owned(),
        );
    }
    if let Some(key) = GitCommands::new(client).public_key().await? {
        exported.records.push(GitRecord::Key(key));
    }
    if scope.can_run_system_commands {
        let auths = parse_netrc(&dokku_user_file(client, scope, NETRC_FILE, builders::read_netrc).await?);
        exported.records.extend(auths.into_iter().map(GitRecord::Auth));
    }
    Ok(())
}

fn global_commands(global: &GitGlobal) -> Vec<Command> {
    let settings = [
        ("deploy-branch", global.global_deploy_branch.clone()),
        ("keep-git-dir", global.global_keep_git_path.map(|b| b.to_string())),
        ("archive-max-files", global.global_archive_max_files.map(|n| n.to_string())),
        ("archive-max-size", global.global_archive_max_size.map(|n| n.to_string())),
    ];
    settings
        .into_iter()
        .filter_map(|(key, value)| value.map(|v| builders::set(None, key, Some(&v))))
        .collect()
}

fn app_commands(git: &Git) -> Vec<Command> {
    let app = Some(git.app_name.as_str());
    let mut commands = Vec::new();
    if let Some(branch) = &git.deploy_branch {
        commands.push(builders::set(app, "deploy-branch", Some(branch)));
    }
    if let Some(keep) = git.keep_git_path {
        commands.push(builders::set(app, "keep-git-dir", Some(&keep.to_string())));
    }
    match git.rev_env_var.as_deref() {
        None | Some(DEFAULT_REV_ENV_VAR) => {}
        // Unsetting stores an empty name, which is how Dokku disables the variable.
        Some("") => commands.push(builders::set(app, "rev-env-var", None)),
        Some(var) => commands.push(builders::set(app, "rev-env-var", Some(var))),
    }
    if let Some(image) = &git.source_image {
        commands.push(builders::set(app, "source-image", Some(image)));
    }
    commands
}

fn validate_key(key: &SshKey, problems: &mut Vec<(String, String)>) {
    if key.is_deploy_key() {
        return;
    }
    let hosts: Vec<&str> = host_names(key).collect();
    if hosts.is_empty() || hosts.iter().any(|h| !is_plain_word(h) || h.starts_with(['|', '@', '[', '-'])) {
        problems.push((
            "name".into(),
            format!("{:?} is not a list of plain host names git:allow-host can scan", key.name),
        ));
    }
}

fn validate_auth(auth: &Auth, problems: &mut Vec<(String, String)>) {
    if !is_plain_word(&auth.hostname) || auth.hostname.starts_with('-') {
        problems.push(("hostname".into(), format!("{:?} is not a host name", auth.hostname)));
    }
    match auth.username.as_deref() {
        None => problems.push(("username".into(), "missing: git:auth needs a user name".into())),
        Some(u) if !is_plain_word(u) => {
            problems.push(("username".into(), "must be non-empty, without blanks or quotes".into()))
        }
        Some(_) => {}
    }
    match auth.password.as_ref().map(|p| p.expose().as_str()) {
        None => problems.push(("password".into(), "missing: git:auth needs a password".into())),
        // The value is a secret: the message never repeats it.
        Some(p) if !is_plain_word(p) => {
            problems.push(("password".into(), "must be non-empty, without blanks or quotes".into()))
        }
        Some(_) => {}
    }
}

/// A non-empty word without blanks or quotes: Dokku's forced command splits `git:*` arguments
/// on blanks without removing quotes, and netrc tokens cannot hold blanks either.
fn is_plain_word(value: &str) -> bool {
    !value.is_empty() && !value.contains(|c: char| c.is_whitespace() || "\"'\\".contains(c))
}

fn is_env_name(value: &str) -> bool {
    let mut chars = value.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

#[cfg(test)]
mod tests {
    use dokku_core::Secret;

    use super::*;
    use crate::model::DEPLOY_KEY_NAME;

    fn app(name: &str) -> Git {
        Git {
            app_name: name.into(),
            deploy_branch: Some("main".into()),
            keep_git_path: Some(true),
            rev_env_var: Some("GIT_REV".into()),
            sha: Some("HEAD".into()),
            source_image: Some("nginx:1.27".into()),
            last_updated_at: None,
            extra: Default::default(),
        }
    }

    #[test]
    fn apply_orders_hosts_auth_globals_apps_and_never_deploys() {
        let key = |name: &str| SshKey { name: name.into(), fingerprint: None, public_key: None };
        let records = [
            GitRecord::App(app("app1")),
            GitRecord::Global(GitGlobal { global_deploy_branch: Some("main".into()), ..Default::default() }),
            GitRecord::Key(key("github.com")),
            GitRecord::Key(key("github.com,gitlab.com")),
            GitRecord::Key(key(DEPLOY_KEY_NAME)),
            GitRecord::Auth(Auth {
                hostname: "github.com".into(),
                username: Some("u".into()),
                password: Some(Secret::new("hunter2".into())),
            }),
        ];
        let lines: Vec<String> =
            GitPlugin::apply_commands(&records).iter().map(ToString::to_string).collect();
        assert_eq!(
            lines,
            [
                "dokku git:allow-host github.com",
                "dokku git:allow-host gitlab.com",
                "dokku git:auth github.com u ***",
                "dokku git:set --global deploy-branch main",
                "dokku git:set app1 deploy-branch main",
                "dokku git:set app1 keep-git-dir true",
                "dokku git:set app1 source-image nginx:1.27",
            ]
        );
    }

    #[test]
    fn a_disabled_rev_env_var_is_unset_not_set_to_nothing() {
        let git = Git { rev_env_var: Some(String::new()), ..app("app1") };
        let commands = app_commands(&git);
        assert!(commands.iter().any(|c| c.argv_exposed() == ["git:set", "app1", "rev-env-var"]));
    }

    #[test]
    fn auth_without_password_is_invalid_and_the_message_hides_passwords() {
        let auth = Auth { hostname: "h".into(), username: Some("u".into()), password: None };
        let fields: Vec<String> =
            GitPlugin::validate(&GitRecord::Auth(auth)).into_iter().map(|(f, _)| f).collect();
        assert_eq!(fields, ["password"]);
        let auth = Auth {
            hostname: "h".into(),
            username: Some("u".into()),
            password: Some(Secret::new("a b".into())),
        };
        let problems = GitPlugin::validate(&GitRecord::Auth(auth));
        assert!(problems.iter().all(|(_, m)| !m.contains("a b")), "{problems:?}");
    }

    #[test]
    fn records_deserialize_by_their_identifying_key() -> Result<(), serde_json::Error> {
        let global: GitRecord = serde_json::from_str(r#"{"global_deploy_branch":"main"}"#)?;
        assert!(matches!(global, GitRecord::Global(_)));
        // A pydokku app record still carries the global branch: it is ignored there.
        let app: GitRecord = serde_json::from_str(
            r#"{"app_name":"a","global_deploy_branch":"main","keep_git_path":false,"deploy_branch":"master","rev_env_var":"GIT_REV","sha":"HEAD","last_updated_at":"2025-01-09 03:57:33+00:00"}"#,
        )?;
        assert!(matches!(app, GitRecord::App(Git { keep_git_path: Some(false), .. })));
        let auth: GitRecord = serde_json::from_str(r#"{"hostname":"h","username":"u","password":"p"}"#)?;
        assert!(matches!(auth, GitRecord::Auth(_)));
        Ok(())
    }
}
