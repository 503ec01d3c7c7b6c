//! The `plugin` plugin: core plugin list and third-party plugin (un)installation.

use crate::invocation::Invocation;
use crate::output::Outcome;
use crate::plugin_checkout;
use crate::server_files::DOKKU_LIB_ROOT;
use crate::state::InstalledPlugin;

/// Core plugins of Dokku 0.38.27 with the version and description their `plugin.toml` carry
/// (`builds` still says 0.34.0); `VERSION` stands for the Dokku version.
const CORE_PLUGINS: &[(&str, &str, &str)] = &[
    ("00_dokku-standard", "VERSION", "dokku core standard plugin"),
    ("20_events", "VERSION", "dokku core events logging plugin"),
    ("app-json", "VERSION", "dokku core app-json plugin"),
    ("apps", "VERSION", "dokku core apps plugin"),
    ("builder", "VERSION", "dokku core builder plugin"),
    ("builder-dockerfile", "VERSION", "dokku core builder-dockerfile plugin"),
    ("builder-herokuish", "VERSION", "dokku core builder-herokuish plugin"),
    ("builder-lambda", "VERSION", "dokku core builder-lambda plugin"),
    ("builder-nixpacks", "VERSION", "dokku core builder-nixpacks plugin"),
    ("builder-null", "VERSION", "dokku core builder-null plugin"),
    ("builder-pack", "VERSION", "dokku core builder-pack plugin"),
    ("builder-railpack", "VERSION", "dokku core builder-railpack plugin"),
    ("buildpacks", "VERSION", "dokku core buildpacks plugin"),
    ("builds", "0.34.0", "dokku core builds plugin"),
    ("caddy-vhosts", "VERSION", "dokku core caddy-vhosts plugin"),
    ("certs", "VERSION", "dokku core certificate management plugin"),
    ("checks", "VERSION", "dokku core checks plugin"),
    ("common", "VERSION", "dokku core common plugin"),
    ("config", "VERSION", "dokku core config plugin"),
    ("cron", "VERSION", "dokku core cron plugin"),
    ("docker-options", "VERSION", "dokku core docker-options plugin"),
    ("domains", "VERSION", "dokku core domains plugin"),
    ("enter", "VERSION", "dokku core enter plugin"),
    ("git", "VERSION", "dokku core git plugin"),
    ("haproxy-vhosts", "VERSION", "dokku core haproxy-vhosts plugin"),
    ("logs", "VERSION", "dokku core logs plugin"),
    ("network", "VERSION", "dokku core network plugin"),
    ("nginx-vhosts", "VERSION", "dokku core nginx-vhosts plugin"),
    ("openresty-vhosts", "VERSION", "dokku core openresty-vhosts plugin"),
    ("plugin", "VERSION", "dokku core plugin plugin"),
    ("ports", "VERSION", "dokku core ports plugin"),
    ("proxy", "VERSION", "dokku core proxy plugin"),
    ("ps", "VERSION", "dokku core ps plugin"),
    ("registry", "VERSION", "dokku core registry plugin"),
    ("repo", "VERSION", "dokku core repo plugin"),
    ("resource", "VERSION", "dokku core resource plugin"),
    ("run", "VERSION", "dokku core run plugin"),
    ("scheduler", "VERSION", "dokku core scheduler plugin"),
    ("scheduler-docker-local", "VERSION", "dokku core scheduler-docker-local plugin"),
    ("scheduler-null", "VERSION", "dokku core scheduler-null plugin"),
    ("shell", "VERSION", "dokku core shell plugin"),
    ("ssh-keys", "VERSION", "dokku core ssh-keys plugin"),
    ("storage", "VERSION", "dokku core storage plugin"),
    ("trace", "VERSION", "dokku core trace plugin"),
    ("traefik-vhosts", "VERSION", "dokku core traefik-vhosts plugin"),
];

/// Third-party plugins the simulator knows the `plugin.toml` of (name, version, description).
const KNOWN_PLUGINS: &[(&str, &str, &str)] = &[
    ("letsencrypt", "0.25.1", "Automated installation of let's encrypt TLS certificates"),
    ("maintenance", "0.10.1", "Maintenance mode for apps"),
    ("redirect", "0.9.1", "Plugin for managing application redirects"),
];

/// Routes `plugin:*`.
pub(crate) fn dispatch(inv: &mut Invocation<'_>, sub: &str, args: &[String]) -> Option<Outcome> {
    Some(match sub {
        "" | "list" => list(inv, args),
        "installed" => installed(inv, args),
        "install" => install(inv, args),
        "uninstall" => uninstall(inv, args),
        "enable" => toggle(inv, args, true),
        "disable" => toggle(inv, args, false),
        "update" => update(inv, args),
        _ => return None,
    })
}

/// Whether an enabled third-party plugin provides the `namespace` commands.
pub(crate) fn is_enabled(inv: &Invocation<'_>, namespace: &str) -> bool {
    inv.state.plugins.get(namespace).is_some_and(|p| p.enabled)
}

/// One listed plugin.
struct ListedPlugin {
    name: String,
    version: String,
    enabled: bool,
    core: bool,
    description: String,
    /// Third-party plugins' git origin, commit and branch.
    source: Option<(String, String, String)>,
}

/// Core and third-party plugins sorted by name.
fn all_plugins(inv: &Invocation<'_>) -> Vec<ListedPlugin> {
    let version = inv.version.to_string();
    let mut plugins: Vec<ListedPlugin> = CORE_PLUGINS
        .iter()
        .map(|(name, plugin_version, description)| ListedPlugin {
            name: (*name).to_string(),
            version: plugin_version.replace("VERSION", &version),
            enabled: !inv.state.disabled_core_plugins.contains(*name),
            core: true,
            description: (*description).to_string(),
            source: None,
        })
        .collect();
    plugins.extend(inv.state.plugins.iter().map(|(name, plugin)| ListedPlugin {
        name: name.clone(),
        version: plugin.version.clone(),
        enabled: plugin.enabled,
        core: false,
        description: plugin.description.clone(),
        source: Some((plugin.source_url.clone(), plugin.committish.clone(), plugin.branch.clone())),
    }));
    plugins.sort_by(|a, b| a.name.cmp(&b.name));
    plugins
}

/// `plugin:list [--format stdout|json]`.
fn list(inv: &mut Invocation<'_>, args: &[String]) -> Outcome {
    let mut format = "stdout".to_string();
    let mut words = args.iter();
    while let Some(word) = words.next() {
        if word == "--format" {
            format = words.next().cloned().unwrap_or_default();
        } else if let Some(value) = word.strip_prefix("--format=") {
            format = value.to_string();
        }
    }
    let json_supported = inv.version.at_least(0, 38, 22);
    if format != "stdout" && !(format == "json" && json_supported) {
        return Err(inv.out.fail("Invalid output format specified, supported formats: json, stdout"));
    }
    let plugins = all_plugins(inv);
    if format == "json" {
        let items: Vec<String> = plugins
            .iter()
            .map(|p| {
                let (url, commit, branch) = p.source.clone().unwrap_or_default();
                format!(
                    "{{\"name\":{},\"version\":{},\"enabled\":{},\"core\":{},\"description\":{},\"source_url\":{},\"committish\":{},\"branch\":{}}}",
                    crate::go_json::go_string(&p.name),
                    crate::go_json::go_string(&p.version),
                    p.enabled,
                    p.core,
                    crate::go_json::go_string(&p.description),
                    crate::go_json::go_string(&url),
                    crate::go_json::go_string(&commit),
                    crate::go_json::go_string(&branch)
                )
            })
            .collect();
        inv.out.line(&format!("[{}]", items.join(",")));
        return Ok(());
    }
    for plugin in plugins {
        let status = if plugin.enabled { "enabled" } else { "disabled" };
        inv.out.line(&format!(
            "  {:<20} {:<5} {:<10} {}",
            plugin.name, plugin.version, status, plugin.description
        ));
    }
    Ok(())
}

/// `plugin:installed <name>`: exit status only.
fn installed(inv: &mut Invocation<'_>, args: &[String]) -> Outcome {
    let name = args.first().cloned().unwrap_or_default();
    let found = all_plugins(inv).iter().any(|p| p.name == name);
    if found { Ok(()) } else { Err(crate::output::Failure(1)) }
}

/// `plugin:install <url> [--name <name>] [--committish <ref>]`.
fn install(inv: &mut Invocation<'_>, args: &[String]) -> Outcome {
    let mut url = None;
    let mut name = None;
    let mut committish = None;
    let mut skip_install_trigger = false;
    let mut words = args.iter();
    while let Some(word) = words.next() {
        match word.as_str() {
            "--name" => name = words.next().cloned(),
            "--committish" => committish = words.next().cloned(),
            "--skip-install-trigger" => skip_install_trigger = true,
            "--core" => {}
            other if url.is_none() => url = Some(other.to_string()),
            _ => {}
        }
    }
    let Some(url) = url else {
        // Without a URL (or with `--core`) Dokku only re-runs the install triggers.
        install_triggers(inv);
        inv.out.info1_quiet("Priming bash-completion cache");
        return Ok(());
    };
    let valid_prefix = ["https:", "git", "ssh:", "file:"].iter().any(|prefix| url.starts_with(prefix));
    let valid_suffix = url.ends_with(".tar.gz") || url.ends_with(".tgz");
    if !(valid_prefix || valid_suffix) {
        inv.out.warn("First argument must be --core or url to plugin");
        inv.out.warn("Valid prefixes: https:, git:, ssh:, file:");
        inv.out.warn("Valid suffixes: .tar.gz, .tgz");
        return Err(inv.out.fail("Please retry with valid arguments"));
    }
    let name = name.unwrap_or_else(|| {
        let base = url.rsplit('/').next().unwrap_or(&url);
        let base = base.trim_end_matches(".git");
        base.strip_prefix("dokku-").unwrap_or(base).to_string()
    });
    if CORE_PLUGINS.iter().any(|(core, _, _)| *core == name) || inv.state.plugins.contains_key(&name) {
        return Err(inv.out.fail(&format!("Plugin {name} is already installed")));
    }
    let (version, description) = KNOWN_PLUGINS
        .iter()
        .find(|(known, _, _)| *known == name)
        .map(|(_, version, description)| ((*version).to_string(), (*description).to_string()))
        .or_else(|| {
            // The official service plugins' `plugin.toml` at the tags the simulator imitates.
            super::service_type_of_plugin(&name, &url)
                .map(|ty| (ty.plugin_version.to_string(), ty.description.to_string()))
        })
        .unwrap_or_else(|| ("0.0.0".to_string(), String::new()));
    inv.out.info1(&format!("Cloning plugin repo {url} to {DOKKU_LIB_ROOT}/plugins/available/{name}"));
    inv.out.err_line(&format!("Cloning into '{name}'..."));
    inv.out.info1(&format!("Plugin {name} enabled"));
    // Dokku reads the source with git: origin URL, `rev-parse HEAD`, and the branch unless the
    // checkout is detached (a commit was asked for). The simulated HEAD is derived from the URL.
    let (commit, branch) = plugin_checkout::checkout(&url, None);
    inv.state.plugins.insert(
        name.clone(),
        InstalledPlugin {
            version,
            description,
            enabled: true,
            source_url: url,
            committish: commit,
            branch,
            pinned: None,
        },
    );
    // With a committish, Dokku runs `plugn update <name> <committish>` right after the clone.
    if committish.is_some() {
        plugn_update(inv, &name, committish);
    }
    if !skip_install_trigger {
        install_triggers(inv);
    }
    inv.out.info1_quiet("Priming bash-completion cache");
    Ok(())
}

/// `plugn trigger install`: every enabled plugin's `install` trigger, in name order. Of the
/// core plugins' triggers only network's changes what the simulated server shows (and prints
/// per app); the user-group line comes from a later core trigger on the capture host.
fn install_triggers(inv: &mut Invocation<'_>) {
    super::network::install_trigger(inv);
    inv.out.line("Adding user dokku to group adm");
}

/// `plugin:uninstall <name>`.
fn uninstall(inv: &mut Invocation<'_>, args: &[String]) -> Outcome {
    let name = args.first().cloned().unwrap_or_default();
    if CORE_PLUGINS.iter().any(|(core, _, _)| *core == name) {
        return Err(inv.out.fail("Cannot uninstall a core plugin"));
    }
    if inv.state.plugins.remove(&name).is_none() {
        return Err(inv.out.fail(&format!("Plugin ({name}) is not currently installed")));
    }
    inv.out.info1_quiet(&format!("Plugin {name} uninstalled"));
    // cmd-plugin-uninstall ends with plugin_prime_bash_completion, like install.
    inv.out.info1_quiet("Priming bash-completion cache");
    Ok(())
}

/// `plugin:enable|disable <name>`.
fn toggle(inv: &mut Invocation<'_>, args: &[String], enable: bool) -> Outcome {
    let Some(name) = args.first().cloned() else {
        let verb = if enable { "enable" } else { "disable" };
        return Err(inv.out.fail(&format!("Please specify a plugin to {verb}")));
    };
    if CORE_PLUGINS.iter().any(|(core, _, _)| *core == name) {
        if !enable {
            return Err(inv.out.fail("Cannot disable a core plugin"));
        }
        return Err(inv.out.fail("Plugin already enabled"));
    }
    let Some(plugin) = inv.state.plugins.get_mut(&name) else {
        return Err(inv.out.fail("Plugin does not exist"));
    };
    if plugin.enabled == enable {
        let state = if enable { "enabled" } else { "disabled" };
        return Err(inv.out.fail(&format!("Plugin already {state}")));
    }
    plugin.enabled = enable;
    let state = if enable { "enabled" } else { "disabled" };
    inv.out.info1(&format!("Plugin {name} {state}"));
    Ok(())
}

/// `plugin:update [<name> [<committish>]]`: `plugn update` for the plugin (or every enabled
/// third-party plugin), then the update trigger and the completion cache.
fn update(inv: &mut Invocation<'_>, args: &[String]) -> Outcome {
    let Some(name) = args.first().cloned() else {
        let enabled: Vec<String> =
            inv.state.plugins.iter().filter(|(_, p)| p.enabled).map(|(name, _)| name.clone()).collect();
        for name in enabled {
            plugn_update(inv, &name, None);
        }
        inv.out.info1_quiet("Priming bash-completion cache");
        return Ok(());
    };
    if CORE_PLUGINS.iter().any(|(core, _, _)| *core == name) {
        return Err(inv
            .out
            .fail("Cannot trigger plugin:update against core plugin, please update Dokku instead"));
    }
    if !is_enabled(inv, &name) {
        return Err(inv.out.fail("Specified plugin not enabled or installed"));
    }
    let committish = args.get(1).filter(|c| !c.is_empty()).cloned();
    plugn_update(inv, &name, committish);
    inv.out.info1_quiet("Priming bash-completion cache");
    Ok(())
}

/// `plugn update <name> [<committish>]` on an installed plugin: a tarball is not managed by
/// git, a detached checkout stays pinned unless a committish is given, a committish is checked
/// out and recorded.
fn plugn_update(inv: &mut Invocation<'_>, name: &str, committish: Option<String>) {
    let Some(plugin) = inv.state.plugins.get_mut(name) else { return };
    if plugin_checkout::is_tarball(&plugin.source_url) {
        inv.out.line(&format!("Plugin ({name}) not managed by git"));
        return;
    }
    match committish {
        None if plugin.branch.is_empty() => {
            let pinned = plugin.pinned.clone().unwrap_or_else(|| plugin.committish.clone());
            inv.out.line(&format!("Plugin pinned to {pinned}"));
        }
        None => inv.out.line(&format!("Plugin ({name}) updated")),
        Some(committish) => {
            let (commit, branch) = plugin_checkout::checkout(&plugin.source_url, Some(&committish));
            plugin.committish = commit;
            plugin.branch = branch;
            inv.out.line(&format!("Plugin ({name}) updated and pinned to {committish}"));
            plugin.pinned = Some(committish);
        }
    }
}
