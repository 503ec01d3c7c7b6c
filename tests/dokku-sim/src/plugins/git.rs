//! The `git` plugin's settings and report (no pushes happen on the simulated server), and the
//! dokku user's git credentials: known hosts (`git:allow-host`) and netrc entries (`git:auth`,
//! `git:auth-status`), kept in the state and written out as `~/.ssh/known_hosts` and `~/.netrc`
//! (see [`crate::server_files`]).

use super::first_arg;
use crate::invocation::Invocation;
use crate::legacy_report::{LegacyLayout, Renderer, app_or, global_or, run_versioned_report, same};
use crate::output::{Failure, Outcome};
use crate::property_report::{add_triplets, app_property, global_only, triplet};
use crate::property_set::{PropertySetSpec, run_property_set};
use crate::report::{GoReportSpec, GoReportStyle, ReportValues, Subject};
use crate::version::DokkuVersion;

/// `git:report`.
const REPORT: GoReportSpec = GoReportSpec {
    plugin: "git",
    report_type: "git",
    style: GoReportStyle::PORTED,
    json_since: DokkuVersion::new(0, 38, 0),
};

/// `git:report` before the Go port: bash `cmd-git-report-single` (plugins/git/internal-functions
/// v0.33.0 to v0.37.10; `fn-plugin-property-get` with defaults `master` and `false`; no archive
/// or computed keys).
const LEGACY: &[LegacyLayout] = &[LegacyLayout {
    until: DokkuVersion::new(0, 38, 0),
    renderer: Renderer::Bash { noun: "git", global_scope: false, empty_info_fails: true },
    fields: &[
        app_or("--git-deploy-branch", "deploy-branch", "master"),
        global_or("--git-global-deploy-branch", "deploy-branch", "master"),
        app_or("--git-keep-git-dir", "keep-git-dir", "false"),
        same("--git-rev-env-var"),
        same("--git-sha"),
        same("--git-source-image"),
        same("--git-last-updated-at"),
    ],
    namespace: "git",
}];

/// `git:set`.
const SET: PropertySetSpec = PropertySetSpec {
    namespace: "git",
    keys: &[
        "archive-max-files",
        "archive-max-size",
        "deploy-branch",
        "keep-git-dir",
        "rev-env-var",
        "source-image",
    ],
    global_keys: &[
        "archive-max-files",
        "archive-max-size",
        "deploy-branch",
        "keep-git-dir",
        "rev-env-var",
        "source-image",
    ],
    noun: "key",
    verify_app: true,
};

/// Routes `git:*`.
pub(crate) fn dispatch(inv: &mut Invocation<'_>, sub: &str, args: &[String]) -> Option<Outcome> {
    Some(match sub {
        "set" => set(inv, args),
        "report" => run_versioned_report(inv, &REPORT, LEGACY, args, &report_values),
        "allow-host" => allow_host(inv, args),
        "public-key" => public_key(inv),
        "auth" => auth(inv, args),
        "auth-status" if inv.version.at_least(0, 38, 0) => auth_status(inv, args),
        _ => return None,
    })
}

/// `git:set <app|--global> <key> [<value>]` (`cmd-git-set`, plugins/git/subcommands/set): as
/// every property set, except that unsetting `rev-env-var` writes it empty instead of deleting
/// it, which turns the `GIT_REV` variable off (the report then shows it empty).
fn set(inv: &mut Invocation<'_>, args: &[String]) -> Outcome {
    let app = first_arg(args);
    let key = args.get(1).cloned().unwrap_or_default();
    let value = args.get(2).cloned().unwrap_or_default();
    if key != "rev-env-var" || !value.is_empty() || app == "--global" {
        return run_property_set(inv, &SET, args);
    }
    super::verify_app_bash(inv, &app)?;
    inv.out.info2_quiet("Unsetting rev-env-var");
    if let Some(state) = inv.state.apps.get_mut(&app) {
        state.write_property("git", "rev-env-var", "");
    }
    Ok(())
}

/// `git:public-key` (`cmd-git-public-key`, plugins/git/internal-functions): prints the dokku
/// user's `~/.ssh/id_ed25519.pub` (or `id_rsa.pub`); the simulated host, like a fresh install,
/// has neither, so it is always `fn-git-auth-error`'s advice and exit 1.
fn public_key(inv: &mut Invocation<'_>) -> Outcome {
    inv.out.warn("There is no deploy key associated with the dokku user.");
    inv.out.warn("Generate an ssh key with the following command:");
    inv.out.warn("  dokku git:generate-deploy-key");
    Err(inv.out.fail("As an alternative, configure the netrc authentication via the git:auth command"))
}

/// `git:allow-host <host>`: `ssh-keyscan -t rsa <host> >> ~/.ssh/known_hosts` (its comment on
/// stderr), then the info line. Appends every time, duplicates included, as Dokku does.
fn allow_host(inv: &mut Invocation<'_>, args: &[String]) -> Outcome {
    let host = first_arg(args);
    if host.is_empty() {
        return Err(inv.out.fail("Please supply a git host"));
    }
    inv.out.err_line(&crate::ssh_keyscan::banner_comment(&host));
    inv.state.known_hosts.push(crate::ssh_keyscan::known_hosts_line(&host));
    inv.out.info1(&format!("{host} added to known hosts"));
    Ok(())
}

/// The three arguments of `git:auth` and `git:auth-status`, the password read from a piped
/// stdin when only it is missing (`fn-git-auth-read-password`, new in 0.38.0; its `$(...)`
/// drops trailing newlines). Fails as Dokku does without a host or without a password.
fn auth_arguments(inv: &mut Invocation<'_>, args: &[String]) -> Result<(String, String, String), Failure> {
    let argument = |index: usize| args.get(index).cloned().unwrap_or_default();
    let (host, username, mut password) = (argument(0), argument(1), argument(2));
    if host.is_empty() {
        return Err(inv.out.fail("Please supply a git host"));
    }
    if inv.version.at_least(0, 38, 0) {
        if !username.is_empty() && password.is_empty() && crate::piped_stdin::is_pipe() {
            password = crate::piped_stdin::read_line();
        }
        password.truncate(password.trim_end_matches('\n').len());
    }
    if !username.is_empty() && password.is_empty() {
        return Err(inv.out.fail("Missing password for netrc auth entry"));
    }
    Ok((host, username, password))
}

/// `git:auth <host> [<username> [<password>]]`: `netrc set`, or `netrc unset` without a user.
fn auth(inv: &mut Invocation<'_>, args: &[String]) -> Outcome {
    let (host, username, password) = auth_arguments(inv, args)?;
    if username.is_empty() {
        inv.out.info1(&format!("Removing netrc auth entry for host {host}"));
        crate::netrc::unset(&mut inv.state.netrc, &host);
        return Ok(());
    }
    inv.out.info1(&format!("Setting netrc auth entry for host {host}"));
    crate::netrc::set(&mut inv.state.netrc, &host, &username, &password);
    Ok(())
}

/// `git:auth-status <host> [<username> [<password>]]` (0.38.0+): silent, exit 0 when the netrc
/// holds exactly that (no entry, without a user), else 1.
fn auth_status(inv: &mut Invocation<'_>, args: &[String]) -> Outcome {
    let (host, username, password) = auth_arguments(inv, args)?;
    // `netrc get` prints `<login>:<password>`; Dokku compares that text.
    let current = crate::netrc::get(&mut inv.state.netrc, &host).unwrap_or_default();
    let matches =
        if username.is_empty() { current.is_empty() } else { current == format!("{username}:{password}") };
    if matches { Ok(()) } else { Err(Failure(1)) }
}

/// `git:report` values.
fn report_values(inv: &Invocation<'_>, subject: Subject<'_>) -> ReportValues {
    let mut values = ReportValues::default();
    add_triplets(
        inv,
        subject,
        "git",
        "git",
        &[
            global_only("archive-max-files", "10000"),
            global_only("archive-max-size", "1073741824"),
            triplet("deploy-branch", "master"),
            triplet("keep-git-dir", "false"),
        ],
        &mut values,
    );
    if let Subject::App(app) = subject {
        // `reportRevEnvVar`: `PropertyGetDefault`, so a property written empty stays empty.
        let rev_env_var = inv
            .state
            .apps
            .get(app)
            .map(|a| a.property_or("git", "rev-env-var", "GIT_REV"))
            .unwrap_or_default();
        values.set("--git-rev-env-var", rev_env_var);
        values.set("--git-last-updated-at", "");
        values.set("--git-sha", "HEAD");
        values.set("--git-source-image", app_property(inv, app, "git", "source-image"));
    }
    values
}

/// The files of each app's bare repository that the simulator writes, as `(real path, contents,
/// mode)`: the git plugin's `post-create` (`fn-git-create-hook`, plugins/git/internal-functions
/// at v0.38.27) runs `git init -q --bare $DOKKU_ROOT/<app>` (its `HEAD` names the unborn
/// `master`; no push ever happens here) and writes the `pre-receive` hook, executable, naming
/// the `DOKKU_ROOT` Dokku runs with.
pub(crate) fn repository_files(state: &crate::state::State) -> Vec<crate::server_files::ImpliedFile> {
    use crate::server_files::DOKKU_ROOT;
    let mut files = Vec::new();
    for app in state.apps.keys().filter(|app| !app.contains('/')) {
        let repository = format!("{DOKKU_ROOT}/{app}");
        files.push((format!("{repository}/HEAD"), "ref: refs/heads/master\n".to_owned(), None));
        let hook = format!(
            "#!/usr/bin/env bash\nset -e\nset -o pipefail\n\ncat | DOKKU_ROOT=\"{DOKKU_ROOT}\" dokku git-hook \"{app}\"\n"
        );
        files.push((format!("{repository}/hooks/pre-receive"), hook, Some(0o755)));
    }
    files
}
