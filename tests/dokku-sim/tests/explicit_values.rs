//! Values set explicitly (even to a default like `false`, or to nothing) are stored and
//! reported differently from values never set, as Dokku 0.38.27 does: a round trip must keep
//! them apart.

mod support;

use support::Server;

/// `reportKeepGitDir` is the raw property, `reportComputedKeepGitDir` falls back to `false`
/// (plugins/git/report.go).
#[test]
fn keep_git_dir_false_is_stored() {
    let server = Server::new();
    server.ok(&["apps:create", "a1"]);
    server.ok(&["apps:create", "a2"]);
    assert_eq!(
        server.ok(&["git:set", "a1", "keep-git-dir", "false"]),
        "=====> Setting keep-git-dir to false\n"
    );
    assert_eq!(server.ok(&["git:report", "a1", "--git-keep-git-dir"]), "false\n");
    assert_eq!(server.ok(&["git:report", "a2", "--git-keep-git-dir"]), "\n");
    assert!(server.ok(&["git:report", "a1", "--format", "json"]).contains("\"keep-git-dir\":\"false\""));
    assert!(server.ok(&["git:report", "a2", "--format", "json"]).contains("\"keep-git-dir\":\"\""));
    for app in ["a1", "a2"] {
        assert_eq!(server.ok(&["git:report", app, "--git-computed-keep-git-dir"]), "false\n");
    }
}

/// `cmd-git-set` writes `rev-env-var` empty instead of deleting it, and `reportRevEnvVar` uses
/// `PropertyGetDefault`, which only falls back to `GIT_REV` when the property does not exist.
#[test]
fn an_unset_rev_env_var_is_stored_empty() {
    let server = Server::new();
    server.ok(&["apps:create", "a1"]);
    assert!(server.ok(&["git:report", "a1", "--format", "json"]).contains("\"rev-env-var\":\"GIT_REV\""));
    assert_eq!(server.ok(&["git:set", "a1", "rev-env-var"]), "=====> Unsetting rev-env-var\n");
    assert!(server.ok(&["git:report", "a1", "--format", "json"]).contains("\"rev-env-var\":\"\""));
    server.ok(&["git:set", "a1", "rev-env-var", "MY_REV"]);
    assert!(server.ok(&["git:report", "a1", "--format", "json"]).contains("\"rev-env-var\":\"MY_REV\""));
}

/// `reportBindAllInterfaces` / `reportGlobalBindAllInterfaces` are raw properties, the computed
/// value falls back to `false` (plugins/network/report.go); both app and global.
#[test]
fn bind_all_interfaces_false_is_stored_per_app_and_globally() {
    let server = Server::new();
    server.ok(&["apps:create", "a1"]);
    server.ok(&["apps:create", "a2"]);
    server.ok(&["network:set", "a1", "bind-all-interfaces", "false"]);
    let a1 = server.ok(&["network:report", "a1", "--format", "json"]);
    let a2 = server.ok(&["network:report", "a2", "--format", "json"]);
    assert!(a1.contains("\"bind-all-interfaces\":\"false\"") && a2.contains("\"bind-all-interfaces\":\"\""));
    assert!(a2.contains("\"computed-bind-all-interfaces\":\"false\""));
    assert!(
        server
            .ok(&["network:report", "--global", "--format", "json"])
            .contains("\"global-bind-all-interfaces\":\"\"")
    );
    server.ok(&["network:set", "--global", "bind-all-interfaces", "false"]);
    let global = server.ok(&["network:report", "--global"]);
    assert!(global.contains("       Network global bind all interfaces:   false\n"), "{global}");
    assert_eq!(server.ok(&["network:report", "a2", "--network-global-bind-all-interfaces"]), "false\n");
    assert_eq!(server.ok(&["network:report", "a2", "--network-bind-all-interfaces"]), "\n");
}
