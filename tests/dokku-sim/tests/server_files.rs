//! The server files commands leave under `$DOKKU_SIM_ROOT/fs/` (the dokku user's known hosts,
//! netrc and authorized keys, plugin checkouts), with Dokku's messages and exit statuses, per
//! imitated version.

mod support;

use std::os::unix::fs::PermissionsExt;

use support::{Server, said};

const KNOWN_HOSTS: &str = "/home/dokku/.ssh/known_hosts";
const NETRC: &str = "/home/dokku/.netrc";
const AUTHORIZED_KEYS: &str = "/home/dokku/.ssh/authorized_keys";
const PLUGINS: &str = "/var/lib/dokku/plugins/available";
const KEY_FILE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/test_data/keys/harness_test_ed25519.pub");
const KEY_FILE_2: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/test_data/keys/harness_test2_ed25519.pub");

#[test]
fn allow_host_appends_one_rsa_line_per_call() {
    let server = Server::new();
    let (stdout, stderr, code) = said(&server.dokku(&[], &["git:allow-host", "github.com"], None));
    assert_eq!((stdout.as_str(), code), ("-----> github.com added to known hosts\n", Some(0)));
    assert!(stderr.starts_with("# github.com:22 SSH-2.0-"), "ssh-keyscan's comment: {stderr:?}");
    server.ok(&["git:allow-host", "gitlab.com"]);
    server.ok(&["git:allow-host", "github.com"]);
    let text = server.file(KNOWN_HOSTS).unwrap_or_default();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 3, "{text}");
    assert!(lines[0].starts_with("github.com ssh-rsa AAAAB3NzaC1yc2E"), "{text}");
    assert!(lines[1].starts_with("gitlab.com ssh-rsa AAAAB3NzaC1yc2E"), "{text}");
    assert_eq!(lines[0], lines[2], "the same host has the same key; Dokku appends duplicates");
    assert!(text.ends_with('\n'));

    let missing = said(&server.dokku(&[], &["git:allow-host"], None));
    assert_eq!(missing, (String::new(), " !     Please supply a git host\n".to_owned(), Some(1)));
}

#[test]
fn git_auth_sets_replaces_and_removes_netrc_entries() {
    let server = Server::new();
    assert_eq!(server.file(NETRC), None, "no netrc before git:auth");
    let set = said(&server.dokku(&[], &["git:auth", "github.com", "u1", "p1"], None));
    assert_eq!(
        set,
        ("-----> Setting netrc auth entry for host github.com\n".to_owned(), String::new(), Some(0))
    );
    server.ok(&["git:auth", "gitlab.com", "u2", "p2"]);
    server.ok(&["git:auth", "github.com", "u3", "p3"]);
    assert_eq!(
        server.file(NETRC).as_deref(),
        Some(
            "machine github.com\n  login u3\n  password p3\nmachine gitlab.com\n  login u2\n  password p2\n"
        )
    );
    let mode = std::fs::metadata(server.path(NETRC)).map(|m| m.permissions().mode() & 0o777).ok();
    assert_eq!(mode, Some(0o600));
    let removed = said(&server.dokku(&[], &["git:auth", "github.com"], None));
    assert_eq!(removed.0, "-----> Removing netrc auth entry for host github.com\n");
    assert_eq!(removed.2, Some(0));
    assert_eq!(server.file(NETRC).as_deref(), Some("machine gitlab.com\n  login u2\n  password p2\n"));

    let no_host = said(&server.dokku(&[], &["git:auth"], None));
    assert_eq!(no_host, (String::new(), " !     Please supply a git host\n".to_owned(), Some(1)));
}

#[test]
fn removing_an_unknown_entry_still_creates_the_netrc() {
    let server = Server::new();
    server.ok(&["git:auth", "github.com"]);
    assert_eq!(server.file(NETRC).as_deref(), Some(""));
}

#[test]
fn the_password_comes_from_a_pipe_since_0_38_0() {
    let server = Server::new();
    let piped = said(&server.dokku(&[], &["git:auth", "github.com", "deployer"], Some("s3cret\nnot read\n")));
    assert_eq!(piped.2, Some(0), "{piped:?}");
    assert_eq!(
        server.file(NETRC).as_deref(),
        Some("machine github.com\n  login deployer\n  password s3cret\n")
    );

    let missing = " !     Missing password for netrc auth entry\n".to_owned();
    let not_piped = said(&server.dokku(&[], &["git:auth", "gitlab.com", "deployer"], None));
    assert_eq!(not_piped, (String::new(), missing.clone(), Some(1)));
    let old = [("DOKKU_SIM_VERSION", "0.37.0")];
    let before = said(&server.dokku(&old, &["git:auth", "gitlab.com", "deployer"], Some("s3cret\n")));
    assert_eq!(before, (String::new(), missing, Some(1)), "0.37 reads no password from stdin");
    assert!(!server.file(NETRC).unwrap_or_default().contains("gitlab.com"));
}

#[test]
fn auth_status_compares_the_entry_since_0_38_0() {
    let server = Server::new();
    let status = |args: &[&str]| server.dokku(&[], args, None).status.code();
    assert_eq!(status(&["git:auth-status", "github.com"]), Some(0), "no entry, none wanted");
    assert_eq!(server.file(NETRC).as_deref(), Some(""), "netrc get creates the file");
    server.ok(&["git:auth", "github.com", "deployer", "s3cret"]);
    assert_eq!(status(&["git:auth-status", "github.com", "deployer", "s3cret"]), Some(0));
    assert_eq!(status(&["git:auth-status", "github.com", "deployer", "other"]), Some(1));
    assert_eq!(status(&["git:auth-status", "github.com"]), Some(1));
    let piped = server.dokku(&[], &["git:auth-status", "github.com", "deployer"], Some("s3cret\n"));
    assert_eq!(piped.status.code(), Some(0));
    assert!(piped.stdout.is_empty() && piped.stderr.is_empty());

    let old =
        said(&server.dokku(&[("DOKKU_SIM_VERSION", "0.37.0")], &["git:auth-status", "github.com"], None));
    assert_eq!(old.2, Some(1));
    assert!(old.1.contains("`git:auth-status github.com` is not a dokku command."), "{old:?}");
}

#[test]
fn authorized_keys_follow_ssh_keys_add_and_remove() {
    let server = Server::new();
    server.ok(&["version"]);
    assert_eq!(server.file(AUTHORIZED_KEYS).as_deref(), Some(""), "sshcommand create made it at install");
    let fingerprint = server.ok(&["ssh-keys:add", "first", KEY_FILE]).trim().to_owned();
    let fingerprint_2 = server.ok(&["ssh-keys:add", "second", KEY_FILE_2]).trim().to_owned();
    let key = std::fs::read_to_string(KEY_FILE).unwrap_or_default().trim().to_owned();
    let key_2 = std::fs::read_to_string(KEY_FILE_2).unwrap_or_default().trim().to_owned();
    let line = |fp: &str, name: &str, key: &str| {
        format!(
            "command=\"FINGERPRINT={fp} NAME=\\\"{name}\\\" `cat /home/dokku/.sshcommand` $SSH_ORIGINAL_COMMAND\",\
             no-agent-forwarding,no-user-rc,no-X11-forwarding,no-port-forwarding {key}\n"
        )
    };
    let both = format!("{}{}", line(&fingerprint, "first", &key), line(&fingerprint_2, "second", &key_2));
    assert_eq!(server.file(AUTHORIZED_KEYS), Some(both));
    server.ok(&["ssh-keys:remove", "first"]);
    assert_eq!(server.file(AUTHORIZED_KEYS), Some(line(&fingerprint_2, "second", &key_2)));
    server.ok(&["ssh-keys:remove", "--fingerprint", &fingerprint_2]);
    assert_eq!(server.file(AUTHORIZED_KEYS).as_deref(), Some(""));
}

#[test]
fn key_bodies_are_listed_from_0_35_16_unless_the_knob_says_otherwise() {
    let server = Server::new();
    server.ok(&["ssh-keys:add", "first", KEY_FILE]);
    let list = |env: &[(&str, &str)], args: &[&str]| -> Vec<serde_json::Value> {
        let output = server.dokku(env, args, None);
        serde_json::from_slice(&output.stdout).unwrap_or_else(|e| panic!("{args:?} with {env:?}: {e}"))
    };
    let json = ["ssh-keys:list", "--format", "json"];
    let named = ["ssh-keys:list", "--format", "json", "first"];
    assert!(list(&[], &json)[0]["public-key"].is_string());
    assert!(list(&[("DOKKU_SIM_VERSION", "0.35.16")], &named)[0]["public-key"].is_string());
    for env in [[("DOKKU_SIM_VERSION", "0.35.15")], [("DOKKU_SIM_LIST_WITHOUT_KEY_BODIES", "1")]] {
        for args in [&json[..], &named[..]] {
            let keys = list(&env, args);
            assert_eq!(keys.len(), 1);
            assert!(keys[0].get("public-key").is_none() && keys[0]["name"] == "first", "{env:?} {args:?}");
        }
    }
    let spaced = server.dokku(&[("DOKKU_SIM_VERSION", "0.34.2")], &json, None);
    let text = String::from_utf8_lossy(&spaced.stdout);
    assert!(text.starts_with("[{ \"fingerprint\": \"SHA256:") && text.ends_with("\" }]\n"), "{text}");
    std::fs::write(server.root().join("settings.env"), "DOKKU_SIM_LIST_WITHOUT_KEY_BODIES=1\n")
        .unwrap_or_default();
    assert!(list(&[], &json)[0].get("public-key").is_none(), "the knob also works from settings.env");
}

#[test]
fn plugin_checkouts_follow_install_update_and_uninstall() {
    let server = Server::new();
    let url = "https://github.com/dokku/dokku-redirect.git";
    let commit = "0123456789abcdef0123456789abcdef01234567";
    let installed = server.ok(&["plugin:install", url, "--committish", commit, "--name", "redirect"]);
    let cloning = format!("-----> Cloning plugin repo {url} to /var/lib/dokku/plugins/available/redirect\n");
    assert!(installed.starts_with(&cloning), "output keeps the real path: {installed}");
    assert!(
        installed.contains(&format!("Plugin (redirect) updated and pinned to {commit}\n")),
        "{installed}"
    );
    let git = |name: &str, file: &str| server.file(&format!("{PLUGINS}/{name}/{file}"));
    assert_eq!(git("redirect", ".git/HEAD"), Some(format!("{commit}\n")));
    assert_eq!(git("redirect", ".plugin_committish"), Some(format!("{commit}\n")));
    let config = git("redirect", ".git/config").unwrap_or_default();
    assert!(config.starts_with("[core]\n"), "{config}");
    assert!(
        config.contains(&format!(
            "[remote \"origin\"]\n\turl = {url}\n\tfetch = +refs/heads/*:refs/remotes/origin/*\n"
        )),
        "{config}"
    );
    assert!(git("redirect", "plugin.toml").is_some_and(|t| t.contains("version = \"0.9.1\"")));
    assert!(server.path(&format!("{PLUGINS}/redirect/.git/objects")).is_dir());

    server.ok(&["plugin:install", "https://github.com/dokku/dokku-maintenance.git"]);
    assert_eq!(git("maintenance", ".git/HEAD").as_deref(), Some("ref: refs/heads/master\n"));
    assert_eq!(git("maintenance", ".plugin_committish"), None);
    let listed = server.ok(&["plugin:list", "--format", "json"]);
    let plugins: Vec<serde_json::Value> = serde_json::from_str(&listed).unwrap_or_default();
    let maintenance = plugins.iter().find(|p| p["name"] == "maintenance").cloned().unwrap_or_default();
    let tip = git("maintenance", ".git/refs/heads/master").unwrap_or_default();
    assert_eq!(maintenance["committish"].as_str(), Some(tip.trim()), "list and checkout agree");
    assert_eq!(maintenance["branch"], "master");

    let updated = server.ok(&["plugin:update", "maintenance", "develop"]);
    assert!(updated.starts_with("Plugin (maintenance) updated and pinned to develop\n"), "{updated}");
    assert_eq!(git("maintenance", ".git/HEAD").as_deref(), Some("ref: refs/heads/develop\n"));
    assert!(git("maintenance", ".git/config").is_some_and(|c| c.contains("[branch \"develop\"]")));
    assert!(server.ok(&["plugin:update", "redirect"]).starts_with(&format!("Plugin pinned to {commit}\n")));

    let uninstalled = server.ok(&["plugin:uninstall", "redirect"]);
    assert_eq!(uninstalled, "-----> Plugin redirect uninstalled\n-----> Priming bash-completion cache\n");
    assert!(!server.path(&format!("{PLUGINS}/redirect")).exists());
    assert!(server.path(&format!("{PLUGINS}/maintenance/.git/HEAD")).exists());
}

#[test]
fn a_tarball_plugin_has_no_git_checkout() {
    let server = Server::new();
    let url = "https://example.com/dokku-thing.tar.gz";
    let installed = server.ok(&["plugin:install", url, "--name", "thing", "--committish", "v1"]);
    assert!(
        installed.contains("\nPlugin (thing) not managed by git\n"),
        "plugn update finds no .git: {installed}"
    );
    assert!(server.path(&format!("{PLUGINS}/thing/plugin.toml")).exists());
    assert!(!server.path(&format!("{PLUGINS}/thing/.git")).exists());
    assert!(!server.path(&format!("{PLUGINS}/thing/.plugin_committish")).exists());
    assert_eq!(
        server.ok(&["plugin:update", "thing"]),
        "Plugin (thing) not managed by git\n-----> Priming bash-completion cache\n"
    );
}
