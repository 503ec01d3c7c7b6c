//! The export's reads end to end through `dokku-core`'s local transport: a stand-in `dokku`
//! answers each command with the output derived from the plugin's source
//! (`test_data/source/`), and the service directory is a real directory tree read with the
//! real `grep` command the export sends as root.

use std::path::{Path, PathBuf};

use dokku_core::plugin::ExportScope;
use dokku_core::{Client, ClientOptions, DokkuVersion, LocalConfig, LocalUser, ServerLayout, Transport};
use dokku_postgres::Postgres;
use dokku_service_plugin::{ServicePlugin, export_services};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("test_data/source").join(name)
}

/// The stand-in, written once for the whole test binary before any test runs it: a file still
/// open for writing in this process cannot be executed ("Text file busy"), and a test spawning
/// a process while another writes its script makes the child hold that file open.
fn stand_in() -> &'static Path {
    static STAND_IN: std::sync::OnceLock<(tempfile::TempDir, PathBuf)> = std::sync::OnceLock::new();
    let (_, path) = STAND_IN.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let path = write_stand_in(dir.path());
        (dir, path)
    });
    path
}

/// A stand-in `dokku` that prints the fixture of each command it knows and fails otherwise.
fn write_stand_in(dir: &Path) -> PathBuf {
    let answer = |argv: &str, file: &str| format!("  '{argv}') cat '{}' ;;\n", fixture(file).display());
    let mut script =
        String::from("#!/bin/sh\ncase \"$*\" in\n  'version') echo 'dokku version 0.38.27' ;;\n");
    script.push_str("  'postgres:list') echo db ;;\n");
    script.push_str(&answer("postgres:info db", "postgres__info__db.txt"));
    script.push_str(&answer("postgres:backup-schedule-cat db", "postgres__backup-schedule-cat__db.txt"));
    script.push_str(&answer("config:export --format json web", "postgres__config-export__web.txt"));
    script.push_str("  'config:export --format json worker') echo '{}' ;;\n");
    script.push_str("  *) echo \" !     not a command of this stand-in: $*\" >&2; exit 1 ;;\nesac\n");
    let path = dir.join("dokku");
    std::fs::write(&path, script).unwrap_or_else(|e| panic!("{e}"));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755))
            .unwrap_or_else(|e| panic!("{e}"));
    }
    path
}

/// The service directory as `service_create` and friends leave it, with data that must not be read.
fn service_dir(lib_root: &Path) {
    let db = lib_root.join("services/postgres/db");
    for (file, text) in [
        ("PASSWORD", "5f4dcc3b5aa765d61d8327deb882cf99\n"),
        ("ENV", "TZ=UTC\nLANG=C.UTF-8\n"),
        ("CONFIG_OPTIONS", "--max-connections=200\n"),
        ("IMAGE", "postgres\n"),
        ("IMAGE_VERSION", "18.4\n"),
        ("SHM_SIZE", "256m\n"),
        ("backup/AWS_ACCESS_KEY_ID", "AKIAEXAMPLE\n"),
        ("backup/AWS_SECRET_ACCESS_KEY", "secret/key\n"),
        ("backup/ENDPOINT_URL", "https://s3.example.com\n"),
        ("backup-encryption/ENCRYPT_WITH_PUBLIC_KEY_ID", "0xABCDEF\n"),
        ("data/PG_VERSION", "18\n"),
    ] {
        let path = db.join(file);
        std::fs::create_dir_all(path.parent().unwrap_or(&db)).unwrap_or_else(|e| panic!("{e}"));
        std::fs::write(&path, text).unwrap_or_else(|e| panic!("{e}"));
    }
}

fn client(dir: &Path) -> Client {
    let config = LocalConfig { program: stand_in().to_owned(), env: Vec::new(), user: Some(LocalUser::Root) };
    let layout =
        ServerLayout::new(&dir.join("home").display().to_string(), &dir.join("lib").display().to_string())
            .unwrap_or_else(|e| panic!("{e}"));
    Client::new(
        Transport::Local(dokku_core::transport::LocalTransport::new(config)),
        ClientOptions::default(),
    )
    .with_layout(layout)
}

fn scope(root: bool) -> ExportScope {
    ExportScope {
        apps: vec!["web".into(), "worker".into()],
        system: true,
        version: DokkuVersion::new(0, 38, 27),
        installed: Vec::new(),
        can_run_system_commands: root,
        files: None,
    }
}

#[tokio::test]
async fn as_root_every_setting_is_read() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    service_dir(&dir.path().join("lib"));
    let client = client(dir.path());
    let exported =
        export_services(&Postgres::SPEC, &client, &scope(true)).await.unwrap_or_else(|e| panic!("{e}"));
    let json = serde_json::to_value(&exported.records).unwrap_or_default();
    assert_eq!(
        json,
        serde_json::json!([{
            "name": "db",
            "image": "postgres",
            "image_version": "18.4",
            "password": "5f4dcc3b5aa765d61d8327deb882cf99",
            "custom_env": "TZ=UTC;LANG=C.UTF-8",
            "config_options": "--max-connections=200",
            "shm_size": "256m",
            "exposed_ports": ["15432"],
            "post_create_network": "dokku-net,other-net",
            "post_start_network": "late-net",
            "links": [
                {"app": "web", "alias": "DATABASE", "also": ["DOKKU_POSTGRES_AQUA"], "querystring": "sslmode=disable"},
                {"app": "worker", "alias": "DATABASE"}
            ],
            "backup_schedule": {"schedule": "0 3 * * *", "bucket": "my-bucket/nightly", "use_iam": true},
            "backup_auth": {"access_key_id": "AKIAEXAMPLE", "secret_access_key": "secret/key", "endpoint_url": "https://s3.example.com"},
            "backup_public_key_id": "0xABCDEF"
        }])
    );
    // The worker's variables hold no link URL: said, not guessed silently.
    assert_eq!(exported.warnings.len(), 1, "{:?}", exported.warnings);
    assert!(exported.warnings[0].contains("no variable of worker"));
}

#[tokio::test]
async fn as_the_dokku_user_root_only_values_are_unread_and_said_so() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let client = client(dir.path());
    let exported =
        export_services(&Postgres::SPEC, &client, &scope(false)).await.unwrap_or_else(|e| panic!("{e}"));
    let record = &exported.records[0];
    assert_eq!(
        record.password.as_ref().map(|p| p.expose().as_str()),
        Some("5f4dcc3b5aa765d61d8327deb882cf99")
    );
    assert_eq!(
        record.unread,
        ["custom_env", "memory", "shm_size", "backup_auth", "backup_encryption_key", "backup_public_key_id"]
    );
    assert!(
        exported.warnings.iter().any(|w| w.contains("cannot read custom_env")),
        "{:?}",
        exported.warnings
    );
    assert!(exported.warnings.iter().all(|w| !w.contains("5f4dcc3b")));
}

#[tokio::test]
async fn an_app_export_keeps_only_the_services_and_links_of_its_apps() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let client = client(dir.path());
    let only_web = ExportScope { apps: vec!["web".into()], system: false, ..scope(false) };
    let exported =
        export_services(&Postgres::SPEC, &client, &only_web).await.unwrap_or_else(|e| panic!("{e}"));
    let apps: Vec<&str> = exported.records[0].links.iter().map(|l| l.app.as_str()).collect();
    assert_eq!(apps, ["web"]);
    let none = ExportScope { apps: vec!["api".into()], ..only_web };
    assert!(
        export_services(&Postgres::SPEC, &client, &none).await.map(|e| e.records.is_empty()).unwrap_or(false)
    );
}
