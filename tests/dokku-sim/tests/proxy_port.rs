//! Where an app that was never deployed gets its proxy port (`proxy:report`'s `proxy-port`,
//! the `proxy-port` property), as in Dokku 0.38.27: the only writer is
//! `initializeProxyPort` (plugins/ports/functions.go), run by the `ports-configure` trigger that
//! `nginx_build_config` (plugins/nginx-vhosts/functions) calls for an nginx app whose proxy is
//! enabled. With vhosts enabled it stores the global proxy port, else 80. (`apps:create` builds
//! too on a host whose nginx runs, through nginx-vhosts' `post-create`; the simulated host's
//! nginx is stopped, as the capture host's was, so there it does not.)

mod support;

use support::{Server, said};

fn proxy_port(server: &Server, app: &str) -> String {
    server.ok(&["proxy:report", app, "--proxy-proxy-port"])
}

fn server_with_app() -> Server {
    let server = Server::new();
    server.ok(&["domains:set-global", "example.com"]);
    server.ok(&["apps:create", "a1"]);
    server
}

/// `domains:*` (`post-domains-update`) and `ports:*` (`post-proxy-ports-update`) rebuild the
/// proxy config and so store 80; `proxy:set <app> proxy-port` with no value deletes it
/// (`CommandPropertySet`), firing nothing.
#[test]
fn domains_and_ports_commands_store_port_80() {
    let server = server_with_app();
    assert_eq!(proxy_port(&server, "a1"), "\n");
    server.ok(&["domains:set", "a1", "a1.example.org"]);
    assert_eq!(proxy_port(&server, "a1"), "80\n");
    assert_eq!(server.ok(&["proxy:set", "a1", "proxy-port"]), "=====> Unsetting proxy-port\n");
    assert_eq!(proxy_port(&server, "a1"), "\n");
    server.ok(&["ports:set", "a1", "http:8080:5000"]);
    assert_eq!(proxy_port(&server, "a1"), "80\n");
    server.ok(&["proxy:set", "--global", "proxy-port", "8000"]);
    server.ok(&["apps:create", "a2"]);
    server.ok(&["domains:add", "a2", "a2.example.org"]);
    assert_eq!(proxy_port(&server, "a2"), "8000\n");
}

/// `proxy:disable` → nginx-vhosts `proxy-disable` → `disable_app_vhost --no-restart`, whose
/// `pre-disable-vhost` deletes a proxy port of 80; `proxy:enable` → `domains_enable
/// --no-restart` puts the default vhosts back, `pre-enable-vhost` drops the ports and the
/// rebuild stores 80 again. Both end with `app-restart`, a warning for an app not deployed.
#[test]
fn proxy_disable_drops_port_80_and_enable_stores_it_again() {
    let server = server_with_app();
    server.ok(&["domains:set", "a1", "a1.example.org"]);
    let (stdout, stderr, code) = said(&server.dokku(&[], &["proxy:disable", "a1"], None));
    assert_eq!(
        stdout,
        "-----> Disabling proxy for app\n-----> App virtual host support disabled\n-----> Nginx support is disabled for app (a1)\n-----> Deleting nginx.conf\n"
    );
    assert_eq!((stderr.as_str(), code), (" !     App a1 has not been deployed\n", Some(0)));
    assert_eq!(proxy_port(&server, "a1"), "\n");
    let (stdout, _, _) = said(&server.dokku(&[], &["proxy:enable", "a1"], None));
    assert!(
        stdout.starts_with("-----> Enabling proxy for app\n-----> Configuring a1.example.com..."),
        "{stdout}"
    );
    assert_eq!(proxy_port(&server, "a1"), "80\n");
    assert_eq!(server.ok(&["domains:report", "a1", "--domains-app-vhosts"]), "a1.example.com\n");
}

/// Settings that do not rebuild the proxy config leave an unset proxy port unset.
#[test]
fn other_settings_do_not_store_a_port() {
    let server = server_with_app();
    for args in [
        ["config:set", "--no-restart", "a1", "K=v"].as_slice(),
        &["nginx:set", "a1", "client-max-body-size", "5m"],
        &["network:set", "a1", "bind-all-interfaces", "false"],
        &["git:set", "a1", "keep-git-dir", "false"],
        &["ps:scale", "--skip-deploy", "a1", "web=2"],
        &["storage:mount", "a1", "/var/lib/dokku/data/storage/a1:/data"],
    ] {
        server.ok(args);
        assert_eq!(proxy_port(&server, "a1"), "\n", "after {args:?}");
    }
}
