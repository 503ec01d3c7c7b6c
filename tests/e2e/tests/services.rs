//! The official service plugins over the sshd harness, on the simulator: a server with
//! postgres, redis and elasticsearch services linked to an app exports (passwords in the
//! secrets file, the link's variable and `--link` option left to the link), applies to an empty
//! server that then exports the same document, and `dokkuctl services copy` streams the data
//! (20 MB per service) from one server into the other through both SSH masters, refusing to
//! overwrite data without `--force` and skipping the type that has no export.

#![allow(clippy::disallowed_methods, clippy::disallowed_types)]

use std::os::unix::fs::PermissionsExt;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};

use dokku_core::Command;
use dokku_e2e::scenario::{assert_valid_export, comparable, first_difference, run};
use dokku_e2e::{Harness, SimSlot, client_options, said};

const POSTGRES: &str = "https://github.com/dokku/dokku-postgres.git";
const REDIS: &str = "https://github.com/dokku/dokku-redis.git";
const ELASTICSEARCH: &str = "https://github.com/dokku/dokku-elasticsearch.git";
const DB_PASSWORD: &str = "0123456789abcdef0123456789abcdef";
/// The size of each source service's data.
const DUMP_BYTES: u64 = 20_000_000;

fn read(path: &std::path::Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// An ssh config naming the two slots `source` and `target` (each reached with its own key).
fn two_server_config(h: &Harness, source: &SimSlot, target: &SimSlot, dir: &std::path::Path) -> String {
    let mut text = String::new();
    for (alias, slot) in [("source", source), ("target", target)] {
        text.push_str(&format!(
            "Host {alias}\n  HostName {}\n  Port {}\n  IdentityFile {}\n  IdentitiesOnly yes\n",
            h.host,
            h.port,
            slot.key.display()
        ));
    }
    text.push_str(&format!(
        "Host *\n  UserKnownHostsFile {}\n  StrictHostKeyChecking yes\n",
        h.known_hosts.display()
    ));
    let path = dir.join("two-servers.ssh_config");
    std::fs::write(&path, text).unwrap_or_else(|e| panic!("{e}"));
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap_or_else(|e| panic!("{e}"));
    path.display().to_string()
}

/// A writer that keeps what it is given.
#[derive(Clone, Default)]
struct Collect(Arc<Mutex<Vec<u8>>>);

impl tokio::io::AsyncWrite for Collect {
    fn poll_write(self: Pin<&mut Self>, _: &mut Context<'_>, buf: &[u8]) -> Poll<std::io::Result<usize>> {
        self.0.lock().unwrap_or_else(std::sync::PoisonError::into_inner).extend_from_slice(buf);
        Poll::Ready(Ok(buf.len()))
    }

    fn poll_flush(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Poll::Ready(Ok(()))
    }

    fn poll_shutdown(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Poll::Ready(Ok(()))
    }
}

/// The service's dump, as `<type>:export` streams it on `slot`.
async fn dump(slot: &SimSlot, service_type: &str, name: &str) -> Vec<u8> {
    let client = slot.local(client_options());
    let collected = Collect::default();
    let cmd = Command::dokku(format!("{service_type}:export")).arg(name);
    client.stream(&cmd, None, Box::new(collected.clone())).await.unwrap_or_else(|e| panic!("{e}"));
    client.close().await.unwrap_or_else(|e| panic!("{e}"));
    collected.0.lock().unwrap_or_else(std::sync::PoisonError::into_inner).clone()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn services_migrate_with_their_links_and_their_data() {
    let h = Harness::from_env();
    let (source, target) = (h.sim_slot(), h.sim_slot());
    std::fs::write(source.root.join("settings.env"), format!("DOKKU_SIM_SERVICE_DUMP_BYTES={DUMP_BYTES}\n"))
        .unwrap_or_else(|e| panic!("{e}"));
    let admin = source.ssh(&h.admin_user, client_options()).await;
    for (url, name) in [(POSTGRES, "postgres"), (REDIS, "redis"), (ELASTICSEARCH, "elasticsearch")] {
        run(&admin, dokku_plugin::builders::install(url, None, name)).await;
    }
    run(&admin, dokku_apps::builders::create("web")).await;
    for argv in [
        vec!["postgres:create", "db", "--password", DB_PASSWORD, "--custom-env", "TZ=UTC"],
        vec!["redis:create", "cache"],
        vec!["elasticsearch:create", "search"],
        vec!["postgres:link", "db", "web", "--no-restart"],
        vec!["redis:link", "cache", "web", "--alias", "CACHE", "--querystring", "ssl=true", "--no-restart"],
        vec!["postgres:backup-schedule", "db", "0 3 * * *", "backups-bucket"],
    ] {
        run(&admin, Command::dokku(argv[0]).args(argv[1..].iter().copied())).await;
    }
    admin.close().await.unwrap_or_else(|e| panic!("{e}"));

    // The export: each service with its link; the password in the secrets file only; the
    // variable and option the link writes left to the link.
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let doc_path = dir.path().join("source.json");
    let doc_arg = doc_path.display().to_string();
    source.clear_commands();
    let exported = source.dokkuctl(&h.admin_user, &["export", &doc_arg]);
    assert!(exported.status.success(), "export: {}", said(&exported));
    // A linked app's variables are read once per export: as root from its ENV file (no
    // command), as the dokku user by the config plugin's one `config:export`, which the
    // services share.
    let reads_of_web = |slot: &SimSlot| {
        let read = ["config:export", "--format", "json", "web"];
        slot.commands().iter().filter(|argv| argv.iter().map(String::as_str).eq(read)).count()
    };
    assert_eq!(reads_of_web(&source), 0, "as root: {:#?}", source.commands());
    source.clear_commands();
    let as_dokku = source.dokkuctl(&h.dokku_user, &["-q", "export", "--secrets", "inline", "-"]);
    assert!(as_dokku.status.success(), "export as dokku: {}", said(&as_dokku));
    assert_eq!(reads_of_web(&source), 1, "as dokku: {:#?}", source.commands());
    assert!(!said(&exported).contains(DB_PASSWORD), "{}", said(&exported));
    let text = read(&doc_path);
    assert_valid_export(&text);
    assert!(!text.contains(DB_PASSWORD), "the password is in the secrets file only");
    let doc: serde_json::Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}"));
    let db = &doc["postgres"][0];
    assert_eq!(db["name"], "db", "{doc:#}");
    assert!(db.to_string().contains("web"), "the link: {db}");
    let secrets: serde_json::Value = serde_json::from_str(&read(&dir.path().join("source.secrets.json")))
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(secrets.to_string().contains(DB_PASSWORD), "{secrets}");
    let config = doc["config"].to_string();
    assert!(
        !config.contains("DATABASE_URL") && !config.contains("CACHE_URL"),
        "the links own them: {config}"
    );
    assert!(!doc["docker_options"].to_string().contains("--link"), "{}", doc["docker_options"]);

    // Apply to an empty server: the same document back, nothing left to do.
    let applied = target.dokkuctl(&h.admin_user, &["apply", &doc_arg]);
    assert!(applied.status.success(), "apply: {}", said(&applied));
    assert!(!said(&applied).contains(DB_PASSWORD), "{}", said(&applied));
    let copy_path = dir.path().join("copy.json");
    let copied = target.dokkuctl(&h.admin_user, &["export", &copy_path.display().to_string()]);
    assert!(copied.status.success(), "export: {}", said(&copied));
    let (a, b) = (comparable(&text), comparable(&read(&copy_path)));
    assert!(a == b, "the copy differs: {}", first_difference(&a, &b));
    let plan = target.dokkuctl(&h.admin_user, &["plan", "--detailed-exitcode", &doc_arg]);
    assert_eq!(plan.status.code(), Some(0), "nothing left to do: {}", said(&plan));

    // The data: streamed from one server into the other.
    let config = two_server_config(&h, &source, &target, dir.path());
    let (from, to) = (format!("{}@source", h.admin_user), format!("{}@target", h.admin_user));
    let copy = |extra: &[&str]| {
        let mut args =
            vec!["-F", config.as_str(), "services", "copy", "--from", from.as_str(), "--to", to.as_str()];
        args.extend_from_slice(extra);
        h.dokkuctl().args(&args).output().unwrap_or_else(|e| panic!("dokkuctl: {e}"))
    };
    let unknown = copy(&["nope"]);
    assert_eq!(unknown.status.code(), Some(1), "{}", said(&unknown));
    assert!(said(&unknown).contains("no service `nope`"), "{}", said(&unknown));

    let original = dump(&source, "postgres", "db").await;
    assert!(original.len() as u64 > DUMP_BYTES, "{}", original.len());
    assert_ne!(dump(&target, "postgres", "db").await, original);
    let first = copy(&[]);
    let shown = said(&first);
    assert!(first.status.success(), "copy: {shown}");
    assert!(shown.contains("postgres:db: 19.1 MiB copied") && shown.contains("redis:cache:"), "{shown}");
    assert!(shown.contains("elasticsearch:search") && shown.contains("no export/import"), "skipped: {shown}");
    assert!(!shown.contains(DB_PASSWORD), "{shown}");
    assert_eq!(dump(&target, "postgres", "db").await, original, "the data arrived byte for byte");
    assert_eq!(dump(&target, "redis", "cache").await, dump(&source, "redis", "cache").await);

    // The target now holds data: refused (nothing moves) unless --force.
    let again = copy(&["postgres:db"]);
    assert_eq!(again.status.code(), Some(1), "{}", said(&again));
    assert!(said(&again).contains("postgres:db: the target's service holds data"), "{}", said(&again));
    let forced = copy(&["--force", "postgres:db"]);
    assert!(forced.status.success(), "{}", said(&forced));
    assert_eq!(dump(&target, "postgres", "db").await, original);
}
