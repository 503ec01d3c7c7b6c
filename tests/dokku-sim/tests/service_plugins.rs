//! The official service plugins (postgres, redis, mysql, mariadb, mongo, elasticsearch,
//! rabbitmq) against sessions derived from their source (`test_data/derived/services/`, see its
//! README), and the export/import streams.

// Piping one simulator into another is the point of the stream tests.
#![allow(clippy::disallowed_methods, clippy::disallowed_types)]

mod support;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use dokku_sim::replay::shell_words;
use support::{Server, said};

/// One command of a derived session and what it must print.
struct Expected {
    words: Vec<String>,
    setup: bool,
    stdout: String,
    stderr: String,
    code: i32,
}

/// Parses a `.session` file.
fn parse_session(text: &str) -> Vec<Expected> {
    let mut commands: Vec<Expected> = Vec::new();
    for line in text.lines() {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if let Some(words) = line.strip_prefix("$! ").or_else(|| line.strip_prefix("$ ")) {
            commands.push(Expected {
                words: shell_words(words),
                setup: line.starts_with("$!"),
                stdout: String::new(),
                stderr: String::new(),
                code: 0,
            });
            continue;
        }
        let current = commands.last_mut().unwrap_or_else(|| panic!("output before any command: {line:?}"));
        if let Some(text) = line.strip_prefix("1|") {
            current.stdout.push_str(text);
            current.stdout.push('\n');
        } else if let Some(text) = line.strip_prefix("2|") {
            current.stderr.push_str(text);
            current.stderr.push('\n');
        } else if let Some(code) = line.strip_prefix("rc ") {
            current.code = code.parse().unwrap_or_else(|_| panic!("bad exit status line {line:?}"));
        } else {
            panic!("unreadable line {line:?}");
        }
    }
    commands
}

/// Runs every session of `test_data/derived/services/` and lists what differs.
#[test]
fn service_commands_print_what_the_plugins_source_prints() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("test_data/derived/services");
    let mut sessions: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .flatten()
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_some_and(|e| e == "session"))
        .collect();
    sessions.sort();
    assert!(sessions.len() >= 3, "sessions: {sessions:?}");
    let mut differences = Vec::new();
    for path in &sessions {
        let server = Server::new();
        let text = std::fs::read_to_string(path).expect("read session");
        for expected in parse_session(&text) {
            let words: Vec<&str> = expected.words.iter().map(String::as_str).collect();
            let (stdout, stderr, code) = said(&server.dokku(&[], &words, None));
            if expected.setup {
                assert_eq!(code, Some(0), "{}: setup `{}` failed: {stderr}", path.display(), words.join(" "));
                continue;
            }
            if (stdout.as_str(), stderr.as_str(), code)
                != (&expected.stdout, &expected.stderr, Some(expected.code))
            {
                differences.push(format!(
                    "{}: `{}`\n  expected {:?} {:?} {}\n  actual   {stdout:?} {stderr:?} {code:?}",
                    path.file_name().and_then(|n| n.to_str()).unwrap_or(""),
                    words.join(" "),
                    expected.stdout,
                    expected.stderr,
                    expected.code
                ));
            }
        }
    }
    assert!(differences.is_empty(), "{}", differences.join("\n"));
}

const POSTGRES: &str = "https://github.com/dokku/dokku-postgres.git";
const REDIS: &str = "https://github.com/dokku/dokku-redis.git";

/// The simulator on `root` as root, its stdio left to the caller.
fn sim(root: &Path, args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_dokku-sim"));
    command.args(args).env("DOKKU_SIM_ROOT", root).env("DOKKU_SIM_EUID", "0");
    for name in
        ["SSH_ORIGINAL_COMMAND", "DOKKU_SIM_VERSION", "DOKKU_SIM_FAIL", "DOKKU_SIM_SERVICE_DUMP_BYTES"]
    {
        command.env_remove(name);
    }
    command
}

/// Everything `<type>:export` prints.
fn export(root: &Path, service_type: &str, name: &str) -> Vec<u8> {
    let output = sim(root, &[&format!("{service_type}:export"), name]).stdin(Stdio::null()).output().unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    output.stdout
}

/// Runs `<type>:import <name>` with `bytes` on stdin; a refusal may close the pipe early.
fn import(root: &Path, service_type: &str, name: &str, bytes: Vec<u8>) -> std::process::Output {
    let mut child = sim(root, &[&format!("{service_type}:import"), name])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut pipe = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || {
        // The importer stops reading at the first bad byte: a broken pipe is then expected.
        let _ = std::io::Write::write_all(&mut pipe, &bytes);
    });
    let output = child.wait_with_output().unwrap();
    writer.join().unwrap();
    output
}

/// A large dump streams from one server's `:export` straight into another's `:import` (no
/// file between them), is checked byte for byte there, and the target then exports the very
/// same bytes; a damaged stream is refused and changes nothing.
#[test]
fn export_streams_into_import_byte_exact() {
    let source = Server::new();
    let target = Server::new();
    for server in [&source, &target] {
        server.ok(&["plugin:install", POSTGRES, "--name", "postgres", "--skip-install-trigger"]);
    }
    std::fs::write(source.root().join("settings.env"), "DOKKU_SIM_SERVICE_DUMP_BYTES=3000000\n").unwrap();
    source.ok(&["postgres:create", "db1"]);
    target.ok(&["postgres:create", "db2"]);
    let original = export(source.root(), "postgres", "db1");
    assert!(original.len() > 3_000_000);
    // pg_dump's custom format around the synthetic dump, a table in its TOC: data.
    assert!(original.starts_with(b"PGDMP"));
    let magic = b"DOKKU-SIM-DUMP 1 postgres ";
    let magic_at = original.windows(magic.len()).position(|w| w == magic).unwrap();
    assert_ne!(export(target.root(), "postgres", "db2"), original, "two services start with different data");

    let mut exporting =
        sim(source.root(), &["postgres:export", "db1"]).stdout(Stdio::piped()).spawn().unwrap();
    let pipe = exporting.stdout.take().unwrap();
    let imported = sim(target.root(), &["postgres:import", "db2"]).stdin(Stdio::from(pipe)).output().unwrap();
    assert!(exporting.wait().unwrap().success());
    assert!(imported.status.success(), "{}", String::from_utf8_lossy(&imported.stderr));
    assert_eq!(said(&imported).0, "");
    assert_eq!(export(target.root(), "postgres", "db2"), original);

    let mut damaged = original.clone();
    damaged[1_000_000] ^= 0x20;
    let refused = import(target.root(), "postgres", "db2", damaged);
    assert_eq!(refused.status.code(), Some(1));
    let header = magic_at + original[magic_at..].iter().position(|b| *b == b'\n').unwrap() + 1;
    assert_eq!(
        String::from_utf8_lossy(&refused.stderr),
        format!(
            "dokku-sim: postgres:import refused the stream: corrupt dump: body byte {} differs\n",
            1_000_000 - header
        )
    );
    assert_eq!(export(target.root(), "postgres", "db2"), original);
}

/// A postgres dump is no redis data; a stopped container cannot run the dump tool.
#[test]
fn import_checks_the_type_and_export_needs_a_running_container() {
    let server = Server::new();
    server.ok(&["plugin:install", POSTGRES, "--name", "postgres", "--skip-install-trigger"]);
    server.ok(&["plugin:install", REDIS, "--name", "redis", "--skip-install-trigger"]);
    server.ok(&["postgres:create", "db1"]);
    server.ok(&["redis:create", "cache"]);
    let dump = export(server.root(), "postgres", "db1");
    let (_, stderr, code) = said(&import(server.root(), "redis", "cache", dump));
    assert_eq!(code, Some(1));
    assert!(stderr.contains("a postgres dump cannot be imported into a redis service"), "{stderr}");
    server.ok(&["postgres:pause", "db1"]);
    let id = server.ok(&["postgres:info", "db1", "--id"]);
    let (stdout, stderr, code) = said(&server.dokku(&[], &["postgres:export", "db1"], None));
    assert_eq!((stdout.as_str(), code), ("", Some(1)));
    assert_eq!(stderr, format!("Error response from daemon: container {} is not running\n", id.trim()));
}

/// Generated passwords have the length `openssl rand -hex N` gives each type, and the service
/// directory, properties and cron file a root reader would read are on the simulated disk.
#[test]
fn service_files_are_written_where_the_plugins_keep_them() {
    let server = Server::new();
    server.ok(&["plugin:install", POSTGRES, "--name", "postgres", "--skip-install-trigger"]);
    server.ok(&[
        "plugin:install",
        "https://github.com/dokku/dokku-mysql.git",
        "--name",
        "mysql",
        "--skip-install-trigger",
    ]);
    server.ok(&["apps:create", "app1"]);
    server.ok(&["postgres:create", "db1", "-C", "A=1;B=2", "-m", "512", "-N", "net1"]);
    server.ok(&["mysql:create", "my1"]);
    let root = "/var/lib/dokku/services/postgres/db1";
    let password = server.file(&format!("{root}/PASSWORD")).unwrap();
    assert_eq!(password.len(), 33, "{password:?}");
    assert!(password.trim_end().chars().all(|c| c.is_ascii_hexdigit()));
    let mysql_password = server.file("/var/lib/dokku/services/mysql/my1/PASSWORD").unwrap();
    let mysql_root = server.file("/var/lib/dokku/services/mysql/my1/ROOTPASSWORD").unwrap();
    assert_eq!((mysql_password.len(), mysql_root.len()), (17, 17));
    let dsn = server.ok(&["postgres:info", "db1", "--dsn"]);
    assert!(dsn.contains(password.trim_end()));
    assert_eq!(server.file(&format!("{root}/ENV")).as_deref(), Some("A=1\nB=2\n"));
    assert_eq!(server.file(&format!("{root}/SERVICE_MEMORY")).as_deref(), Some("512\n"));
    assert_eq!(server.file(&format!("{root}/CONFIG_OPTIONS")).as_deref(), Some("\n"));
    assert_eq!(server.file(&format!("{root}/IMAGE_VERSION")).as_deref(), Some("18.4\n"));
    assert_eq!(server.file(&format!("{root}/LINKS")).as_deref(), Some(""));
    assert_eq!(server.file("/var/lib/dokku/config/postgres/db1/initial-network").as_deref(), Some("net1"));
    let id = server.ok(&["postgres:info", "db1", "--id"]);
    assert_eq!(server.file(&format!("{root}/ID")), Some(id.trim_end().to_owned()));
    server.ok(&["postgres:link", "db1", "app1", "--no-restart"]);
    server.ok(&["postgres:expose", "db1", "1234"]);
    server.ok(&["postgres:backup-auth", "db1", "KEY", "SECRET"]);
    server.ok(&["postgres:backup-schedule", "db1", "0 3 * * *", "bucket"]);
    assert_eq!(server.file(&format!("{root}/LINKS")).as_deref(), Some("app1\n"));
    assert_eq!(server.file(&format!("{root}/PORT")).as_deref(), Some("1234\n"));
    assert_eq!(server.file(&format!("{root}/backup/AWS_SECRET_ACCESS_KEY")).as_deref(), Some("SECRET\n"));
    assert_eq!(
        server.file("/etc/cron.d/dokku-postgres-db1").as_deref(),
        Some("0 3 * * * dokku /usr/bin/dokku postgres:backup db1 bucket \n")
    );
    server.ok(&["postgres:unlink", "db1", "app1"]);
    server.ok(&["postgres:destroy", "db1", "-f"]);
    assert!(!server.path(root).exists());
    assert!(server.file("/etc/cron.d/dokku-postgres-db1").is_none());
    assert!(server.file("/var/lib/dokku/config/postgres/db1/initial-network").is_none());
}

/// Uninstalling the plugin removes its commands but, as on a real server, not its services.
#[test]
fn services_outlive_their_plugin() {
    let server = Server::new();
    server.ok(&["plugin:install", POSTGRES, "--name", "postgres", "--skip-install-trigger"]);
    server.ok(&["postgres:create", "db1"]);
    server.ok(&["plugin:uninstall", "postgres"]);
    let (_, stderr, code) = said(&server.dokku(&[], &["postgres:list"], None));
    assert_eq!(code, Some(1));
    assert!(stderr.contains("`postgres:list` is not a dokku command."));
    assert!(server.file("/var/lib/dokku/services/postgres/db1/PASSWORD").is_some());
    server.ok(&["plugin:install", POSTGRES, "--name", "postgres", "--skip-install-trigger"]);
    assert_eq!(server.ok(&["postgres:list"]), "=====> Postgres services\ndb1\n");
}
