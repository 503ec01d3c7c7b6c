//! The mutating commands of the official plugins beyond the core ones, as a tool applying an
//! exported state would send them, checked against what Dokku 0.38.27's source does with them.

mod support;

use support::{Server, said};

fn server_with_app() -> Server {
    let server = Server::new();
    server.ok(&["apps:create", "a1"]);
    server
}

/// plugins/buildpacks: `add` appends or inserts before `--index`, `set` replaces at `--index`
/// (the first by default), `set --replace` writes the whole ordered list, `remove` takes a URL
/// or an index, `clear` empties; `owner/name` is a heroku-buildpack URL.
#[test]
fn buildpacks_keep_their_order() {
    let server = server_with_app();
    server.ok(&["buildpacks:add", "a1", "https://github.com/heroku/heroku-buildpack-nodejs.git"]);
    server.ok(&["buildpacks:add", "a1", "heroku/python"]);
    server.ok(&[
        "buildpacks:add",
        "--index",
        "1",
        "a1",
        "https://github.com/heroku/heroku-buildpack-apt.git",
    ]);
    assert_eq!(
        server.ok(&["buildpacks:report", "a1", "--buildpacks-list"]),
        "https://github.com/heroku/heroku-buildpack-apt.git,https://github.com/heroku/heroku-buildpack-nodejs.git,https://github.com/heroku/heroku-buildpack-python.git\n"
    );
    server.ok(&["buildpacks:set", "--index", "2", "a1", "heroku-community/ruby"]);
    assert_eq!(
        server.ok(&["buildpacks:list", "a1"]),
        "-----> a1 buildpack urls\n       https://github.com/heroku/heroku-buildpack-apt.git\n       https://github.com/heroku/heroku-buildpack-ruby.git\n       https://github.com/heroku/heroku-buildpack-python.git\n"
    );
    assert_eq!(
        server.ok(&["buildpacks:remove", "a1", "--index", "1"]),
        "-----> Removing https://github.com/heroku/heroku-buildpack-apt.git\n"
    );
    server.ok(&["buildpacks:remove", "a1", "heroku/python"]);
    assert_eq!(
        server.ok(&["buildpacks:report", "a1", "--buildpacks-list"]),
        "https://github.com/heroku/heroku-buildpack-ruby.git\n"
    );
    let multiple = server.dokku(&[], &["buildpacks:set", "a1", "heroku/go", "heroku/php"], None);
    assert_eq!(said(&multiple).1, " !     Setting multiple buildpacks requires the --replace flag\n");
    server.ok(&["buildpacks:set", "--replace", "a1", "heroku/go", "https://example.test/org/pack.git"]);
    assert_eq!(
        server.ok(&["buildpacks:report", "a1", "--buildpacks-list"]),
        "https://github.com/heroku/heroku-buildpack-go.git,https://example.test/org/pack.git\n"
    );
    let invalid = server.dokku(&[], &["buildpacks:add", "a1", "not a url"], None);
    assert_eq!(
        said(&invalid),
        (String::new(), " !     Invalid buildpack specified: not a url\n".to_owned(), Some(1))
    );
    server.ok(&["buildpacks:clear", "a1"]);
    assert_eq!(server.ok(&["buildpacks:list", "a1"]), "-----> a1 buildpack urls\n");
    let empty = server.dokku(&[], &["buildpacks:remove", "a1", "heroku/go"], None);
    assert_eq!(
        said(&empty).1,
        " !     No buildpacks were found, next release on a1 will detect buildpack normally\n"
    );
}

/// plugins/docker-options: options are split into one entry per flag, re-quoted, kept sorted
/// with duplicates; `remove` drops every equal entry (compared word by word).
#[test]
fn docker_options_are_a_sorted_multiset_of_canonical_options() {
    let server = server_with_app();
    server.ok(&["docker-options:add", "a1", "deploy", "--ulimit nofile=12288:12288"]);
    server.ok(&["docker-options:add", "a1", "deploy", "--ulimit", "nofile=12288:12288"]);
    server.ok(&[
        "docker-options:add",
        "a1",
        "deploy,run",
        "-e",
        "\"GREETING=hello world\"",
        "--label",
        "a=b",
    ]);
    server.ok(&["docker-options:add", "a1", "run", "-e 'Q=it'\\''s'"]);
    assert_eq!(
        server.ok(&["docker-options:list", "a1", "--phase", "deploy"]),
        "--label a=b\n--ulimit nofile=12288:12288\n--ulimit nofile=12288:12288\n-e 'GREETING=hello world'\n"
    );
    assert_eq!(
        server.ok(&["docker-options:list", "a1", "--phase", "run"]),
        "--label a=b\n-e 'GREETING=hello world'\n-e 'Q=it'\\''s'\n"
    );
    server.ok(&["docker-options:remove", "a1", "deploy", "--ulimit", "'nofile=12288:12288'"]);
    server.ok(&["docker-options:remove", "a1", "run", "-e", "\"Q=it's\""]);
    assert_eq!(
        server.ok(&["docker-options:report", "a1", "--format", "json"]),
        "{\"build\":\"\",\"build-list\":[],\"deploy\":\"--label a=b -e 'GREETING=hello world'\",\"deploy-list\":[\"--label a=b\",\"-e 'GREETING=hello world'\"],\"docker-options-build\":\"\",\"docker-options-deploy\":\"--label a=b -e 'GREETING=hello world'\",\"docker-options-run\":\"--label a=b -e 'GREETING=hello world'\",\"run\":\"--label a=b -e 'GREETING=hello world'\",\"run-list\":[\"--label a=b\",\"-e 'GREETING=hello world'\"]}\n"
    );
    assert_eq!(
        server.ok(&["docker-options:clear", "a1", "run"]),
        "-----> Clearing docker-options for a1 on phase run\n"
    );
    assert_eq!(server.ok(&["docker-options:list", "a1", "--phase", "run"]), "");
    let bad_phase = server.dokku(&[], &["docker-options:add", "a1", "boot", "--cpus 1"], None);
    assert_eq!(said(&bad_phase).1, " !     Phase(s) must be one of [build deploy run]\n");
    let unbalanced = server.dokku(&[], &["docker-options:add", "a1", "run", "-e", "'A"], None);
    assert_eq!(
        said(&unbalanced).1,
        " !     Unable to parse docker option: 1:4: reached EOF without closing quote '\n"
    );
}

/// `--process` scopes options to a process type in the deploy phase, before the app or inside
/// the option words; the report grows a `deploy.<type>` key per scoped type.
#[test]
fn docker_options_scope_to_process_types() {
    let server = server_with_app();
    server.ok(&["docker-options:add", "--process", "worker", "a1", "deploy", "--cpus 0.5"]);
    server.ok(&["docker-options:add", "a1", "deploy", "--memory 1g --process web"]);
    assert_eq!(server.ok(&["docker-options:list", "a1", "--phase", "deploy"]), "");
    assert_eq!(
        server.ok(&["docker-options:list", "a1", "--phase", "deploy", "--process", "worker"]),
        "--cpus 0.5\n"
    );
    assert_eq!(server.ok(&["docker-options:report", "a1", "--docker-options-deploy.web"]), "--memory 1g\n");
    let run_scoped =
        server.dokku(&[], &["docker-options:add", "--process", "worker", "a1", "run", "--cpus 1"], None);
    assert_eq!(said(&run_scoped).1, " !     --process is only supported for the deploy phase, got \"run\"\n");
    assert_eq!(
        server.ok(&["docker-options:clear", "--process", "worker", "a1"]),
        "-----> Clearing docker-options for a1 on phase deploy for process worker\n"
    );
    // Removing the last option leaves an empty list, which still names the process type.
    server.ok(&["docker-options:remove", "--process", "web", "a1", "deploy", "--memory 1g"]);
    let report = server.ok(&["docker-options:report", "a1"]);
    assert!(report.contains("Docker options deploy web:"), "{report}");
    assert!(!report.contains("worker"), "{report}");
}

/// plugins/resource: pflag parses flags anywhere, so values after the app count (as the capture
/// `resource__limit__app-before-flags` shows: Dokku printed `memory: 1g`); `limit-clear`
/// without `--process-type` deletes every resource property, reservations included.
#[test]
fn resource_limits_and_reservations() {
    let server = server_with_app();
    server.ok(&["resource:limit", "--cpu", "1.5", "--memory", "512m", "a1"]);
    assert_eq!(
        server.ok(&["resource:limit", "a1", "--memory", "1g"]),
        "=====> Setting resource limits for a1\n       memory: 1g\n"
    );
    server.ok(&["resource:reserve", "--process-type", "worker", "--memory", "128m", "a1"]);
    assert_eq!(
        server.ok(&["resource:report", "a1", "--format", "json"]),
        "{\"_default_.limit.cpu\":\"1.5\",\"_default_.limit.memory\":\"1g\",\"resource-_default_.limit.cpu\":\"1.5\",\"resource-_default_.limit.memory\":\"1g\",\"resource-worker.reserve.memory\":\"128m\",\"worker.reserve.memory\":\"128m\"}\n"
    );
    assert_eq!(
        server.ok(&["resource:limit", "--cpu", "clear", "a1"]),
        "=====> Setting resource limits for a1\n       cpu: cleared\n"
    );
    assert_eq!(
        server.ok(&["resource:limit", "a1"]),
        "=====> resource limits a1 information [defaults]\n       cpu: \n       memory: 1g\n       memory-swap: \n       network: \n       network-ingress: \n       network-egress: \n       nvidia-gpu: \n"
    );
    assert_eq!(
        server.ok(&["resource:reserve-clear", "--process-type", "worker", "a1"]),
        "=====> clearing a1 reservation (worker)\n"
    );
    server.ok(&["resource:reserve", "--process-type", "worker", "--memory", "128m", "a1"]);
    assert_eq!(server.ok(&["resource:limit-clear", "a1"]), "=====> clearing a1 limits\n");
    assert_eq!(server.ok(&["resource:report", "a1", "--format", "json"]), "{}\n");
}

/// plugins/proxy/command-functions: labels are `NAME=VALUE` lines, one per name, sorted.
#[test]
fn proxy_labels_replace_by_name() {
    let server = server_with_app();
    server.ok(&["traefik:labels:add", "a1", "traefik.http.routers.a1.rule", "Host(`a1.example.test`)"]);
    server.ok(&["traefik:labels:add", "a1", "a.first", "x=y z"]);
    server.ok(&["traefik:labels:add", "a1", "a.first", "replaced"]);
    assert_eq!(
        server.ok(&["traefik:labels:show", "a1"]),
        "=====> a1 traefik labels\n       a.first=replaced\n       traefik.http.routers.a1.rule=Host(`a1.example.test`)\n"
    );
    assert_eq!(server.ok(&["traefik:labels:show", "a1", "a.first"]), "replaced\n");
    assert_eq!(server.ok(&["traefik:labels:show", "a1", "missing"]), "\n");
    server.ok(&["traefik:labels:remove", "a1", "a.first"]);
    server.ok(&["traefik:labels:remove", "a1", "traefik.http.routers.a1.rule"]);
    let empty = server.dokku(&[], &["traefik:labels:show", "a1"], None);
    assert_eq!(said(&empty), (String::new(), " !     No traefik labels set for a1\n".to_owned(), Some(0)));
    let no_value = server.dokku(&[], &["caddy:labels:add", "a1", "caddy"], None);
    assert_eq!(said(&no_value).1, " !     Please specify a value for the container label\n");
}

/// Go `common.CommandPropertySet` and the bash `set` scripts refuse differently.
#[test]
fn set_refusals_follow_each_plugin() {
    let server = server_with_app();
    let global_unknown = server.dokku(&[], &["builder:set", "--global", "no-such-key", "x"], None);
    assert_eq!(said(&global_unknown).1, " !     Property cannot be specified globally\n");
    let unknown = server.dokku(&[], &["builder:set", "a1", "no-such-key", "x"], None);
    assert_eq!(
        said(&unknown).1,
        " !     Invalid property specified, valid properties include: build-dir, detected, selected, skip-cleanup\n"
    );
    let global_only = server.dokku(&[], &["caddy:set", "a1", "log-level", "debug"], None);
    assert_eq!(said(&global_only).1, " !     The key 'log-level' can only be set globally\n");
    let provider = server.dokku(&[], &["traefik:set", "a1", "dns-provider-TOKEN", "x"], None);
    assert_eq!(said(&provider).1, " !     The key 'dns-provider-TOKEN' can only be set globally\n");
    let bad_name = server.dokku(&[], &["builds:set", "Bad_App", "retention", "3"], None);
    assert_eq!(
        said(&bad_name),
        (
            String::new(),
            " !     App name must begin with lowercase alphanumeric character, and may only contain lowercase alphanumerics, dots, and hyphens\n".to_owned(),
            Some(1)
        )
    );
    let retention = server.dokku(&[], &["builds:set", "a1", "retention", "0"], None);
    assert_eq!(said(&retention).1, " !     Invalid retention 0: must be >= 1\n");
    // One value word: the rest is ignored; no value unsets.
    assert_eq!(
        server.ok(&["openresty:set", "a1", "proxy-buffers", "16", "16k"]),
        "=====> Setting proxy-buffers to 16\n"
    );
    assert_eq!(server.ok(&["openresty:set", "a1", "proxy-buffers"]), "=====> Unsetting proxy-buffers\n");
    assert_eq!(server.ok(&["openresty:report", "a1", "--openresty-computed-proxy-buffers"]), "8 4k\n");
}

/// plugins/registry `registry:login`: the password comes from stdin with `--password-stdin`;
/// the simulated docker accepts it and Dokku's own line is a warning on stderr.
#[test]
fn registry_login_records_who_logged_in() {
    let server = server_with_app();
    let app_login = server.dokku(
        &[],
        &["registry:login", "--password-stdin", "a1", "registry.example.test", "bot"],
        Some("s3cret\n"),
    );
    assert_eq!(said(&app_login), (String::new(), " !     Login Succeeded for a1\n".to_owned(), Some(0)));
    let global_login = server.dokku(
        &[],
        &["registry:login", "--global", "--password-stdin", "hub.docker.com", "bot"],
        Some("s3cret"),
    );
    assert_eq!(said(&global_login).1, " !     Login Succeeded for global registry\n");
    let state = std::fs::read_to_string(server.root().join("state.json")).unwrap();
    assert!(state.contains("\"server\": \"docker.io\""), "{state}");
    // Only docker's config files hold the password (base64 of `bot:s3cret`), as on a server.
    let app_config = server.root().join("fs/var/lib/dokku/config/registry/a1/config.json");
    let app_config = std::fs::read_to_string(app_config).unwrap();
    assert_eq!(
        app_config,
        "{\n\t\"auths\": {\n\t\t\"registry.example.test\": {\n\t\t\t\"auth\": \"Ym90OnMzY3JldA==\"\n\t\t}\n\t}\n}"
    );
    let global_config =
        std::fs::read_to_string(server.root().join("fs/home/dokku/.docker/config.json")).unwrap();
    assert!(global_config.contains("\"https://index.docker.io/v1/\""), "{global_config}");
    let no_password =
        server.dokku(&[], &["registry:login", "--password-stdin", "a1", "r.example.test", "bot"], None);
    assert_eq!(said(&no_password), (String::new(), " !     Missing password argument\n".to_owned(), Some(1)));
    server.ok(&["registry:logout", "a1", "registry.example.test"]);
}

/// plugins/certs: a tar on stdin with one `.crt` and one `.key`; ports' post-certs-update adds
/// `https:443` beside `http:80`, post-certs-remove takes it away.
#[test]
fn certs_add_show_remove() {
    let server = server_with_app();
    server.ok(&["ports:set", "a1", "http:80:5000"]);
    let archive = ustar(&[("./server.crt", "CERTIFICATE\n"), ("./server.key", "KEY\n")]);
    let added = server.dokku(&[], &["certs:add", "a1"], Some(&archive));
    assert_eq!(said(&added).2, Some(0), "{:?}", said(&added));
    assert_eq!(server.ok(&["certs:show", "a1", "key"]), "KEY\n");
    assert_eq!(server.ok(&["certs:report", "a1", "--ssl-enabled"]), "true\n");
    assert_eq!(server.ok(&["ports:report", "a1", "--ports-map"]), "http:80:5000 https:443:5000\n");
    let no_crt = server.dokku(&[], &["certs:add", "a1"], Some(""));
    assert_eq!(said(&no_crt).1, " !     Tar archive is missing .crt file\n");
    let removed = server.ok(&["certs:remove", "a1"]);
    assert!(removed.starts_with("-----> Removing SSL endpoint from a1\n"), "{removed}");
    assert_eq!(server.ok(&["ports:report", "a1", "--ports-map"]), "http:80:5000\n");
    let shown = server.dokku(&[], &["certs:show", "a1", "crt"], None);
    assert_eq!(said(&shown).1, " !     a1 doesn't have an SSL endpoint defined\n");
}

/// A ustar archive of text files, as `tar -c` writes one (mode 0644, mtime 0).
fn ustar(files: &[(&str, &str)]) -> String {
    let mut archive = String::new();
    for (name, contents) in files {
        let mut header = vec![0u8; 512];
        let mut put =
            |offset: usize, text: &str| header[offset..offset + text.len()].copy_from_slice(text.as_bytes());
        put(0, name);
        put(100, "0000644\0");
        put(108, "0000000\0");
        put(116, "0000000\0");
        put(124, &format!("{:011o}\0", contents.len()));
        put(136, "00000000000\0");
        put(148, "        ");
        put(156, "0");
        put(257, "ustar\0");
        put(263, "00");
        let checksum: u32 = header.iter().map(|byte| u32::from(*byte)).sum();
        header[148..156].copy_from_slice(format!("{checksum:06o}\0 ").as_bytes());
        archive.push_str(&String::from_utf8(header).unwrap());
        archive.push_str(contents);
        archive.push_str(&"\0".repeat((512 - contents.len() % 512) % 512));
    }
    archive.push_str(&"\0".repeat(1024));
    archive
}

/// Credentials stay out of text reports: traefik masks `basic-auth-password` and
/// `dns-provider-*` (`maskedReportFunc`), logs shows a sink as `<type>://redacted`
/// (`redactedSink`); JSON and the flag asked for by name show the value.
#[test]
fn secrets_are_masked_in_text_reports_only() {
    let server = server_with_app();
    server.ok(&["traefik:set", "--global", "basic-auth-password", "pw"]);
    server.ok(&["traefik:set", "--global", "dns-provider-API_KEY", "k"]);
    let text = server.ok(&["traefik:report", "--global"]);
    let line =
        |label: &str| text.lines().find(|line| line.trim_start().starts_with(label)).unwrap_or_default();
    assert!(line("Traefik global basic auth password:").ends_with(" *******"), "{text}");
    assert!(line("Traefik computed basic auth password:").ends_with(" *******"), "{text}");
    assert!(line("Traefik global dns provider API_KEY:").ends_with(" *******"), "{text}");
    assert_eq!(server.ok(&["traefik:report", "a1", "--traefik-global-dns-provider-API_KEY"]), "k\n");
    assert_eq!(server.ok(&["traefik:report", "a1", "--traefik-computed-basic-auth-password"]), "pw\n");
    let json = server.ok(&["traefik:report", "a1", "--format", "json"]);
    assert!(json.contains("\"global-basic-auth-password\":\"pw\""), "{json}");

    server.ok(&["logs:set", "a1", "vector-sink", "datadog_logs://?default_api_key=abc"]);
    assert_eq!(
        server.ok(&["logs:report", "a1", "--logs-vector-sink"]),
        "datadog_logs://?default_api_key=abc\n"
    );
    assert_eq!(server.ok(&["logs:report", "a1", "--logs-computed-vector-sink"]), "datadog_logs://redacted\n");
    let refused = server.dokku(&[], &["logs:set", "a1", "vector-sink", "http://?sinks=x"], None);
    assert_eq!(said(&refused).1, " !     Invalid option sinks\n");
}

/// The one-setting builder plugins (bash `set`, Go report): app, global and computed values.
#[test]
fn builder_plugin_settings_fall_back_to_global_then_default() {
    let server = server_with_app();
    assert_eq!(
        server.ok(&["builder-pack:report", "a1", "--builder-pack-computed-projecttoml-path"]),
        "project.toml\n"
    );
    server.ok(&["pack:set", "--global", "projecttoml-path", "ci/project.toml"]);
    assert_eq!(
        server.ok(&["builder-pack:report", "a1", "--builder-pack-computed-projecttoml-path"]),
        "ci/project.toml\n"
    );
    server.ok(&["builder-pack:set", "a1", "projecttoml-path", "app/project.toml"]);
    assert_eq!(
        server.ok(&["builder-pack:report", "a1", "--format", "json"]),
        "{\"computed-projecttoml-path\":\"app/project.toml\",\"global-projecttoml-path\":\"ci/project.toml\",\"projecttoml-path\":\"app/project.toml\"}\n"
    );
    let missing = server.dokku(&[], &["builder-pack:set", "nope", "projecttoml-path", "x"], None);
    assert_eq!(said(&missing), (String::new(), " !     App nope does not exist\n".to_owned(), Some(20)));
    let unknown = server.dokku(&[], &["builder-pack:set", "a1", "path", "x"], None);
    assert_eq!(said(&unknown).1, " !     Invalid key specified, valid keys include: projecttoml-path\n");
}
