//! What `plugin:install` does to existing apps: it ends with `plugn trigger install`, and the
//! network plugin's install trigger gives every app without a `bind-all-interfaces` property
//! the value `true` (`TriggerInstall`, plugins/network/triggers.go). The real capture
//! `0.38.27/plugin__install__letsencrypt-file-url` shows its output for one such app.

mod support;

use support::Server;

const LETSENCRYPT: &str = "https://github.com/dokku/dokku-letsencrypt.git";

/// The `proxy-is-enabled` trigger's answer is printed, but `true` is written either way (the Go
/// trigger always exits 0); apps that have the property, even `false`, are left alone.
#[test]
fn installing_a_plugin_sets_bind_all_interfaces_on_apps_without_it() {
    let server = Server::new();
    for app in ["a1", "a2", "a3"] {
        server.ok(&["apps:create", app]);
    }
    server.ok(&["network:set", "a2", "bind-all-interfaces", "false"]);
    server.ok(&["proxy:disable", "a3"]);
    let printed = server.ok(&["plugin:install", LETSENCRYPT, "--name", "letsencrypt"]);
    assert!(
        printed.contains(
            "-----> Plugin letsencrypt enabled\ntrue\n       Setting network property 'bind-all-interfaces' to true\nfalse\n       Setting network property 'bind-all-interfaces' to true\nAdding user dokku to group adm\n"
        ),
        "{printed}"
    );
    let value = |app: &str| server.ok(&["network:report", app, "--network-bind-all-interfaces"]);
    assert_eq!((value("a1"), value("a2"), value("a3")), ("true\n".into(), "false\n".into(), "true\n".into()));
    // A second install finds the property everywhere.
    let printed =
        server.ok(&["plugin:install", "https://github.com/dokku/dokku-redirect.git", "--name", "redirect"]);
    assert!(!printed.contains("Setting network property"), "{printed}");
}

/// `--skip-install-trigger` skips the triggers; `plugin:install` without a URL runs only them.
#[test]
fn the_install_trigger_runs_unless_skipped() {
    let server = Server::new();
    server.ok(&["apps:create", "a1"]);
    server.ok(&["plugin:install", LETSENCRYPT, "--name", "letsencrypt", "--skip-install-trigger"]);
    assert_eq!(server.ok(&["network:report", "a1", "--network-bind-all-interfaces"]), "\n");
    assert_eq!(
        server.ok(&["plugin:install"]),
        "true\n       Setting network property 'bind-all-interfaces' to true\nAdding user dokku to group adm\n-----> Priming bash-completion cache\n"
    );
    assert_eq!(server.ok(&["network:report", "a1", "--network-bind-all-interfaces"]), "true\n");
}
