//! The letsencrypt plugin's properties as dokku/dokku-letsencrypt 0.25.1 stores and reports
//! them (`command-functions`, `internal-functions`).

mod support;

use support::{Server, said};

fn server_with_app() -> Server {
    let server = Server::new();
    server.ok(&["plugin:install", "https://github.com/dokku/dokku-letsencrypt.git", "--name", "letsencrypt"]);
    server.ok(&["apps:create", "a1"]);
    server
}

/// `fn-letsencrypt-computed-server`: no server or `default` is Let's Encrypt's production
/// directory, `staging` its staging directory; the raw values stay as set.
#[test]
fn server_aliases_resolve_in_the_computed_field() {
    let server = server_with_app();
    let computed =
        |server: &Server| server.ok(&["letsencrypt:report", "a1", "--letsencrypt-computed-server"]);
    assert_eq!(computed(&server), "https://acme-v02.api.letsencrypt.org/directory\n");
    server.ok(&["letsencrypt:set", "--global", "server", "staging"]);
    assert_eq!(computed(&server), "https://acme-staging-v02.api.letsencrypt.org/directory\n");
    assert_eq!(server.ok(&["letsencrypt:report", "--global", "--letsencrypt-global-server"]), "staging\n");
    server.ok(&["letsencrypt:set", "a1", "server", "default"]);
    assert_eq!(computed(&server), "https://acme-v02.api.letsencrypt.org/directory\n");
    server.ok(&["letsencrypt:set", "a1", "server", "https://acme.example/dir"]);
    assert_eq!(computed(&server), "https://acme.example/dir\n");
}

/// `fn-letsencrypt-computed-dns-provider`: `none` is an explicit opt-out.
#[test]
fn dns_provider_none_computes_to_nothing() {
    let server = server_with_app();
    server.ok(&["letsencrypt:set", "--global", "dns-provider", "route53"]);
    let computed = |server: &Server| server.ok(&["letsencrypt:report", "a1", "--format", "json"]);
    assert!(computed(&server).contains("\"computed-dns-provider\":\"route53\""));
    server.ok(&["letsencrypt:set", "a1", "dns-provider", "none"]);
    assert!(computed(&server).contains("\"computed-dns-provider\":\"\",\"global-dns-provider\":\"route53\""));
}

/// `cmd-letsencrypt-set` accepts any `dns-provider-*` key and stores the third word as it is;
/// `fn-letsencrypt-report-add-dns-provider-keys` appends sorted computed/global/app rows, each
/// only when not empty, and `--global` keeps only the `-global-` rows.
#[test]
fn dns_provider_variables_are_stored_verbatim_and_reported() {
    let server = server_with_app();
    assert_eq!(
        server.ok(&["letsencrypt:set", "a1", "dns-provider-AWS_SECRET", "a b=c d"]),
        "=====> Setting dns-provider-AWS_SECRET to a b=c d\n"
    );
    server.ok(&["letsencrypt:set", "--global", "dns-provider-AWS_REGION", "us-east-1"]);
    let json = server.ok(&["letsencrypt:report", "a1", "--format", "json"]);
    assert!(
        json.ends_with(
            "\"server\":\"\",\"computed-dns-provider-AWS_REGION\":\"us-east-1\",\"global-dns-provider-AWS_REGION\":\"us-east-1\",\"computed-dns-provider-AWS_SECRET\":\"a b=c d\",\"dns-provider-AWS_SECRET\":\"a b=c d\"}\n"
        ),
        "{json}"
    );
    let text = server.ok(&["letsencrypt:report", "a1"]);
    assert!(
        text.contains("\n       Letsencrypt dns provider AWS_SECRET: a b=c d                  \n"),
        "{text}"
    );
    let global = server.ok(&["letsencrypt:report", "--global", "--format", "json"]);
    assert!(global.ends_with("\"global-server\":\"\",\"global-dns-provider-AWS_REGION\":\"us-east-1\"}\n"));
    let (_, stderr, code) = said(&server.dokku(&[], &["letsencrypt:set", "a1", "bogus", "x"], None));
    assert_eq!(
        stderr,
        " !     Invalid key specified, valid keys include: dns-provider, dns-provider-*, email, graceperiod, server, lego-args, lego-docker-options\n"
    );
    assert_eq!(code, Some(1));
}
