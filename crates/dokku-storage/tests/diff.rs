//! The converging plan of the storage plugin: mounts by container path, restarts for changes.

use std::path::Path;

use dokku_core::plugin::{ChangeKind, DiffOptions, Plugin};
use dokku_storage::{Storage, StoragePlugin};

/// Captured lists of three apps, with owners as a root export reads them.
fn captured() -> Vec<Storage> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("test_data");
    let read = |f: &str| std::fs::read_to_string(dir.join(f)).unwrap_or_default();
    let mut mounts =
        dokku_storage::parse_list_json("app1", &read("0.38.27/storage__list__app1-format-json.txt"))
            .unwrap_or_default();
    mounts.extend(
        dokku_storage::parse_list_json(
            "app2",
            &read("dokku-docs/storage__list__format-json.docs-persistent-storage-L62.txt"),
        )
        .unwrap_or_default(),
    );
    mounts.extend(
        dokku_storage::parse_list_text(
            "app3",
            &read("dokku-docs/storage__list__g-quiet.bats-storage-1-L152.txt"),
        )
        .unwrap_or_default(),
    );
    for mount in &mut mounts {
        (mount.user_id, mount.group_id) = (Some(32767), Some(32767));
    }
    mounts
}

fn mount(app: &str, host: &str, container: &str) -> Storage {
    Storage {
        app_name: app.into(),
        host_path: host.into(),
        container_path: container.into(),
        user_id: None,
        group_id: None,
        volume_options: None,
    }
}

const PRUNE_APPS: DiffOptions = DiffOptions::PRUNE_APPS;
const DATA: &str = "/var/lib/dokku/data/storage/data";

#[test]
fn a_server_diffed_with_itself_needs_nothing() {
    let mounts = captured();
    assert!(mounts.len() >= 3, "{mounts:?}");
    for options in [DiffOptions::default(), DiffOptions::PRUNE, PRUNE_APPS] {
        let diff = StoragePlugin::diff(&mounts, &mounts, &options);
        assert!(diff.commands.is_empty() && diff.changes.is_empty(), "{:?}", diff.changes);
        assert!(diff.restart.is_empty());
    }
    // Without owners (a non-root export) and with trailing slashes, nothing changes either.
    let desired: Vec<Storage> = mounts
        .iter()
        .map(|m| Storage {
            user_id: None,
            group_id: None,
            host_path: format!("{}/", m.host_path),
            ..m.clone()
        })
        .collect();
    assert!(StoragePlugin::diff(&mounts, &desired, &DiffOptions::PRUNE).changes.is_empty());
}

#[test]
fn a_new_mount_ensures_its_directory_once_and_restarts_the_app() {
    let desired = [
        Storage { user_id: Some(0), group_id: Some(0), ..mount("app1", DATA, "/data") },
        mount("app2", DATA, "/data"),
        mount("app2", "/srv/elsewhere", "/srv"),
    ];
    let diff = StoragePlugin::diff(&[], &desired, &DiffOptions::default());
    assert_eq!(
        diff.command_lines(),
        [
            "dokku storage:ensure-directory --chown root data",
            "dokku storage:mount app1 /var/lib/dokku/data/storage/data:/data",
            "dokku storage:mount app2 /var/lib/dokku/data/storage/data:/data",
            "dokku storage:mount app2 /srv/elsewhere:/srv",
        ]
    );
    assert_eq!(diff.restart, ["app1", "app2"]);
    assert_eq!(diff.changes[0].subject, "mount /data");
    assert_eq!(diff.changes[0].kind, ChangeKind::Add);
    // A directory another app already mounts exists: only the mount is added.
    let diff = StoragePlugin::diff(&desired[..1], &desired[..2], &DiffOptions::default());
    assert_eq!(diff.command_lines(), ["dokku storage:mount app2 /var/lib/dokku/data/storage/data:/data"]);
    assert_eq!(diff.restart, ["app2"]);
}

#[test]
fn a_changed_mount_is_unmounted_then_mounted() {
    let current = [mount("app1", "/srv/old", "/data")];
    let desired = [Storage { volume_options: Some("ro".into()), ..mount("app1", "/srv/old", "/data") }];
    let diff = StoragePlugin::diff(&current, &desired, &DiffOptions::default());
    assert_eq!(
        diff.command_lines(),
        ["dokku storage:unmount app1 /srv/old:/data", "dokku storage:mount app1 /srv/old:/data:ro"]
    );
    assert_eq!(diff.changes[0].kind, ChangeKind::Change);
    assert_eq!(diff.restart, ["app1"]);
}

#[test]
fn an_owner_change_chowns_the_directory_without_a_restart() {
    let owned = |uid| Storage { user_id: Some(uid), group_id: Some(uid), ..mount("app1", DATA, "/data") };
    let diff = StoragePlugin::diff(&[owned(32767)], &[owned(1000)], &DiffOptions::default());
    assert_eq!(diff.command_lines(), ["dokku storage:ensure-directory --chown heroku data"]);
    assert_eq!(diff.changes[0].subject, format!("owner {DATA}"));
    assert!(diff.restart.is_empty());
    // An owner no preset sets cannot be recreated: nothing to do.
    assert!(
        StoragePlugin::diff(&[owned(32767)], &[owned(1234)], &DiffOptions::default()).commands.is_empty()
    );
}

#[test]
fn extra_mounts_are_unmounted_only_when_pruning() {
    let current =
        [mount("app1", DATA, "/data"), mount("app1", "/srv/x", "/x"), mount("gone", "/srv/y", "/y")];
    let desired = [mount("app1", DATA, "/data")];
    assert!(StoragePlugin::diff(&current, &desired, &DiffOptions::default()).changes.is_empty());
    let diff = StoragePlugin::diff(&current, &desired, &DiffOptions::PRUNE);
    assert_eq!(
        diff.command_lines(),
        ["dokku storage:unmount app1 /srv/x:/x", "dokku storage:unmount gone /srv/y:/y"]
    );
    assert!(diff.changes.iter().all(|c| c.kind == ChangeKind::Remove));
    assert_eq!(diff.restart, ["app1", "gone"]);
    // With `prune_apps`, an app without mounts in the document is being destroyed.
    let diff = StoragePlugin::diff(&current, &desired, &PRUNE_APPS);
    assert_eq!(diff.command_lines(), ["dokku storage:unmount app1 /srv/x:/x"]);
}
