//! The committed schema (`docs/schema/export.v1.schema.json`) is what this build generates, and
//! the shipped examples are valid against it. `UPDATE_EXPECT=1` rewrites the file.

use std::path::PathBuf;

use dokku_cli::engine::registry::registered;
use dokku_cli::engine::schema::{document_schema, document_schema_text};

fn repository_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

#[test]
fn committed_schema_is_generated() {
    let path = repository_root().join("docs/schema/export.v1.schema.json");
    let generated = document_schema_text(&registered()).expect("schema");
    if std::env::var_os("UPDATE_EXPECT").is_some() {
        std::fs::write(&path, &generated).expect("write the schema");
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "{} differs from the generated schema (run with UPDATE_EXPECT=1 to rewrite it, then review the diff)",
        path.display()
    );
}

#[test]
fn the_schema_is_a_valid_draft_2020_12_schema() {
    let schema = document_schema(&registered()).expect("schema");
    jsonschema::draft202012::meta::validate(&schema).expect("a valid draft 2020-12 schema");
}

fn example(name: &str) -> serde_json::Map<String, serde_json::Value> {
    let text = std::fs::read_to_string(repository_root().join("examples").join(name)).expect("example");
    serde_json::from_str(&text).expect("an object")
}

fn assert_valid(document: &serde_json::Map<String, serde_json::Value>) {
    let schema = document_schema(&registered()).expect("schema");
    let validator = jsonschema::draft202012::new(&schema).expect("validator");
    let instance = serde_json::Value::Object(document.clone());
    let errors: Vec<String> =
        validator.iter_errors(&instance).map(|e| format!("{}: {e}", e.instance_path())).collect();
    assert!(errors.is_empty(), "{errors:#?}");
}

#[test]
fn the_shipped_v1_example_is_valid() {
    assert_valid(&example("small-server.json"));
}

#[test]
fn the_pydokku_example_is_valid_once_upgraded() {
    let mut document = example("pydokku-export.json");
    dokku_cli::engine::document::upgrade(&mut document).expect("upgrade");
    assert_valid(&document);
}

/// Secrets inside a larger value (a buildpack URL's credentials, a docker option's `-e` value)
/// leave the main document like whole secrets do, under ids a reader can place, and come back.
#[test]
fn partial_secrets_leave_the_document_and_come_back() {
    use dokku_cli::engine::secrets::{SecretSources, extract, resolve};
    let schema = document_schema(&registered()).expect("schema");
    let original = serde_json::json!({
        "buildpacks": [{"app_name": "web", "buildpacks": [
            "heroku/nodejs",
            {"url": "https://***@github.com/acme/bp.git", "credentials": "bot:ghp_token"}
        ]}],
        "docker_options": [{"app_name": "web",
            "build": [{"option": "--build-arg NPM_TOKEN=***", "value": "npm-secret"}],
            "deploy": [{"option": "--build-arg NPM_TOKEN=***", "value": "npm-secret-2"}, "--ulimit nofile=1:1"]}]
    });
    let serde_json::Value::Object(mut document) = original.clone() else { unreachable!() };
    let secrets = extract(&mut document, &schema);
    let ids: Vec<&str> = secrets.keys().map(String::as_str).collect();
    assert_eq!(
        ids,
        [
            "buildpacks/web/https://***@github.com/acme/bp.git",
            "docker_options/web/--build-arg NPM_TOKEN=***",
            "docker_options/web/--build-arg NPM_TOKEN=***#2",
        ]
    );
    let text = serde_json::Value::Object(document.clone()).to_string();
    assert!(!text.contains("ghp_token") && !text.contains("npm-secret"), "{text}");
    assert!(text.contains("\"url\":\"https://***@github.com/acme/bp.git\""), "{text}");

    let dir = tempfile::tempdir().expect("tempdir");
    let secrets_file = dir.path().join("s.json");
    dokku_cli::engine::secrets_file::write(&secrets_file, &secrets, &[]).expect("write");
    let sources = SecretSources { secrets_file: Some(secrets_file), ..SecretSources::default() };
    assert_eq!(resolve(&mut document, &schema, &sources).expect("resolve"), 3);
    assert_eq!(serde_json::Value::Object(document), original);
}
