//! Write-only credentials over the sshd harness: registry logins (read back as root from the
//! docker config files `registry:login` leaves, unread through the `dokku` user) and an app's
//! TLS certificate (`certs:add` with a tar on stdin, read back with `certs:show`). Passwords and
//! the private key live in the secrets file only, never in the document or anything printed,
//! and a plan shows a certificate change as a change of fingerprint.

#![allow(clippy::disallowed_methods, clippy::disallowed_types)]

use std::os::unix::fs::PermissionsExt;

use dokku_e2e::scenario::{assert_valid_export, comparable, first_difference, run};
use dokku_e2e::{Harness, SimSlot, client_options, said};

const HUB_PASSWORD: &str = "hub-s3cret-pass";
const APP_PASSWORD: &str = "app-s3cret-token";
const CERTS_DATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../crates/dokku-certs/test_data/generated");

fn read(path: &std::path::Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn certificate(name: &str) -> (String, String) {
    let dir = std::path::Path::new(CERTS_DATA);
    (read(&dir.join(format!("{name}.crt"))), read(&dir.join(format!("{name}.key"))))
}

/// Exports `slot` as `user` into `dir` (`<name>.json` and `<name>.secrets.json`); the document's
/// path, the document, what dokkuctl printed and the secrets.
fn export(
    slot: &SimSlot,
    user: &str,
    dir: &std::path::Path,
    name: &str,
) -> (String, serde_json::Value, String, serde_json::Value) {
    let path = dir.join(format!("{name}.json"));
    let out = slot.dokkuctl(user, &["export", &path.display().to_string()]);
    assert!(out.status.success(), "export as {user}: {}", said(&out));
    let text = read(&path);
    assert_valid_export(&text);
    let secrets_path = dir.join(format!("{name}.secrets.json"));
    let mode = std::fs::metadata(&secrets_path).map(|m| m.permissions().mode() & 0o777).unwrap_or_default();
    assert_eq!(mode, 0o600, "the secrets file is private");
    let secrets: serde_json::Value =
        serde_json::from_str(&read(&secrets_path)).unwrap_or_else(|e| panic!("{e}"));
    let doc = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}"));
    (path.display().to_string(), doc, said(&out), secrets["secrets"].clone())
}

fn assert_no_secret(what: &str, text: &str, key: &str) {
    for secret in [HUB_PASSWORD, APP_PASSWORD] {
        assert!(!text.contains(secret), "{what} shows a registry password: {text}");
    }
    let key_body = key.lines().nth(1).unwrap_or(key);
    assert!(!text.contains(key_body), "{what} shows the private key: {text}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn registry_logins_and_certificates_survive_a_migration_without_showing_secrets() {
    let h = Harness::from_env();
    let (source, target) = (h.sim_slot(), h.sim_slot());
    let (crt, key) = certificate("app");
    let admin = source.ssh(&h.admin_user, client_options()).await;
    for app in ["app1", "app2"] {
        run(&admin, dokku_apps::builders::create(app)).await;
    }
    run(&admin, dokku_registry::login::builders::login(None, "hub.docker.com", "hubber", HUB_PASSWORD)).await;
    run(
        &admin,
        dokku_registry::login::builders::login(Some("app1"), "registry.example.com", "bot", APP_PASSWORD),
    )
    .await;
    run(&admin, dokku_certs::builders::add("app2", &crt, &key)).await;
    admin.close().await.unwrap_or_else(|e| panic!("{e}"));

    // As root (the admin user's sudo): the logins from the docker configs, the certificate
    // and key from certs:show; the secrets in the secrets file only.
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let (doc_path, doc, printed, secrets) = export(&source, &h.admin_user, dir.path(), "source");
    assert_no_secret("export output", &printed, &key);
    assert_no_secret("the document", &doc.to_string(), &key);
    let logins = &doc["registry_logins"];
    assert_eq!(
        *logins,
        serde_json::json!([
            {"server": "docker.io", "username": "hubber", "password": {"secret": "registry_logins/--global/docker.io"}},
            {"app_name": "app1", "server": "registry.example.com", "username": "bot",
             "password": {"secret": "registry_logins/app1/registry.example.com"}}
        ]),
        "{doc:#}"
    );
    assert_eq!(secrets["registry_logins/--global/docker.io"], HUB_PASSWORD);
    assert_eq!(secrets["registry_logins/app1/registry.example.com"], APP_PASSWORD);
    let cert = doc["certs"].as_array().and_then(|c| c.first()).cloned().unwrap_or_default();
    assert_eq!(cert["app_name"], "app2", "{doc:#}");
    assert_eq!(cert["certificate"].as_str().map(str::trim), Some(crt.trim()));
    assert_eq!(cert["key"], serde_json::json!({"secret": "certs/app2/key"}));
    assert_eq!(secrets["certs/app2/key"].as_str().map(str::trim), Some(key.trim()));

    // Through the dokku user: the certificate (certs:show needs no root), no logins, and a
    // warning that says why.
    let (_, limited, warned, _) = export(&source, &h.dokku_user, dir.path(), "limited");
    assert!(
        limited.get("registry_logins").is_none_or(|l| l.as_array().is_some_and(Vec::is_empty)),
        "{limited:#}"
    );
    assert!(warned.contains("registry_logins") && warned.contains("needs root"), "{warned}");
    assert_eq!(limited["certs"], doc["certs"]);

    // Apply to an empty server, then the same export, and nothing left to do.
    let applied = target.dokkuctl(&h.admin_user, &["apply", &doc_path]);
    assert!(applied.status.success(), "apply: {}", said(&applied));
    assert_no_secret("apply output", &said(&applied), &key);
    let (_, copied, _, copied_secrets) = export(&target, &h.admin_user, dir.path(), "copy");
    let (a, b) = (comparable(&doc.to_string()), comparable(&copied.to_string()));
    assert!(a == b, "the copy differs: {}", first_difference(&a, &b));
    assert_eq!(copied_secrets, secrets, "the same secrets");
    let plan = target.dokkuctl(&h.admin_user, &["plan", "--detailed-exitcode", &doc_path]);
    assert_eq!(plan.status.code(), Some(0), "nothing left to do: {}", said(&plan));

    // A new certificate and a new password: the plan names the fingerprints and the login,
    // never the key or the password.
    let (other_crt, other_key) = certificate("other");
    let mut changed = doc.clone();
    changed["certs"][0]["certificate"] = other_crt.into();
    let mut changed_secrets = secrets.clone();
    changed_secrets["certs/app2/key"] = other_key.clone().into();
    changed_secrets["registry_logins/app1/registry.example.com"] = "rotated-s3cret".into();
    let changed_path = dir.path().join("changed.json");
    std::fs::write(&changed_path, changed.to_string()).unwrap_or_else(|e| panic!("{e}"));
    let secrets_path = dir.path().join("changed.secrets.json");
    let file = serde_json::json!({"format_version": 1, "secrets": changed_secrets});
    std::fs::write(&secrets_path, file.to_string()).unwrap_or_else(|e| panic!("{e}"));
    std::fs::set_permissions(&secrets_path, std::fs::Permissions::from_mode(0o600))
        .unwrap_or_else(|e| panic!("{e}"));
    let changed_arg = changed_path.display().to_string();
    let plan = target.dokkuctl(&h.admin_user, &["plan", &changed_arg]);
    let shown = said(&plan);
    assert!(plan.status.success(), "plan: {shown}");
    assert_no_secret("the plan", &shown, &other_key);
    assert!(!shown.contains("rotated-s3cret"), "{shown}");
    assert!(shown.contains("sha256:") || shown.contains("SHA256"), "fingerprints: {shown}");
    assert!(shown.contains("registry.example.com as bot (new password)"), "{shown}");
    let applied = target.dokkuctl(&h.admin_user, &["apply", &changed_arg]);
    assert!(applied.status.success(), "apply: {}", said(&applied));
    let plan = target.dokkuctl(&h.admin_user, &["plan", "--detailed-exitcode", &changed_arg]);
    assert_eq!(plan.status.code(), Some(0), "the change converged: {}", said(&plan));
}
