//! The converging plan: certificates compared whole, shown by fingerprint, the key never shown.

use std::path::Path;

use dokku_certs::{Certificate, CertsPlugin};
use dokku_core::Secret;
use dokku_core::plugin::{ChangeKind, DiffOptions, Plugin};

fn generated(name: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("test_data/generated").join(name))
        .unwrap_or_default()
}

fn certificate(app: &str, pair: &str) -> Certificate {
    Certificate {
        app_name: app.to_owned(),
        certificate: generated(&format!("{pair}.crt")),
        key: Secret::new(generated(&format!("{pair}.key"))),
        ..Certificate::default()
    }
}

const APP_FINGERPRINT: &str =
    "SHA256:F0:71:59:35:7F:D0:81:D6:EE:D9:BB:23:D6:EB:72:53:E6:C7:3C:46:FC:12:8D:C3:0E:3A:E4:27:51:35:BF:6C";
const OTHER_FINGERPRINT: &str =
    "SHA256:63:97:2A:7A:B8:80:44:CB:BE:61:E4:22:E2:F5:00:8E:4D:CA:FA:84:A5:77:5E:09:84:19:F6:FB:42:29:12:32";

#[test]
fn fingerprints_match_openssl() {
    assert_eq!(dokku_certs::fingerprint(&generated("app.crt")).as_deref(), Some(APP_FINGERPRINT));
    assert_eq!(dokku_certs::fingerprint(&generated("other.crt")).as_deref(), Some(OTHER_FINGERPRINT));
}

#[test]
fn a_matching_server_gets_nothing_and_a_new_certificate_is_added() {
    let records = [certificate("a", "app"), certificate("b", "other")];
    for options in [DiffOptions::default(), DiffOptions::PRUNE] {
        assert!(CertsPlugin::diff(&records, &records, &options).commands.is_empty());
    }
    let plan = CertsPlugin::diff(&records[..1], &records, &DiffOptions::default());
    assert_eq!(plan.commands, CertsPlugin::apply_commands(&records[1..]));
    assert_eq!(plan.changes[0].new.as_deref(), Some(OTHER_FINGERPRINT));
    assert!(plan.restart.is_empty() && plan.rebuild.is_empty());
}

#[test]
fn a_change_shows_fingerprints_and_never_the_key() {
    let current = [certificate("a", "app")];
    let desired = [certificate("a", "other")];
    let plan = CertsPlugin::diff(&current, &desired, &DiffOptions::default());
    assert_eq!(plan.changes[0].kind, ChangeKind::Change);
    assert_eq!(plan.changes[0].old.as_deref(), Some(APP_FINGERPRINT));
    assert_eq!(plan.changes[0].new.as_deref(), Some(OTHER_FINGERPRINT));
    assert_eq!(plan.command_lines(), ["echo *** | base64 --decode | dokku certs:update a"]);
    let key_body = generated("other.key");
    let key_line = key_body.lines().nth(1).unwrap_or("missing");
    let shown = format!("{:?} {:?} {:?} {:?}", plan.changes, plan.commands, desired, plan.command_lines());
    assert!(!shown.contains(key_line), "{shown}");
    // The same certificate with another key is a change too, shown without the key.
    let rekeyed = [Certificate { key: Secret::new(generated("other.key")), ..certificate("a", "app") }];
    let plan = CertsPlugin::diff(&current, &rekeyed, &DiffOptions::default());
    assert_eq!(plan.changes[0].new.as_deref(), Some(format!("{APP_FINGERPRINT} (new key)").as_str()));
}

#[test]
fn removal_needs_prune_and_spares_apps_being_destroyed() {
    let current = [certificate("a", "app"), certificate("b", "other")];
    let desired = [certificate("a", "app")];
    assert!(CertsPlugin::diff(&current, &desired, &DiffOptions::default()).commands.is_empty());
    assert_eq!(
        CertsPlugin::diff(&current, &desired, &DiffOptions::PRUNE).command_lines(),
        ["dokku certs:remove b"]
    );
    assert!(CertsPlugin::diff(&current, &desired, &DiffOptions::PRUNE_APPS).commands.is_empty());
}

#[test]
fn apply_pipes_one_crt_and_one_key() {
    let commands = CertsPlugin::apply_commands(&[certificate("a", "app")]);
    let stdin = commands[0].stdin_exposed().unwrap_or_default();
    assert_eq!(&stdin[..10], b"server.crt");
    let crt = generated("app.crt");
    assert_eq!(&stdin[512..512 + crt.len()], crt.as_bytes());
    let key_at = 512 + crt.len().next_multiple_of(512);
    assert_eq!(&stdin[key_at..key_at + 10], b"server.key");
    assert!(commands[0].has_secret());
}

#[test]
fn validation_names_the_field_without_the_key() {
    let bad = Certificate {
        certificate: "not a pem".into(),
        key: Secret::new("secret-material".into()),
        ..certificate("a", "app")
    };
    let problems = CertsPlugin::validate(&bad);
    let fields: Vec<&str> = problems.iter().map(|(f, _)| f.as_str()).collect();
    assert_eq!(fields, ["certificate", "key"]);
    assert!(problems.iter().all(|(_, m)| !m.contains("secret-material")));
    assert!(CertsPlugin::validate(&certificate("a", "app")).is_empty());
}
