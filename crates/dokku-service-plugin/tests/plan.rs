//! The converging diff: nothing for a server that matches; create-time settings shown and sent
//! only with `--recreate-services` (and only as an `:upgrade` to a new image); a service
//! destroyed only when `--prune-service` names it; links relinked without restarts, the apps
//! restarted once at the end.

mod common;

use common::{ELASTICSEARCH, MYSQL, POSTGRES};
use dokku_core::Secret;
use dokku_core::plugin::{ChangeKind, DiffOptions};
use dokku_service_plugin::{BackupAuth, ServiceLink, ServiceRecord, diff};

fn link(app: &str, alias: &str) -> ServiceLink {
    ServiceLink { app: app.into(), alias: alias.into(), also: Vec::new(), querystring: None, scheme: None }
}

fn service() -> ServiceRecord {
    ServiceRecord {
        name: "db".into(),
        image: Some("postgres".into()),
        image_version: Some("17.2".into()),
        password: Some(Secret::new("pw".into())),
        custom_env: Some(Secret::new("TZ=UTC".into())),
        config_options: Some("--max-connections=200".into()),
        links: vec![link("web", "DATABASE")],
        ..ServiceRecord::new("db")
    }
}

fn lines(plan: &dokku_core::plugin::PluginDiff) -> Vec<String> {
    plan.commands.iter().map(ToString::to_string).collect()
}

#[test]
fn a_server_that_matches_gets_nothing() {
    for options in [DiffOptions::default(), DiffOptions::PRUNE] {
        let plan = diff(&POSTGRES, &[service()], &[service()], &options);
        assert!(plan.commands.is_empty() && plan.changes.is_empty() && plan.notes.is_empty(), "{plan:?}");
    }
}

#[test]
fn a_missing_service_is_created_and_linked_and_its_apps_restarted() {
    let plan = diff(&POSTGRES, &[], &[service()], &DiffOptions::default());
    assert_eq!(
        lines(&plan),
        [
            "dokku postgres:create db --image postgres --image-version 17.2 --config-options --max-connections=200 \
             --custom-env *** --password ***",
            "dokku postgres:link db web --alias DATABASE --no-restart",
        ]
    );
    assert_eq!(plan.restart, ["web"]);
    assert_eq!(plan.changes[0].new.as_deref(), Some("postgres:17.2"));
}

#[test]
fn what_the_dokku_user_could_not_read_is_not_compared() {
    let mut current = service();
    current.custom_env = None;
    current.unread = vec!["custom_env".into(), "memory".into()];
    let mut desired = service();
    desired.memory = Some("512".into());
    let plan = diff(&POSTGRES, &[current], &[desired], &DiffOptions::default());
    assert!(plan.commands.is_empty() && plan.changes.is_empty(), "{plan:?}");
}

#[test]
fn a_new_image_needs_recreate_services_and_passes_the_settings_again() {
    let mut desired = service();
    desired.image_version = Some("18.4".into());
    let plan = diff(&POSTGRES, &[service()], &[desired.clone()], &DiffOptions::default());
    assert!(plan.commands.is_empty(), "{plan:?}");
    assert_eq!(plan.changes.len(), 1);
    assert!(plan.notes[0].contains("--recreate-services"), "{:?}", plan.notes);

    let options = DiffOptions { recreate_services: true, ..DiffOptions::default() };
    let plan = diff(&POSTGRES, &[service()], &[desired], &options);
    assert_eq!(
        lines(&plan),
        [
            "dokku postgres:upgrade db --image postgres --image-version 18.4 --config-options --max-connections=200 \
          --custom-env ***"
        ]
    );
}

#[test]
fn other_create_time_settings_cannot_change_in_place() {
    let mut desired = service();
    desired.custom_env = Some(Secret::new("TZ=Europe/Paris".into()));
    desired.shm_size = Some("1g".into());
    let options = DiffOptions { recreate_services: true, ..DiffOptions::default() };
    let plan = diff(&POSTGRES, &[service()], &[desired], &options);
    assert!(plan.commands.is_empty(), "{plan:?}");
    let env = plan.changes.iter().find(|c| c.subject.ends_with("custom_env")).cloned();
    assert!(env.is_some_and(|c| c.secret), "{:?}", plan.changes);
    assert!(
        plan.notes[0].contains("custom_env, shm_size") && plan.notes[0].contains("cannot change in place")
    );
}

#[test]
fn a_password_that_differs_is_shown_masked_and_never_sent() {
    let mut desired = service();
    desired.password = Some(Secret::new("other".into()));
    let plan = diff(
        &POSTGRES,
        &[service()],
        &[desired],
        &DiffOptions { recreate_services: true, ..DiffOptions::default() },
    );
    assert!(plan.commands.is_empty());
    assert!(plan.changes.iter().all(|c| c.secret));
    assert!(plan.notes.iter().any(|n| n.contains("password")));
}

#[test]
fn prune_keeps_a_service_unless_it_is_named() {
    let plan = diff(&POSTGRES, &[service()], &[], &DiffOptions::PRUNE);
    assert!(plan.commands.is_empty(), "{plan:?}");
    assert!(plan.notes[0].contains("--prune-service postgres:db"), "{:?}", plan.notes);
    assert!(diff(&POSTGRES, &[service()], &[], &DiffOptions::default()).notes.is_empty());

    let named = DiffOptions { prune_named: vec!["postgres:db".into()], ..DiffOptions::PRUNE };
    let plan = diff(&POSTGRES, &[service()], &[], &named);
    assert_eq!(
        lines(&plan),
        ["dokku postgres:unlink db web --no-restart", "dokku postgres:destroy db --force"]
    );
    // The unlink runs in the service's order, before the destroy Dokku refuses while linked.
    assert_eq!(plan.commands[0].written_app(), Some(None));
    assert_eq!(plan.restart, ["web"]);
    assert_eq!(plan.changes.last().map(|c| c.kind), Some(ChangeKind::Remove));
}

#[test]
fn a_changed_link_is_relinked_and_extra_links_go_only_with_prune() {
    let mut current = service();
    current.links.push(link("old", "DATABASE"));
    let mut desired = service();
    desired.links[0].querystring = Some("sslmode=require".into());
    let plan = diff(&POSTGRES, &[current.clone()], &[desired.clone()], &DiffOptions::default());
    assert_eq!(
        lines(&plan),
        [
            "dokku postgres:unlink db web --no-restart",
            "dokku postgres:link db web --alias DATABASE --querystring sslmode=require --no-restart",
        ]
    );
    assert_eq!(plan.restart, ["web"]);
    let plan = diff(&POSTGRES, &[current], &[desired], &DiffOptions::PRUNE);
    assert_eq!(lines(&plan).last().map(String::as_str), Some("dokku postgres:unlink db old --no-restart"));
    assert_eq!(plan.restart, ["web", "old"]);
    // A document that does not cover the app leaves its link alone.
    let narrow = DiffOptions { covered_apps: Some(vec!["web".into()]), ..DiffOptions::PRUNE };
    let plan = diff(&POSTGRES, &[service_with_old_link()], &[service()], &narrow);
    assert!(plan.commands.is_empty(), "{plan:?}");
}

fn service_with_old_link() -> ServiceRecord {
    let mut record = service();
    record.links.push(link("old", "DATABASE"));
    record
}

#[test]
fn backup_credentials_are_replaced_and_unread_ones_not_sent() {
    let auth = |key: &str| BackupAuth {
        access_key_id: Secret::new("id".into()),
        secret_access_key: Secret::new(key.into()),
        region: Some("eu-west-1".into()),
        signature_version: None,
        endpoint_url: None,
    };
    let mut current = ServiceRecord { backup_auth: Some(auth("old")), ..ServiceRecord::new("db") };
    let desired = ServiceRecord { backup_auth: Some(auth("new")), ..ServiceRecord::new("db") };
    let plan = diff(&MYSQL, &[current.clone()], std::slice::from_ref(&desired), &DiffOptions::default());
    assert_eq!(
        lines(&plan),
        ["dokku mysql:backup-deauth db", "dokku mysql:backup-auth db *** *** eu-west-1"]
    );
    assert!(plan.changes.iter().all(|c| c.secret));

    current.backup_auth = None;
    current.unread = vec!["backup_auth".into()];
    let plan = diff(&MYSQL, &[current], &[desired], &DiffOptions::default());
    assert!(plan.commands.is_empty() && plan.notes[0].contains("cannot be read"), "{plan:?}");
}

#[test]
fn two_port_services_are_exposed_again_when_the_ports_change() {
    let current = ServiceRecord { exposed_ports: vec!["1".into(), "2".into()], ..ServiceRecord::new("s") };
    let desired = ServiceRecord { exposed_ports: vec!["3".into(), "4".into()], ..ServiceRecord::new("s") };
    let plan = diff(&ELASTICSEARCH, &[current], &[desired], &DiffOptions::default());
    assert_eq!(lines(&plan), ["dokku elasticsearch:unexpose s", "dokku elasticsearch:expose s 3 4"]);
}
