//! The official service plugins' shared template (`common-functions` and `subcommands/*`, the
//! same in dokku-postgres 1.48.0, dokku-redis 1.43.0, dokku-mysql 1.44.3, dokku-mariadb 1.45.2,
//! dokku-mongo 1.40.6, dokku-elasticsearch 1.40.3 and dokku-rabbitmq 1.40.5), driven by one
//! table per type ([`super::service_types`]). The commands exist once the plugin is installed.
//!
//! The simulated host has no Docker engine. The docker stand-in's conventions for service
//! containers (documented in the README): every image is present (nothing is pulled), a
//! container's id is the SHA-256 of `<type>/<name>/<n>` (the n-th container of the service),
//! a running container on the default bridge has the lowest free `172.17.0.<2..>` address (none
//! when created on an `--initial-network`, and none while stopped, as docker clears it), its
//! status is `running`, `exited` after `:pause`, `missing` once removed, and networks are not
//! checked. The plugins' `grep`s over `config:show` match literally (the real ones are regular
//! expressions, which for the URLs involved differ only in what `.` may match).

use std::io::IsTerminal;

use sha2::Digest;

use super::service_args::{self, ServiceArgs};
use super::service_types::{self, ServiceType};
use super::verify_app_bash;
use crate::invocation::Invocation;
use crate::output::{Failure, Outcome};
use crate::server_files::DOKKU_LIB_ROOT;
use crate::service_dump::{self, DEFAULT_DUMP_BYTES, SyntheticDump};
use crate::service_state::{Container, DataIdentity, Service};

/// `service_alternative_alias`'s colours, in order.
const COLORS: &[&str] = &[
    "AQUA", "BLACK", "BLUE", "FUCHSIA", "GRAY", "GREEN", "LIME", "MAROON", "NAVY", "OLIVE", "PURPLE", "RED",
    "SILVER", "TEAL", "WHITE", "YELLOW",
];

/// `:set`'s `VALID_KEYS`.
const NETWORK_KEYS: &[&str] = &["initial-network", "post-create-network", "post-start-network"];

/// `which dokku` on a Dokku host, as the backup cron line names it.
const DOKKU_BIN: &str = "/usr/bin/dokku";

/// Routes `<type>:*` for an installed service plugin.
pub(crate) fn dispatch(
    inv: &mut Invocation<'_>,
    namespace: &str,
    sub: &str,
    args: &[String],
) -> Option<Outcome> {
    let ty = installed_type(inv, namespace)?;
    Some(match sub {
        "create" => create(inv, ty, args),
        "info" => info_command(inv, ty, args),
        "list" => list(inv, ty),
        "exists" => exists(inv, ty, args),
        "links" => links(inv, ty, args),
        "linked" => linked(inv, ty, args),
        "app-links" => app_links(inv, ty, args),
        "link" => link(inv, ty, args),
        "unlink" => unlink(inv, ty, args),
        "promote" => promote(inv, ty, args),
        "expose" => expose(inv, ty, args),
        "unexpose" => unexpose(inv, ty, args),
        "set" => set(inv, ty, args),
        "destroy" => destroy(inv, ty, args),
        "upgrade" => upgrade(inv, ty, args),
        "start" => start_command(inv, ty, args),
        "stop" => stop_command(inv, ty, args),
        "pause" => pause_command(inv, ty, args),
        "restart" => restart_command(inv, ty, args),
        "export" => export(inv, ty, args),
        "import" => import(inv, ty, args),
        "backup-auth" => backup_auth(inv, ty, args),
        "backup-deauth" => backup_deauth(inv, ty, args),
        "backup-schedule" => backup_schedule(inv, ty, args),
        "backup-schedule-cat" => backup_schedule_cat(inv, ty, args),
        "backup-unschedule" => backup_unschedule(inv, ty, args),
        "backup-set-encryption" => backup_set_file(inv, ty, sub, args, "ENCRYPTION_KEY"),
        "backup-set-public-key-encryption" => {
            backup_set_file(inv, ty, sub, args, "ENCRYPT_WITH_PUBLIC_KEY_ID")
        }
        "backup-unset-encryption" => backup_unset_file(inv, ty, sub, args, "ENCRYPTION_KEY"),
        "backup-unset-public-key-encryption" => {
            backup_unset_file(inv, ty, sub, args, "ENCRYPT_WITH_PUBLIC_KEY_ID")
        }
        _ => return None,
    })
}

/// The type of an enabled, installed plugin whose command prefix is `namespace`.
fn installed_type(inv: &Invocation<'_>, namespace: &str) -> Option<&'static ServiceType> {
    inv.state
        .plugins
        .iter()
        .filter(|(_, plugin)| plugin.enabled)
        .filter_map(|(name, plugin)| service_types::of_plugin(name, &plugin.source_url))
        .find(|ty| ty.prefix == namespace)
}

/// `$PLUGIN_DATA_ROOT/<name>`.
pub(crate) fn service_root(ty: &ServiceType, name: &str) -> String {
    format!("{DOKKU_LIB_ROOT}/services/{}/{name}", ty.prefix)
}

/// `get_service_name`: the container's name.
fn container_name(ty: &ServiceType, name: &str) -> String {
    format!("dokku.{}.{name}", ty.prefix)
}

/// `service_dns_hostname`: the container name with `.` and `_` as `-`.
fn dns_hostname(ty: &ServiceType, name: &str) -> String {
    container_name(ty, name).replace(['.', '_'], "-")
}

/// `service_url` with `scheme`.
fn service_url(ty: &ServiceType, name: &str, service: &Service, scheme: &str) -> String {
    ty.dsn
        .replace("{scheme}", scheme)
        .replace("{password}", service.password.as_deref().unwrap_or(""))
        .replace("{host}", &dns_hostname(ty, name))
        .replace("{port}", ty.ports[0])
        .replace("{database}", &service.database_name)
        .replace("{service}", name)
}

/// `update_plugin_scheme_for_app`: `<VARIABLE>_DATABASE_SCHEME` of the app, else the type's.
fn scheme_for_app(inv: &Invocation<'_>, ty: &ServiceType, app: &str) -> String {
    let key = format!("{}_DATABASE_SCHEME", ty.variable);
    let own = inv.state.apps.get(app).and_then(|a| a.config.get(&key)).cloned().unwrap_or_default();
    if own.is_empty() { ty.scheme.to_owned() } else { own }
}

/// The lines of `config_all <app>` (`config:show`): the header and one `KEY:  value` per
/// variable, which the plugins `grep`.
fn config_lines(inv: &Invocation<'_>, app: &str) -> Vec<String> {
    let mut lines = vec![format!("=====> {app} env vars")];
    if let Some(settings) = inv.state.apps.get(app) {
        lines.extend(settings.config.iter().map(|(key, value)| format!("{key}:  {}", value.trim())));
    }
    lines
}

/// `grep PATTERN | cut -d: -f1` over config lines.
fn keys_matching(lines: &[String], pattern: &str) -> Vec<String> {
    lines
        .iter()
        .filter(|line| line.contains(pattern))
        .map(|line| line.split(':').next().unwrap_or("").to_owned())
        .collect()
}

/// `get_url_from_config`: the values of the lines naming `variable`, joined as `xargs` does.
fn url_from_config(lines: &[String], variable: &str) -> String {
    let values: Vec<String> = lines
        .iter()
        .filter(|line| line.contains(variable))
        .map(|line| match line.find(&format!("{variable}:")) {
            Some(at) => {
                let rest = &line[at + variable.len() + 1..];
                format!("{}{}", &line[..at], rest.trim_start())
            }
            None => line.clone(),
        })
        .collect();
    values.iter().flat_map(|v| v.split_whitespace()).collect::<Vec<_>>().join(" ")
}

/// `service_alternative_alias`: the first `<ALT>_<COLOR>` whose `_URL` is not in use.
fn alternative_alias(ty: &ServiceType, lines: &[String]) -> String {
    COLORS
        .iter()
        .map(|color| format!("DOKKU_{}_{color}", ty.variable))
        .find(|alias| !lines.iter().any(|line| line.contains(&format!("{alias}_URL"))))
        .unwrap_or_default()
}

/// The service, which the caller verified.
fn service<'s>(inv: &'s Invocation<'_>, ty: &ServiceType, name: &str) -> Option<&'s Service> {
    inv.state.services.get(ty.prefix).and_then(|services| services.get(name))
}

/// The service, mutable.
fn service_mut<'s>(inv: &'s mut Invocation<'_>, ty: &ServiceType, name: &str) -> Option<&'s mut Service> {
    inv.state.services.get_mut(ty.prefix).and_then(|services| services.get_mut(name))
}

/// `verify_service_name`.
fn verify_service(inv: &mut Invocation<'_>, ty: &ServiceType, name: &str) -> Outcome {
    if name.is_empty() {
        return Err(inv.out.fail("SERVICE must not be empty"));
    }
    if service(inv, ty, name).is_none() {
        return Err(inv.out.fail(&format!("{} service {name} does not exist", ty.service)));
    }
    Ok(())
}

/// `[[ -z "$SERVICE" ]] && dokku_log_fail …; verify_service_name "$SERVICE"`.
fn require_service(inv: &mut Invocation<'_>, ty: &ServiceType, name: &str) -> Outcome {
    if name.is_empty() {
        return Err(inv.out.fail("Please specify a valid name for the service"));
    }
    verify_service(inv, ty, name)
}

/// `is_implemented_command || dokku_log_fail "Not yet implemented"`.
fn require_implemented(inv: &mut Invocation<'_>, ty: &ServiceType, sub: &str) -> Outcome {
    if ty.implements(sub) { Ok(()) } else { Err(inv.out.fail("Not yet implemented")) }
}

/// Argument `index`, empty when absent.
fn arg(args: &[String], index: usize) -> String {
    args.get(index).cloned().unwrap_or_default()
}

/// `service_parse_args` for subcommand `sub`, with getopts' complaints on stderr.
fn parse_args(inv: &mut Invocation<'_>, ty: &ServiceType, sub: &str, words: &[String]) -> ServiceArgs {
    let script = format!("{DOKKU_LIB_ROOT}/plugins/enabled/{}/subcommands/{sub}", ty.prefix);
    let parsed = service_args::parse(words, &script);
    for line in &parsed.diagnostics {
        inv.out.err_line(line);
    }
    parsed
}

/// `openssl rand -hex <digits/2>`.
fn random_hex(digits: usize) -> String {
    use std::io::Read;
    let mut bytes = vec![0u8; digits.div_ceil(2)];
    if let Ok(mut source) = std::fs::File::open("/dev/urandom") {
        let _ = source.read_exact(&mut bytes);
    }
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    hex[..digits].to_owned()
}

/// `get_random_ports`: bash's `$RANDOM` (0–32767) per port.
fn random_port() -> String {
    let hex = random_hex(4);
    (u32::from_str_radix(&hex, 16).unwrap_or(0) % 32768).to_string()
}

/// A non-empty option value.
fn given(value: Option<&String>) -> Option<String> {
    value.filter(|v| !v.is_empty()).cloned()
}

/// `<type>:create <name> [flags]`.
fn create(inv: &mut Invocation<'_>, ty: &ServiceType, args: &[String]) -> Outcome {
    let name = arg(args, 0);
    let valid = !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    if !valid {
        return Err(inv
            .out
            .fail("Please specify a valid name for the service. Valid characters are: [A-Za-z0-9_]+"));
    }
    if service(inv, ty, &name).is_some() {
        return Err(inv.out.fail(&format!("{} service {name} already exists", ty.service)));
    }
    let flags = parse_args(inv, ty, "create", args.get(1..).unwrap_or_default());
    for line in ty.create_info2 {
        inv.out.info2(line);
    }
    let mut created = Service::default();
    let root_password = ty.root_password_hex.map(random_hex);
    if let Some(digits) = ty.password_hex {
        let mut password = random_hex(digits);
        if let Some(given) = given(flags.password.as_ref()) {
            password = given;
            inv.out.warn("Specified password may not be as secure as the auto-generated password");
        }
        created.password = Some(password);
    }
    if let Some(mut root_password) = root_password {
        if let Some(given) = given(flags.root_password.as_ref()) {
            root_password = given;
            inv.out.warn("Specified root password may not be as secure as the auto-generated root password");
        }
        created.root_password = Some(root_password);
    }
    commit_config(ty, &mut created, &flags);
    created.database_name = name.replace(['.', '-'], "_");
    created.data = DataIdentity { seed: random_hex(16), bytes: None };
    inv.state.services.entry(ty.prefix.to_owned()).or_default().insert(name.clone(), created);
    create_container(inv, ty, &name);
    Ok(())
}

/// `service_commit_config`: the create-time settings, from the flags (else the defaults).
fn commit_config(ty: &ServiceType, service: &mut Service, flags: &ServiceArgs) {
    service.custom_env =
        given(flags.custom_env.as_ref()).map(|env| env.replace(';', "\n")).unwrap_or_default();
    service.config_options =
        given(flags.config_options.as_ref()).unwrap_or_else(|| ty.default_config_options.to_owned());
    if let Some(memory) = given(flags.memory.as_ref()) {
        service.memory = Some(memory);
    }
    if let Some(shm_size) = given(flags.shm_size.as_ref()) {
        service.shm_size = Some(shm_size);
    }
    service.image = given(flags.image.as_ref()).unwrap_or_else(|| ty.image.to_owned());
    service.image_version =
        given(flags.image_version.as_ref()).unwrap_or_else(|| ty.image_version.to_owned());
    for (key, value) in [
        ("initial-network", &flags.initial_network),
        ("post-create-network", &flags.post_create_network),
        ("post-start-network", &flags.post_start_network),
    ] {
        if let Some(value) = given(value.as_ref()) {
            service.properties.insert(key.to_owned(), value);
        }
    }
}

/// `service_create_container`: a new container, started, then the service's info.
fn create_container(inv: &mut Invocation<'_>, ty: &ServiceType, name: &str) {
    let taken: Vec<String> = inv
        .state
        .services
        .values()
        .flat_map(|services| services.values())
        .filter_map(|s| s.container.as_ref().filter(|c| c.running).map(|c| c.ip.clone()))
        .collect();
    let Some(service) = service_mut(inv, ty, name) else { return };
    service.generation += 1;
    let digest = sha2::Sha256::digest(format!("{}/{name}/{}", ty.prefix, service.generation));
    let id: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    let on_bridge = service.properties.get("initial-network").is_none_or(String::is_empty);
    let ip = if on_bridge { free_bridge_address(&taken) } else { String::new() };
    let image = format!("{}:{}", service.image, service.image_version);
    service.container = Some(Container { id: id.clone(), ip, image, running: true });
    service.container_id_file = id;
    let post_create = service.properties.get("post-create-network").cloned().unwrap_or_default();
    let post_start = service.properties.get("post-start-network").cloned().unwrap_or_default();
    for line in ty.container_info2 {
        inv.out.info2(line);
    }
    for (networks, when) in [(post_create, "create"), (post_start, "start")] {
        if networks.is_empty() {
            continue;
        }
        inv.out.verbose_quiet(&format!("Connecting to networks after container {when}"));
        for network in networks.split(',') {
            inv.out.verbose_quiet(&format!("- {network}"));
        }
    }
    inv.out.verbose_quiet("Waiting for container to be ready");
    if ty.creates_database {
        inv.out.verbose_quiet("Creating container database");
        inv.out.verbose_quiet("Securing connection to database");
    }
    inv.out.info2(&format!("{} container created: {name}", ty.service));
    let _ = info(inv, ty, name, None);
}

/// The lowest `172.17.0.<n>` (n ≥ 2) no running service container has.
fn free_bridge_address(taken: &[String]) -> String {
    (2..=254u32).map(|n| format!("172.17.0.{n}")).find(|address| !taken.contains(address)).unwrap_or_default()
}

/// `service_info`'s `flag_map`: (flag, value).
fn info_fields(ty: &ServiceType, name: &str, service: &Service) -> Vec<(&'static str, String)> {
    let root = service_root(ty, name);
    let running = service.container.as_ref().filter(|c| c.running);
    let property = |key: &str| service.properties.get(key).cloned().unwrap_or_default();
    vec![
        ("--config-dir", format!("{root}/{}", ty.config_suffix)),
        ("--config-options", service.config_options.trim_end_matches('\n').to_owned()),
        ("--data-dir", format!("{root}/data")),
        ("--dsn", service_url(ty, name, service, ty.scheme)),
        ("--exposed-ports", exposed_ports(ty, service)),
        ("--id", service.container_id_file.clone()),
        ("--internal-ip", running.map(|c| c.ip.clone()).unwrap_or_default()),
        ("--initial-network", property("initial-network")),
        (
            "--links",
            if service.links.is_empty() { "-".to_owned() } else { format!("{} ", service.links.join(" ")) },
        ),
        ("--post-create-network", property("post-create-network")),
        ("--post-start-network", property("post-start-network")),
        ("--service-root", root.clone()),
        ("--status", status(service).to_owned()),
        ("--version", service.container.as_ref().map(|c| c.image.clone()).unwrap_or_default()),
    ]
}

/// `service_status`.
fn status(service: &Service) -> &'static str {
    match &service.container {
        Some(container) if container.running => "running",
        Some(_) => "exited",
        None => "missing",
    }
}

/// `service_exposed_ports`: `-`, or `<container>-><host> ` per port.
fn exposed_ports(ty: &ServiceType, service: &Service) -> String {
    let Some(ports) = &service.exposed_ports else { return "-".to_owned() };
    ty.ports
        .iter()
        .enumerate()
        .map(|(index, port)| format!("{port}->{} ", ports.get(index).map_or("", String::as_str)))
        .collect()
}

/// `service_info <name> [<flag>]`.
fn info(inv: &mut Invocation<'_>, ty: &ServiceType, name: &str, flag: Option<&str>) -> Outcome {
    let Some(service) = service(inv, ty, name) else { return Ok(()) };
    let fields = info_fields(ty, name, service);
    let Some(flag) = flag.filter(|f| !f.is_empty()) else {
        inv.out.info2_quiet(&format!("{name} {} service information", ty.prefix));
        for (key, value) in fields {
            let label = key.trim_start_matches("--").replace('-', " ");
            let mut characters = label.chars();
            let label = match characters.next() {
                Some(first) => format!("{}{}:", first.to_uppercase(), characters.as_str()),
                None => String::new(),
            };
            inv.out.verbose(&format!("{label:<20} {value:<25}"));
        }
        return Ok(());
    };
    match fields.iter().find(|(key, _)| *key == flag) {
        Some((_, value)) => {
            inv.out.line(value);
            Ok(())
        }
        None => {
            let valid: String = fields.iter().map(|(key, _)| format!(" {key}")).collect();
            Err(inv.out.fail(&format!("Invalid flag passed, valid flags:{valid}")))
        }
    }
}

/// `<type>:info <name> [<flag>]`.
fn info_command(inv: &mut Invocation<'_>, ty: &ServiceType, args: &[String]) -> Outcome {
    let name = arg(args, 0);
    require_service(inv, ty, &name)?;
    let flag = arg(args, 1);
    info(inv, ty, &name, Some(&flag))
}

/// `<type>:list`.
fn list(inv: &mut Invocation<'_>, ty: &ServiceType) -> Outcome {
    let names: Vec<String> = inv
        .state
        .services
        .get(ty.prefix)
        .map(|services| services.keys().cloned().collect())
        .unwrap_or_default();
    if names.is_empty() {
        inv.out.warn(&format!("There are no {} services", ty.service));
        return Ok(());
    }
    inv.out.info2_quiet(&format!("{} services", ty.service));
    for name in names {
        inv.out.line(&name);
    }
    Ok(())
}

/// `<type>:exists <name>`.
fn exists(inv: &mut Invocation<'_>, ty: &ServiceType, args: &[String]) -> Outcome {
    let name = arg(args, 0);
    require_service(inv, ty, &name)?;
    inv.out.info1(&format!("Service {name} exists"));
    Ok(())
}

/// `<type>:links <name>`.
fn links(inv: &mut Invocation<'_>, ty: &ServiceType, args: &[String]) -> Outcome {
    let name = arg(args, 0);
    require_service(inv, ty, &name)?;
    let apps = service(inv, ty, &name).map(|s| s.links.clone()).unwrap_or_default();
    for app in apps {
        inv.out.line(&app);
    }
    Ok(())
}

/// The service and app arguments of link-like commands, checked in the order of `:link` and
/// `:linked` (app first) or `:unlink` and `:promote` (service first).
fn service_and_app(
    inv: &mut Invocation<'_>,
    ty: &ServiceType,
    args: &[String],
    app_first: bool,
) -> Result<(String, String), Failure> {
    let name = arg(args, 0);
    let app = arg(args, 1);
    if name.is_empty() {
        return Err(inv.out.fail("Please specify a valid name for the service"));
    }
    if app.is_empty() {
        return Err(inv.out.fail("Please specify an app to run the command on"));
    }
    if app_first {
        verify_app_bash(inv, &app)?;
        verify_service(inv, ty, &name)?;
    } else {
        verify_service(inv, ty, &name)?;
        verify_app_bash(inv, &app)?;
    }
    Ok((name, app))
}

/// The URL of `name` as `app` sees it (its scheme override applied).
fn url_for_app(inv: &Invocation<'_>, ty: &ServiceType, name: &str, app: &str) -> String {
    let scheme = scheme_for_app(inv, ty, app);
    service(inv, ty, name).map(|s| service_url(ty, name, s, &scheme)).unwrap_or_default()
}

/// `<type>:linked <name> <app>`.
fn linked(inv: &mut Invocation<'_>, ty: &ServiceType, args: &[String]) -> Outcome {
    let (name, app) = service_and_app(inv, ty, args, true)?;
    let url = url_for_app(inv, ty, &name, &app);
    if keys_matching(&config_lines(inv, &app), &url).is_empty() {
        inv.out.warn(&format!("Service {name} is not linked to {app}"));
        return Err(Failure(1));
    }
    inv.out.info1(&format!("Service {name} is linked to {app}"));
    Ok(())
}

/// `<type>:app-links <app>`.
fn app_links(inv: &mut Invocation<'_>, ty: &ServiceType, args: &[String]) -> Outcome {
    let app = arg(args, 0);
    if app.is_empty() {
        return Err(inv.out.fail("Please specify an app to run the command on"));
    }
    verify_app_bash(inv, &app)?;
    let names: Vec<String> = inv
        .state
        .services
        .get(ty.prefix)
        .map(|services| {
            services.iter().filter(|(_, s)| s.links.contains(&app)).map(|(n, _)| n.clone()).collect()
        })
        .unwrap_or_default();
    for name in names {
        inv.out.line(&name);
    }
    Ok(())
}

/// Runs another Dokku command the way the plugin's `dokku …`/`config_*` calls do.
fn run_dokku(inv: &mut Invocation<'_>, command: &str, args: &[&str]) -> Outcome {
    let args: Vec<String> = args.iter().map(|a| (*a).to_owned()).collect();
    super::dispatch(inv, command, &args).unwrap_or(Ok(()))
}

/// The docker option a link adds to every phase.
fn link_option(ty: &ServiceType, name: &str) -> String {
    format!("--link {}:{}", container_name(ty, name), dns_hostname(ty, name))
}

/// `<type>:link <name> <app> [--alias A] [--querystring Q] [--no-restart]`.
fn link(inv: &mut Invocation<'_>, ty: &ServiceType, args: &[String]) -> Outcome {
    let (name, app) = service_and_app(inv, ty, args, true)?;
    let flags = parse_args(inv, ty, "link", args.get(2..).unwrap_or_default());
    let mut url = url_for_app(inv, ty, &name, &app);
    let lines = config_lines(inv, &app);
    let existing = keys_matching(&lines, &url).join("\n");
    let alias = match given(flags.alias.as_ref()) {
        Some(alias) => {
            if lines.iter().any(|line| line.contains(&format!("{alias}_URL"))) {
                return Err(inv.out.fail(&format!("Specified alias {alias} already in use")));
            }
            alias
        }
        None => {
            let default_in_use = lines.iter().any(|line| line.contains(&format!("{}_URL", ty.default_alias)));
            let alias =
                if default_in_use { alternative_alias(ty, &lines) } else { ty.default_alias.to_owned() };
            if alias.is_empty() {
                return Err(inv.out.fail("Unable to use default or generated URL alias"));
            }
            alias
        }
    };
    if !existing.is_empty() {
        return Err(inv.out.fail(&format!("Already linked as {existing}")));
    }
    if let Some(linked) = service_mut(inv, ty, &name) {
        linked.links.retain(|a| a != &app);
        linked.links.push(app.clone());
        linked.links.sort();
        linked.links.dedup();
    }
    run_dokku(inv, "docker-options:add", &[&app, "build,deploy,run", &link_option(ty, &name)])?;
    if let Some(querystring) = given(flags.querystring.as_ref()) {
        url = format!("{url}?{querystring}");
    }
    let variable = format!("{alias}_URL={url}");
    if flags.restart_apps.as_deref() == Some("false") {
        run_dokku(inv, "config:set", &["--no-restart", &app, &variable])?;
        inv.out.verbose("Skipping restart of linked app");
    } else {
        run_dokku(inv, "config:set", &[&app, &variable])?;
    }
    Ok(())
}

/// `<type>:unlink <name> <app>` (takes no flags: the subcommand does not parse any).
fn unlink(inv: &mut Invocation<'_>, ty: &ServiceType, args: &[String]) -> Outcome {
    let (name, app) = service_and_app(inv, ty, args, false)?;
    let url = url_for_app(inv, ty, &name, &app);
    let keys = keys_matching(&config_lines(inv, &app), &url);
    if let Some(linked) = service_mut(inv, ty, &name) {
        linked.links.retain(|a| a != &app);
    }
    run_dokku(inv, "docker-options:remove", &[&app, "build,deploy,run", &link_option(ty, &name)])?;
    if keys.is_empty() {
        return Err(inv.out.fail(&format!("Not linked to app {app}")));
    }
    let mut unset: Vec<&str> = vec![&app];
    unset.extend(keys.iter().map(String::as_str));
    run_dokku(inv, "config:unset", &unset)
}

/// `<type>:promote <name> <app>`.
fn promote(inv: &mut Invocation<'_>, ty: &ServiceType, args: &[String]) -> Outcome {
    let (name, app) = service_and_app(inv, ty, args, false)?;
    let default_variable = format!("{}_URL", ty.default_alias);
    let lines = config_lines(inv, &app);
    let url = url_for_app(inv, ty, &name, &app);
    let variables = keys_matching(&lines, &url);
    let previous_default = url_from_config(&lines, &default_variable);
    if variables.is_empty() {
        return Err(inv.out.fail(&format!("Not linked to app {app}")));
    }
    if variables.join(" ").contains(&default_variable) {
        return Err(inv.out.fail(&format!("Service {name} already promoted as {default_variable}")));
    }
    let mut assignments = Vec::new();
    if !previous_default.is_empty() {
        let kept_elsewhere =
            lines.iter().any(|line| line.contains(&previous_default) && !line.contains(&default_variable));
        if !kept_elsewhere {
            assignments.push(format!("{}_URL={previous_default}", alternative_alias(ty, &lines)));
        }
    }
    assignments.push(format!("{default_variable}={}", url_from_config(&lines, &variables[0])));
    let mut words: Vec<String> = vec![app];
    words.extend(assignments.iter().flat_map(|a| a.split_whitespace()).map(str::to_owned));
    let words: Vec<&str> = words.iter().map(String::as_str).collect();
    run_dokku(inv, "config:set", &words)
}

/// `<type>:expose <name> [<port>...]`.
fn expose(inv: &mut Invocation<'_>, ty: &ServiceType, args: &[String]) -> Outcome {
    let name = arg(args, 0);
    require_service(inv, ty, &name)?;
    let mut ports: Vec<String> = args
        .get(1..)
        .unwrap_or_default()
        .iter()
        .flat_map(|a| a.split_whitespace())
        .map(str::to_owned)
        .collect();
    if ports.is_empty() {
        ports = ty.ports.iter().map(|_| random_port()).collect();
    }
    if ports.len() != ty.ports.len() {
        return Err(inv.out.fail(&format!(
            "{} ports to be exposed need to be provided in the following order: {}",
            ty.ports.len(),
            ty.ports.join(" ")
        )));
    }
    if let Some(current) = service(inv, ty, &name).and_then(|s| s.exposed_ports.clone()) {
        return Err(inv
            .out
            .fail(&format!("Service {name} already exposed on port(s) {}", current.join(" "))));
    }
    if let Some(exposed) = service_mut(inv, ty, &name) {
        exposed.exposed_ports = Some(ports);
    }
    start(inv, ty, &name, true);
    let shown = service(inv, ty, &name).map(|s| exposed_ports(ty, s)).unwrap_or_default();
    inv.out.info1(&format!("Service {name} exposed on port(s) [container->host]: {shown}"));
    Ok(())
}

/// `<type>:unexpose <name>`.
fn unexpose(inv: &mut Invocation<'_>, ty: &ServiceType, args: &[String]) -> Outcome {
    let name = arg(args, 0);
    require_service(inv, ty, &name)?;
    if let Some(exposed) = service_mut(inv, ty, &name) {
        exposed.exposed_ports = None;
    }
    inv.out.info1(&format!("Service {name} unexposed"));
    Ok(())
}

/// `<type>:set <name> <key> [<value>]`.
fn set(inv: &mut Invocation<'_>, ty: &ServiceType, args: &[String]) -> Outcome {
    let name = arg(args, 0);
    verify_service(inv, ty, &name)?;
    let key = arg(args, 1);
    let value = arg(args, 2);
    if key.is_empty() {
        return Err(inv.out.fail("No key specified"));
    }
    if !NETWORK_KEYS.contains(&key.as_str()) {
        return Err(inv.out.fail(
            "Invalid key specified, valid keys include: initial-network, post-create-network, post-start-network",
        ));
    }
    if value.is_empty() {
        inv.out.info2_quiet(&format!("Unsetting {key}"));
    } else {
        inv.out.info2_quiet(&format!("Setting {key} to {value}"));
    }
    if let Some(changed) = service_mut(inv, ty, &name) {
        if value.is_empty() {
            changed.properties.remove(&key);
        } else {
            changed.properties.insert(key, value);
        }
    }
    Ok(())
}

/// `<type>:destroy <name> [-f|--force|force]`.
fn destroy(inv: &mut Invocation<'_>, ty: &ServiceType, args: &[String]) -> Outcome {
    let name = arg(args, 0);
    require_service(inv, ty, &name)?;
    if service(inv, ty, &name).is_some_and(|s| !s.links.is_empty()) {
        return Err(inv.out.fail("Cannot delete linked service"));
    }
    let forced = matches!(arg(args, 1).as_str(), "force" | "-f" | "--force") || inv.force;
    if !forced {
        inv.out.warn("WARNING: Potentially Destructive Action");
        inv.out.warn(&format!("This command will destroy {name} {} service.", ty.service));
        inv.out.warn(&format!("To proceed, type \"{name}\""));
        inv.out.line("");
        // `read -rp "> "` shows its prompt only when reading from a terminal.
        if std::io::stdin().is_terminal() {
            inv.out.raw_err("> ");
        }
        let mut answer = String::new();
        let _ = std::io::stdin().read_line(&mut answer);
        if answer.trim_end_matches('\n') != name {
            inv.out.warn(&format!("Confirmation did not match {name}. Aborted."));
            return Err(Failure(1));
        }
    }
    inv.out.info2_quiet(&format!("Deleting {name}"));
    container_rm(inv, ty, &name);
    inv.out.verbose_quiet("Removing data");
    if let Some(services) = inv.state.services.get_mut(ty.prefix) {
        services.remove(&name);
        if services.is_empty() {
            inv.state.services.remove(ty.prefix);
        }
    }
    inv.out.info2(&format!("{} container deleted: {name}", ty.service));
    Ok(())
}

/// `service_pause`.
fn pause(inv: &mut Invocation<'_>, ty: &ServiceType, name: &str) {
    let Some(container) = service_mut(inv, ty, name).and_then(|s| s.container.as_mut()) else {
        inv.out.warn("Service is already paused");
        return;
    };
    container.running = false;
    inv.out.info2_quiet("Pausing container");
    inv.out.verbose_quiet("Container paused");
}

/// `service_container_rm`.
fn container_rm(inv: &mut Invocation<'_>, ty: &ServiceType, name: &str) {
    pause(inv, ty, name);
    let Some(removed) = service_mut(inv, ty, name).filter(|s| s.container.is_some()) else { return };
    removed.container = None;
    inv.out.verbose_quiet("Removing container");
}

/// `service_start <name> [<quiet>]`.
fn start(inv: &mut Invocation<'_>, ty: &ServiceType, name: &str, quiet: bool) {
    let container = service(inv, ty, name).and_then(|s| s.container.clone());
    if container.as_ref().is_some_and(|c| c.running) {
        if !quiet {
            inv.out.warn("Service is already started");
        }
        return;
    }
    inv.out.info2_quiet("Starting container");
    match service_mut(inv, ty, name).and_then(|s| s.container.as_mut()) {
        Some(stopped) => {
            stopped.running = true;
            inv.out.info2("Container started");
        }
        None => create_container(inv, ty, name),
    }
}

/// `<type>:start <name>`.
fn start_command(inv: &mut Invocation<'_>, ty: &ServiceType, args: &[String]) -> Outcome {
    let name = arg(args, 0);
    require_service(inv, ty, &name)?;
    start(inv, ty, &name, false);
    Ok(())
}

/// `<type>:stop <name>`.
fn stop_command(inv: &mut Invocation<'_>, ty: &ServiceType, args: &[String]) -> Outcome {
    let name = arg(args, 0);
    require_service(inv, ty, &name)?;
    container_rm(inv, ty, &name);
    Ok(())
}

/// `<type>:pause <name>`.
fn pause_command(inv: &mut Invocation<'_>, ty: &ServiceType, args: &[String]) -> Outcome {
    let name = arg(args, 0);
    require_service(inv, ty, &name)?;
    pause(inv, ty, &name);
    Ok(())
}

/// `<type>:restart <name>`.
fn restart_command(inv: &mut Invocation<'_>, ty: &ServiceType, args: &[String]) -> Outcome {
    let name = arg(args, 0);
    require_service(inv, ty, &name)?;
    pause(inv, ty, &name);
    start(inv, ty, &name, false);
    inv.out.info1("Please call dokku ps:restart on all linked apps");
    Ok(())
}

/// `<type>:upgrade <name> [flags]`: a new container from the flags' image (else the plugin's
/// default), with the create-time settings committed again from the flags alone.
fn upgrade(inv: &mut Invocation<'_>, ty: &ServiceType, args: &[String]) -> Outcome {
    let name = arg(args, 0);
    require_service(inv, ty, &name)?;
    let flags = parse_args(inv, ty, "upgrade", args.get(1..).unwrap_or_default());
    let image = given(flags.image.as_ref()).unwrap_or_else(|| ty.image.to_owned());
    let version = given(flags.image_version.as_ref()).unwrap_or_else(|| ty.image_version.to_owned());
    let tag = format!("{image}:{version}");
    let running = service(inv, ty, &name).and_then(|s| s.container.as_ref().map(|c| c.image.clone()));
    if running.as_deref() == Some(tag.as_str()) {
        inv.out.info1(&format!("Service {name} already running {tag}"));
        return Ok(());
    }
    if let Some(upgraded) = service_mut(inv, ty, &name) {
        commit_config(ty, upgraded, &flags);
    }
    inv.out.info2(&format!("Upgrading {name} to {tag}"));
    let restart_apps = flags.restart_apps.as_deref() == Some("true");
    if restart_apps {
        inv.out.info2("Stopping all linked services");
    }
    inv.out.info2(&format!("Stopping {name}"));
    container_rm(inv, ty, &name);
    start(inv, ty, &name, args.get(1).is_some_and(|a| !a.is_empty()));
    if restart_apps {
        inv.out.info2("Starting all linked services");
    }
    inv.out.info2("Done");
    Ok(())
}

/// What `docker container exec` answers when the service's container cannot run a command.
fn exec_refusal(ty: &ServiceType, name: &str, service: &Service) -> Option<String> {
    match &service.container {
        None => Some(format!("Error response from daemon: No such container: {}", container_name(ty, name))),
        Some(container) if !container.running => {
            Some(format!("Error response from daemon: container {} is not running", container.id))
        }
        Some(_) => None,
    }
}

/// `DOKKU_SIM_SERVICE_DUMP_BYTES`: the body size of a fresh service's dump.
fn fresh_dump_bytes() -> u64 {
    crate::settings::setting("DOKKU_SIM_SERVICE_DUMP_BYTES")
        .and_then(|value| value.trim().parse().ok())
        .unwrap_or(DEFAULT_DUMP_BYTES)
}

/// `<type>:export <name>`: the service's synthetic dump on stdout.
fn export(inv: &mut Invocation<'_>, ty: &ServiceType, args: &[String]) -> Outcome {
    require_implemented(inv, ty, "export")?;
    let name = arg(args, 0);
    require_service(inv, ty, &name)?;
    let Some(exported) = service(inv, ty, &name).cloned() else { return Ok(()) };
    if let Some(refusal) = exec_refusal(ty, &name, &exported) {
        inv.out.err_line(&refusal);
        return Err(Failure(1));
    }
    inv.out.stream = Some(SyntheticDump {
        service_type: ty.prefix.to_owned(),
        seed: exported.data.seed,
        bytes: exported.data.bytes.unwrap_or_else(fresh_dump_bytes),
    });
    Ok(())
}

/// `<type>:import <name>`: reads a dump on stdin, checks it whole, and makes it the service's
/// data (redis, which replaces `dump.rdb`, recreates its container on the way).
fn import(inv: &mut Invocation<'_>, ty: &ServiceType, args: &[String]) -> Outcome {
    require_implemented(inv, ty, "import")?;
    let name = arg(args, 0);
    require_service(inv, ty, &name)?;
    if std::io::stdin().is_terminal() {
        return Err(inv.out.fail("No data provided on stdin."));
    }
    let replaces_data_file = ty.prefix == "redis";
    if !replaces_data_file
        && let Some(refusal) = service(inv, ty, &name).and_then(|s| exec_refusal(ty, &name, s))
    {
        inv.out.err_line(&refusal);
        return Err(Failure(1));
    }
    let verified = service_dump::verify(ty.prefix, &mut std::io::stdin().lock());
    let dump = match verified {
        Ok(dump) => dump,
        Err(reason) => {
            inv.out.err_line(&format!("dokku-sim: {}:import refused the stream: {reason}", ty.prefix));
            return Err(Failure(1));
        }
    };
    if replaces_data_file {
        // `suppress_output service_container_rm` and `suppress_output service_start`.
        let mut silent = crate::output::Output::new(true);
        std::mem::swap(inv.out, &mut silent);
        container_rm(inv, ty, &name);
        start(inv, ty, &name, false);
        std::mem::swap(inv.out, &mut silent);
    }
    if let Some(target) = service_mut(inv, ty, &name) {
        target.data = DataIdentity { seed: dump.seed, bytes: Some(dump.bytes) };
    }
    Ok(())
}

/// `<type>:backup-auth <name> <key-id> <secret> [<region> [<signature-version> [<endpoint>]]]`.
fn backup_auth(inv: &mut Invocation<'_>, ty: &ServiceType, args: &[String]) -> Outcome {
    require_implemented(inv, ty, "backup-auth")?;
    let name = arg(args, 0);
    if name.is_empty() {
        return Err(inv.out.fail("Please specify a valid name for the service"));
    }
    if arg(args, 1).is_empty() {
        return Err(inv.out.fail("Please specify an aws access key id"));
    }
    if arg(args, 2).is_empty() {
        return Err(inv.out.fail("Please specify an aws secret access key"));
    }
    verify_service(inv, ty, &name)?;
    if service(inv, ty, &name).is_some_and(|s| s.backup_auth.is_some()) {
        // `mkdir "$SERVICE_BACKUP_ROOT"` without -p, under `set -e`.
        let root = service_root(ty, &name);
        inv.out.err_line(&format!("mkdir: cannot create directory '{root}/backup': File exists"));
        return Err(Failure(1));
    }
    let mut files = std::collections::BTreeMap::new();
    let names = [
        "AWS_ACCESS_KEY_ID",
        "AWS_SECRET_ACCESS_KEY",
        "AWS_DEFAULT_REGION",
        "AWS_SIGNATURE_VERSION",
        "ENDPOINT_URL",
    ];
    for (index, file) in names.iter().enumerate() {
        let value = arg(args, index + 1);
        if index < 2 || !value.is_empty() {
            files.insert((*file).to_owned(), value);
        }
    }
    if let Some(target) = service_mut(inv, ty, &name) {
        target.backup_auth = Some(files);
    }
    Ok(())
}

/// `<type>:backup-deauth <name>`.
fn backup_deauth(inv: &mut Invocation<'_>, ty: &ServiceType, args: &[String]) -> Outcome {
    require_implemented(inv, ty, "backup-deauth")?;
    let name = arg(args, 0);
    require_service(inv, ty, &name)?;
    if let Some(target) = service_mut(inv, ty, &name) {
        target.backup_auth = None;
    }
    Ok(())
}

/// `<type>:backup-schedule <name> <schedule> <bucket> [--use-iam]`.
fn backup_schedule(inv: &mut Invocation<'_>, ty: &ServiceType, args: &[String]) -> Outcome {
    require_implemented(inv, ty, "backup-schedule")?;
    let name = arg(args, 0);
    let schedule = arg(args, 1);
    let bucket = arg(args, 2);
    let use_iam = arg(args, 3);
    if name.is_empty() {
        return Err(inv.out.fail("Please specify a valid name for the service"));
    }
    if schedule.is_empty() {
        return Err(inv.out.fail("Please specify a schedule for the backup"));
    }
    if bucket.is_empty() {
        return Err(inv.out.fail("Please specify an aws bucket for the backup"));
    }
    verify_service(inv, ty, &name)?;
    if !use_iam.is_empty() && use_iam != "--use-iam" && use_iam != "-u" {
        return Err(inv.out.fail("Invalid flag provided, only '--use-iam' allowed"));
    }
    let line = format!("{schedule} dokku {DOKKU_BIN} {}:backup {name} {bucket} {use_iam}\n", ty.prefix);
    if let Some(target) = service_mut(inv, ty, &name) {
        target.backup_schedule = Some(line);
    }
    Ok(())
}

/// `<type>:backup-schedule-cat <name>` (every type has it: it does not ask
/// `is_implemented_command`).
fn backup_schedule_cat(inv: &mut Invocation<'_>, ty: &ServiceType, args: &[String]) -> Outcome {
    let name = arg(args, 0);
    require_service(inv, ty, &name)?;
    match service(inv, ty, &name).and_then(|s| s.backup_schedule.clone()) {
        Some(content) => {
            inv.out.raw(&content);
            Ok(())
        }
        None => Err(inv.out.fail(&format!("There is no scheduled backup for {name}."))),
    }
}

/// `<type>:backup-unschedule <name>`.
fn backup_unschedule(inv: &mut Invocation<'_>, ty: &ServiceType, args: &[String]) -> Outcome {
    require_implemented(inv, ty, "backup-unschedule")?;
    let name = arg(args, 0);
    require_service(inv, ty, &name)?;
    if let Some(target) = service_mut(inv, ty, &name) {
        target.backup_schedule = None;
    }
    Ok(())
}

/// `<type>:backup-set-encryption <name> <passphrase>` and
/// `<type>:backup-set-public-key-encryption <name> <key-id>`: one file of `backup-encryption/`.
fn backup_set_file(
    inv: &mut Invocation<'_>,
    ty: &ServiceType,
    sub: &str,
    args: &[String],
    file: &str,
) -> Outcome {
    require_implemented(inv, ty, sub)?;
    let name = arg(args, 0);
    let value = arg(args, 1);
    if name.is_empty() {
        return Err(inv.out.fail("Please specify a valid name for the service"));
    }
    if value.is_empty() {
        let message = if file == "ENCRYPTION_KEY" {
            "Please specify a GPG backup passphrase"
        } else {
            "Please specify a valid GPG Public Key ID (or fingerprint)"
        };
        return Err(inv.out.fail(message));
    }
    verify_service(inv, ty, &name)?;
    if let Some(target) = service_mut(inv, ty, &name) {
        target.backup_encryption.get_or_insert_with(Default::default).insert(file.to_owned(), value);
    }
    Ok(())
}

/// `<type>:backup-unset-encryption <name>` and `…-unset-public-key-encryption`: `rm` of the
/// file, which fails when it is not there.
fn backup_unset_file(
    inv: &mut Invocation<'_>,
    ty: &ServiceType,
    sub: &str,
    args: &[String],
    file: &str,
) -> Outcome {
    require_implemented(inv, ty, sub)?;
    let name = arg(args, 0);
    require_service(inv, ty, &name)?;
    let removed = service_mut(inv, ty, &name)
        .and_then(|target| target.backup_encryption.as_mut())
        .and_then(|files| files.remove(file));
    if removed.is_none() {
        let root = service_root(ty, &name);
        inv.out.err_line(&format!(
            "rm: cannot remove '{root}/backup-encryption//{file}': No such file or directory"
        ));
        return Err(Failure(1));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(config: &[(&str, &str)]) -> Vec<String> {
        let mut lines = vec!["=====> app1 env vars".to_owned()];
        lines.extend(config.iter().map(|(key, value)| format!("{key}:  {value}")));
        lines
    }

    #[test]
    fn links_are_found_by_the_dsn_whatever_the_alias_and_querystring() {
        let config = lines(&[
            ("DATABASE_URL", "postgres://p:x@h:5432/d?sslmode=require"),
            ("OTHER_URL", "redis://:y@r:6379"),
        ]);
        assert_eq!(keys_matching(&config, "postgres://p:x@h:5432/d"), vec!["DATABASE_URL"]);
        assert!(keys_matching(&config, "postgres://p:x@h:5432/e").is_empty());
        assert_eq!(url_from_config(&config, "DATABASE_URL"), "postgres://p:x@h:5432/d?sslmode=require");
    }

    #[test]
    fn alternative_aliases_take_the_first_free_colour() {
        let postgres = service_types::by_prefix("postgres").unwrap();
        assert_eq!(alternative_alias(postgres, &lines(&[])), "DOKKU_POSTGRES_AQUA");
        let used = lines(&[("DOKKU_POSTGRES_AQUA_URL", "a"), ("DOKKU_POSTGRES_BLACK_URL", "b")]);
        assert_eq!(alternative_alias(postgres, &used), "DOKKU_POSTGRES_BLUE");
        let all: Vec<(String, String)> =
            COLORS.iter().map(|c| (format!("DOKKU_POSTGRES_{c}_URL"), "u".to_owned())).collect();
        let all: Vec<(&str, &str)> = all.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        assert_eq!(alternative_alias(postgres, &lines(&all)), "");
    }

    #[test]
    fn dsns_follow_each_types_service_url() {
        let service = Service {
            password: Some("pw".to_owned()),
            database_name: "my_db".to_owned(),
            ..Service::default()
        };
        let dsn = |prefix: &str| {
            let ty = service_types::by_prefix(prefix).unwrap();
            service_url(ty, "my-db", &service, ty.scheme)
        };
        assert_eq!(dsn("postgres"), "postgres://postgres:pw@dokku-postgres-my-db:5432/my_db");
        assert_eq!(dsn("redis"), "redis://:pw@dokku-redis-my-db:6379");
        assert_eq!(dsn("mysql"), "mysql://mysql:pw@dokku-mysql-my-db:3306/my_db");
        assert_eq!(dsn("mariadb"), "mysql://mariadb:pw@dokku-mariadb-my-db:3306/my_db");
        assert_eq!(dsn("mongo"), "mongodb://my-db:pw@dokku-mongo-my-db:27017/my_db");
        assert_eq!(dsn("elasticsearch"), "http://dokku-elasticsearch-my-db:9200");
        assert_eq!(dsn("rabbitmq"), "amqp://my-db:pw@dokku-rabbitmq-my-db:5672/my_db");
    }
}
