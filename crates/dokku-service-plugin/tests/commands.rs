//! The command builders: every flag the plugins' `service_parse_args` reads, secrets masked.

mod common;

use common::{ELASTICSEARCH, MYSQL, POSTGRES};
use dokku_core::Secret;
use dokku_service_plugin::commands;
use dokku_service_plugin::{BackupAuth, BackupSchedule, ServiceLink, ServiceRecord, creation_commands};

fn full_record() -> ServiceRecord {
    ServiceRecord {
        name: "db".into(),
        image: Some("postgres".into()),
        image_version: Some("17.2".into()),
        password: Some(Secret::new("pw-secret".into())),
        root_password: Some(Secret::new("root-secret".into())),
        custom_env: Some(Secret::new("TZ=UTC;LANG=C".into())),
        config_options: Some("--max-connections=200".into()),
        memory: Some("512".into()),
        shm_size: Some("256m".into()),
        exposed_ports: vec!["15432".into()],
        initial_network: Some("net-a".into()),
        post_create_network: Some("net-b,net-c".into()),
        post_start_network: Some("net-d".into()),
        links: vec![ServiceLink {
            app: "web".into(),
            alias: "DATABASE".into(),
            also: vec!["DOKKU_POSTGRES_AQUA".into()],
            querystring: Some("sslmode=disable".into()),
            scheme: None,
        }],
        backup_schedule: Some(BackupSchedule {
            schedule: "0 3 * * *".into(),
            bucket: "b".into(),
            use_iam: true,
        }),
        backup_auth: Some(BackupAuth {
            access_key_id: Secret::new("AKIA-secret".into()),
            secret_access_key: Secret::new("key-secret".into()),
            region: None,
            signature_version: Some("s3v4".into()),
            endpoint_url: None,
        }),
        backup_encryption_key: Some(Secret::new("phrase-secret".into())),
        backup_public_key_id: Some("ABCDEF".into()),
        ..ServiceRecord::default()
    }
}

#[test]
fn create_passes_every_recorded_setting_with_secrets_masked() {
    let cmd = commands::create(&POSTGRES, &full_record());
    assert_eq!(
        cmd.to_string(),
        "dokku postgres:create db --image postgres --image-version 17.2 --config-options --max-connections=200 \
         --memory 512 --shm-size 256m --initial-network net-a --post-create-network net-b,net-c \
         --post-start-network net-d --custom-env *** --password ***"
    );
    assert_eq!(cmd.written_app(), Some(None));
    // mysql has a root password, elasticsearch no password at all.
    assert!(
        commands::create(&MYSQL, &full_record()).to_string().ends_with("--password *** --root-password ***")
    );
    assert!(!commands::create(&ELASTICSEARCH, &full_record()).to_string().contains("password"));
}

#[test]
fn the_whole_creation_in_order_never_shows_a_secret() {
    let lines: Vec<String> =
        creation_commands(&POSTGRES, &[full_record()]).iter().map(ToString::to_string).collect();
    let subcommands: Vec<&str> = lines.iter().map(|l| l.split(' ').nth(1).unwrap_or_default()).collect();
    assert_eq!(
        subcommands,
        [
            "postgres:create",
            "postgres:expose",
            "postgres:backup-auth",
            "postgres:backup-schedule",
            "postgres:backup-set-encryption",
            "postgres:backup-set-public-key-encryption",
            "postgres:link",
            "config:set",
        ]
    );
    let all = lines.join("\n");
    assert!(!all.contains("secret"), "{all}");
    assert!(lines[2].ends_with("postgres:backup-auth db *** *** '' s3v4"), "{}", lines[2]);
    assert_eq!(lines[3], "dokku postgres:backup-schedule db '0 3 * * *' b --use-iam");
    assert_eq!(
        lines[6],
        "dokku postgres:link db web --alias DATABASE --querystring sslmode=disable --no-restart"
    );
    assert_eq!(lines[7], "dokku config:set --no-restart web DOKKU_POSTGRES_AQUA_URL=***");
    // The copy carries the link's URL, query string included.
    let copy = creation_commands(&POSTGRES, &[full_record()]).pop().unwrap_or_else(|| panic!("no command"));
    assert_eq!(
        copy.argv_exposed().last().copied(),
        Some(
            "DOKKU_POSTGRES_AQUA_URL=postgres://postgres:pw-secret@dokku-postgres-db:5432/db?sslmode=disable"
        )
    );
}

#[test]
fn elasticsearch_gets_no_backup_commands() {
    let lines: Vec<String> =
        creation_commands(&ELASTICSEARCH, &[full_record()]).iter().map(ToString::to_string).collect();
    assert!(lines.iter().all(|l| !l.contains("backup-auth") && !l.contains("backup-schedule")), "{lines:?}");
    // Its public-key encryption is not in the unimplemented list: the plugin accepts it.
    assert!(lines.iter().any(|l| l.contains("backup-set-public-key-encryption")));
}

#[test]
fn other_builders() {
    let lines = [
        commands::unlink(&POSTGRES, "db", "web"),
        commands::destroy(&POSTGRES, "db"),
        commands::set(&POSTGRES, "db", "post-start-network", None),
        commands::expose(&ELASTICSEARCH, "s", &["9201".into(), "9301".into()]),
        commands::info_flag(&POSTGRES, "db", "dsn"),
        commands::upgrade(
            &POSTGRES,
            &ServiceRecord { image_version: Some("18.4".into()), ..ServiceRecord::new("db") },
        ),
        commands::backup_schedule_cat(&POSTGRES, "db"),
    ]
    .map(|c| c.to_string());
    assert_eq!(
        lines,
        [
            "dokku postgres:unlink db web --no-restart",
            "dokku postgres:destroy db --force",
            "dokku postgres:set db post-start-network",
            "dokku elasticsearch:expose s 9201 9301",
            "dokku postgres:info db --dsn",
            "dokku postgres:upgrade db --image-version 18.4",
            "dokku postgres:backup-schedule-cat db",
        ]
    );
}
