//! The converging plan of the network plugin: networks and settings, restarts for attachments.

use std::collections::BTreeMap;
use std::path::Path;

use dokku_core::DokkuVersion;
use dokku_core::plugin::{ChangeKind, DiffOptions, Plugin};
use dokku_network::{AppNetwork, DOKKU_NETWORK_LABEL, Network, NetworkPlugin, NetworkRecord};

/// A whole-server export of the pydokku captures: five networks, global and two apps.
fn captured() -> Vec<NetworkRecord> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("test_data/pydokku");
    let read = |f: &str| std::fs::read_to_string(dir.join(f)).unwrap_or_default();
    let (networks, _) =
        dokku_network::parse_network_list_json(&read("network__list-format-json__five-networks.txt"))
            .unwrap_or_default();
    let report = dokku_network::parse_report_text(&read("network__report__two-apps.txt")).unwrap_or_default();
    let mut records: Vec<NetworkRecord> = networks.into_iter().map(NetworkRecord::Network).collect();
    records.extend(report.global.map(NetworkRecord::AppNetwork));
    records.extend(report.apps.into_iter().map(NetworkRecord::AppNetwork));
    records
}

fn network(name: &str, dokku: bool) -> NetworkRecord {
    let labels = if dokku {
        BTreeMap::from([(DOKKU_NETWORK_LABEL.to_owned(), name.to_owned())])
    } else {
        BTreeMap::new()
    };
    NetworkRecord::Network(Network { labels: Some(labels), ..Network::named(name) })
}

fn settings(app: Option<&str>, attach: &[&str]) -> AppNetwork {
    AppNetwork {
        app_name: app.map(str::to_owned),
        attach_post_create: attach.iter().map(|n| (*n).to_owned()).collect(),
        ..AppNetwork::default()
    }
}

const PRUNE_APPS: DiffOptions = DiffOptions::PRUNE_APPS;

#[test]
fn a_server_diffed_with_itself_needs_nothing() {
    let records = captured();
    assert!(records.len() >= 8, "{records:?}");
    for options in [DiffOptions::default(), DiffOptions::PRUNE, PRUNE_APPS] {
        let diff = NetworkPlugin::diff(&records, &records, &options);
        assert!(diff.commands.is_empty() && diff.changes.is_empty(), "{:?}", diff.changes);
        assert!(diff.restart.is_empty() && diff.rebuild.is_empty());
    }
}

#[test]
fn a_document_without_informational_fields_changes_nothing() {
    let current = captured();
    let desired: Vec<NetworkRecord> = current
        .iter()
        .map(|r| match r {
            NetworkRecord::Network(n) => {
                NetworkRecord::Network(Network { labels: n.labels.clone(), ..Network::named(&n.name) })
            }
            NetworkRecord::AppNetwork(s) => NetworkRecord::AppNetwork(AppNetwork {
                // Before 0.38.8 Dokku wrote `false` for every new app: written out or not, the
                // default is the same there.
                bind_all_interfaces: s.bind_all_interfaces.filter(|b| *b),
                ..s.clone()
            }),
        })
        .collect();
    let on = |version| DiffOptions { server_version: Some(version), ..DiffOptions::PRUNE };
    assert!(NetworkPlugin::diff(&current, &desired, &on(DokkuVersion::new(0, 38, 7))).changes.is_empty());
    // From 0.38.8 an explicit `false` is a state of its own: a document that has it sets it, on
    // an app and globally.
    let app = AppNetwork { app_name: Some("a".into()), ..AppNetwork::default() };
    let unset = [NetworkRecord::AppNetwork(AppNetwork::default()), NetworkRecord::AppNetwork(app.clone())];
    let explicit = [
        NetworkRecord::AppNetwork(AppNetwork { bind_all_interfaces: Some(false), ..AppNetwork::default() }),
        NetworkRecord::AppNetwork(AppNetwork { bind_all_interfaces: Some(false), ..app }),
    ];
    let options =
        DiffOptions { server_version: Some(DokkuVersion::new(0, 38, 27)), ..DiffOptions::default() };
    assert_eq!(
        NetworkPlugin::diff(&unset, &explicit, &options).command_lines(),
        [
            "dokku network:set --global bind-all-interfaces false",
            "dokku network:set a bind-all-interfaces false"
        ]
    );
    assert!(NetworkPlugin::diff(&explicit, &explicit, &options).commands.is_empty());
    let older = DiffOptions { server_version: Some(DokkuVersion::new(0, 38, 7)), ..DiffOptions::default() };
    assert!(NetworkPlugin::diff(&unset, &explicit, &older).commands.is_empty());
}

#[test]
fn missing_networks_are_created_but_never_dockers_own() {
    let current = [network("bridge", false)];
    let desired =
        [network("bridge", false), network("host", false), network("net1", true), network("compose", false)];
    let diff = NetworkPlugin::diff(&current, &desired, &DiffOptions::default());
    assert_eq!(diff.command_lines(), ["dokku network:create net1"]);
    assert_eq!(diff.changes[0].kind, ChangeKind::Add);
    // Another tool's network is created when a setting uses it.
    let mut desired = desired.to_vec();
    desired.push(NetworkRecord::AppNetwork(settings(Some("app1"), &["compose"])));
    let diff = NetworkPlugin::diff(&current, &desired, &DiffOptions::default());
    assert_eq!(
        diff.command_lines(),
        [
            "dokku network:create net1",
            "dokku network:create compose",
            "dokku network:set app1 attach-post-create compose"
        ]
    );
}

#[test]
fn attach_lists_compare_in_order_and_restart_the_app() {
    let current = [NetworkRecord::AppNetwork(settings(Some("app1"), &["a", "b"]))];
    let desired = [NetworkRecord::AppNetwork(settings(Some("app1"), &["b", "a"]))];
    let diff = NetworkPlugin::diff(&current, &desired, &DiffOptions::default());
    assert_eq!(diff.command_lines(), ["dokku network:set app1 attach-post-create b a"]);
    assert_eq!(diff.changes[0].subject, "attach-post-create");
    assert_eq!((diff.changes[0].old.as_deref(), diff.changes[0].new.as_deref()), (Some("a,b"), Some("b,a")));
    assert_eq!(diff.restart, ["app1"]);
    assert!(diff.rebuild.is_empty());
}

#[test]
fn unmanaged_settings_are_unset_only_when_pruning() {
    let current = [NetworkRecord::AppNetwork(AppNetwork {
        tld: Some("svc.cluster.local".into()),
        bind_all_interfaces: Some(true),
        ..settings(Some("app1"), &["a"])
    })];
    let desired = [NetworkRecord::AppNetwork(settings(Some("app1"), &["a"]))];
    assert!(NetworkPlugin::diff(&current, &desired, &DiffOptions::default()).changes.is_empty());
    let diff = NetworkPlugin::diff(&current, &desired, &DiffOptions::PRUNE);
    assert_eq!(
        diff.command_lines(),
        ["dokku network:set app1 bind-all-interfaces", "dokku network:set app1 tld"]
    );
    assert!(diff.changes.iter().all(|c| c.kind == ChangeKind::Remove));
    assert_eq!(diff.restart, ["app1"]);
}

#[test]
fn a_global_change_restarts_the_apps_that_inherit_it() {
    let current = [
        NetworkRecord::AppNetwork(settings(None, &[])),
        NetworkRecord::AppNetwork(settings(Some("app1"), &[])),
        NetworkRecord::AppNetwork(settings(Some("app2"), &["own"])),
    ];
    let mut desired = current.to_vec();
    desired[0] = NetworkRecord::AppNetwork(settings(None, &["shared"]));
    let diff = NetworkPlugin::diff(&current, &desired, &DiffOptions::default());
    assert_eq!(diff.command_lines(), ["dokku network:set --global attach-post-create shared"]);
    assert_eq!(diff.changes[0].app, None);
    assert_eq!(diff.restart, ["app1"]);
}

#[test]
fn extras_are_pruned_but_not_apps_being_destroyed() {
    let current = [
        network("bridge", false),
        network("net1", true),
        network("old", true),
        network("compose", false),
        NetworkRecord::Network(Network::named("unknown-origin")),
        NetworkRecord::AppNetwork(settings(None, &["net1"])),
        NetworkRecord::AppNetwork(settings(Some("gone"), &["old"])),
    ];
    let desired = [network("net1", true)];
    assert!(NetworkPlugin::diff(&current, &desired, &DiffOptions::default()).commands.is_empty());
    let diff = NetworkPlugin::diff(&current, &desired, &DiffOptions::PRUNE);
    assert_eq!(
        diff.command_lines(),
        [
            "dokku network:set --global attach-post-create",
            "dokku network:set gone attach-post-create",
            "dokku network:destroy --force old",
        ]
    );
    assert_eq!(diff.restart, ["gone"]);
    let diff = NetworkPlugin::diff(&current, &desired, &PRUNE_APPS);
    assert_eq!(
        diff.command_lines(),
        ["dokku network:set --global attach-post-create", "dokku network:destroy --force old"]
    );
    assert!(diff.restart.is_empty());
}
