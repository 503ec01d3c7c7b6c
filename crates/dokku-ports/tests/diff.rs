//! The converging plan: nothing for a server that already matches, one `ports:set` for a map
//! that differs (order included), `ports:clear` only with prune.

use std::path::Path;

use dokku_core::plugin::{ChangeKind, DiffOptions, Plugin};
use dokku_ports::{Port, PortsPlugin};

fn port(app: Option<&str>, scheme: &str, host: u16, container: u16) -> Port {
    Port {
        scheme: scheme.into(),
        host_port: host,
        app_name: app.map(str::to_owned),
        container_port: Some(container),
    }
}

/// A realistic server: the documented report of three apps.
fn captured() -> Vec<Port> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("test_data/dokku-docs/ports__report__noapp.docs-port-management-L195.txt");
    let text = std::fs::read_to_string(path).unwrap_or_default();
    dokku_ports::parse_report_text(&text).map(|(ports, _)| ports).unwrap_or_default()
}

#[test]
fn a_server_that_matches_gets_no_commands() {
    let records = captured();
    assert_eq!(records.len(), 4, "{records:?}");
    for options in [DiffOptions::default(), DiffOptions::PRUNE] {
        let plan = PortsPlugin::diff(&records, &records, &options);
        assert!(plan.commands.is_empty() && plan.changes.is_empty(), "{:?}", plan.command_lines());
    }
    // pydokku's global (detected) mappings are not compared.
    let mut pydokku = records.clone();
    pydokku.push(port(None, "http", 80, 5000));
    assert!(PortsPlugin::diff(&records, &pydokku, &DiffOptions::PRUNE).commands.is_empty());
}

#[test]
fn a_map_that_differs_is_set_whole() {
    let current = [port(Some("a"), "http", 80, 5000), port(Some("a"), "https", 443, 5000)];
    let desired = [port(Some("a"), "http", 80, 5000), port(Some("a"), "http", 8080, 5000)];
    let plan = PortsPlugin::diff(&current, &desired, &DiffOptions::default());
    assert_eq!(plan.command_lines(), ["dokku ports:set a http:80:5000 http:8080:5000"]);
    let changes: Vec<(&str, ChangeKind)> =
        plan.changes.iter().map(|c| (c.subject.as_str(), c.kind)).collect();
    assert_eq!(
        changes,
        [("port https:443:5000", ChangeKind::Remove), ("port http:8080:5000", ChangeKind::Add)]
    );
    assert!(plan.restart.is_empty() && plan.changes.iter().all(|c| !c.secret));
}

#[test]
fn the_order_of_a_map_counts() {
    let current = [port(Some("a"), "http", 80, 5000), port(Some("a"), "https", 443, 5000)];
    let desired = [port(Some("a"), "https", 443, 5000), port(Some("a"), "http", 80, 5000)];
    let plan = PortsPlugin::diff(&current, &desired, &DiffOptions::default());
    assert_eq!(plan.command_lines(), ["dokku ports:set a https:443:5000 http:80:5000"]);
    assert_eq!(plan.changes.len(), 1);
    assert_eq!(plan.changes[0].subject, "ports order");
}

#[test]
fn a_new_app_gets_what_apply_would_send() {
    let desired = [port(Some("new"), "http", 80, 5000), port(Some("new"), "https", 443, 5000)];
    let plan = PortsPlugin::diff(&[], &desired, &DiffOptions::default());
    assert_eq!(plan.commands, PortsPlugin::apply_commands(&desired));
    assert!(plan.changes.iter().all(|c| c.kind == ChangeKind::Add));
}

#[test]
fn unmentioned_maps_stay_unless_pruned() {
    let current = [port(Some("a"), "http", 80, 5000), port(Some("b"), "http", 80, 5000)];
    let desired = [port(Some("a"), "http", 80, 5000)];
    assert!(PortsPlugin::diff(&current, &desired, &DiffOptions::default()).commands.is_empty());
    let pruned = PortsPlugin::diff(&current, &desired, &DiffOptions::PRUNE);
    assert_eq!(pruned.command_lines(), ["dokku ports:clear b"]);
    assert_eq!(pruned.changes.len(), 1);
    assert_eq!(pruned.changes[0].kind, ChangeKind::Remove);
}
