//! Help texts: `dokku help` and the per-plugin `<plugin>:help` pages.
//!
//! The texts are Dokku's own help strings (data, not logic), so that clients parsing help output
//! see what a real server prints.

use crate::help_pages::HELP_PAGES;
use crate::invocation::Invocation;

/// `dokku help` rows: command namespace and description, as the core plugins declare them.
const MAIN_HELP: &[(&str, &str)] = &[
    ("app-json", "Manage app-json settings for an app"),
    ("apps", "Manage apps"),
    ("builder", "Manage builder settings for an app"),
    ("builder-dockerfile", "Manage the dockerfile builder integration for an app"),
    ("builder-herokuish", "Manage the herokuish builder integration for an app"),
    ("builder-lambda", "Manage the lambda builder integration for an app"),
    ("builder-nixpacks", "Manage the nixpacks builder integration for an app"),
    ("builder-null", "No-op builder plugin"),
    ("builder-pack", "Manage the pack builder integration for an app"),
    ("builder-railpack", "Manage the railpack builder integration for an app"),
    ("buildpacks", "Manage buildpack settings for an app"),
    ("builds", "Manage running and historical builds"),
    ("caddy", "Manage the caddy proxy integration"),
    ("certs", "Manage SSL (TLS) certs"),
    ("checks", "Manage zero-downtime settings"),
    ("cleanup", "Cleans up exited/dead Docker containers and removes dangling images"),
    ("config", "Manage global and app-specific config vars"),
    ("cron", "Manage scheduled cron tasks"),
    ("docker-options", "Manage docker options for an app"),
    ("domains", "Manage domains used by the proxy"),
    ("enter", "Enter running app containers"),
    ("events", "Manage event logging"),
    ("git", "Manage app deploys via git"),
    ("haproxy", "Manage the haproxy proxy integration"),
    ("help", "Print the list of commands"),
    ("logs", "Manage log integration for an app"),
    ("network", "Manage network settings for an app"),
    ("nginx", "Manage the nginx proxy"),
    ("openresty", "Manage the openresty proxy integration"),
    ("plugin", "Manage installed plugins"),
    ("ports", "Manage ports for an app"),
    ("proxy", "Manage the proxy integration for an app"),
    ("ps", "Manage app processes"),
    ("registry", "Manage registry settings for an app"),
    ("repo", "Manage the app's repo"),
    ("resource", "Manage resource settings for an app"),
    ("run", "Run a one-off process inside a container"),
    ("scheduler", "Manage scheduler settings for an app"),
    ("scheduler-docker-local", "Manage the docker-local scheduler integration for an app"),
    ("scheduler-null", "No-op scheduler plugin"),
    ("shell", "Interactive dokku prompt"),
    ("ssh-keys", "Manage public ssh keys used for deployment"),
    ("storage", "Manage mounted volumes"),
    ("trace", "Manage trace mode"),
    ("traefik", "Manage the traefik proxy integration"),
    ("url", "Show the first URL for an application (compatibility)"),
    ("urls", "Show all URLs for an application"),
    ("version", "Print dokku's version"),
];

/// `apps:help` rows: usage and description.
const APPS_HELP: &[(&str, &str)] = &[
    ("apps:clone <old-app> <new-app>", "Clones an app"),
    ("apps:create <app>", "Create a new app"),
    ("apps:destroy <app>", "Permanently destroy an app"),
    ("apps:exists <app>", "Checks if an app exists"),
    ("apps:list [--format stdout|json]", "List your apps"),
    ("apps:lock <app>", "Locks an app for deployment"),
    ("apps:locked <app>", "Checks if an app is locked for deployment"),
    ("apps:rename <old-app> <new-app>", "Rename an app"),
    ("apps:report [<app>] [<flag>]", "Display report about an app"),
    ("apps:set <app>|--global <key> <value>", "Set or clear an apps property"),
    ("apps:unlock <app>", "Unlocks an app for deployment"),
];

/// `config:help` rows: usage and description.
const CONFIG_HELP: &[(&str, &str)] = &[
    ("config (<app>|--global)", "Pretty-print an app or global environment"),
    ("config:bundle [--merged] (<app>|--global)", "Bundle environment into tarfile"),
    ("config:clear [--no-restart] (<app>|--global)", "Clears environment variables"),
    ("config:export [--format=FORMAT] [--merged] (<app>|--global)", "Export a global or app environment"),
    ("config:get [--quoted] (<app>|--global) KEY", "Display a global or app-specific config value"),
    ("config:import [--no-restart] [--replace] (<app>|--global) [FILE|-]", "Import environment from file"),
    ("config:keys [--merged] (<app>|--global)", "Show keys set in environment"),
    ("config:show [--merged] (<app>|--global)", "Show keys set in environment"),
    (
        "config:set [--encoded] [--no-restart] (<app>|--global) KEY1=VALUE1 [KEY2=VALUE2 ...]",
        "Set one or more config vars",
    ),
    ("config:unset [--no-restart] (<app>|--global) KEY1 [KEY2 ...]", "Unset one or more config vars"),
];

/// Prints `dokku help`; the banner only when output is not quiet (a TTY without `--quiet`).
pub(crate) fn print_main_help(inv: &mut Invocation<'_>, banner: bool) {
    if banner {
        inv.out.line("Usage: dokku [--quiet|--trace|--force] COMMAND <app> [command-specific-options]");
        inv.out.line("");
        inv.out.line("Primary help options, type \"dokku COMMAND:help\" for more details, or dokku help --all to see all commands.");
        inv.out.line("");
        inv.out.line("Commands:");
        inv.out.line("");
    }
    for (name, description) in MAIN_HELP {
        inv.out.line(&format!("    {name:<25}{description}"));
    }
}

/// Prints `<namespace>:help`; false when the simulator has no help page for it.
pub(crate) fn print_plugin_help(inv: &mut Invocation<'_>, namespace: &str) -> bool {
    let (description, rows): (&str, &[(&str, &str)]) = match namespace {
        "apps" => ("Manage apps", APPS_HELP),
        "config" => ("Manage global and app-specific config vars", CONFIG_HELP),
        _ => match HELP_PAGES.iter().find(|(name, _, _)| *name == namespace) {
            Some((_, description, rows)) => (description, rows),
            None => return false,
        },
    };
    inv.out.line(&format!("Usage: dokku {namespace}[:COMMAND]"));
    inv.out.line("");
    inv.out.line(description);
    inv.out.line("");
    inv.out.line("Additional commands:");
    // columnize: cells left-aligned to the widest usage, two spaces of glue.
    let width = rows.iter().map(|(usage, _)| usage.len()).max().unwrap_or(0) + 2;
    for (usage, text) in rows {
        inv.out.line(&format!("    {usage:<width$}{text}"));
    }
    true
}
