//! The root-only reads with content: known hosts, netrc, authorized keys, plugin checkouts and
//! Docker's network details, as a Dokku older than the commands that print them has them.
//! Read through the admin user (real sudo) from the simulator's server files (`--dokku-root`,
//! `--dokku-lib-root`); refused with one warning each through the `dokku` user.

use std::os::unix::fs::PermissionsExt;

use dokku_core::Secret;
use dokku_e2e::scenario::{assert_valid_export, comparable, first_difference, public_key, run};
use dokku_e2e::{Harness, SimSlot, client_options, said};

/// Older than `network:list --format json` (0.35.3), than key bodies in `ssh-keys:list`
/// (sshcommand 0.19, first pinned by Dokku 0.35.16) and than `plugin:list`'s git source
/// (0.38.22).
const OLD_DOKKU: &str = "0.34.2";
/// The netrc password: it may be in the document, and nowhere else.
const NETRC_PASSWORD: &str = "n3trc-s3cret-Value";
/// The commit a plugin is installed at.
const PLUGIN_COMMIT: &str = "0123456789abcdef0123456789abcdef01234567";
const PLUGIN_URL: &str = "https://github.com/dokku/dokku-redirect.git";

fn set_version(slot: &SimSlot, version: &str) {
    std::fs::write(slot.root.join("settings.env"), format!("DOKKU_SIM_VERSION={version}\n"))
        .unwrap_or_else(|e| panic!("{e}"));
}

/// Exports `slot` as `user` through dokkuctl (secrets in a file beside the document); the
/// document, what dokkuctl printed, and the secrets file's `secrets`.
fn export(slot: &SimSlot, user: &str) -> (serde_json::Value, String, serde_json::Value) {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = dir.path().join("doc.json");
    let out = slot.dokkuctl(user, &["export", &path.display().to_string()]);
    assert!(out.status.success(), "export as {user}: {}", said(&out));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{e}"));
    assert_valid_export(&text);
    let secrets_path = dir.path().join("doc.secrets.json");
    let mode = std::fs::metadata(&secrets_path).map(|m| m.permissions().mode() & 0o777).unwrap_or_default();
    assert_eq!(mode, 0o600, "the secrets file is private");
    let secrets: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&secrets_path).unwrap_or_else(|e| panic!("{e}")))
            .unwrap_or_else(|e| panic!("{e}"));
    (serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}")), said(&out), secrets["secrets"].clone())
}

/// Writes a document and its secrets file (mode 0600) into `dir`; the document's path.
fn write_with_secrets(dir: &std::path::Path, doc: &serde_json::Value, secrets: &serde_json::Value) -> String {
    let doc_path = dir.join("source.json");
    std::fs::write(&doc_path, doc.to_string()).unwrap_or_else(|e| panic!("{e}"));
    let secrets_path = dir.join("source.secrets.json");
    let file = serde_json::json!({"format_version": 1, "secrets": secrets});
    std::fs::write(&secrets_path, file.to_string()).unwrap_or_else(|e| panic!("{e}"));
    std::fs::set_permissions(&secrets_path, std::fs::Permissions::from_mode(0o600))
        .unwrap_or_else(|e| panic!("{e}"));
    doc_path.display().to_string()
}

fn records<'v>(doc: &'v serde_json::Value, key: &str) -> Vec<&'v serde_json::Value> {
    doc[key].as_array().map(|a| a.iter().collect()).unwrap_or_default()
}

fn find<'v>(
    doc: &'v serde_json::Value,
    key: &str,
    field: &str,
    value: &str,
) -> Option<&'v serde_json::Value> {
    records(doc, key).into_iter().find(|r| r[field] == value)
}

/// What a server with something in every root-only file looks like, set up as root; returns
/// the public key added.
async fn populate_root_files(h: &Harness, slot: &SimSlot) -> String {
    let admin = slot.ssh(&h.admin_user, client_options()).await;
    run(&admin, dokku_plugin::builders::install(PLUGIN_URL, Some(PLUGIN_COMMIT), "redirect")).await;
    run(&admin, dokku_git::builders::allow_host("github.com")).await;
    run(&admin, dokku_git::builders::allow_host("git.example.com")).await;
    let password = Secret::new(NETRC_PASSWORD.to_owned());
    run(&admin, dokku_git::builders::auth("git.example.com", "deployer", &password)).await;
    let key = public_key();
    run(&admin, dokku_ssh_keys::builders::add("deploy", &key)).await;
    run(&admin, dokku_network::builders::create("backend-net")).await;
    run(&admin, dokku_apps::builders::create("app1")).await;
    run(&admin, dokku_network::builders::set(Some("app1"), "attach-post-deploy", ["backend-net"])).await;
    admin.close().await.unwrap_or_else(|e| panic!("{e}"));
    key
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn root_reads_export_what_old_dokku_cannot_print_and_apply_recreates_it() {
    let h = Harness::from_env();
    let (source, target) = (h.sim_slot(), h.sim_slot());
    set_version(&source, OLD_DOKKU);
    set_version(&target, OLD_DOKKU);
    let added_key = populate_root_files(&h, &source).await;

    let (doc, printed, secrets) = export(&source, &h.admin_user);
    assert!(!printed.contains(NETRC_PASSWORD), "the netrc password stays in the secrets file: {printed}");
    assert!(!doc.to_string().contains(NETRC_PASSWORD), "the document holds a reference only");
    let github = find(&doc, "git", "name", "github.com").unwrap_or_else(|| panic!("known host: {doc:#}"));
    assert!(github["public_key"].as_str().is_some_and(|k| k.starts_with("ssh-rsa AAAA")), "{github}");
    assert!(find(&doc, "git", "name", "git.example.com").is_some(), "second known host");
    let auth = find(&doc, "git", "hostname", "git.example.com").unwrap_or_else(|| panic!("netrc: {doc:#}"));
    assert_eq!(
        (auth["username"].as_str(), &auth["password"]),
        (Some("deployer"), &serde_json::json!({"secret": "git/auth/git.example.com"}))
    );
    assert_eq!(
        secrets["git/auth/git.example.com"].as_str(),
        Some(NETRC_PASSWORD),
        "{}",
        secrets.as_object().map(|s| s.keys().cloned().collect::<Vec<_>>().join(", ")).unwrap_or_default()
    );
    let key = find(&doc, "ssh_keys", "name", "deploy").unwrap_or_else(|| panic!("ssh key: {doc:#}"));
    assert_eq!(key["public_key"].as_str(), Some(added_key.as_str()), "body from authorized_keys");
    let plugin = find(&doc, "plugin", "name", "redirect").unwrap_or_else(|| panic!("plugin: {doc:#}"));
    assert_eq!(
        (plugin["git_url"].as_str(), plugin["git_reference"].as_str()),
        (Some(PLUGIN_URL), Some(PLUGIN_COMMIT))
    );
    let network = find(&doc, "network", "name", "backend-net").unwrap_or_else(|| panic!("network: {doc:#}"));
    assert_eq!(network["driver"], "bridge", "details from docker network inspect: {network}");
    assert_eq!(network["id"].as_str().map(str::len), Some(12), "{network}");
    assert_eq!(network["labels"]["com.dokku.network-name"], "backend-net", "{network}");

    // The same server through the dokku user: none of it, one warning per kind of file.
    let (limited, warned, _) = export(&source, &h.dokku_user);
    for (what, expected) in [
        ("known hosts", "known_hosts"),
        ("plugin sources", "third-party plugin"),
        ("key bodies", "authorized_keys"),
        ("network details", "docker network inspect"),
    ] {
        assert!(warned.contains(expected), "a warning about {what} ({expected:?}): {warned}");
    }
    assert!(find(&limited, "git", "hostname", "git.example.com").is_none());
    assert!(find(&limited, "git", "name", "github.com").is_none());
    assert!(find(&limited, "plugin", "name", "redirect").is_some_and(|p| p["git_url"].is_null()));
    assert!(find(&limited, "network", "name", "backend-net").is_some_and(|n| n["driver"].is_null()));

    // Apply recreates every file's content on another server of the same version.
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let doc_arg = write_with_secrets(dir.path(), &doc, &secrets);
    let applied = target.dokkuctl(&h.admin_user, &["apply", &doc_arg]);
    assert!(applied.status.success(), "apply: {}", said(&applied));
    assert!(!said(&applied).contains(NETRC_PASSWORD), "apply never prints the password");
    let netrc = std::fs::read_to_string(target.root.join("fs/home/dokku/.netrc")).unwrap_or_default();
    assert!(netrc.contains("git.example.com") && netrc.contains(NETRC_PASSWORD), "netrc written: {netrc:?}");
    let (copy, _, copied_secrets) = export(&target, &h.admin_user);
    assert_eq!(copied_secrets, secrets, "the same secrets under the same ids");
    let (a, b) = (comparable(&doc.to_string()), comparable(&copy.to_string()));
    assert!(a == b, "the copy differs: {}", first_difference(&a, &b));
    let plan = target.dokkuctl(&h.admin_user, &["plan", "--detailed-exitcode", &doc_arg]);
    assert_eq!(plan.status.code(), Some(0), "nothing left to do, root files included: {}", said(&plan));
    assert!(!said(&plan).contains(NETRC_PASSWORD));

    // The same server as a Dokku that prints these itself: the same records.
    set_version(&source, "0.38.27");
    let (new, _, _) = export(&source, &h.admin_user);
    for (key, field, name) in [("network", "name", "backend-net"), ("plugin", "name", "redirect")] {
        let (old, now) = (find(&doc, key, field, name), find(&new, key, field, name));
        let without_time = |r: Option<&serde_json::Value>| {
            let mut r = r.cloned().unwrap_or_default();
            r.as_object_mut().map(|o| o.remove("created_at"));
            r
        };
        assert_eq!(without_time(old), without_time(now), "{key} {name}: root read vs Dokku's own list");
    }
    // Dokku 0.38 can check a credential without root, the password on stdin.
    let client = source.ssh(&h.dokku_user, client_options()).await;
    let git = dokku_git::GitCommands::new(&client);
    let right = Secret::new(NETRC_PASSWORD.to_owned());
    let wrong = Secret::new("not-it".to_owned());
    let status = async |credential| {
        git.auth_status("git.example.com", credential).await.unwrap_or_else(|e| panic!("auth-status: {e}"))
    };
    assert!(status(Some(("deployer", &right))).await, "the stored credential matches");
    assert!(!status(Some(("deployer", &wrong))).await, "another password does not");
    assert!(!status(None).await, "there is an entry for the host");
    client.close().await.unwrap_or_else(|e| panic!("{e}"));
}
