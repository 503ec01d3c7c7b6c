//! The `<type>:*` commands as pure builders (what apply and `--print-only` use). Every secret
//! (password, custom environment, backup credentials, passphrase) travels as a secret argument:
//! masked in every rendering, and in Dokku's echoes of it in error messages.
//!
//! Flags follow `service_parse_args` (`common-functions`), which every plugin shares: `create`
//! and `upgrade` read `-c/--config-options`, `-C/--custom-env`, `-i/--image`,
//! `-I/--image-version`, `-m/--memory`, `-N/--initial-network`, `-p/--password`,
//! `-P/--post-create-network`, `-r/--root-password`, `-S/--post-start-network`,
//! `-s/--shm-size`; `link` reads `-a/--alias`, `-q/--querystring` and `-n/--no-restart`.

use std::time::Duration;

use dokku_core::{Command, ServerLayout};

use crate::model::{BackupAuth, BackupSchedule, ServiceLink, ServiceRecord};
use crate::spec::ServiceSpec;

/// Creating, upgrading and destroying a service pulls images and starts containers: minutes.
pub const LONG: Duration = Duration::from_secs(1800);

/// `<type>:list`.
pub fn list(spec: &ServiceSpec) -> Command {
    Command::dokku(spec.command("list"))
}

/// `<type>:info <service>` (text form).
pub fn info(spec: &ServiceSpec, service: &str) -> Command {
    Command::dokku(spec.command("info")).arg(service)
}

/// `<type>:info <service> --<flag>` (`--dsn`, `--config-options`, …).
pub fn info_flag(spec: &ServiceSpec, service: &str, flag: &str) -> Command {
    Command::dokku(spec.command("info")).args([service, &format!("--{flag}")])
}

/// `<type>:links <service>`.
pub fn links(spec: &ServiceSpec, service: &str) -> Command {
    Command::dokku(spec.command("links")).arg(service)
}

/// `<type>:app-links <app>`.
pub fn app_links(spec: &ServiceSpec, app: &str) -> Command {
    Command::dokku(spec.command("app-links")).arg(app)
}

/// `<type>:exists <service>` (exit 1 when it does not: a result, not an error).
pub fn exists(spec: &ServiceSpec, service: &str) -> Command {
    Command::dokku(spec.command("exists")).arg(service).allow_failure()
}

/// `<type>:backup-schedule-cat <service>` (exit 1 without a schedule: a result).
pub fn backup_schedule_cat(spec: &ServiceSpec, service: &str) -> Command {
    Command::dokku(spec.command("backup-schedule-cat")).arg(service).allow_failure()
}

/// The plugin's data directory (`PLUGIN_DATA_ROOT`): `$DOKKU_LIB_ROOT/services/<type>`.
pub fn data_root(spec: &ServiceSpec, layout: &ServerLayout) -> String {
    layout.in_lib_root(&format!("services/{}", spec.command_prefix))
}

/// Reads every small file of every service directory as root, in one command; the data,
/// config and certificate directories are left out. No output when there is no service.
pub fn service_files(spec: &ServiceSpec, layout: &ServerLayout) -> Command {
    Command::system("grep")
        .args([
            "-rHa",
            "--exclude-dir=data",
            "--exclude-dir=config",
            "--exclude-dir=certs",
            "",
            &data_root(spec, layout),
        ])
        .allow_failure()
}

/// `config:export --format json <app>`: the app's variables, where links leave their URL.
pub fn app_variables(app: &str) -> Command {
    Command::dokku("config:export").args(["--format", "json", app])
}

/// The flags `create` and `upgrade` share, from a record.
fn container_flags(record: &ServiceRecord, mut cmd: Command) -> Command {
    let plain = [
        ("--image", &record.image),
        ("--image-version", &record.image_version),
        ("--config-options", &record.config_options),
        ("--memory", &record.memory),
        ("--shm-size", &record.shm_size),
        ("--initial-network", &record.initial_network),
        ("--post-create-network", &record.post_create_network),
        ("--post-start-network", &record.post_start_network),
    ];
    for (flag, value) in plain {
        if let Some(value) = value.as_deref().filter(|v| !v.is_empty()) {
            cmd = cmd.args([flag, value]);
        }
    }
    if let Some(env) = record.custom_env.as_ref().filter(|e| !e.expose().is_empty()) {
        cmd = cmd.arg("--custom-env").secret_arg("", env.expose());
    }
    cmd
}

/// `<type>:create <service>` with every recorded setting, passwords included.
pub fn create(spec: &ServiceSpec, record: &ServiceRecord) -> Command {
    let mut cmd = container_flags(record, Command::dokku(spec.command("create")).arg(&record.name));
    if spec.has_password()
        && let Some(password) = record.password.as_ref().filter(|p| !p.expose().is_empty())
    {
        cmd = cmd.arg("--password").secret_arg("", password.expose());
    }
    if spec.has_root_password()
        && let Some(password) = record.root_password.as_ref().filter(|p| !p.expose().is_empty())
    {
        cmd = cmd.arg("--root-password").secret_arg("", password.expose());
    }
    cmd.writes(None).timeout(LONG)
}

/// `<type>:upgrade <service>` with the record's container settings: `:upgrade` rewrites the
/// custom environment and config options from its flags (`service_commit_config`), so they are
/// passed again. It recreates the container only when the image tag changes.
pub fn upgrade(spec: &ServiceSpec, record: &ServiceRecord) -> Command {
    container_flags(record, Command::dokku(spec.command("upgrade")).arg(&record.name))
        .writes(None)
        .timeout(LONG)
}

/// `<type>:set <service> <key> [<value>]`: no value unsets.
pub fn set(spec: &ServiceSpec, service: &str, key: &str, value: Option<&str>) -> Command {
    let cmd = Command::dokku(spec.command("set")).args([service, key]);
    match value {
        Some(v) => cmd.arg(v),
        None => cmd,
    }
    .writes(None)
}

/// `<type>:expose <service> <host port>…` (one per container port).
pub fn expose(spec: &ServiceSpec, service: &str, ports: &[String]) -> Command {
    Command::dokku(spec.command("expose")).arg(service).args(ports.iter().cloned()).writes(None)
}

/// `<type>:unexpose <service>`.
pub fn unexpose(spec: &ServiceSpec, service: &str) -> Command {
    Command::dokku(spec.command("unexpose")).arg(service).writes(None)
}

/// `<type>:link <service> <app> --alias <alias> [--querystring <q>] --no-restart`. The alias is
/// always given: the default one picks another name when the app already uses it.
pub fn link(spec: &ServiceSpec, service: &str, link: &ServiceLink) -> Command {
    let mut cmd = Command::dokku(spec.command("link")).args([service, &link.app, "--alias", &link.alias]);
    if let Some(q) = link.querystring.as_deref().filter(|q| !q.is_empty()) {
        cmd = cmd.args(["--querystring", q]);
    }
    cmd.arg("--no-restart").writes(Some(&link.app)).timeout(LONG)
}

/// The further variables a link's URL was copied to (`:promote`), set after the link.
pub fn link_copies(
    spec: &ServiceSpec,
    service: &str,
    link: &ServiceLink,
    password: Option<&str>,
) -> Option<Command> {
    if link.also.is_empty() {
        return None;
    }
    let scheme = link.scheme.as_deref().unwrap_or(spec.scheme);
    let url = spec.link_url(scheme, service, password, link.querystring.as_deref());
    let mut cmd = Command::dokku("config:set").args(["--no-restart", &link.app]);
    for alias in &link.also {
        cmd = cmd.secret_arg(format!("{alias}_URL="), &url);
    }
    Some(cmd.writes(Some(&link.app)))
}

/// `<type>:unlink <service> <app> --no-restart` (Dokku reads the flag among its global flags).
pub fn unlink(spec: &ServiceSpec, service: &str, app: &str) -> Command {
    Command::dokku(spec.command("unlink"))
        .args([service, app, "--no-restart"])
        .writes(Some(app))
        .timeout(LONG)
}

/// `<type>:destroy <service> --force` (Dokku refuses while apps are linked).
pub fn destroy(spec: &ServiceSpec, service: &str) -> Command {
    Command::dokku(spec.command("destroy")).args([service, "--force"]).writes(None).timeout(LONG)
}

/// `<type>:backup-auth <service> <key id> <secret> [<region> [<signature> [<endpoint>]]]`.
pub fn backup_auth(spec: &ServiceSpec, service: &str, auth: &BackupAuth) -> Command {
    let mut cmd = Command::dokku(spec.command("backup-auth"))
        .arg(service)
        .secret_arg("", auth.access_key_id.expose())
        .secret_arg("", auth.secret_access_key.expose());
    let optional = [&auth.region, &auth.signature_version, &auth.endpoint_url];
    let given = optional.iter().rposition(|v| v.is_some()).map_or(0, |last| last + 1);
    for value in &optional[..given] {
        cmd = cmd.arg(value.as_deref().unwrap_or_default());
    }
    cmd.writes(None)
}

/// `<type>:backup-deauth <service>`.
pub fn backup_deauth(spec: &ServiceSpec, service: &str) -> Command {
    Command::dokku(spec.command("backup-deauth")).arg(service).writes(None)
}

/// `<type>:backup-schedule <service> <schedule> <bucket> [--use-iam]`.
pub fn backup_schedule(spec: &ServiceSpec, service: &str, schedule: &BackupSchedule) -> Command {
    let cmd =
        Command::dokku(spec.command("backup-schedule")).args([service, &schedule.schedule, &schedule.bucket]);
    if schedule.use_iam { cmd.arg("--use-iam") } else { cmd }.writes(None)
}

/// `<type>:backup-unschedule <service>`.
pub fn backup_unschedule(spec: &ServiceSpec, service: &str) -> Command {
    Command::dokku(spec.command("backup-unschedule")).arg(service).writes(None)
}

/// `<type>:backup-set-encryption <service> <passphrase>`.
pub fn backup_set_encryption(spec: &ServiceSpec, service: &str, passphrase: &str) -> Command {
    Command::dokku(spec.command("backup-set-encryption")).arg(service).secret_arg("", passphrase).writes(None)
}

/// `<type>:backup-unset-encryption <service>`.
pub fn backup_unset_encryption(spec: &ServiceSpec, service: &str) -> Command {
    Command::dokku(spec.command("backup-unset-encryption")).arg(service).writes(None)
}

/// `<type>:backup-set-public-key-encryption <service> <key id>`.
pub fn backup_set_public_key_encryption(spec: &ServiceSpec, service: &str, key_id: &str) -> Command {
    Command::dokku(spec.command("backup-set-public-key-encryption")).args([service, key_id]).writes(None)
}

/// `<type>:backup-unset-public-key-encryption <service>`.
pub fn backup_unset_public_key_encryption(spec: &ServiceSpec, service: &str) -> Command {
    Command::dokku(spec.command("backup-unset-public-key-encryption")).arg(service).writes(None)
}

/// `<type>:export <service>`: the data on stdout (only where [`ServiceSpec::has_data_transfer`]).
pub fn export_data(spec: &ServiceSpec, service: &str) -> Command {
    Command::dokku(spec.command("export")).arg(service).timeout(LONG)
}

/// `<type>:import <service>`: the data on stdin (only where [`ServiceSpec::has_data_transfer`]).
pub fn import_data(spec: &ServiceSpec, service: &str) -> Command {
    Command::dokku(spec.command("import")).arg(service).writes(None).timeout(LONG)
}
