//! Export and apply glue: the storage plugin as the engine sees it.

use std::collections::BTreeSet;

use dokku_core::plugin::{DiffOptions, ExportScope, Exported, Plugin, PluginDiff};
use dokku_core::{Client, Command, DokkuVersion, Error};
use futures_util::future::try_join_all;

use crate::commands::{builders, list_mounts};
use crate::files::mounts_from_files;
use crate::model::{ChownPreset, Storage, storage_dir_name};
use crate::parse::parse_stat_owners;

/// The first Dokku whose mounts are storage entries and attachments (`plugins/storage/entry.go`
/// and `attachment.go` arrive in v0.38.0), which the root path reads from their files.
const ENTRIES_SINCE: DokkuVersion = DokkuVersion::new(0, 38, 0);

/// The storage plugin for the export/apply engine.
#[derive(Clone, Copy, Debug, Default)]
pub struct StoragePlugin;

impl Plugin for StoragePlugin {
    const KEY: &'static str = "storage";
    const DOKKU_NAME: &'static str = "storage";
    const REQUIRES: &'static [&'static str] = &["apps"];
    type Record = Storage;

    async fn export(client: &Client, scope: &ExportScope) -> Result<Exported<Storage>, Error> {
        let lists = match scope.files.as_deref().filter(|_| scope.version >= ENTRIES_SINCE) {
            // As root on 0.38 and later: each app's attachments and their entries, no command.
            Some(files) => scope
                .apps
                .iter()
                .map(|app| mounts_from_files(files, app))
                .collect::<Result<Vec<_>, _>>()
                .map_err(dokku_core::file_snapshot::unreadable)?,
            // `storage:list <app> --format json` costs 0.04 s per app: one per app, in parallel.
            None => {
                try_join_all(scope.apps.iter().map(|app| list_mounts(client, app, &scope.version))).await?
            }
        };
        let mut exported = Exported { records: lists.concat(), warnings: Vec::new() };
        exported.warnings.extend(read_owners(client, &mut exported.records).await?);
        Ok(exported)
    }

    fn validate(record: &Storage) -> Vec<(String, String)> {
        let mut problems = Vec::new();
        let mut bad = |field: &str, message: &str| problems.push((field.to_owned(), message.to_owned()));
        if !dokku_core::app_name::is_valid(&record.app_name) {
            bad("app_name", "not a valid app name (lowercase letters, digits, '.' and '-')");
        }
        if record.host_path.is_empty() || record.host_path.contains(':') {
            bad("host_path", "must be an absolute path or a Docker volume name, without ':'");
        }
        if !record.container_path.starts_with('/') || record.container_path.contains(':') {
            bad("container_path", "must be an absolute path without ':'");
        }
        if record.volume_options.as_deref().is_some_and(|o| o.is_empty() || o.contains([':', ' '])) {
            bad("volume_options", "must be non-empty, without ':' or spaces");
        }
        if record.user_id.is_some() != record.group_id.is_some() {
            bad("group_id", "user_id and group_id go together");
        }
        problems
    }

    fn apply_commands(records: &[Storage]) -> Vec<Command> {
        let mut ensured = BTreeSet::new();
        let mut commands = Vec::new();
        for record in records {
            // Only directories under Dokku's storage directory can be created by name (pydokku
            // created the last path component there even for mounts elsewhere); each once.
            if let Some(name) = storage_dir_name(&record.host_path)
                && ensured.insert(record.host_path.as_str())
            {
                let chown = match (record.user_id, record.group_id) {
                    (Some(uid), Some(gid)) => ChownPreset::for_ids(uid, gid),
                    _ => None,
                };
                commands.push(builders::ensure_directory(chown, name));
            }
            commands.push(builders::mount(&record.app_name, &record.mount_spec()));
        }
        commands
    }

    fn diff(current: &[Storage], desired: &[Storage], options: &DiffOptions) -> PluginDiff {
        crate::diff::diff(current, desired, options)
    }
}

/// Fills in the owners of the mounted host directories (one root-only `stat` for all of them);
/// returns the warning about those that could not be read.
async fn read_owners(client: &Client, mounts: &mut [Storage]) -> Result<Option<String>, Error> {
    let paths: BTreeSet<String> =
        mounts.iter().filter(|m| m.host_path.starts_with('/')).map(|m| m.host_path.clone()).collect();
    if paths.is_empty() {
        return Ok(None);
    }
    if !client.can_run_system_commands() {
        let list = paths.into_iter().collect::<Vec<_>>().join(", ");
        return Ok(Some(format!(
            "storage: reading directory owners needs root (a connection that can run system commands); \
             owners not exported, so apply uses Dokku's default owner for: {list}"
        )));
    }
    let out = client.output(&builders::stat_owners(paths.iter().map(String::as_str))).await?;
    let owners = parse_stat_owners(&out.stdout);
    for mount in mounts.iter_mut() {
        if let Some(&(uid, gid)) = owners.get(&mount.host_path) {
            (mount.user_id, mount.group_id) = (Some(uid), Some(gid));
        }
    }
    let missing: Vec<&str> = paths.iter().map(String::as_str).filter(|p| !owners.contains_key(*p)).collect();
    Ok((!missing.is_empty()).then(|| {
        format!("storage: could not read the owner of (missing on the server?): {}", missing.join(", "))
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mount(app: &str, host: &str, ids: Option<(u32, u32)>) -> Storage {
        Storage {
            app_name: app.into(),
            host_path: host.into(),
            container_path: "/data".into(),
            user_id: ids.map(|i| i.0),
            group_id: ids.map(|i| i.1),
            volume_options: None,
        }
    }

    #[test]
    fn root_owned_storage_keeps_its_chown() {
        let lines: Vec<String> =
            StoragePlugin::apply_commands(&[mount("app1", "/var/lib/dokku/data/storage/x", Some((0, 0)))])
                .iter()
                .map(ToString::to_string)
                .collect();
        assert_eq!(
            lines,
            [
                "dokku storage:ensure-directory --chown root x",
                "dokku storage:mount app1 /var/lib/dokku/data/storage/x:/data",
            ]
        );
    }

    #[test]
    fn only_storage_dir_paths_are_ensured_and_each_once() {
        let records = [
            mount("app1", "/var/lib/dokku/data/storage/x", None),
            mount("app2", "/var/lib/dokku/data/storage/x", Some((32767, 32767))),
            mount("app2", "/srv/elsewhere", Some((1000, 1000))),
            Storage { volume_options: Some("ro".into()), ..mount("app3", "myvolume", None) },
        ];
        let lines: Vec<String> =
            StoragePlugin::apply_commands(&records).iter().map(ToString::to_string).collect();
        assert_eq!(
            lines,
            [
                "dokku storage:ensure-directory x",
                "dokku storage:mount app1 /var/lib/dokku/data/storage/x:/data",
                "dokku storage:mount app2 /var/lib/dokku/data/storage/x:/data",
                "dokku storage:mount app2 /srv/elsewhere:/data",
                "dokku storage:mount app3 myvolume:/data:ro",
            ]
        );
    }

    #[test]
    fn uid_zero_survives_a_round_trip() {
        let json = r#"{"app_name":"app1","host_path":"/var/lib/dokku/data/storage/x","container_path":"/data","user_id":0,"group_id":0}"#;
        let record: Option<Storage> = serde_json::from_str(json).ok();
        assert_eq!(record.and_then(|r| r.user_id), Some(0));
    }

    #[test]
    fn validation_names_the_field() {
        let bad = Storage { container_path: "relative".into(), user_id: Some(1), ..mount("app1", "", None) };
        let fields: Vec<String> = StoragePlugin::validate(&bad).into_iter().map(|(f, _)| f).collect();
        assert_eq!(fields, ["host_path", "container_path", "group_id"]);
    }
}
