//! `ps:scale` as Dokku 0.38.27's ps plugin stores and shows it (plugins/ps).

mod support;

use support::{Server, said};

/// `TriggerPostCreate` (plugins/ps/triggers.go) scales every new app to `web=1`, so an app that
/// was never scaled shows that one process.
#[test]
fn a_never_scaled_app_has_one_web_process() {
    let server = Server::new();
    server.ok(&["apps:create", "a1"]);
    assert_eq!(
        server.ok(&["ps:scale", "a1"]),
        "-----> Scaling for a1\nproctype: qty\n--------: ---\nweb:  1\n"
    );
    assert_eq!(
        server.ok(&["ps:scale", "a1", "--format", "json"]),
        "[{\"process_type\":\"web\",\"quantity\":1}]\n"
    );
}

/// `updateScale` writes a zero count of a type no Procfile declares to `scale.old`, and
/// `getFormations` reads both lists back, sorted by process type: `release=0` is kept.
#[test]
fn a_zero_count_is_stored_and_shown() {
    let server = Server::new();
    server.ok(&["apps:create", "a1"]);
    assert_eq!(
        server.ok(&["ps:scale", "--skip-deploy", "a1", "web=1", "release=0"]),
        "-----> Scaling a1 processes: web=1 release=0\n"
    );
    assert_eq!(
        server.ok(&["ps:scale", "a1"]),
        "-----> Scaling for a1\nproctype: qty\n--------: ---\nrelease: 0\nweb:  1\n"
    );
    assert_eq!(
        server.ok(&["ps:scale", "a1", "--format", "json"]),
        "[{\"process_type\":\"release\",\"quantity\":0},{\"process_type\":\"web\",\"quantity\":1}]\n"
    );
}

/// `parseProcessTuples`: counts go through `strconv.Atoi` (a sign is fine), both sides are
/// trimmed, and a type given twice keeps its first count.
#[test]
fn counts_are_parsed_like_go() {
    let server = Server::new();
    server.ok(&["apps:create", "a1"]);
    server.ok(&["ps:scale", "--skip-deploy", "a1", "worker=+2", "worker=5", " web = 3"]);
    assert_eq!(
        server.ok(&["ps:scale", "a1", "--format", "json"]),
        "[{\"process_type\":\"web\",\"quantity\":3},{\"process_type\":\"worker\",\"quantity\":2}]\n"
    );
    let (_, stderr, code) = said(&server.dokku(&[], &["ps:scale", "a1", "web=two"], None));
    assert_eq!((stderr.as_str(), code), (" !     Invalid count for process type web\n", Some(1)));
}

/// `updateScale` without a Procfile: non-zero counts go to the `scale` list, zeros to
/// `scale.old`, written as `PropertyListWrite` writes them; a later `ps:scale` that does not
/// name an old zero drops it (`scale.old` is not read back), while `scale` entries stay.
#[test]
fn scale_lists_are_written_and_an_unnamed_zero_is_dropped() {
    let server = Server::new();
    server.ok(&["apps:create", "a1"]);
    assert_eq!(server.file("/var/lib/dokku/config/ps/a1/scale").as_deref(), Some("web=1\n"));
    assert_eq!(server.file("/var/lib/dokku/config/ps/a1/scale.old").as_deref(), Some(""));
    server.ok(&["ps:scale", "--skip-deploy", "a1", "worker=2", "release=0"]);
    assert_eq!(server.file("/var/lib/dokku/config/ps/a1/scale").as_deref(), Some("worker=2\nweb=1\n"));
    assert_eq!(server.file("/var/lib/dokku/config/ps/a1/scale.old").as_deref(), Some("release=0\n"));
    server.ok(&["ps:scale", "--skip-deploy", "a1", "web=0"]);
    assert_eq!(server.file("/var/lib/dokku/config/ps/a1/scale").as_deref(), Some("worker=2\n"));
    assert_eq!(server.file("/var/lib/dokku/config/ps/a1/scale.old").as_deref(), Some("web=0\n"));
    assert_eq!(
        server.ok(&["ps:scale", "a1", "--format", "json"]),
        "[{\"process_type\":\"web\",\"quantity\":0},{\"process_type\":\"worker\",\"quantity\":2}]\n"
    );
}

/// A deployed app has one `CONTAINER.<type>.<n>` file per process holding the container id
/// whose start `ps:report` prints, the `common` plugin's `deployed` property, and docker lists
/// each container as running; the files go when the app is no longer declared deployed.
#[test]
fn a_deployed_app_has_container_files_that_docker_knows() {
    let server = Server::new();
    server.ok(&["apps:create", "a1"]);
    server.ok(&["ps:scale", "--skip-deploy", "a1", "web=2", "cron=0"]);
    std::fs::write(server.root().join("settings.env"), "DOKKU_SIM_DEPLOYED_APPS=a1\n").unwrap_or_default();
    let report: serde_json::Value =
        serde_json::from_str(&server.ok(&["ps:report", "a1", "--format", "json"])).unwrap_or_default();
    assert_eq!((report["deployed"].as_str(), report["running"].as_str()), (Some("true"), Some("true")));
    let status = report["status-web.2"].as_str().unwrap_or_default().to_owned();
    assert!(status.starts_with("running (CID: ") && report.get("status-cron.1").is_none(), "{report}");
    let id = server.file("/home/dokku/a1/CONTAINER.web.2").unwrap_or_default();
    assert_eq!(id.len(), 65, "{id:?}");
    assert_eq!(status, format!("running (CID: {})", &id[..11]));
    assert_eq!(server.file("/var/lib/dokku/config/common/a1/deployed").as_deref(), Some("true"));
    let (listed, _, code) =
        said(&server.docker(&["container", "ls", "--all", "--no-trunc", "--format", "{{.ID}} {{.State}}"]));
    assert_eq!(code, Some(0));
    assert!(listed.lines().any(|line| line == format!("{} running", id.trim())), "{listed}");
    assert_eq!(listed.lines().count(), 2, "{listed}");
    std::fs::remove_file(server.root().join("settings.env")).unwrap_or_default();
    server.ok(&["ps:scale", "a1"]);
    assert_eq!(server.file("/home/dokku/a1/CONTAINER.web.1"), None);
    assert_eq!(server.file("/var/lib/dokku/config/common/a1/deployed"), None);
}
