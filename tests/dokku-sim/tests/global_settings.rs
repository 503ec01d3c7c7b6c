//! Server-wide (`--global`) settings as Dokku 0.38.27's source stores and reports them: each
//! test names the function it follows.

mod support;

use support::{Server, said};

/// `CommandSet` (plugins/proxy/subcommands.go): with `--global`, `Arg(0)` is the property; a word
/// that is no proxy property, with no value after it, is the legacy `<type>` form, globally too.
/// `getComputedProxyType` (plugins/proxy/functions.go) then falls back to the global type.
#[test]
fn the_legacy_global_proxy_type_form_sets_the_global_type() {
    let server = Server::new();
    server.ok(&["apps:create", "a1"]);
    assert_eq!(server.ok(&["proxy:set", "--global", "caddy"]), "=====> Setting type to caddy\n");
    assert_eq!(server.ok(&["proxy:report", "a1", "--proxy-global-type"]), "caddy\n");
    assert_eq!(server.ok(&["proxy:report", "a1", "--proxy-computed-type"]), "caddy\n");
    assert_eq!(server.ok(&["proxy:report", "a1", "--proxy-type"]), "\n");
    let global = server.ok(&["proxy:report", "--global", "--format", "json"]);
    assert!(global.contains("\"global-type\":\"caddy\"") && global.contains("\"computed-type\":\"caddy\""));
    assert_eq!(server.ok(&["proxy:set", "--global", "type", "traefik"]), "=====> Setting type to traefik\n");
    assert_eq!(server.ok(&["proxy:report", "--global", "--proxy-global-type"]), "traefik\n");
    // An absent property is the legacy form with an empty type: it unsets `type`.
    assert_eq!(server.ok(&["proxy:set", "--global"]), "=====> Unsetting type\n");
    assert_eq!(server.ok(&["proxy:report", "a1", "--proxy-computed-type"]), "nginx\n");
}

/// `CommandSet`: a legacy type with a `:` warns, then fails with the returned error (exit 1),
/// before the app is even verified.
#[test]
fn a_port_mapping_given_as_proxy_type_is_refused() {
    let server = Server::new();
    let (stdout, stderr, code) = said(&server.dokku(&[], &["proxy:set", "missing", "http:80:5000"], None));
    assert_eq!(stdout, "");
    assert_eq!(
        stderr,
        " !     Detected potential port mapping instead of proxy type\n !     Consider using ports:set command or specifying a valid proxy\n"
    );
    assert_eq!(code, Some(1));
}

/// `ReportSingleApp` (plugins/nginx-vhosts/report.go) keeps only the `-global-` flags for
/// `--global`: no computed fields, in text and JSON.
#[test]
fn the_global_nginx_report_has_only_global_fields() {
    let server = Server::new();
    server.ok(&["nginx:set", "--global", "client-max-body-size", "20m"]);
    let text = server.ok(&["nginx:report", "--global"]);
    assert!(
        text.starts_with(
            "=====> --global nginx information\n       Nginx global access log format:       \n"
        )
    );
    assert!(text.contains("       Nginx global client max body size:    20m\n"), "{text}");
    assert!(!text.contains("computed"), "{text}");
    let json = server.ok(&["nginx:report", "--global", "--format", "json"]);
    assert!(json.starts_with("{\"global-access-log-format\":\"\",") && !json.contains("computed"), "{json}");
    assert!(json.contains("\"global-client-max-body-size\":\"20m\""), "{json}");
}
