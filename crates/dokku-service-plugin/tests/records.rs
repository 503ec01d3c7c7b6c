//! Assembling records from what a connection read: everything as root, the `:info` and
//! `:backup-schedule-cat` values and the linked apps' variables as the `dokku` user (with what
//! that could not read listed in `unread`).

mod common;

use std::collections::BTreeMap;

use common::{ELASTICSEARCH, MYSQL, POSTGRES};
use dokku_service_plugin::parse::{parse_app_variables, parse_info, parse_service_files};
use dokku_service_plugin::{BackupSchedule, ServiceReads, service_record};

const INFO: &str = "       Config options:      --max-connections=200    
       Dsn:                 postgres://postgres:5f4dcc3b5aa765d61d8327deb882cf99@dokku-postgres-db:5432/db
       Exposed ports:       5432->15432              
       Links:               web worker               
       Post start network:  late-net                 
       Status:              running                  
       Version:             registry.local:5000/postgres:18.4
       Backup bucket:       nowhere                  
";

const FILES: &str = "/var/lib/dokku/services/postgres/db/ENV:TZ=UTC
/var/lib/dokku/services/postgres/db/ENV:LANG=C
/var/lib/dokku/services/postgres/db/IMAGE:postgres
/var/lib/dokku/services/postgres/db/IMAGE_VERSION:18.4
/var/lib/dokku/services/postgres/db/PASSWORD:5f4dcc3b5aa765d61d8327deb882cf99
/var/lib/dokku/services/postgres/db/SERVICE_MEMORY:512
/var/lib/dokku/services/postgres/db/backup/AWS_ACCESS_KEY_ID:AKIA
/var/lib/dokku/services/postgres/db/backup/AWS_SECRET_ACCESS_KEY:KEY
/var/lib/dokku/services/postgres/db/backup-encryption/ENCRYPTION_KEY:phrase
";

fn apps() -> BTreeMap<String, BTreeMap<String, String>> {
    let web = r#"{"DATABASE_URL":"postgres://postgres:5f4dcc3b5aa765d61d8327deb882cf99@dokku-postgres-db:5432/db?sslmode=disable",
                 "DOKKU_POSTGRES_AQUA_URL":"postgres://postgres:5f4dcc3b5aa765d61d8327deb882cf99@dokku-postgres-db:5432/db?sslmode=disable",
                 "OTHER_URL":"postgres://postgres:5f4dcc3b5aa765d61d8327deb882cf99@dokku-postgres-db:5432/db2"}"#;
    let worker = r#"{"POSTGRES_DATABASE_SCHEME":"postgresql","PG_URL":"postgresql://postgres:5f4dcc3b5aa765d61d8327deb882cf99@dokku-postgres-db:5432/db"}"#;
    [("web", web), ("worker", worker)]
        .into_iter()
        .map(|(app, json)| (app.to_owned(), parse_app_variables(json).unwrap_or_else(|e| panic!("{e}"))))
        .collect()
}

#[test]
fn as_root_everything_is_read() {
    let info = parse_info(INFO).unwrap_or_else(|e| panic!("{e}"));
    let files =
        parse_service_files("/var/lib/dokku/services/postgres", FILES).unwrap_or_else(|e| panic!("{e}"));
    let schedule = BackupSchedule { schedule: "@daily".into(), bucket: "b".into(), use_iam: false };
    let apps = apps();
    let reads = ServiceReads {
        name: "db",
        info: &info,
        schedule: Some(&schedule),
        files: Some(&files),
        app_variables: &apps,
    };
    let (record, warnings) = service_record(&POSTGRES, reads);
    let json = serde_json::to_value(&record).unwrap_or_default();
    assert_eq!(
        json,
        serde_json::json!({
            "name": "db",
            "image": "postgres",
            "image_version": "18.4",
            "password": "5f4dcc3b5aa765d61d8327deb882cf99",
            "custom_env": "TZ=UTC;LANG=C",
            "config_options": "--max-connections=200",
            "memory": "512",
            "exposed_ports": ["15432"],
            "post_start_network": "late-net",
            "links": [
                {"app": "web", "alias": "DATABASE", "also": ["DOKKU_POSTGRES_AQUA"], "querystring": "sslmode=disable"},
                {"app": "worker", "alias": "PG", "scheme": "postgresql"}
            ],
            "backup_schedule": {"schedule": "@daily", "bucket": "b"},
            "backup_auth": {"access_key_id": "AKIA", "secret_access_key": "KEY"},
            "backup_encryption_key": "phrase",
            "extra": {"backup-bucket": "nowhere"}
        })
    );
    assert_eq!(warnings.len(), 1, "only the unknown field: {warnings:?}");
    assert!(!format!("{record:?}").contains("5f4dcc3b"), "Debug masks the password");
}

#[test]
fn as_the_dokku_user_the_password_comes_from_the_dsn_and_the_rest_is_unread() {
    let info = parse_info(INFO).unwrap_or_else(|e| panic!("{e}"));
    let apps = apps();
    let reads = ServiceReads { name: "db", info: &info, schedule: None, files: None, app_variables: &apps };
    let (record, warnings) = service_record(&POSTGRES, reads);
    assert_eq!(
        record.password.as_ref().map(|p| p.expose().as_str()),
        Some("5f4dcc3b5aa765d61d8327deb882cf99")
    );
    // The running image, registry port and all.
    assert_eq!(record.image.as_deref(), Some("registry.local:5000/postgres"));
    assert_eq!(record.image_version.as_deref(), Some("18.4"));
    assert_eq!(
        record.unread,
        ["custom_env", "memory", "shm_size", "backup_auth", "backup_encryption_key", "backup_public_key_id"]
    );
    let unread_warning = warnings.iter().find(|w| w.contains("cannot read")).cloned().unwrap_or_default();
    assert!(unread_warning.contains("custom_env, memory"), "{unread_warning}");

    let (mysql, _) = service_record(&MYSQL, ServiceReads { name: "db", ..reads });
    assert!(mysql.is_unread("root_password"));
}

#[test]
fn a_link_without_its_variable_is_recorded_with_the_default_alias_and_a_warning() {
    let info = parse_info("       Links:               lost                     \n")
        .unwrap_or_else(|e| panic!("{e}"));
    let apps: BTreeMap<String, BTreeMap<String, String>> = [("lost".to_owned(), BTreeMap::new())].into();
    let (record, warnings) = service_record(
        &ELASTICSEARCH,
        ServiceReads { name: "s", info: &info, schedule: None, files: None, app_variables: &apps },
    );
    assert_eq!(record.links[0].alias, "ELASTICSEARCH");
    assert!(warnings.iter().any(|w| w.contains("no variable of lost")), "{warnings:?}");
    assert!(record.password.is_none() && !record.is_unread("password"));
}
