//! The converging plan of the storage plugin: what turns the server's mounts into the document's.

use std::collections::{BTreeMap, BTreeSet};

use dokku_core::diffing::pair_by;
use dokku_core::plugin::{Change, DiffOptions, PluginDiff};

use crate::commands::builders;
use crate::model::{ChownPreset, Storage, storage_dir_name};

/// Diffs the mount records (see [`dokku_core::plugin::Plugin::diff`]), pairing mounts by app and
/// container path (a container path takes one mount).
///
/// A missing mount is mounted (`storage:mount <app> <host>:<container>[:<options>]`), after
/// `storage:ensure-directory [--chown <preset>] <name>` when apply would run it (a directory
/// under Dokku's storage directory) and no mount on the server uses that directory yet. A mount
/// whose host path or options changed is unmounted and mounted again. A storage directory whose
/// owner differs (both known, the document's matching a `--chown` preset) is chowned again with
/// `storage:ensure-directory`. Under `prune`, mounts the document lacks are unmounted, except
/// for apps without any record here when `prune_apps` is set (those apps are being destroyed by
/// the apps plugin, and unmounting would fail). Paths compare without trailing slashes. Mounts
/// take effect when containers are created: an app whose mounts changed is listed in `restart`.
pub(crate) fn diff(current: &[Storage], desired: &[Storage], options: &DiffOptions) -> PluginDiff {
    let mut out = PluginDiff::default();
    let key = |m: &Storage| (m.app_name.clone(), normalise(&m.container_path).to_owned());
    let paired = pair_by(current, desired, key);
    let existing: BTreeSet<&str> = current.iter().map(|m| normalise(&m.host_path)).collect();
    let owners = known_owners(current);

    let mut ensured = BTreeSet::new();
    let mut ensure = |out: &mut PluginDiff, mount: &Storage| {
        let path = normalise(&mount.host_path);
        let Some(name) = storage_dir_name(path) else { return };
        if !ensured.insert(path.to_owned()) {
            return;
        }
        let wanted = mount.user_id.zip(mount.group_id);
        match owners.get(path) {
            None if !existing.contains(path) => {
                out.commands.push(builders::ensure_directory(wanted.and_then(preset), name));
            }
            Some(&now) => {
                if let Some((ids, chown)) =
                    wanted.filter(|ids| *ids != now).and_then(|ids| preset(ids).map(|p| (ids, p)))
                {
                    out.changes.push(Change::new(
                        None,
                        format!("owner {path}"),
                        Some(ids_text(now)),
                        Some(ids_text(ids)),
                    ));
                    out.commands.push(builders::ensure_directory(Some(chown), name));
                }
            }
            None => {}
        }
    };

    let mut mounts = Vec::new();
    for mount in paired.added {
        ensure(&mut out, mount);
        out.changes.push(Change::new(Some(&mount.app_name), subject(mount), None, Some(spec(mount))));
        mounts.push(builders::mount(&mount.app_name, &spec(mount)));
        out.restart.push(mount.app_name.clone());
    }
    for (now, wanted) in paired.both {
        ensure(&mut out, wanted);
        if spec(now) == spec(wanted) {
            continue;
        }
        out.changes.push(Change::new(
            Some(&wanted.app_name),
            subject(wanted),
            Some(spec(now)),
            Some(spec(wanted)),
        ));
        // The unmount takes Dokku's own text of the mount, as the server reported it.
        mounts.push(builders::unmount(&now.app_name, &now.mount_spec()));
        mounts.push(builders::mount(&wanted.app_name, &spec(wanted)));
        out.restart.push(wanted.app_name.clone());
    }
    if options.prune {
        let desired_apps: BTreeSet<&str> = desired.iter().map(|m| m.app_name.as_str()).collect();
        for mount in paired.removed {
            if options.prune_apps && !desired_apps.contains(mount.app_name.as_str()) {
                continue;
            }
            out.changes.push(Change::new(Some(&mount.app_name), subject(mount), Some(spec(mount)), None));
            mounts.push(builders::unmount(&mount.app_name, &mount.mount_spec()));
            out.restart.push(mount.app_name.clone());
        }
    }
    // Directories first (apply's order); the engine runs app-less commands first anyway.
    out.commands.extend(mounts);
    let mut seen = BTreeSet::new();
    out.restart.retain(|app| seen.insert(app.clone()));
    out
}

/// A path without trailing slashes (`/` stays `/`); Docker volume names are kept as they are.
fn normalise(path: &str) -> &str {
    let trimmed = path.trim();
    match trimmed.trim_end_matches('/') {
        "" if trimmed.starts_with('/') => "/",
        p => p,
    }
}

/// The `host:container[:options]` text of a mount, normalised.
fn spec(mount: &Storage) -> String {
    let (host, container) = (normalise(&mount.host_path), normalise(&mount.container_path));
    match mount.volume_options.as_deref().map(str::trim).filter(|o| !o.is_empty()) {
        Some(options) => format!("{host}:{container}:{options}"),
        None => format!("{host}:{container}"),
    }
}

fn subject(mount: &Storage) -> String {
    format!("mount {}", normalise(&mount.container_path))
}

/// The owners the server reported, by host path.
fn known_owners(mounts: &[Storage]) -> BTreeMap<&str, (u32, u32)> {
    mounts.iter().filter_map(|m| Some((normalise(&m.host_path), m.user_id.zip(m.group_id)?))).collect()
}

fn preset((uid, gid): (u32, u32)) -> Option<ChownPreset> {
    ChownPreset::for_ids(uid, gid)
}

fn ids_text((uid, gid): (u32, u32)) -> String {
    format!("{uid}:{gid}")
}
