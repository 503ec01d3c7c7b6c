//! Commands started in a directory the Dokku user cannot enter, as a login as root or as an
//! admin starts in a private home: Dokku re-executes itself as the Dokku user and keeps the
//! working directory, and the plugin steps that must return to it fail.

mod support;

use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use support::{Server, said};

/// A server with the maintenance and redirect plugins and one app, and a private directory.
fn setup() -> (Server, tempfile::TempDir) {
    let server = Server::new();
    for plugin in ["maintenance", "redirect"] {
        let url = format!("https://github.com/dokku/dokku-{plugin}.git");
        server.ok(&["plugin:install", &url, "--name", plugin]);
    }
    server.ok(&["apps:create", "a1"]);
    let home = tempfile::tempdir().expect("tempdir");
    std::fs::set_permissions(home.path(), std::fs::Permissions::from_mode(0o700)).expect("chmod");
    (server, home)
}

/// Run as root, the command is Dokku's as `nobody`, who owns nothing here.
const AS_ROOT: &[(&str, &str)] = &[("DOKKU_SIM_DOKKU_USER", "nobody")];

/// `cmd-maintenance-enable` → `fn-maintenance-fix-permissions` (dokku-maintenance 0.10.1
/// internal-functions): `find … -exec chmod 755 {} +` cannot return to the starting directory;
/// GNU find 4.9.0 prints that for the child and, on exiting, that it cannot restore the initial
/// directory, and exits 1; `set -e` ends the command before `maintenance.conf` is written.
#[test]
fn maintenance_enable_fails_where_the_dokku_user_cannot_return() {
    let (server, home) = setup();
    let (stdout, stderr, code) = said(&server.dokku_in(home.path(), AS_ROOT, &["maintenance:enable", "a1"]));
    assert_eq!(stdout, "-----> Enabling maintenance mode for a1...\n");
    let home_path = home.path().display();
    assert_eq!(
        stderr,
        format!(
            "find: Failed to change directory: {home_path}: Permission denied\nfind: Failed to restore initial working directory: {home_path}: Permission denied\n"
        )
    );
    assert_eq!(code, Some(1));
    assert_eq!(server.ok(&["maintenance:report", "a1", "--maintenance-enabled"]), "false\n");
    // From `/` it works; disabling has no `find` and works anywhere.
    let (stdout, _, code) = said(&server.dokku_in(Path::new("/"), AS_ROOT, &["maintenance:enable", "a1"]));
    assert_eq!(
        (stdout.as_str(), code),
        ("-----> Enabling maintenance mode for a1...\n       Done\n", Some(0))
    );
    let (_, _, code) = said(&server.dokku_in(home.path(), AS_ROOT, &["maintenance:disable", "a1"]));
    assert_eq!(code, Some(0));
}

/// As the Dokku user itself (not root), its own identity decides; the same user that cannot
/// enter the directory fails the same way.
#[test]
fn the_dokku_users_own_identity_decides_when_not_root() {
    let (server, home) = setup();
    let nobody = [("DOKKU_SIM_EUID", "65534")];
    let (_, stderr, code) = said(&server.dokku_in(home.path(), &nobody, &["maintenance:enable", "a1"]));
    assert!(stderr.starts_with("find: Failed to change directory: "), "{stderr}");
    assert_eq!(code, Some(1));
}

/// find keeps the starting directory as a descriptor when it can read it, else by name: a
/// directory the Dokku user may search but not read is still reachable when all its ancestors
/// are searchable.
#[test]
fn a_searchable_directory_is_enough() {
    let (server, home) = setup();
    std::fs::set_permissions(home.path(), std::fs::Permissions::from_mode(0o711)).expect("chmod");
    let (_, _, code) = said(&server.dokku_in(home.path(), AS_ROOT, &["maintenance:enable", "a1"]));
    assert_eq!(code, Some(0));
}

/// An unknown `redirect:*` subcommand reaches the plugin's `fn-help` (dokku-redirect 0.9.1
/// help-functions), whose silenced `popd` fails under `set -e`: exit 1 with no output instead of
/// "is not a dokku command".
#[test]
fn an_unknown_redirect_subcommand_exits_silently() {
    let (server, home) = setup();
    let (stdout, stderr, code) = said(&server.dokku_in(home.path(), AS_ROOT, &["redirect:nope", "a1"]));
    assert_eq!((stdout.as_str(), stderr.as_str(), code), ("", "", Some(1)));
    let (_, stderr, code) = said(&server.dokku_in(Path::new("/"), AS_ROOT, &["redirect:nope", "a1"]));
    assert!(stderr.starts_with(" !     `redirect:nope a1` is not a dokku command."), "{stderr}");
    assert_eq!(code, Some(1));
}
