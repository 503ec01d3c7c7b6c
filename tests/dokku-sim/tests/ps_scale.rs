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
