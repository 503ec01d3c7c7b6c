//! Export and apply glue: the network plugin as the engine sees it.

use std::collections::BTreeSet;

use dokku_core::plugin::{DiffOptions, ExportScope, Exported, Plugin, PluginDiff};
use dokku_core::reports::{read_app_reports, read_global_values};
use dokku_core::{Client, Command, DokkuVersion, Error, app_name};

use crate::commands::{builders, list_networks, parse_error};
use crate::files::report_values_from_files;
use crate::model::{AppNetwork, Network, NetworkRecord};
use crate::parse::{REPORT, app_network_from_values, global_from_values_at, global_warning};

/// The first version whose report prints every setting raw (the global
/// `bind-all-interfaces` included): the files give what its report gives.
const FILES_SINCE: DokkuVersion = DokkuVersion::new(0, 38, 6);

/// The network plugin for the export/apply engine.
#[derive(Clone, Copy, Debug, Default)]
pub struct NetworkPlugin;

impl Plugin for NetworkPlugin {
    const KEY: &'static str = "network";
    const DOKKU_NAME: &'static str = "network";
    const REQUIRES: &'static [&'static str] = &["apps"];
    type Record = NetworkRecord;

    async fn export(client: &Client, scope: &ExportScope) -> Result<Exported<NetworkRecord>, Error> {
        let mut exported = Exported::default();
        let (apps, global) = match scope.files.as_deref().filter(|_| scope.version >= FILES_SINCE) {
            // As root, the settings from the property files: no report.
            Some(files) => {
                let mut apps = Vec::with_capacity(scope.apps.len());
                for app in &scope.apps {
                    let values = report_values_from_files(files, Some(app));
                    let (settings, warning) = app_network_from_values(values).map_err(parse_error)?;
                    exported.warnings.extend(warning);
                    apps.push(settings);
                }
                let global = if scope.system {
                    let values = report_values_from_files(files, None);
                    exported.warnings.extend(global_warning(&values));
                    Some(global_from_values_at(&values, &scope.version).map_err(parse_error)?)
                } else {
                    None
                };
                (apps, global)
            }
            None => read_settings(client, scope, &mut exported.warnings).await?,
        };
        let global = global.filter(|g| !g.is_empty());
        let (networks, warnings) = list_networks(client, &scope.version).await?;
        exported.warnings.extend(warnings);
        // A whole-server export keeps every network (Docker's own ones for information); an
        // export of chosen apps keeps only the networks those apps refer to.
        let referenced: BTreeSet<&str> = apps.iter().flat_map(AppNetwork::referenced_networks).collect();
        let wanted = |n: &Network| scope.system || (!n.is_builtin() && referenced.contains(n.name.as_str()));
        exported.records.extend(networks.into_iter().filter(wanted).map(NetworkRecord::Network));
        exported.records.extend(global.map(NetworkRecord::AppNetwork));
        exported.records.extend(apps.into_iter().map(NetworkRecord::AppNetwork));
        Ok(exported)
    }

    fn validate(record: &NetworkRecord) -> Vec<(String, String)> {
        let mut problems = Vec::new();
        match record {
            NetworkRecord::Network(network) => {
                if !is_network_name(&network.name) {
                    problems.push(("name".into(), not_a_network(&network.name)));
                }
            }
            NetworkRecord::AppNetwork(settings) => validate_settings(settings, &mut problems),
        }
        problems
    }

    /// Networks first (each once; never Docker's `bridge`/`host`/`none`; a network that is
    /// neither Dokku's, of unknown origin, nor used by a setting in the document is left
    /// alone), then the global settings, then each app's settings.
    fn apply_commands(records: &[NetworkRecord]) -> Vec<Command> {
        let settings: Vec<&AppNetwork> = records
            .iter()
            .filter_map(|r| match r {
                NetworkRecord::AppNetwork(s) => Some(s),
                NetworkRecord::Network(_) => None,
            })
            .collect();
        let referenced: BTreeSet<&str> = settings.iter().flat_map(|s| s.referenced_networks()).collect();
        let mut created = BTreeSet::new();
        let mut commands = Vec::new();
        for record in records {
            if let NetworkRecord::Network(network) = record
                && !network.is_builtin()
                && (network.is_dokku_managed() != Some(false) || referenced.contains(network.name.as_str()))
                && created.insert(network.name.as_str())
            {
                commands.push(builders::create(&network.name));
            }
        }
        let (globals, apps): (Vec<&AppNetwork>, Vec<&AppNetwork>) =
            settings.into_iter().partition(|s| s.app_name.is_none());
        for settings in globals.into_iter().chain(apps) {
            commands.extend(settings_commands(settings));
        }
        commands
    }

    fn diff(current: &[NetworkRecord], desired: &[NetworkRecord], options: &DiffOptions) -> PluginDiff {
        crate::diff::diff(current, desired, options)
    }
}

/// The apps' and the global settings from `network:report` (bulk, and `--global` where it
/// exists).
async fn read_settings(
    client: &Client,
    scope: &ExportScope,
    warnings: &mut Vec<String>,
) -> Result<(Vec<AppNetwork>, Option<AppNetwork>), Error> {
    let reports = read_app_reports(client, &REPORT, &scope.apps, &scope.version).await?;
    let mut apps = Vec::with_capacity(reports.len());
    for values in &reports {
        let (settings, warning) = app_network_from_values(values.clone()).map_err(parse_error)?;
        warnings.extend(warning);
        apps.push(settings);
    }
    let mut global = None;
    if scope.system {
        let source = read_global_values(client, &REPORT, &scope.version, &reports).await?;
        if let Some(g) = source.as_ref().filter(|g| g.is_global_report()) {
            warnings.extend(global_warning(g.values()));
        }
        global = source
            .map(|g| global_from_values_at(g.values(), &scope.version))
            .transpose()
            .map_err(parse_error)?;
    }
    Ok((apps, global))
}

fn settings_commands(settings: &AppNetwork) -> Vec<Command> {
    let app = settings.app_name.as_deref();
    let mut commands = Vec::new();
    let mut set = |key: &str, values: Vec<&str>| commands.push(builders::set(app, key, values));
    if !settings.attach_post_create.is_empty() {
        set("attach-post-create", settings.attach_post_create.iter().map(String::as_str).collect());
    }
    if !settings.attach_post_deploy.is_empty() {
        set("attach-post-deploy", settings.attach_post_deploy.iter().map(String::as_str).collect());
    }
    if let Some(network) = &settings.initial_network {
        set("initial-network", vec![network]);
    }
    if let Some(bind) = settings.bind_all_interfaces {
        set("bind-all-interfaces", vec![if bind { "true" } else { "false" }]);
    }
    if let Some(listener) = &settings.static_web_listener {
        set("static-web-listener", vec![listener]);
    }
    if let Some(tld) = &settings.tld {
        set("tld", vec![tld]);
    }
    commands
}

fn validate_settings(settings: &AppNetwork, problems: &mut Vec<(String, String)>) {
    if let Some(app) = settings.app_name.as_deref().filter(|a| !app_name::is_valid(a)) {
        problems.push(("app_name".into(), app_name::invalid_message(app)));
    }
    for (field, list) in [
        ("attach_post_create", &settings.attach_post_create),
        ("attach_post_deploy", &settings.attach_post_deploy),
    ] {
        if let Some(bad) = list.iter().find(|n| !is_network_name(n)) {
            problems.push((field.into(), not_a_network(bad)));
        } else if let Some(builtin) = list.iter().find(|n| *n == "host" || *n == "bridge") {
            problems.push((field.into(), format!("Dokku cannot attach containers to {builtin:?}")));
        }
    }
    if let Some(bad) = settings.initial_network.as_deref().filter(|n| !is_network_name(n)) {
        problems.push(("initial_network".into(), not_a_network(bad)));
    }
    match settings.static_web_listener.as_deref() {
        Some(_) if settings.app_name.is_none() => {
            problems.push(("static_web_listener".into(), "is an app setting, not a global one".into()));
        }
        Some(listener) if !is_host_port(listener) => {
            problems.push(("static_web_listener".into(), format!("{listener:?} is not a host:port")));
        }
        _ => {}
    }
    if let Some(tld) = settings.tld.as_deref().filter(|t| t.is_empty() || t.contains(char::is_whitespace)) {
        problems.push(("tld".into(), format!("{tld:?} is not a domain")));
    }
}

/// Docker's rule for network names: `[a-zA-Z0-9][a-zA-Z0-9_.-]*`.
fn is_network_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphanumeric())
        && chars.all(|c| c.is_ascii_alphanumeric() || "_.-".contains(c))
}

fn not_a_network(name: &str) -> String {
    format!("{name:?} is not a Docker network name (letters, digits, '_', '.', '-')")
}

fn is_host_port(value: &str) -> bool {
    value.rsplit_once(':').is_some_and(|(host, port)| {
        !host.is_empty() && !host.contains(char::is_whitespace) && port.parse::<u16>().is_ok()
    })
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;

    fn labelled(name: &str, dokku: bool) -> NetworkRecord {
        let mut network = Network::named(name);
        let labels = if dokku {
            BTreeMap::from([(crate::model::DOKKU_NETWORK_LABEL.to_owned(), name.to_owned())])
        } else {
            BTreeMap::new()
        };
        network.labels = Some(labels);
        NetworkRecord::Network(network)
    }

    #[test]
    fn apply_creates_networks_first_then_globals_then_apps() {
        let records = [
            labelled("bridge", false),
            labelled("net1", true),
            labelled("compose-net", false),
            labelled("used-net", false),
            NetworkRecord::Network(Network::named("old-net")),
            NetworkRecord::AppNetwork(AppNetwork {
                app_name: Some("app1".into()),
                attach_post_create: vec!["net1".into(), "used-net".into()],
                static_web_listener: Some("127.0.0.1:5000".into()),
                ..AppNetwork::default()
            }),
            NetworkRecord::AppNetwork(AppNetwork {
                initial_network: Some("net1".into()),
                bind_all_interfaces: Some(false),
                ..AppNetwork::default()
            }),
        ];
        let lines: Vec<String> =
            NetworkPlugin::apply_commands(&records).iter().map(ToString::to_string).collect();
        assert_eq!(
            lines,
            [
                "dokku network:create net1",
                "dokku network:create used-net",
                "dokku network:create old-net",
                "dokku network:set --global initial-network net1",
                "dokku network:set --global bind-all-interfaces false",
                "dokku network:set app1 attach-post-create net1 used-net",
                "dokku network:set app1 static-web-listener 127.0.0.1:5000",
            ]
        );
    }

    #[test]
    fn validation_names_the_field() {
        let record = NetworkRecord::AppNetwork(AppNetwork {
            attach_post_deploy: vec!["host".into()],
            static_web_listener: Some("127.0.0.1:5000".into()),
            ..AppNetwork::default()
        });
        let fields: Vec<String> = NetworkPlugin::validate(&record).into_iter().map(|(f, _)| f).collect();
        assert_eq!(fields, ["attach_post_deploy", "static_web_listener"]);
    }

    #[test]
    fn pydokku_records_deserialize() -> Result<(), serde_json::Error> {
        let network: NetworkRecord = serde_json::from_str(
            r#"{"name":"test-net-1","id":"f7dd41949939","created_at":"2024-02-25 01:55:24.275184+00:00","driver":"bridge","scope":"local","internal":false,"ipv6":false,"labels":{"com.dokku.network-name":"test-net-1"}}"#,
        )?;
        assert!(matches!(network, NetworkRecord::Network(ref n) if n.is_dokku_managed() == Some(true)));
        let global: NetworkRecord = serde_json::from_str(
            r#"{"attach_post_create":[],"attach_post_deploy":[],"bind_all_interfaces":false,"initial_network":"global-network"}"#,
        )?;
        assert!(matches!(global, NetworkRecord::AppNetwork(AppNetwork { app_name: None, .. })));
        Ok(())
    }
}
