//! One module per Dokku plugin; [`dispatch`] routes `namespace:subcommand` to them.

mod app_json;
mod apps;
mod builder;
mod builder_settings;
mod buildpacks;
mod builds;
mod caddy;
mod certs;
mod checks;
mod config;
mod cron;
mod docker_option_words;
mod docker_options;
mod domains;
mod git;
mod haproxy;
mod letsencrypt;
mod logs;
mod maintenance;
mod network;
mod nginx;
mod openresty;
mod plugin;
mod ports;
mod proxy;
mod proxy_labels;
mod proxy_properties;
mod ps;
mod redirect;
mod registry;
mod resource;
mod scheduler;
mod scheduler_docker_local;
mod service_args;
mod service_files;
mod service_types;
mod services;
mod ssh_keys;
mod standard;
mod storage;
mod traefik;

use crate::invocation::Invocation;
use crate::output::Outcome;

pub(crate) use apps::app_files;
pub(crate) use domains::app_domains;
pub(crate) use git::repository_files as git_repository_files;
pub(crate) use letsencrypt::letsencrypt_files;
pub(crate) use maintenance::nginx_includes as maintenance_nginx_includes;
pub(crate) use network::web_listeners;
pub(crate) use nginx::capture_host_files as nginx_capture_host_files;
pub(crate) use ports::{PortMap, configure as configure_ports, effective_port_maps};
pub(crate) use proxy::{is_enabled as is_proxy_enabled, proxy_type};
pub(crate) use ps::{docker_containers, server_files as ps_server_files};
pub(crate) use redirect::redirect_files;
pub(crate) use registry::docker_configs as registry_docker_configs;
pub(crate) use resource::property_files as resource_property_files;
pub(crate) use service_files::service_files;
pub(crate) use service_types::of_plugin as service_type_of_plugin;
pub(crate) use ssh_keys::authorized_keys;
pub(crate) use storage::storage_files;

/// Runs `command` with `args`; `None` when no plugin implements it.
pub(crate) fn dispatch(inv: &mut Invocation<'_>, command: &str, args: &[String]) -> Option<Outcome> {
    let (namespace, sub) = command.split_once(':').unwrap_or((command, ""));
    // `nginx` is the command namespace of the nginx-vhosts plugin, `events` of 20_events.
    if sub == "help" && crate::help::print_plugin_help(inv, namespace) {
        return Some(Ok(()));
    }
    if !shipped(namespace, inv.version) {
        return None;
    }
    if let Some(outcome) = builder_settings::dispatch(inv, namespace, sub, args) {
        return Some(outcome);
    }
    match namespace {
        "apps" => apps::dispatch(inv, sub, args),
        "app-json" => app_json::dispatch(inv, sub, args),
        "builder" => builder::dispatch(inv, sub, args),
        "buildpacks" => buildpacks::dispatch(inv, sub, args),
        "builds" => builds::dispatch(inv, sub, args),
        "caddy" => caddy::dispatch(inv, sub, args),
        "certs" => certs::dispatch(inv, sub, args),
        "checks" => checks::dispatch(inv, sub, args),
        "config" => config::dispatch(inv, sub, args),
        "cron" => cron::dispatch(inv, sub, args),
        "docker-options" => docker_options::dispatch(inv, sub, args),
        "domains" => domains::dispatch(inv, sub, args),
        "git" => git::dispatch(inv, sub, args),
        "haproxy" => haproxy::dispatch(inv, sub, args),
        "letsencrypt" => letsencrypt::dispatch(inv, sub, args),
        "logs" => logs::dispatch(inv, sub, args),
        "maintenance" => maintenance::dispatch(inv, sub, args),
        "network" => network::dispatch(inv, sub, args),
        "nginx" => nginx::dispatch(inv, sub, args),
        "openresty" => openresty::dispatch(inv, sub, args),
        "plugin" => plugin::dispatch(inv, sub, args),
        "ports" => ports::dispatch(inv, sub, args),
        "proxy" => proxy::dispatch(inv, sub, args),
        "ps" => ps::dispatch(inv, sub, args),
        "redirect" => redirect::dispatch(inv, sub, args),
        "registry" => registry::dispatch(inv, sub, args),
        "resource" => resource::dispatch(inv, sub, args),
        "scheduler" => scheduler::dispatch(inv, sub, args),
        "scheduler-docker-local" => scheduler_docker_local::dispatch(inv, sub, args),
        "ssh-keys" => ssh_keys::dispatch(inv, sub, args),
        "storage" => storage::dispatch(inv, sub, args),
        "traefik" => traefik::dispatch(inv, sub, args),
        "url" | "urls" if sub.is_empty() => standard::dispatch(inv, namespace, args),
        // An installed service plugin (postgres, redis, …) answers its own prefix.
        _ => services::dispatch(inv, namespace, sub, args),
    }
}

/// Whether `version` shipped the plugin answering `namespace` (a plugin it did not ship has no
/// `commands`, so Dokku says "is not a dokku command"): builds arrived in v0.38.0
/// (plugins/builds), openresty-vhosts in v0.31.0. (The builder plugins check their own.)
fn shipped(namespace: &str, version: crate::version::DokkuVersion) -> bool {
    match namespace {
        "builds" => version.at_least(0, 38, 0),
        "openresty" => version.at_least(0, 31, 0),
        _ => true,
    }
}

/// Go's `common.VerifyAppName`: empty name, a name neither `IsValidAppName` nor
/// `IsValidAppNameOld` accepts (the message is the former's), and a missing app are different
/// errors.
pub(crate) fn verify_app_go(inv: &mut Invocation<'_>, app: &str) -> Outcome {
    if app.is_empty() {
        return Err(inv.out.fail("Please specify an app to run the command on"));
    }
    let valid_name = app.starts_with(|c: char| c.is_ascii_lowercase() || c.is_ascii_digit())
        && app.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '-' | '_'));
    if !valid_name {
        return Err(inv.out.fail(
            "App name must begin with lowercase alphanumeric character, and may only contain lowercase alphanumerics, dots, and hyphens",
        ));
    }
    if !inv.app_exists(app) {
        return Err(inv.out.app_missing(app));
    }
    Ok(())
}

/// Bash's `verify_app_name`: every failure is "App <name> does not exist" (exit 20).
pub(crate) fn verify_app_bash(inv: &mut Invocation<'_>, app: &str) -> Outcome {
    if app.is_empty() || !inv.app_exists(app) {
        return Err(inv.out.app_missing(app));
    }
    Ok(())
}

/// The first argument, empty when absent.
pub(crate) fn first_arg(args: &[String]) -> String {
    args.first().cloned().unwrap_or_default()
}
