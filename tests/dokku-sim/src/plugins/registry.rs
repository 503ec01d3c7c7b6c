//! The `registry` plugin (plugins/registry, Go): report, `registry:set`, `registry:login` and
//! `registry:logout`.
//!
//! `registry:login` runs `docker login --password-stdin` (with `DOCKER_CONFIG` set to the
//! app's `/var/lib/dokku/config/registry/<app>` for an app login). The simulated host answers as
//! a host whose docker accepts the credentials: Dokku then prints only its own `Login Succeeded
//! for …` warning (docker's output is captured, not shown), and the simulator records who
//! logged in where, never the password.

use std::collections::BTreeMap;
use std::io::Read;

use crate::command_property_set::{GoProperties, go_command_property_set, parse_go_set_args};
use crate::invocation::Invocation;
use crate::legacy_report::{LegacyLayout, Renderer, run_versioned_report, same};
use crate::output::Outcome;
use crate::pflag::parse_flags;
use crate::property_report::app_property;
use crate::report::{GoReportSpec, GoReportStyle, ReportValues, Subject};
use crate::state::RegistryLogin;
use crate::version::DokkuVersion;

/// `registry:report`.
const REPORT: GoReportSpec = GoReportSpec {
    plugin: "registry",
    report_type: "registry",
    style: GoReportStyle::LEGACY,
    json_since: DokkuVersion::new(0, 25, 0),
};

/// `registry:report` before 0.38.0 (plugins/registry/report.go at v0.33.9 and v0.35.20): no
/// app/computed image-repo-template or global/computed push-extra-tags.
const LEGACY: &[LegacyLayout] = &[LegacyLayout {
    until: DokkuVersion::new(0, 38, 0),
    renderer: Renderer::Go { trim_prefix: false, uppercase: true },
    fields: &[
        same("--registry-computed-image-repo"),
        same("--registry-image-repo"),
        same("--registry-computed-push-on-release"),
        same("--registry-global-push-on-release"),
        same("--registry-push-on-release"),
        same("--registry-computed-server"),
        same("--registry-global-server"),
        same("--registry-global-image-repo-template"),
        same("--registry-server"),
        same("--registry-tag-version"),
        same("--registry-push-extra-tags"),
    ],
    namespace: "registry",
}];

/// registry.go `DefaultProperties` / `GlobalProperties`.
const PROPERTIES: GoProperties = GoProperties {
    namespace: "registry",
    properties: &["image-repo", "image-repo-template", "push-extra-tags", "push-on-release", "server"],
    global_properties: &["image-repo-template", "push-extra-tags", "push-on-release", "server"],
};

/// Routes `registry:*`.
pub(crate) fn dispatch(inv: &mut Invocation<'_>, sub: &str, args: &[String]) -> Option<Outcome> {
    Some(match sub {
        "report" => run_versioned_report(inv, &REPORT, LEGACY, args, &report_values),
        "set" => parse_go_set_args(inv, "registry:set", args)
            .and_then(|call| go_command_property_set(inv, &PROPERTIES, &call)),
        "login" => login(inv, args),
        "logout" => logout(inv, args),
        _ => return None,
    })
}

/// Docker Hub's names, which both commands turn into `docker.io`.
fn canonical_server(server: &str) -> String {
    if server == "hub.docker.com" || server == "docker.com" {
        "docker.io".to_owned()
    } else {
        server.to_owned()
    }
}

/// src/subcommands `login` and subcommands.go `CommandLogin`:
/// `[--global] [--password-stdin] [<app>] <server> <username> [<password>]`. Without `--global`,
/// the global argument count is taken as a deprecated global login.
fn login(inv: &mut Invocation<'_>, args: &[String]) -> Outcome {
    let flags = parse_flags(inv, "registry:login", args, &["password-stdin", "global"], &[])?;
    let from_stdin = flags.has("password-stdin");
    let (global_count, per_app_count) = if from_stdin { (2, 3) } else { (3, 4) };
    let count = flags.positionals.len();
    let (mut app, mut server, mut username, mut password) = Default::default();
    let offset = if flags.has("global") {
        Some(0)
    } else if count == global_count {
        inv.out.warn("Deprecated: please use --global flag for global registry login");
        Some(0)
    } else if count >= per_app_count {
        app = flags.arg(0);
        Some(1)
    } else {
        None
    };
    if let Some(offset) = offset {
        server = flags.arg(offset);
        username = flags.arg(offset + 1);
        if !from_stdin {
            password = flags.arg(offset + 2);
        }
    }
    if from_stdin {
        let mut input = String::new();
        let _ = std::io::stdin().read_to_string(&mut input);
        password = input.trim().to_owned();
    }
    if server.is_empty() {
        return Err(inv.out.fail("Missing server argument"));
    }
    if username.is_empty() {
        return Err(inv.out.fail("Missing username argument"));
    }
    if password.is_empty() {
        return Err(inv.out.fail("Missing password argument"));
    }
    let server = canonical_server(&server);
    if !app.is_empty() {
        super::verify_app_go(inv, &app)?;
    }
    inv.state.registry_logins.retain(|login| !(login.app == app && login.server == server));
    inv.state.registry_logins.push(RegistryLogin { app: app.clone(), server, username, password });
    if app.is_empty() {
        inv.out.warn("Login Succeeded for global registry");
    } else {
        inv.out.warn(&format!("Login Succeeded for {app}"));
    }
    Ok(())
}

/// src/subcommands `logout` and `CommandLogout`: `[--global] <server>` or `<app> <server>`; an
/// app without a registry config directory (no login ever) is refused. `docker logout` of a
/// server without credentials succeeds, so only the record goes.
fn logout(inv: &mut Invocation<'_>, args: &[String]) -> Outcome {
    let flags = parse_flags(inv, "registry:logout", args, &["global"], &[])?;
    let (app, server) = if flags.has("global") || flags.positionals.len() == 1 {
        (String::new(), flags.arg(0))
    } else {
        (flags.arg(0), flags.arg(1))
    };
    if server.is_empty() {
        return Err(inv.out.fail("Missing server argument"));
    }
    let server = canonical_server(&server);
    if !app.is_empty() {
        super::verify_app_go(inv, &app)?;
        if !inv.state.registry_logins.iter().any(|login| login.app == app) {
            return Err(inv.out.fail(&format!("No registry credentials found for app {app}")));
        }
    }
    inv.state.registry_logins.retain(|login| !(login.app == app && login.server == server));
    Ok(())
}

/// functions.go `getRegistryServerForApp`: app or global server, trimmed, without a trailing
/// `/`, empty for Docker Hub, else with one `/` appended.
fn computed_server(inv: &Invocation<'_>, subject: Subject<'_>) -> String {
    let own = match subject {
        Subject::App(app) => app_property(inv, app, "registry", "server"),
        Subject::Global => inv.state.global_property("registry", "server"),
    };
    let value = if own.is_empty() { inv.state.global_property("registry", "server") } else { own };
    let value = value.trim();
    let value = value.strip_suffix('/').unwrap_or(value);
    if value.is_empty() || value == "hub.docker.com" || value == "docker.io" {
        return String::new();
    }
    format!("{value}/")
}

/// functions.go `getImageRepoFromTemplate`: the app or global `image-repo-template` executed as
/// a Go template with `.AppName`. Only `{{ .AppName }}` actions (any inner spacing) are
/// modelled; other template syntax is left as written.
fn image_repo_from_template(template: &str, app: &str) -> String {
    let mut rendered = String::new();
    let mut rest = template;
    while let Some(start) = rest.find("{{") {
        let Some(length) = rest[start..].find("}}") else {
            break;
        };
        let action = &rest[start + 2..start + length];
        rendered.push_str(&rest[..start]);
        if action.trim() == ".AppName" {
            rendered.push_str(app);
        } else {
            rendered.push_str(&rest[start..start + length + 2]);
        }
        rest = &rest[start + length + 2..];
    }
    rendered.push_str(rest);
    rendered.trim().to_owned()
}

/// report.go `ReportSingleApp`.
fn report_values(inv: &Invocation<'_>, subject: Subject<'_>) -> ReportValues {
    let mut values = ReportValues::default();
    let global = |key: &str| inv.state.global_property("registry", key);
    let own = |key: &str| match subject {
        Subject::App(app) => app_property(inv, app, "registry", key),
        Subject::Global => global(key),
    };
    let first_set = |own: String, global: String, default: &str| {
        let own = own.trim().to_owned();
        if !own.is_empty() {
            own
        } else if !global.is_empty() {
            global
        } else {
            default.to_owned()
        }
    };
    let template = first_set(own("image-repo-template"), global("image-repo-template"), "");
    let push_on_release = own("push-on-release");
    values.set(
        "--registry-computed-push-on-release",
        first_set(push_on_release, global("push-on-release"), "false"),
    );
    values.set("--registry-computed-server", computed_server(inv, subject));
    values.set("--registry-computed-image-repo-template", template.clone());
    values.set(
        "--registry-computed-push-extra-tags",
        first_set(own("push-extra-tags"), global("push-extra-tags"), ""),
    );
    for key in ["push-on-release", "server", "image-repo-template", "push-extra-tags"] {
        values.set(&format!("--registry-global-{key}"), global(key));
    }
    if let Subject::App(app) = subject {
        let image_repo = own("image-repo");
        let mut computed = image_repo.trim().to_owned();
        if computed.is_empty() && !template.is_empty() {
            computed = image_repo_from_template(&template, app);
        }
        if computed.is_empty() {
            // common.GetAppImageRepo
            computed = format!("dokku/{app}");
        }
        values.set("--registry-computed-image-repo", computed);
        values.set("--registry-image-repo", image_repo);
        for key in ["push-on-release", "server", "image-repo-template", "push-extra-tags"] {
            values.set(&format!("--registry-{key}"), own(key));
        }
        values.set("--registry-tag-version", own("tag-version").trim().to_owned());
    }
    values
}

/// The docker configs `registry:login` leaves, by real path: the dokku user's
/// (`~/.docker/config.json`) for global logins, `/var/lib/dokku/config/registry/<app>/config.json`
/// for an app's. Docker saves them with Go's `json.MarshalIndent(…, "", "\t")` (keys sorted, no
/// trailing newline), each login as `auth`: base64 of `user:password`, Docker Hub under its
/// index URL.
pub(crate) fn docker_configs(logins: &[RegistryLogin]) -> BTreeMap<String, String> {
    use base64::Engine;
    let mut by_path: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
    for login in logins {
        let path = if login.app.is_empty() {
            format!("{}/.docker/config.json", crate::server_files::DOKKU_ROOT)
        } else if login.app.contains('/') {
            continue;
        } else {
            format!("{}/config/registry/{}/config.json", crate::server_files::DOKKU_LIB_ROOT, login.app)
        };
        let key =
            if login.server == "docker.io" { "https://index.docker.io/v1/" } else { login.server.as_str() };
        let auth = base64::engine::general_purpose::STANDARD
            .encode(format!("{}:{}", login.username, login.password));
        by_path.entry(path).or_default().insert(key.to_owned(), auth);
    }
    by_path
        .into_iter()
        .map(|(path, auths)| {
            let entries: Vec<String> = auths
                .iter()
                .map(|(key, auth)| {
                    format!("\t\t{}: {{\n\t\t\t\"auth\": \"{auth}\"\n\t\t}}", crate::go_json::go_string(key))
                })
                .collect();
            (path, format!("{{\n\t\"auths\": {{\n{}\n\t}}\n}}", entries.join(",\n")))
        })
        .collect()
}
