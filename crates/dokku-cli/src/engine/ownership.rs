//! Values one plugin writes into another's state and recreates itself (a service link's
//! `<ALIAS>_URL` variable and `--link` docker option): left out of the holder's list, in
//! exports and in documents read for a plan, so that only the owner applies them.

use dokku_core::ownership::OwnedValue;
use dokku_core::plugin::PluginGlue;
use serde_json::{Map, Value};

/// A holder whose list lost values, and the owners that recreate them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Released {
    /// The holder's key.
    pub holder: &'static str,
    /// The owners' keys.
    pub owners: Vec<String>,
}

/// Leaves out of each plugin's list in `document` the values another plugin's records own.
pub fn release_owned_values(
    document: &mut Map<String, Value>,
    plugins: &[&'static dyn PluginGlue],
) -> Vec<Released> {
    let records = |document: &Map<String, Value>, key: &str| {
        document.get(key).and_then(Value::as_array).cloned().unwrap_or_default()
    };
    let owned: Vec<OwnedValue> =
        plugins.iter().flat_map(|p| p.owned_elsewhere(&records(document, p.key()))).collect();
    let mut released = Vec::new();
    for plugin in plugins {
        let theirs: Vec<OwnedValue> = owned.iter().filter(|o| o.holder == plugin.key()).cloned().collect();
        let Some(Value::Array(list)) = document.get_mut(plugin.key()) else { continue };
        if theirs.is_empty() {
            continue;
        }
        let before = serde_json::to_string(list).unwrap_or_default();
        plugin.release_owned(list, &theirs);
        if serde_json::to_string(list).unwrap_or_default() != before {
            let mut owners: Vec<String> = theirs.iter().map(|o| o.owner.clone()).collect();
            owners.sort();
            owners.dedup();
            released.push(Released { holder: plugin.key(), owners });
        }
    }
    released
}

#[cfg(all(
    test,
    feature = "config",
    feature = "docker-options",
    feature = "postgres",
    feature = "redis",
    feature = "mysql"
))]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::engine::plan::plan_creation;
    use crate::engine::registry::registered;

    /// An app linked to a postgres service (with a promoted copy) and a redis one, whose
    /// variables a document written by hand (or before the owners were known) still holds.
    fn document() -> Value {
        let url = "postgres://postgres:pw@dokku-postgres-db:5432/db?sslmode=disable";
        json!({
            "format_version": 1,
            "dokku": {"version": "0.38.27"},
            "apps": [{"name": "web", "path": "/home/dokku/web", "locked": false},
                     {"name": "other", "path": "/home/dokku/other", "locked": false}],
            "config": [
                {"app_name": "web", "key": "DATABASE_URL", "value": url},
                {"app_name": "web", "key": "DOKKU_POSTGRES_AQUA_URL", "value": url},
                {"app_name": "web", "key": "REDIS_URL", "value": "redis://:pw@dokku-redis-cache:6379"},
                {"app_name": "web", "key": "SECRET_KEY", "value": "s"},
                {"app_name": "other", "key": "DATABASE_URL", "value": "elsewhere"}
            ],
            "docker_options": [{"app_name": "web", "build": ["--ulimit nofile=1:1"]}],
            "postgres": [{"name": "db", "password": "pw", "links": [
                {"app": "web", "alias": "DATABASE", "also": ["DOKKU_POSTGRES_AQUA"], "querystring": "sslmode=disable"}
            ]}],
            "redis": [{"name": "cache", "password": "pw", "links": [{"app": "web", "alias": "REDIS"}]}]
        })
    }

    #[test]
    fn link_variables_leave_config_and_only_them() {
        let Value::Object(mut document) = document() else { panic!("object") };
        let released = release_owned_values(&mut document, &registered());
        assert_eq!(
            released,
            [Released { holder: "config", owners: vec!["postgres".to_owned(), "redis".to_owned()] }]
        );
        let keys: Vec<(&str, &str)> = document["config"]
            .as_array()
            .map(|l| {
                l.iter()
                    .map(|r| {
                        (r["app_name"].as_str().unwrap_or_default(), r["key"].as_str().unwrap_or_default())
                    })
                    .collect()
            })
            .unwrap_or_default();
        assert_eq!(keys, [("web", "SECRET_KEY"), ("other", "DATABASE_URL")]);
        assert_eq!(document["docker_options"][0]["build"][0], "--ulimit nofile=1:1");
    }

    #[test]
    fn pruning_never_unsets_what_a_link_recreates() {
        use dokku_core::plugin::DiffOptions;

        let Value::Object(server) = document() else { panic!("object") };
        // The document as an export of this build writes it: the link variables are gone.
        let mut desired = server.clone();
        release_owned_values(&mut desired, &registered());
        let plan = crate::engine::converge::diff_documents(
            &server,
            &desired,
            &registered(),
            &DiffOptions::PRUNE,
            true,
        )
        .unwrap_or_else(|e| panic!("{e}"));
        let lines: Vec<String> = plan.commands().map(ToString::to_string).collect();
        assert!(lines.is_empty(), "{lines:?}");
    }

    #[test]
    fn an_export_moves_every_service_secret_to_the_secrets_file() {
        let schema = crate::engine::schema::document_schema(&registered()).unwrap_or_else(|e| panic!("{e}"));
        let Value::Object(mut document) = json!({
            "format_version": 1,
            "dokku": {"version": "0.38.27"},
            "mysql": [{"name": "db", "password": "pw", "root_password": "rpw", "custom_env": "TZ=UTC",
                       "backup_auth": {"access_key_id": "id", "secret_access_key": "key"},
                       "backup_encryption_key": "phrase", "config_options": "--skip-name-resolve"}]
        }) else {
            panic!("object")
        };
        let secrets = crate::engine::secrets::extract(&mut document, &schema);
        let ids: Vec<&str> = secrets.keys().map(String::as_str).collect();
        assert_eq!(
            ids,
            [
                "mysql/db/backup-access-key-id",
                "mysql/db/backup-passphrase",
                "mysql/db/backup-secret-access-key",
                "mysql/db/custom-env",
                "mysql/db/password",
                "mysql/db/root-password",
            ]
        );
        assert_eq!(document["mysql"][0]["password"], json!({"secret": "mysql/db/password"}));
        assert_eq!(document["mysql"][0]["config_options"], "--skip-name-resolve");
    }

    #[test]
    fn a_creation_plan_sets_the_other_variables_then_links() {
        let text = document().to_string();
        let plan = plan_creation(&text, &registered()).unwrap_or_else(|e| panic!("{e}"));
        let lines: Vec<String> =
            plan.steps.iter().flat_map(|s| s.commands.iter().map(ToString::to_string)).collect();
        let position = |needle: &str| lines.iter().position(|l| l.contains(needle));
        let config = position("config:set --encoded --no-restart web").unwrap_or_else(|| panic!("{lines:?}"));
        assert!(
            !lines[config].contains("DATABASE_URL") && !lines[config].contains("REDIS_URL"),
            "{}",
            lines[config]
        );
        let link = position("postgres:link db web --alias DATABASE").unwrap_or_else(|| panic!("{lines:?}"));
        assert!(config < link && position("postgres:create db").is_some_and(|c| c < link));
        assert!(
            position("config:set --no-restart web DOKKU_POSTGRES_AQUA_URL=***").is_some_and(|c| c > link)
        );
        assert!(lines.iter().all(|l| !l.contains(":pw@") && !l.contains(" pw")), "{lines:?}");
    }
}
