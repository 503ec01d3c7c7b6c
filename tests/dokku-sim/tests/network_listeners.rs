//! Web listeners as Dokku 0.38.27's network plugin computes them (plugins/network).

mod support;

use support::{Server, said};

/// `GetListeners(app, "web")` (plugins/network/network.go) returns the static web listener when
/// one is set; `nginx_build_config` (plugins/nginx-vhosts/functions) then neither warns about
/// missing listeners nor builds a config for an app that is not deployed.
#[test]
fn a_static_web_listener_is_the_web_listener() {
    let server = Server::new();
    server.ok(&["apps:create", "a1"]);
    assert_eq!(server.ok(&["network:report", "a1", "--network-web-listeners"]), "\n");
    server.ok(&["network:set", "a1", "static-web-listener", "10.0.0.5:8080"]);
    assert_eq!(server.ok(&["network:report", "a1", "--network-web-listeners"]), "10.0.0.5:8080\n");
    assert!(
        server
            .ok(&["network:report", "a1", "--format", "json"])
            .contains("\"web-listeners\":\"10.0.0.5:8080\"")
    );
    let (stdout, stderr, code) = said(&server.dokku(&[], &["domains:add", "a1", "a1.example.com"], None));
    assert_eq!(
        (stdout.as_str(), stderr.as_str(), code),
        ("-----> Added a1.example.com to a1\n", "", Some(0))
    );
}

/// `CommandSet` (plugins/network/subcommands.go): attach properties take every word after the
/// property, comma-joined; another property takes only the first.
#[test]
fn only_attach_properties_take_several_values() {
    let server = Server::new();
    server.ok(&["apps:create", "a1"]);
    assert_eq!(
        server.ok(&["network:set", "a1", "attach-post-create", "n1", "n2"]),
        "=====> Setting attach-post-create to n1,n2\n"
    );
    assert_eq!(server.ok(&["network:set", "a1", "tld", "svc", "ignored"]), "=====> Setting tld to svc\n");
}
