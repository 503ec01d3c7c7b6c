//! The `network` plugin: docker networks and per-app network settings.

use super::{apps::confirm_destruction, first_arg};
use crate::docker_networks::{self, DOKKU_NETWORK_LABEL, DockerNetwork};
use crate::go_json::go_string;
use crate::invocation::Invocation;
use crate::legacy_report::{LegacyLayout, Renderer, computed, global_or, run_versioned_report, same};
use crate::output::Outcome;
use crate::pflag::parse_flags;
use crate::property_report::{add_triplets, app_property, triplet};
use crate::property_set::{PropertySetSpec, run_property_set};
use crate::report::{GoReportSpec, GoReportStyle, ReportValues, Subject};
use crate::version::DokkuVersion;

/// `network:report`.
const REPORT: GoReportSpec = GoReportSpec {
    plugin: "network",
    report_type: "network",
    style: GoReportStyle::LEGACY,
    json_since: DokkuVersion::new(0, 23, 1),
};

/// `network:report` before 0.38.0 (plugins/network/report.go at v0.33.9 and v0.35.20): the
/// global `bind-all-interfaces` printed its default `false`.
const LEGACY: &[LegacyLayout] = &[LegacyLayout {
    until: DokkuVersion::new(0, 38, 0),
    renderer: Renderer::Go { trim_prefix: false, uppercase: true },
    fields: &[
        same("--network-attach-post-create"),
        same("--network-attach-post-deploy"),
        same("--network-bind-all-interfaces"),
        same("--network-computed-attach-post-create"),
        same("--network-computed-attach-post-deploy"),
        computed("--network-computed-bind-all-interfaces", "bind-all-interfaces", "false"),
        same("--network-computed-initial-network"),
        same("--network-computed-tld"),
        same("--network-global-attach-post-create"),
        same("--network-global-attach-post-deploy"),
        global_or("--network-global-bind-all-interfaces", "bind-all-interfaces", "false"),
        same("--network-global-initial-network"),
        same("--network-global-tld"),
        same("--network-initial-network"),
        same("--network-static-web-listener"),
        same("--network-tld"),
        same("--network-web-listeners"),
    ],
    namespace: "network",
}];

/// `network:set`.
const SET: PropertySetSpec = PropertySetSpec {
    namespace: "network",
    keys: &[
        "attach-post-create",
        "attach-post-deploy",
        "bind-all-interfaces",
        "initial-network",
        "static-web-listener",
        "tld",
    ],
    global_keys: &[
        "attach-post-create",
        "attach-post-deploy",
        "bind-all-interfaces",
        "initial-network",
        "tld",
    ],
    noun: "property",
    verify_app: true,
};

/// The bogus creation time Dokku prints for every network (it parses a constant).
const CREATED_AT: &str = "2024-02-25T01:55:24.275184461Z";

/// Routes `network:*`.
pub(crate) fn dispatch(inv: &mut Invocation<'_>, sub: &str, args: &[String]) -> Option<Outcome> {
    Some(match sub {
        "create" => create(inv, args),
        "destroy" => destroy(inv, args),
        "exists" => exists(inv, args),
        "info" => info(inv, args),
        "list" => list(inv, args),
        "set" => set(inv, args),
        "report" => run_versioned_report(inv, &REPORT, LEGACY, args, &report_values),
        "rebuild" | "rebuildall" => Ok(()),
        _ => return None,
    })
}

/// Every network on the simulated docker host, sorted by name.
fn all_networks(inv: &Invocation<'_>) -> Vec<DockerNetwork> {
    docker_networks::all(inv.state)
}

/// `network:create <network>`.
fn create(inv: &mut Invocation<'_>, args: &[String]) -> Outcome {
    let name = first_arg(args);
    if name.is_empty() {
        return Err(inv.out.fail("No network name specified"));
    }
    if all_networks(inv).iter().any(|n| n.name == name) {
        return Err(inv.out.fail(&format!(
            "Unable to create network: Error response from daemon: network with name {name} already exists"
        )));
    }
    inv.out.info1(&format!("Creating network {name}"));
    let network = docker_networks::create(inv.state, &name);
    inv.state.networks.insert(name, network);
    Ok(())
}

/// `network:destroy [--force] <network>`.
fn destroy(inv: &mut Invocation<'_>, args: &[String]) -> Outcome {
    let flags = parse_flags(inv, "network:destroy", args, &["force"], &[])?;
    let name = flags.arg(0);
    if name.is_empty() {
        return Err(inv.out.fail("No network name specified"));
    }
    if !inv.state.networks.contains_key(&name) {
        return Err(inv.out.fail("Network does not exist"));
    }
    if !(flags.has("force") || inv.force) {
        confirm_destruction(inv, &name, "network")?;
    }
    inv.out.info1(&format!("Destroying network {name}"));
    inv.state.networks.remove(&name);
    Ok(())
}

/// `network:exists <network>`.
fn exists(inv: &mut Invocation<'_>, args: &[String]) -> Outcome {
    let name = first_arg(args);
    if name.is_empty() {
        return Err(inv.out.fail("No network name specified"));
    }
    if all_networks(inv).iter().any(|n| n.name == name) {
        inv.out.info1_quiet("Network exists");
        return Ok(());
    }
    Err(inv.out.fail("Network does not exist"))
}

/// A network as the JSON of `network:info`/`network:list`.
fn network_json(network: &DockerNetwork) -> String {
    let labels = if network.dokku_managed {
        format!("{{{}:{}}}", go_string(DOKKU_NETWORK_LABEL), go_string(&network.name))
    } else {
        "{}".to_string()
    };
    format!(
        "{{\"CreatedAt\":\"{CREATED_AT}\",\"DokkuManaged\":{},\"Driver\":\"{}\",\"ID\":\"{}\",\"Internal\":false,\"IPv6\":false,\"Labels\":{labels},\"Name\":{},\"Scope\":\"local\"}}",
        network.dokku_managed,
        network.driver,
        network.short_id(),
        go_string(&network.name)
    )
}

/// `network:info <network> [--format text|json]`.
fn info(inv: &mut Invocation<'_>, args: &[String]) -> Outcome {
    let flags = parse_flags(inv, "network:info", args, &[], &["format"])?;
    let name = flags.arg(0);
    let format = flags.value("format").unwrap_or("text").to_string();
    if format != "text" && format != "json" {
        return Err(inv.out.fail("Invalid format specified, use either text or json"));
    }
    let networks = all_networks(inv);
    let Some(network) = networks.iter().find(|n| n.name == name) else {
        return Err(inv.out.fail("Network does not exist"));
    };
    if format == "json" {
        inv.out.line(&network_json(network));
        return Ok(());
    }
    inv.out.info2_quiet(&format!("{} network information", network.name));
    let rows = [
        ("ID:", network.short_id().to_owned()),
        ("Name:", network.name.clone()),
        ("Driver:", network.driver.to_string()),
        ("Scope:", "local".to_string()),
        ("Dokku managed:", network.dokku_managed.to_string()),
    ];
    for (label, value) in rows {
        inv.out.verbose(&format!("{label:<16}{value}"));
    }
    Ok(())
}

/// `network:list [--format text|json]`: text order imitates Go's random map order as the
/// capture host printed it (host, user networks, none, bridge).
fn list(inv: &mut Invocation<'_>, args: &[String]) -> Outcome {
    // `--format` arrived in v0.35.3 (plugins/network/src/subcommands); before, pflag refused it.
    let value_flags: &[&str] = if inv.version.at_least(0, 35, 3) { &["format"] } else { &[] };
    let flags = parse_flags(inv, "network:list", args, &["dokku-managed"], value_flags)?;
    let networks: Vec<DockerNetwork> =
        all_networks(inv).into_iter().filter(|n| !flags.has("dokku-managed") || n.dokku_managed).collect();
    if flags.value("format") == Some("json") {
        let items: Vec<String> = networks.iter().map(network_json).collect();
        inv.out.line(&format!("[{}]", items.join(",")));
        return Ok(());
    }
    inv.out.info2_quiet("Networks");
    let rank = |name: &str| match name {
        "host" => 0,
        "none" => 2,
        "bridge" => 3,
        _ => 1,
    };
    let mut names: Vec<&str> = networks.iter().map(|n| n.name.as_str()).collect();
    names.sort_by_key(|name| rank(name));
    for name in names {
        inv.out.line(name);
    }
    Ok(())
}

/// `network:set [--global] <app> <property> [<value>...]` (`CommandSet`,
/// plugins/network/subcommands.go): the value is the one word after the property, except for
/// the attach properties, whose values are all the words after it, comma-joined, each refused
/// when it is `host` or `bridge` or is already the app's computed value of the other attach
/// property.
fn set(inv: &mut Invocation<'_>, args: &[String]) -> Outcome {
    let flags = parse_flags(inv, "network:set", args, &["global"], &[])?;
    let global = flags.has("global");
    let skip = if global { 1 } else { 2 };
    let app = if global { "--global".to_owned() } else { flags.arg(0) };
    let property = flags.arg(skip - 1);
    let values: Vec<String> = flags.positionals.iter().skip(skip).cloned().collect();
    let mut value = flags.arg(skip);
    if !global {
        super::verify_app_go(inv, &app)?;
    }
    if property == "attach-post-create" || property == "attach-post-deploy" {
        let other =
            if property == "attach-post-create" { "attach-post-deploy" } else { "attach-post-create" };
        let other_value = inv.state.computed_property(&app, "network", other, "");
        for network in &values {
            if network == "host" || network == "bridge" {
                return Err(inv.out.fail(&format!("Invalid network name specified for attach: {network}")));
            }
            if !network.is_empty() && *network == other_value {
                return Err(inv
                    .out
                    .fail(&format!("Network name already associated with this app: {network}")));
            }
        }
        value = values.join(",");
    }
    let mut rebuilt = vec![app, property];
    if !value.is_empty() {
        rebuilt.push(value);
    }
    run_property_set(inv, &SET, &rebuilt)
}

/// `network:report` values.
fn report_values(inv: &Invocation<'_>, subject: Subject<'_>) -> ReportValues {
    let mut values = ReportValues::default();
    add_triplets(
        inv,
        subject,
        "network",
        "network",
        &[
            triplet("attach-post-create", ""),
            triplet("attach-post-deploy", ""),
            triplet("bind-all-interfaces", "false"),
            triplet("initial-network", ""),
            triplet("tld", ""),
        ],
        &mut values,
    );
    if let Subject::App(app) = subject {
        values.set("--network-static-web-listener", app_property(inv, app, "network", "static-web-listener"));
        values.set("--network-web-listeners", web_listeners(inv, app).join(" "));
    }
    values
}

/// `GetListeners(app, "web")` (plugins/network/network.go): the static web listener when one is
/// set, else one `<ip>:<port>` per running web container, of which the simulated host has none.
pub(crate) fn web_listeners(inv: &Invocation<'_>, app: &str) -> Vec<String> {
    let static_listener = app_property(inv, app, "network", "static-web-listener");
    if static_listener.is_empty() { Vec::new() } else { vec![static_listener] }
}

/// The network plugin's `install` trigger (`TriggerInstall`, plugins/network/triggers.go), which
/// every `plugn trigger install` runs (so every `plugin:install`): each app, by name, that has
/// no `bind-all-interfaces` property gets one. It calls the `proxy-is-enabled` trigger, whose
/// `true`/`false` is streamed to stdout, and writes `true` whenever that trigger succeeds, which
/// the Go trigger always does, whatever it printed.
pub(crate) fn install_trigger(inv: &mut Invocation<'_>) {
    let apps: Vec<String> = inv
        .state
        .apps
        .iter()
        .filter(|(_, state)| {
            !state.properties.get("network").is_some_and(|props| props.contains_key("bind-all-interfaces"))
        })
        .map(|(app, _)| app.clone())
        .collect();
    for app in apps {
        let enabled = super::is_proxy_enabled(inv, &app);
        inv.out.line(&enabled.to_string());
        inv.out.verbose_quiet("Setting network property 'bind-all-interfaces' to true");
        if let Some(state) = inv.state.apps.get_mut(&app) {
            state.write_property("network", "bind-all-interfaces", "true");
        }
    }
}
