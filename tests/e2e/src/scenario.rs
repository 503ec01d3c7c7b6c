//! A populated server and document comparison, shared by the end-to-end tests.

#![allow(clippy::disallowed_methods, clippy::disallowed_types)]
// Reason: test tooling may run ssh-keygen.

use dokku_cli::engine::document::to_text;
use dokku_cli::engine::export::{ExportOptions, ReadFrom, export};
use dokku_cli::engine::observer::Recorder;
use dokku_cli::engine::registry::registered;
use dokku_cli::engine::schema::document_schema;
use dokku_core::{Client, Command, DokkuVersion, Secret};

/// A buildpack whose URL carries a token (which must stay out of a v1 document's main file).
pub const BUILDPACK_WITH_CREDENTIALS: &str = "https://bot:ghp-e2e-secret@github.com/acme/private-bp.git";

/// Fields that cannot survive a migration, per plugin key: when Dokku created an app, and the id
/// and creation time Docker gives a network.
pub const SERVER_SPECIFIC: &[(&str, &str)] =
    &[("apps", "created_at"), ("network", "id"), ("network", "created_at")];

/// Config values that stress every quoting layer.
pub const HOSTILE_VALUES: &[(&str, &str)] = &[
    ("SPACES", "a b  c"),
    // Not at the end: godotenv 1.5.1 (Dokku 0.37.8+) cannot store a value ending in `"` or `\`,
    // and dokkuctl refuses to send one (notes in the plan).
    ("QUOTES", "it's \"quoted\" here"),
    ("DOLLAR", "$HOME ${PATH} `id`"),
    ("EQUALS", "a=b=c"),
    ("UNICODE", "ünïcödé ✓ 日本"),
    ("NEWLINES", "line 1\nline 2\n"),
    ("EMPTY", ""),
    ("BACKSLASH", "C:\\path\\file"),
];

/// Runs a setup command; setup failures are test failures.
pub async fn run(client: &Client, cmd: Command) {
    client.output(&cmd).await.unwrap_or_else(|e| panic!("{cmd}: {e}"));
}

/// Sets up a server with something in every plugin, through the plugin crates' builders.
pub async fn populate(client: &Client, apps: usize) {
    populate_at(client, apps, &DokkuVersion::new(0, 38, 27)).await;
}

/// [`populate`] for a server running `version`: what that Dokku did not have (a property plugin
/// or property, proxy labels, process-scoped docker options) is left out, as the product's own
/// specs date them.
pub async fn populate_at(client: &Client, apps: usize, version: &DokkuVersion) {
    for (url, name) in [
        ("https://github.com/dokku/dokku-letsencrypt.git", "letsencrypt"),
        ("https://github.com/dokku/dokku-maintenance.git", "maintenance"),
        ("https://github.com/dokku/dokku-redirect.git", "redirect"),
    ] {
        run(client, dokku_plugin::builders::install(url, None, name)).await;
    }
    let global = Secret::new("global value".to_owned());
    run(client, dokku_config::builders::set(None, [("GLOBAL_VAR", &global)], false)).await;
    run(client, dokku_domains::builders::set(None, ["example.com"])).await;
    run(client, dokku_nginx::builders::set(None, "hsts", Some("false"))).await;
    run(client, dokku_checks::builders::set_wait_to_retire(None, Some(45))).await;
    run(client, dokku_ps::builders::set(None, "restart-policy", Some("on-failure:5"))).await;
    run(client, dokku_letsencrypt::builders::set(None, "email", Some("ops@example.com"))).await;
    run(client, dokku_letsencrypt::builders::cron_job_add()).await;
    run(client, dokku_ssh_keys::builders::add("deploy", &public_key())).await;
    run(client, dokku_network::builders::create("backend-net")).await;
    run(client, dokku_network::builders::set(None, "initial-network", ["backend-net"])).await;
    run(client, dokku_git::builders::set(None, "deploy-branch", Some("main"))).await;
    run(client, dokku_buildpacks::builders::set_stack(None, Some("gliderlabs/herokuish:v2.0.0"))).await;
    run(client, set_property(&dokku_builder::SPEC, None, "selected", "dockerfile")).await;
    for (spec, key, value) in GLOBAL_PROPERTIES {
        if property_exists(spec, key, version) {
            run(client, set_property(spec, None, key, value)).await;
        }
    }
    // Known hosts and netrc credentials: files the simulator keeps under its own root (see
    // `SimSlot::layout`), read as root only.
    run(client, dokku_git::builders::allow_host("github.com")).await;
    let netrc_password = Secret::new("netrc-password".to_owned());
    run(client, dokku_git::builders::auth("git.example.com", "deployer", &netrc_password)).await;

    let hostile: Vec<(&str, Secret<String>)> =
        HOSTILE_VALUES.iter().map(|(k, v)| (*k, Secret::new((*v).to_owned()))).collect();
    for i in 0..apps {
        let app = format!("app-{i:03}");
        let app = app.as_str();
        run(client, dokku_apps::builders::create(app)).await;
        let value = Secret::new(format!("value-{i}"));
        let mut vars: Vec<(&str, &Secret<String>)> = vec![("APP_INDEX", &value)];
        if i == 0 {
            vars.extend(hostile.iter().map(|(k, v)| (*k, v)));
        }
        run(client, dokku_config::builders::set(Some(app), vars, false)).await;
        let www = format!("www.{app}.example.com");
        run(
            client,
            dokku_domains::builders::set(Some(app), [format!("{app}.example.com").as_str(), www.as_str()]),
        )
        .await;
        run(client, dokku_ports::builders::set(app, &["http:80:5000".into(), "https:443:5000".into()])).await;
        run(client, dokku_ps::builders::scale(app, [("web", 2), ("worker", 1)])).await;
        run(client, dokku_ps::builders::set(Some(app), "stop-timeout-seconds", Some("20"))).await;
        run(client, dokku_checks::builders::set(Some(app), "wait-to-retire", Some("30"))).await;
        run(client, Command::dokku("checks:disable").args([app, "worker"])).await;
        run(client, dokku_nginx::builders::set(Some(app), "client-max-body-size", Some("20m"))).await;
        run(client, dokku_nginx::builders::set(Some(app), "proxy-buffers", Some("8 4k"))).await;
        run(client, dokku_nginx::builders::set(Some(app), "x-forwarded-port-value", Some("$server_port")))
            .await;
        let data = format!("{app}-data");
        run(client, dokku_storage::builders::ensure_directory(None, &data)).await;
        run(
            client,
            dokku_storage::builders::mount(app, &format!("/var/lib/dokku/data/storage/{data}:/data")),
        )
        .await;
        run(client, dokku_redirect::builders::set(app, &format!("old.{app}.example.com"), &www, 301)).await;
        run(client, dokku_letsencrypt::builders::set(Some(app), "server", Some("staging"))).await;
        if i == 0 {
            // A read-only mount of the same directory (one storage entry, two attachments), a
            // second redirect with another code and the app's own grace period.
            let read_only = format!("/var/lib/dokku/data/storage/{data}:/data-ro:ro");
            run(client, dokku_storage::builders::mount(app, &read_only)).await;
            run(client, dokku_redirect::builders::set(app, &format!("legacy.{app}.example.com"), &www, 308))
                .await;
            run(client, dokku_letsencrypt::builders::set(Some(app), "graceperiod", Some("86400"))).await;
        }
        run(client, dokku_network::builders::set(Some(app), "attach-post-deploy", ["backend-net"])).await;
        run(client, dokku_git::builders::set(Some(app), "keep-git-dir", Some("true"))).await;
        run(client, set_property(&dokku_builder::SPEC, Some(app), "build-dir", "services/api v2")).await;
        if i < 3 {
            for (spec, key, value) in APP_PROPERTIES {
                if property_exists(spec, key, version) {
                    run(client, set_property(spec, Some(app), key, value)).await;
                }
            }
            // Part 2's list plugins: buildpacks in order (one with credentials), docker-options
            // as a multiset (a duplicate, a value with spaces and `=`, secret `-e`/`--build-arg`
            // values, one process type), resource limits and reservations for two process types.
            for argv in [
                vec!["buildpacks:add", app, "https://github.com/heroku/heroku-buildpack-nodejs.git"],
                vec!["buildpacks:add", app, BUILDPACK_WITH_CREDENTIALS],
                vec!["buildpacks:add", app, "https://github.com/heroku/heroku-buildpack-ruby.git"],
                vec!["docker-options:add", app, "build", "--build-arg NPM_TOKEN=npm-e2e-secret"],
                vec!["docker-options:add", app, "deploy", "-e 'GREETING=hello e2e-secret world'"],
                vec!["docker-options:add", app, "deploy", "--ulimit nofile=12288:12288"],
                vec!["docker-options:add", app, "run", "--label com.example.note=a b=c"],
                vec!["docker-options:add", app, "run", "--label com.example.note=a b=c"],
                vec!["docker-options:add", "--process", "worker", app, "deploy", "--cpus 1"],
                vec!["resource:limit", "--memory", "512m", "--cpu", "1.5", "--process-type", "web", app],
                vec!["resource:reserve", "--memory", "256m", "--process-type", "worker", app],
            ] {
                // Process-scoped docker options arrived in 0.38.0.
                if argv.contains(&"--process") && *version < DokkuVersion::new(0, 38, 0) {
                    continue;
                }
                run(client, Command::dokku(argv[0]).args(argv[1..].iter().copied())).await;
            }
            // A stack of the app's own (the global one is set below, for every app's report).
            if i == 0 {
                run(client, dokku_buildpacks::builders::set_stack(Some(app), Some("heroku/builder:24")))
                    .await;
            }
            if *version >= LABELS_SINCE {
                use dokku_core::property_plugin::add_label_command;
                run(client, add_label_command(&dokku_caddy::SPEC, app, "caddy.tls", "internal")).await;
                run(
                    client,
                    add_label_command(
                        &dokku_traefik::SPEC,
                        app,
                        "traefik.http.middlewares.h.headers.customresponseheaders.X-A",
                        "b=c d",
                    ),
                )
                .await;
            }
        }
        if i % 3 == 0 {
            run(client, dokku_git::builders::set(Some(app), "deploy-branch", Some("release"))).await;
        }
        if i % 2 == 1 {
            run(client, dokku_maintenance::builders::enable(app)).await;
        }
        if i % 5 == 4 {
            run(client, dokku_apps::builders::lock(app)).await;
        }
        // Values the root file path reads for apps, proxy, git, network and nginx: a deploy lock
        // and source, an app's own proxy type, an unset (empty) rev-env-var, an app's own
        // bind-all-interfaces and access log (dated with `stat`).
        if i == 1 {
            run(client, dokku_apps::builders::lock(app)).await;
            run(client, dokku_apps::builders::set(Some(app), "deploy-source", Some("docker-image"))).await;
            run(client, dokku_proxy::builders::set_type(Some(app), "nginx")).await;
            run(client, dokku_git::builders::set(Some(app), "rev-env-var", None)).await;
            run(client, dokku_network::builders::set(Some(app), "bind-all-interfaces", ["true"])).await;
            let log = "/var/log/nginx/dokku-e2e-custom-access.log";
            run(client, dokku_nginx::builders::set(Some(app), "access-log-path", Some(log))).await;
        }
    }
    // The server-wide proxy type (a server-wide proxy port or a disabled proxy would make
    // apply's `ports` choose ports of its own).
    run(client, dokku_proxy::builders::set_type(None, "nginx")).await;
}

/// Server-wide values of the property plugins: spaces, `=`, commas, URLs with tokens, secrets.
const GLOBAL_PROPERTIES: &[(&dokku_core::property_plugin::PropertyPluginSpec, &str, &str)] = &[
    (&dokku_builder_dockerfile::SPEC, "dockerfile-path", "docker/Dockerfile global"),
    (&dokku_app_json::SPEC, "appjson-path", "deploy/app.global.json"),
    (&dokku_builds::SPEC, "retention", "15"),
    (&dokku_scheduler::SPEC, "shell", "/bin/sh"),
    (&dokku_scheduler_docker_local::SPEC, "parallel-schedule-count", "3"),
    (&dokku_logs::SPEC, "max-size", "50m"),
    (&dokku_logs::SPEC, "vector-sink", "http://?uri=https://logs.example.com/in&auth.token=tok%20en=1"),
    (&dokku_logs::SPEC, "vector-image", "timberio/vector:0.40.0-debian"),
    (&dokku_cron::SPEC, "mailto", "ops@example.com"),
    (&dokku_cron::SPEC, "mailfrom", "Dokku Cron <cron@example.com>"),
    (&dokku_registry::SPEC, "server", "registry.example.com"),
    (&dokku_registry::SPEC, "image-repo-template", "team/{{ .AppName }}"),
    (&dokku_caddy::SPEC, "letsencrypt-email", "caddy@example.com"),
    (&dokku_haproxy::SPEC, "log-level", "DEBUG"),
    (&dokku_traefik::SPEC, "basic-auth-username", "admin"),
    (&dokku_traefik::SPEC, "basic-auth-password", "tr@efik pass=w,2"),
    (&dokku_traefik::SPEC, "dns-provider", "cloudflare"),
    (&dokku_traefik::SPEC, "dns-provider-CF_DNS_API_TOKEN", "cf-token=secret"),
    (&dokku_openresty::SPEC, "log-level", "warn"),
    (&dokku_openresty::SPEC, "client-max-body-size", "10m"),
];

/// Values of the property plugins for the first apps.
const APP_PROPERTIES: &[(&dokku_core::property_plugin::PropertyPluginSpec, &str, &str)] = &[
    (&dokku_builder_herokuish::SPEC, "allowed", "false"),
    (&dokku_builder_nixpacks::SPEC, "nixpackstoml-path", "ci/nixpacks.toml"),
    (&dokku_builder_pack::SPEC, "projecttoml-path", "ci/project.toml"),
    (&dokku_builder_lambda::SPEC, "lambdayml-path", "lambda v2.yml"),
    (&dokku_builder_railpack::SPEC, "railpackjson-path", "railpack.json"),
    (&dokku_app_json::SPEC, "appjson-path", "app.json"),
    (&dokku_builds::SPEC, "retention", "5"),
    (&dokku_scheduler::SPEC, "selected", "docker-local"),
    (&dokku_scheduler_docker_local::SPEC, "init-process", "false"),
    (&dokku_logs::SPEC, "max-size", "unlimited"),
    (&dokku_logs::SPEC, "app-label-alias", "com.example.app"),
    (&dokku_logs::SPEC, "vector-sink", "datadog_logs://?api_key=dd-key"),
    (&dokku_cron::SPEC, "maintenance", "false"),
    (&dokku_registry::SPEC, "image-repo", "registry.example.com/team/app,v2"),
    (&dokku_registry::SPEC, "push-on-release", "true"),
    (&dokku_registry::SPEC, "push-extra-tags", "latest,stable"),
    (&dokku_caddy::SPEC, "tls-internal", "true"),
    (&dokku_openresty::SPEC, "proxy-buffers", "8 16k"),
    (&dokku_openresty::SPEC, "x-forwarded-port-value", "$server_port"),
];

/// The first version with `<proxy>:labels:*`.
const LABELS_SINCE: DokkuVersion = DokkuVersion::new(0, 37, 0);

/// Whether `version` has the plugin and the property (`dns-provider-<VAR>` counts as
/// `dns-provider`).
fn property_exists(
    spec: &dokku_core::property_plugin::PropertyPluginSpec,
    key: &str,
    version: &DokkuVersion,
) -> bool {
    if *version < spec.since {
        return false;
    }
    let base = spec
        .prefixed
        .iter()
        .find(|family| key.starts_with(family.prefix))
        .map_or(key, |family| family.prefix.trim_end_matches('-'));
    spec.properties
        .iter()
        .find(|property| property.key == base)
        .is_none_or(|property| property.exists_in(version))
}

/// `<plugin>:set` of one property (the builder the property plugin crates declare).
fn set_property(
    spec: &dokku_core::property_plugin::PropertyPluginSpec,
    app: Option<&str>,
    key: &str,
    value: &str,
) -> Command {
    dokku_core::property_plugin::set_command(spec, app, key, Some(value))
}

/// A fresh, valid public key.
pub fn public_key() -> String {
    let dir = tempfile::Builder::new().prefix("dkk").tempdir_in("/tmp").unwrap_or_else(|e| panic!("{e}"));
    let path = dir.path().join("k");
    let made = std::process::Command::new("ssh-keygen")
        .args(["-q", "-t", "ed25519", "-N", "", "-C", "deploy@example", "-f"])
        .arg(&path)
        .status();
    assert!(made.is_ok_and(|s| s.success()));
    std::fs::read_to_string(path.with_extension("pub")).unwrap_or_default().trim().to_owned()
}

/// The document with server-specific fields removed, as text. A plugin with no records and a
/// plugin the document leaves out mean the same (nothing to apply), so empty lists are dropped:
/// a document written before a plugin existed still compares equal.
pub fn comparable(text: &str) -> String {
    let mut value: serde_json::Value = serde_json::from_str(text).unwrap_or_default();
    if let Some(plugins) = value.as_object_mut() {
        plugins.retain(|_, records| records.as_array().is_none_or(|r| !r.is_empty()));
        for (key, records) in plugins.iter_mut() {
            for record in records.as_array_mut().into_iter().flatten() {
                if let Some(fields) = record.as_object_mut() {
                    fields.retain(|field, _| !SERVER_SPECIFIC.contains(&(key.as_str(), field.as_str())));
                }
            }
        }
    }
    serde_json::to_string_pretty(&value).unwrap_or_default()
}

/// Exports everything, as the document text and what the engine said.
pub async fn export_text(client: &Client) -> (String, Recorder) {
    export_text_reading(client, ReadFrom::Auto).await
}

/// [`export_text`], reading the server as `read` says.
pub async fn export_text_reading(client: &Client, read: ReadFrom) -> (String, Recorder) {
    let recorder = Recorder::default();
    let doc = export(client, &registered(), &ExportOptions { read, ..ExportOptions::default() }, &recorder)
        .await
        .unwrap_or_else(|e| panic!("export: {e}"));
    let text = to_text(&doc, 2);
    assert_valid_export(&text);
    (text, recorder)
}

/// Fails unless `text` is valid against the published schema (`dokkuctl schema`): every export
/// the tests produce goes through here.
pub fn assert_valid_export(text: &str) {
    let schema = document_schema(&registered()).unwrap_or_else(|e| panic!("schema: {e}"));
    let validator = jsonschema::draft202012::new(&schema).unwrap_or_else(|e| panic!("schema: {e}"));
    let document: serde_json::Value = serde_json::from_str(text).unwrap_or_else(|e| panic!("export: {e}"));
    let errors: Vec<String> =
        validator.iter_errors(&document).map(|e| format!("{}: {e}", e.instance_path())).collect();
    assert!(errors.is_empty(), "the export does not match the schema: {errors:#?}");
}

/// Where two documents first differ, with context.
pub fn first_difference(a: &str, b: &str) -> String {
    for (i, (x, y)) in a.lines().zip(b.lines()).enumerate() {
        if x != y {
            let from = i.saturating_sub(8);
            let context: Vec<&str> = a.lines().skip(from).take(10).collect();
            return format!("line {}: A {x:?} vs B {y:?}\ncontext (A):\n{}", i + 1, context.join("\n"));
        }
    }
    format!("lengths differ: {} vs {} lines", a.lines().count(), b.lines().count())
}
