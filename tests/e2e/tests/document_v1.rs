//! Export document v1 as a user meets it: secrets in a private file beside the document,
//! references resolved on apply, refusals that name the place and send nothing, and the
//! compatibility check (`dokkuctl check`, and before every apply). On the simulator over sshd.

#![allow(clippy::disallowed_methods, clippy::disallowed_types)]
// Reason: these tests run the dokkuctl binary.

use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use dokku_e2e::scenario::{HOSTILE_VALUES, assert_valid_export, populate};
use dokku_e2e::{Harness, SimSlot, client_options, said};

fn read_json(path: &Path) -> serde_json::Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Every `{"secret": "<id>"}` of a document, in order.
fn references(value: &serde_json::Value, found: &mut Vec<String>) {
    match value {
        serde_json::Value::Object(map)
            if map.len() == 1 && map.get("secret").is_some_and(|s| s.is_string()) =>
        {
            found.push(map["secret"].as_str().unwrap_or_default().to_owned());
        }
        serde_json::Value::Object(map) => map.values().for_each(|v| references(v, found)),
        serde_json::Value::Array(list) => list.iter().for_each(|v| references(v, found)),
        _ => {}
    }
}

/// A server with something in every plugin (3 apps), populated as the admin.
async fn populated(h: &Harness) -> SimSlot {
    let slot = h.sim_slot();
    let admin = slot.ssh(&h.admin_user, client_options()).await;
    populate(&admin, 3).await;
    admin.close().await.unwrap_or_else(|e| panic!("{e}"));
    slot
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn secrets_live_beside_the_document_and_apply_finds_them() {
    let h = Harness::from_env();
    let source = populated(&h).await;
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let doc_path = dir.path().join("server.json");
    let doc_arg = doc_path.display().to_string();
    let out = source.dokkuctl(&h.admin_user, &["export", &doc_arg]);
    assert!(out.status.success(), "export: {}", said(&out));

    // The document: valid, with references only; the secrets file: private, with every value.
    let text = std::fs::read_to_string(&doc_path).unwrap_or_else(|e| panic!("{e}"));
    assert_valid_export(&text);
    let secrets_path = dir.path().join("server.secrets.json");
    let mode = std::fs::metadata(&secrets_path).map(|m| m.permissions().mode() & 0o777).unwrap_or_default();
    assert_eq!(mode, 0o600, "the secrets file is readable by its owner only");
    let secrets = read_json(&secrets_path)["secrets"].clone();
    for (key, value) in HOSTILE_VALUES.iter().filter(|(_, v)| v.len() > 3) {
        assert!(!text.contains(value) && !said(&out).contains(value), "{key}'s value is in the document");
    }
    assert!(!text.contains("value-1") && !text.contains("netrc-password"), "{text}");
    // Secrets inside larger values: buildpack credentials, `-e`/`--build-arg` values.
    assert!(!text.contains("e2e-secret") && !said(&out).contains("e2e-secret"), "{text}");
    let mut ids = Vec::new();
    references(&read_json(&doc_path), &mut ids);
    assert!(ids.iter().any(|id| id == "config/app-001/APP_INDEX"), "readable ids: {ids:?}");
    assert!(ids.iter().any(|id| id == "git/auth/git.example.com"), "{ids:?}");
    for id in &ids {
        assert!(secrets.get(id).is_some(), "{id} is not in the secrets file");
    }
    assert_eq!(secrets.as_object().map(serde_json::Map::len), Some(ids.len()), "one entry per reference");

    // Apply on another server reads the secrets beside the document; nothing shows them.
    let target = h.sim_slot();
    let applied = target.dokkuctl(&h.admin_user, &["apply", &doc_arg]);
    assert!(applied.status.success(), "apply: {}", said(&applied));
    assert!(!said(&applied).contains("value-1"), "{}", said(&applied));
    let check = target.dokkuctl(&h.admin_user, &["check", &doc_arg]);
    assert_eq!(check.status.code(), Some(0), "{}", said(&check));
    let plan = target.dokkuctl(&h.admin_user, &["plan", "--detailed-exitcode", &doc_arg]);
    assert_eq!(plan.status.code(), Some(0), "the copy matches, secrets included: {}", said(&plan));

    // A secret changed by hand shows as changed, never as a value.
    let mut changed = read_json(&secrets_path);
    changed["secrets"]["config/app-001/APP_INDEX"] = "hand-edited-value".into();
    std::fs::write(&secrets_path, changed.to_string()).unwrap_or_else(|e| panic!("{e}"));
    let plan = target.dokkuctl(&h.admin_user, &["plan", "--detailed-exitcode", &doc_arg]);
    assert_eq!(plan.status.code(), Some(2), "{}", said(&plan));
    assert!(said(&plan).contains("APP_INDEX: (secret, changed)"), "{}", said(&plan));
    assert!(!said(&plan).contains("hand-edited-value"), "{}", said(&plan));

    // --secrets-file names the file when it is elsewhere.
    let moved = dir.path().join("elsewhere.json");
    std::fs::rename(&secrets_path, &moved).unwrap_or_else(|e| panic!("{e}"));
    let moved_arg = moved.display().to_string();
    let plan = target.dokkuctl(&h.admin_user, &["plan", "--secrets-file", &moved_arg, &doc_arg]);
    assert!(plan.status.success(), "{}", said(&plan));

    // Without the file, apply says which file and sends nothing.
    target.clear_commands();
    let refused = target.dokkuctl(&h.admin_user, &["apply", &doc_arg]);
    assert!(!refused.status.success());
    assert!(said(&refused).contains("server.secrets.json"), "{}", said(&refused));
    assert!(target.commands().is_empty(), "nothing was sent: {:?}", target.commands());
    std::fs::rename(&moved, &secrets_path).unwrap_or_else(|e| panic!("{e}"));

    // A secrets file others can read is refused.
    std::fs::set_permissions(&secrets_path, std::fs::Permissions::from_mode(0o644))
        .unwrap_or_else(|e| panic!("{e}"));
    let refused = target.dokkuctl(&h.admin_user, &["apply", &doc_arg]);
    assert!(!refused.status.success() && said(&refused).contains("chmod 600"), "{}", said(&refused));
    std::fs::set_permissions(&secrets_path, std::fs::Permissions::from_mode(0o600))
        .unwrap_or_else(|e| panic!("{e}"));

    // A reference the secrets file lacks is named by its JSON path.
    let mut doc = read_json(&doc_path);
    let config = doc["config"].as_array_mut().unwrap_or_else(|| panic!("config"));
    let index = config.iter().position(|c| c["key"] == "APP_INDEX").unwrap_or_default();
    config[index]["value"] = serde_json::json!({"secret": "config/app-001/NOT_THERE"});
    std::fs::write(&doc_path, doc.to_string()).unwrap_or_else(|e| panic!("{e}"));
    let refused = target.dokkuctl(&h.admin_user, &["apply", &doc_arg]);
    assert!(!refused.status.success());
    assert!(
        said(&refused).contains(&format!("$.config[{index}].value: secret `config/app-001/NOT_THERE`")),
        "{}",
        said(&refused)
    );
    assert!(target.commands().is_empty(), "nothing was sent: {:?}", target.commands());

    // Never over another user's secrets file.
    std::os::unix::fs::chown(&secrets_path, Some(65534), Some(65534)).unwrap_or_else(|e| panic!("{e}"));
    let refused = source.dokkuctl(&h.admin_user, &["export", &doc_arg]);
    assert!(!refused.status.success() && said(&refused).contains("owned by uid 65534"), "{}", said(&refused));

    // Inline keeps today's single file.
    let inline = dir.path().join("inline.json");
    let out =
        source.dokkuctl(&h.admin_user, &["export", "--secrets", "inline", &inline.display().to_string()]);
    assert!(out.status.success(), "{}", said(&out));
    assert!(std::fs::read_to_string(&inline).unwrap_or_default().contains("value-1"));
    assert!(!dir.path().join("inline.secrets.json").exists());

    // Encrypted to an SSH key: unreadable without the private key, which decrypts it.
    let keys = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../crates/dokku-cli/test_data/secrets");
    let (private, public) = (keys.join("ssh_ed25519"), keys.join("ssh_ed25519.pub"));
    let sealed = dir.path().join("sealed.json");
    let sealed_arg = sealed.display().to_string();
    let out = source
        .dokkuctl(&h.admin_user, &["export", "--encrypt-to", &public.display().to_string(), &sealed_arg]);
    assert!(out.status.success(), "{}", said(&out));
    let ciphertext = std::fs::read_to_string(dir.path().join("sealed.secrets.json")).unwrap_or_default();
    assert!(ciphertext.starts_with("-----BEGIN AGE ENCRYPTED FILE-----") && !ciphertext.contains("value-1"));
    source.clear_commands();
    let refused = source.dokkuctl(&h.admin_user, &["plan", &sealed_arg]);
    assert!(!refused.status.success() && said(&refused).contains("--secrets-identity"), "{}", said(&refused));
    assert!(source.commands().is_empty(), "nothing was sent: {:?}", source.commands());
    let wrong = source
        .dokkuctl(&h.admin_user, &["plan", "--secrets-identity", &public.display().to_string(), &sealed_arg]);
    assert!(!wrong.status.success() && said(&wrong).contains("sealed.secrets.json"), "{}", said(&wrong));
    let plan = source.dokkuctl(
        &h.admin_user,
        &["plan", "--detailed-exitcode", "--secrets-identity", &private.display().to_string(), &sealed_arg],
    );
    assert_eq!(plan.status.code(), Some(0), "{}", said(&plan));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn check_names_what_the_server_cannot_take_and_apply_stops_on_it() {
    let h = Harness::from_env();
    let source = populated(&h).await;
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let doc_arg = dir.path().join("server.json").display().to_string();
    let out = source.dokkuctl(&h.admin_user, &["export", &doc_arg]);
    assert!(out.status.success(), "export: {}", said(&out));

    // The dokku user on a fresh server: no third-party plugins, and no root to install them or
    // to add ssh keys.
    let target = h.sim_slot();
    let check = target.dokkuctl(&h.dokku_user, &["-q", "check", &doc_arg]);
    assert_eq!(check.status.code(), Some(2), "{}", said(&check));
    let lines = String::from_utf8_lossy(&check.stdout).into_owned();
    for expected in ["$.plugin[", "lacks plugin letsencrypt", "$.ssh_keys: `dokku ssh-keys:add"] {
        assert!(lines.contains(expected), "{expected:?} missing from:\n{lines}");
    }
    let json = target.dokkuctl(&h.dokku_user, &["-q", "check", "--format", "json", &doc_arg]);
    assert_eq!(json.status.code(), Some(2), "{}", said(&json));
    let report: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap_or_default();
    assert_eq!(report["applicable"], false, "{report}");
    let kinds: Vec<&str> =
        report["findings"].as_array().into_iter().flatten().filter_map(|f| f["kind"].as_str()).collect();
    assert!(kinds.contains(&"missing-plugin") && kinds.contains(&"needs-root"), "{kinds:?}");

    target.clear_commands();
    let refused = target.dokkuctl(&h.dokku_user, &["apply", &doc_arg]);
    assert_eq!(refused.status.code(), Some(1), "{}", said(&refused));
    assert!(
        said(&refused).contains("nothing was sent") && said(&refused).contains("--force"),
        "{}",
        said(&refused)
    );
    assert_eq!(target.writes(), Vec::<String>::new(), "nothing was sent");

    // --force applies what can be applied and says what it skipped.
    let forced = target.dokkuctl(&h.dokku_user, &["apply", "--force", &doc_arg]);
    assert!(forced.status.success(), "{}", said(&forced));
    assert!(said(&forced).contains("applying anyway: --force"), "{}", said(&forced));
    assert!(target.writes().iter().any(|w| w.starts_with("apps:create")), "{:?}", target.writes());

    // A document of a newer format is refused before anything is sent, naming its writer.
    let newer = dir.path().join("newer.json");
    std::fs::write(
        &newer,
        r#"{"format_version": 2, "generator": {"name": "dokkuctl", "version": "9.0.0"}, "dokku": {"version": "0.38.27"}}"#,
    )
    .unwrap_or_else(|e| panic!("{e}"));
    target.clear_commands();
    let refused = target.dokkuctl(&h.admin_user, &["apply", &newer.display().to_string()]);
    assert!(!refused.status.success());
    assert!(
        said(&refused).contains("$.format_version: format version 2 is newer")
            && said(&refused).contains("dokkuctl 9.0.0"),
        "{}",
        said(&refused)
    );
    assert!(target.commands().is_empty(), "nothing was sent: {:?}", target.commands());
}
