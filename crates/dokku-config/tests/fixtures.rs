//! Every captured `config:export --format json` parses to the expected records, and apply
//! recreates them with one encoded `config:set` per scope.

use std::path::Path;

use dokku_config::{ConfigPlugin, ConfigVar, builders};
use dokku_core::Invocation;
use dokku_core::plugin::{Glue, Plugin, PluginGlue};
use serde_json::json;

/// The scope of a capture, from its descriptor: `…__global-format-json` is global, otherwise the
/// app named before `-format-json` (`app` when the capture does not say).
fn scope_of(path: &Path) -> Option<String> {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let descriptor = name.split("__").nth(2).unwrap_or("");
    match descriptor.split_once("-format-json") {
        Some(("global", _)) => None,
        Some((app, _)) if !app.is_empty() => Some(app.to_owned()),
        _ => Some("app".to_owned()),
    }
}

fn parse(path: &Path, text: &str) -> serde_json::Value {
    match dokku_config::vars_from_export(scope_of(path).as_deref(), text, false) {
        Ok(vars) => json!({ "config": vars }),
        Err(e) => json!({ "error": e.to_string() }),
    }
}

#[test]
fn captured_exports_parse_to_expected_records() {
    let checked =
        dokku_core::fixtures::check_fixtures(&Path::new(env!("CARGO_MANIFEST_DIR")).join("test_data"), parse);
    assert!(checked >= 4);
}

#[test]
fn mixed_global_and_app_records_apply_global_first_one_command_per_scope() {
    let records = vec![
        ConfigVar::new(Some("app1"), "A", "1"),
        ConfigVar::new(None, "G", "g"),
        ConfigVar::new(Some("app2"), "B", "2"),
        ConfigVar::new(Some("app1"), "C", "3"),
        ConfigVar::new(None, "H", "h"),
        ConfigVar::new(Some("app1"), "A", "last"),
    ];
    let lines: Vec<String> = ConfigPlugin::apply_commands(&records).iter().map(ToString::to_string).collect();
    assert_eq!(
        lines,
        [
            "dokku config:set --encoded --no-restart --global G=*** H=***",
            "dokku config:set --encoded --no-restart app1 A=*** C=***",
            "dokku config:set --encoded --no-restart app2 B=***",
        ]
    );
    let commands = ConfigPlugin::apply_commands(&records);
    assert_eq!(commands[1].argv_exposed()[4], "A=bGFzdA==", "a repeated key keeps its last value");
    assert_eq!(commands[0].written_app(), Some(None));
    assert_eq!(commands[1].written_app(), Some(Some("app1")));
}

#[test]
fn awkward_values_round_trip_through_base64_and_stay_masked() {
    use base64::Engine as _;
    let values =
        ["line1\nline2\n", "it's \"quoted\"", "$HOME and `cmd`", "a=b=c", "ünïcødé ✓ 日本", "", " padded "];
    let records: Vec<ConfigVar> =
        values.iter().enumerate().map(|(i, v)| ConfigVar::new(Some("app1"), format!("K{i}"), *v)).collect();
    let commands = ConfigPlugin::apply_commands(&records);
    assert_eq!(commands.len(), 1);
    let argv = commands[0].argv_exposed();
    for (i, value) in values.iter().enumerate() {
        let arg = argv[4 + i];
        let encoded = arg.strip_prefix(&format!("K{i}=")).unwrap_or("?");
        let decoded = base64::engine::general_purpose::STANDARD.decode(encoded).unwrap_or_default();
        assert_eq!(String::from_utf8(decoded).ok().as_deref(), Some(*value));
    }
    let masked = commands[0].render(Invocation::default(), false);
    for value in values.iter().filter(|v| v.len() > 1) {
        assert!(!masked.contains(value), "{masked}");
    }
    assert!(!format!("{:?} {}", records, records[1].value).contains("quoted"));
    // The export document holds the value itself, and reads back to the same record.
    let doc = serde_json::to_value(&records).unwrap_or_default();
    assert_eq!(doc[1]["value"], json!("it's \"quoted\""));
    let back: Vec<ConfigVar> = serde_json::from_value(doc).unwrap_or_default();
    assert_eq!(back, records);
}

#[test]
fn pydokku_documents_are_read_and_checked() {
    let glue = Glue::<ConfigPlugin>::new();
    let doc = [json!({ "key": "G", "value": "1" }), json!({ "key": "N", "value": null, "app_name": "app1" })];
    let commands = glue.plan_create(&doc).unwrap_or_default();
    assert_eq!(commands.len(), 2);
    assert_eq!(commands[1].argv_exposed()[4], "N=");
    let bad =
        [json!({ "key": "BAD-KEY", "value": "x", "app_name": "app1" }), json!({ "key": "A", "valeu": "x" })];
    let errors = glue.plan_create(&bad).err().unwrap_or_default();
    let paths: Vec<&str> = errors.iter().map(|e| e.path.as_str()).collect();
    assert_eq!(paths, ["$.config[0].key", "$.config[1].valeu"], "{errors:?}");
}

#[test]
fn builders_keep_restarts_off_unless_asked() {
    let secret = dokku_core::Secret::new("v".to_owned());
    assert_eq!(
        builders::set(Some("app1"), [("K", &secret)], true).to_string(),
        "dokku config:set --encoded app1 K=***"
    );
    assert_eq!(
        builders::unset(Some("app1"), ["K"], false).to_string(),
        "dokku config:unset --no-restart app1 K"
    );
    assert_eq!(builders::clear(None, true).to_string(), "dokku config:clear --no-restart --global");
    assert_eq!(builders::export_json(None, false).to_string(), "dokku config:export --format json --global");
}
