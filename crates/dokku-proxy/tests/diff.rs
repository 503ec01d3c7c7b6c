//! The converging plan: nothing for a server that already matches, one command per setting that
//! differs, unsets only with prune.

use std::path::Path;

use dokku_core::plugin::{ChangeKind, DiffOptions, Plugin};
use dokku_core::text::report_values_from_text;
use dokku_proxy::{Proxy, ProxyGlobal, ProxyPlugin, ProxyRecord};

fn app(name: &str, enabled: bool, app_type: Option<&str>, proxy_port: Option<u16>) -> ProxyRecord {
    ProxyRecord::App(Proxy {
        app_name: name.into(),
        enabled,
        app_type: app_type.map(str::to_owned),
        proxy_port,
        proxy_ssl_port: None,
        extra: Default::default(),
    })
}

fn global(global_type: Option<&str>, port: Option<u16>) -> ProxyRecord {
    ProxyRecord::Global(ProxyGlobal {
        global_type: global_type.map(str::to_owned),
        global_proxy_port: port,
        global_proxy_ssl_port: None,
    })
}

/// A realistic server: pydokku's capture of three apps, with the global values they repeat.
fn captured() -> Vec<ProxyRecord> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("test_data/pydokku/proxy__report__three-apps.txt");
    let text = std::fs::read_to_string(path).unwrap_or_default();
    let global = report_values_from_text(&text, "proxy")
        .ok()
        .and_then(|blocks| blocks.first().map(dokku_proxy::global_from_values))
        .and_then(Result::ok)
        .map(|(global, _)| ProxyRecord::Global(global));
    let apps = dokku_proxy::parse_report_text(&text).map(|(apps, _)| apps).unwrap_or_default();
    global.into_iter().chain(apps.into_iter().map(ProxyRecord::App)).collect()
}

#[test]
fn a_server_that_matches_gets_no_commands() {
    let records = captured();
    assert_eq!(records.len(), 4, "{records:?}");
    for options in [DiffOptions::default(), DiffOptions::PRUNE] {
        let plan = ProxyPlugin::diff(&records, &records, &options);
        assert!(plan.commands.is_empty() && plan.changes.is_empty(), "{:?}", plan.command_lines());
    }
}

#[test]
fn each_setting_that_differs_gets_its_command() {
    let current =
        [global(Some("nginx"), None), app("a", true, None, Some(80)), app("b", true, Some("caddy"), None)];
    let desired = [
        app("a", false, Some("traefik"), Some(8080)),
        app("b", true, Some("caddy"), None),
        global(Some("caddy"), Some(80)),
    ];
    let plan = ProxyPlugin::diff(&current, &desired, &DiffOptions::default());
    assert_eq!(
        plan.command_lines(),
        [
            "dokku proxy:set --global caddy",
            "dokku proxy:set --global proxy-port 80",
            "dokku proxy:set a traefik",
            // Disabling drops a stored port, so the port is set after it.
            "dokku proxy:disable a",
            "dokku proxy:set a proxy-port 8080",
        ]
    );
    let changes: Vec<(Option<&str>, &str, ChangeKind)> =
        plan.changes.iter().map(|c| (c.app.as_deref(), c.subject.as_str(), c.kind)).collect();
    assert_eq!(
        changes,
        [
            (None, "type", ChangeKind::Change),
            (None, "proxy-port", ChangeKind::Add),
            (Some("a"), "type", ChangeKind::Add),
            (Some("a"), "enabled", ChangeKind::Change),
            (Some("a"), "proxy-port", ChangeKind::Change),
        ]
    );
    assert_eq!(plan.restart, ["a"]);
    assert!(plan.changes.iter().all(|c| !c.secret));
}

#[test]
fn enabling_alone_restarts_nothing_from_the_plan() {
    let plan =
        ProxyPlugin::diff(&[app("a", false, None, None)], &[app("a", true, None, None)], &DiffOptions::PRUNE);
    assert_eq!(plan.command_lines(), ["dokku proxy:enable a"]);
    assert!(plan.restart.is_empty());
}

#[test]
fn a_new_app_gets_what_apply_would_send() {
    let desired = [app("new", false, Some("caddy"), Some(8080))];
    let plan = ProxyPlugin::diff(&[], &desired, &DiffOptions::default());
    assert_eq!(plan.commands, ProxyPlugin::apply_commands(&desired));
    assert_eq!(plan.changes.len(), 3);
    assert!(plan.changes.iter().all(|c| c.kind == ChangeKind::Add));
}

#[test]
fn unmanaged_settings_and_apps_stay_unless_pruned() {
    let current = [
        global(Some("nginx"), Some(80)),
        app("a", true, Some("caddy"), Some(80)),
        app("b", false, None, None),
    ];
    let desired = [app("a", true, None, None)];
    assert!(ProxyPlugin::diff(&current, &desired, &DiffOptions::default()).commands.is_empty());
    let pruned = ProxyPlugin::diff(&current, &desired, &DiffOptions::PRUNE);
    assert_eq!(
        pruned.command_lines(),
        [
            "dokku proxy:set --global type",
            "dokku proxy:set --global proxy-port",
            "dokku proxy:set a type",
            "dokku proxy:set a proxy-port",
            "dokku proxy:enable b",
        ]
    );
    let kinds: Vec<ChangeKind> = pruned.changes.iter().map(|c| c.kind).collect();
    assert_eq!(kinds[..4], [ChangeKind::Remove; 4]);
    assert_eq!(pruned.restart, ["a"]);
}
