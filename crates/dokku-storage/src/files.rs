//! Mounts from Dokku's files (root fast path), pure: what `storage:list <app> --format json`
//! prints on Dokku 0.38, got from the files its Go code reads (`CommandList` →
//! `ListAppMountEntries(app, "deploy")`, `plugins/storage/storage.go` at v0.38.27):
//!
//! - an app's attachments are the property list `$DOKKU_LIB_ROOT/config/storage/<app>/mounts`,
//!   one JSON `Attachment` per line (`LoadAttachments`, `attachment.go`; blank lines skipped);
//! - those whose phases include `deploy` are listed, sorted by entry name, then container path
//!   (`AttachmentsForPhase`);
//! - each is joined with its entry, `$DOKKU_LIB_ROOT/data/storage-registry/entries/<name>.json`
//!   (`LoadEntry`, `entry.go`): the host path is the entry's, or its name when it has none (a
//!   k3s-only entry); a missing entry fails the listing, and fails here too.
//!
//! Docker options are not read: from 0.38 `storage:mount` writes no `-v` option, and the
//! upgrade drains the old ones into entries (`migrateApp`, `migrate.go`).

use dokku_core::file_snapshot::FileSnapshot;
use serde::Deserialize;

use crate::model::Storage;
use crate::parse::{mount, mount_options};

/// The phase `storage:list` shows.
const LISTED_PHASE: &str = "deploy";

/// One line of the `mounts` property (`Attachment`); the fields `storage:list` does not show
/// (process type, subpath, chown) are not read.
#[derive(Deserialize)]
struct Attachment {
    entry_name: String,
    container_path: String,
    #[serde(default)]
    phases: Vec<String>,
    #[serde(default)]
    readonly: bool,
    #[serde(default)]
    volume_options: String,
}

/// The part of a storage entry's file the listing uses.
#[derive(Deserialize)]
struct Entry {
    name: String,
    #[serde(default)]
    host_path: String,
}

/// The mounts `storage:list <app>` shows, or why the files do not read.
pub fn mounts_from_files(files: &FileSnapshot, app: &str) -> Result<Vec<Storage>, String> {
    let Some(list) = files.file(&format!("storage/{app}/mounts")) else {
        return Ok(Vec::new());
    };
    let mut attachments = Vec::new();
    for (index, line) in list.split('\n').enumerate() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let attachment: Attachment = serde_json::from_str(line).map_err(|e| {
            format!(
                "$DOKKU_LIB_ROOT/config/storage/{app}/mounts line {}: not a storage attachment: {e}",
                index + 1
            )
        })?;
        if attachment.phases.iter().any(|phase| phase == LISTED_PHASE) {
            attachments.push(attachment);
        }
    }
    attachments.sort_by(|a, b| (&a.entry_name, &a.container_path).cmp(&(&b.entry_name, &b.container_path)));
    attachments
        .into_iter()
        .map(|attachment| {
            let path = format!("storage-registry/entries/{}.json", attachment.entry_name);
            let text = files.data_file(&path).ok_or_else(|| {
                format!(
                    "app {app}: its storage attachment references a missing entry {:?}",
                    attachment.entry_name
                )
            })?;
            let entry: Entry = serde_json::from_str(text)
                .map_err(|e| format!("$DOKKU_LIB_ROOT/data/{path}: not a storage entry: {e}"))?;
            let host = if entry.host_path.is_empty() { entry.name } else { entry.host_path };
            let options = mount_options(attachment.readonly, &attachment.volume_options);
            Ok(mount(app, host, attachment.container_path, options))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A snapshot of `lines` (`<path>\0<line>`) under `/l/config` and `/l/data`.
    fn snapshot(lines: &[(&str, &str)]) -> FileSnapshot {
        let output: String = lines.iter().map(|(path, line)| format!("{path}\0{line}\n")).collect();
        FileSnapshot::parse_all_roots(&output, "/l/config", Some("/h"), Some("/l/data"))
    }

    fn entry(name: &str, host: &str) -> Vec<(String, String)> {
        let path = format!("/l/data/storage-registry/entries/{name}.json");
        let mut lines = vec![
            "{".to_owned(),
            format!("  \"name\": \"{name}\","),
            "  \"scheduler\": \"docker-local\",".into(),
        ];
        if !host.is_empty() {
            lines.push(format!("  \"host_path\": \"{host}\","));
        }
        lines.extend(["  \"schema_version\": 1".to_owned(), "}".to_owned()]);
        lines.into_iter().map(|line| (path.clone(), line)).collect()
    }

    fn listed(files: &FileSnapshot) -> Vec<String> {
        mounts_from_files(files, "a").unwrap().iter().map(Storage::mount_spec).collect()
    }

    #[test]
    fn deploy_attachments_sorted_and_joined_with_their_entries() {
        let mounts = "/l/config/storage/a/mounts";
        let mut lines: Vec<(String, String)> = [
            r#"{"entry_name":"legacy-b","container_path":"/data","phases":["deploy","run"],"process_type":"_default_"}"#,
            r#"{"entry_name":"legacy-a","container_path":"/z","phases":["deploy","run"],"process_type":"_default_","readonly":true,"volume_options":"Z"}"#,
            r#"{"entry_name":"legacy-a","container_path":"/b","phases":["deploy","run"],"process_type":"_default_","readonly":true}"#,
            r#"{"entry_name":"runonly","container_path":"/r","phases":["run"]}"#,
            r#"{"entry_name":"k3s","container_path":"/k","phases":["deploy"],"volume_options":"nocopy"}"#,
        ]
        .into_iter()
        .map(|line| (mounts.to_owned(), line.to_owned()))
        .collect();
        lines.extend(entry("legacy-a", "/var/lib/dokku/data/storage/a"));
        lines.extend(entry("legacy-b", "named-volume"));
        lines.extend(entry("k3s", ""));
        let borrowed: Vec<(&str, &str)> = lines.iter().map(|(p, l)| (p.as_str(), l.as_str())).collect();
        assert_eq!(
            listed(&snapshot(&borrowed)),
            [
                "k3s:/k:nocopy",
                "/var/lib/dokku/data/storage/a:/b:ro",
                "/var/lib/dokku/data/storage/a:/z:ro,Z",
                "named-volume:/data",
            ]
        );
    }

    #[test]
    fn no_list_is_no_mounts() {
        assert_eq!(listed(&snapshot(&[("/l/config/storage/b/mounts", "{}")])), Vec::<String>::new());
    }

    #[test]
    fn a_missing_entry_or_a_bad_line_fails_as_the_listing_does() {
        let missing = snapshot(&[(
            "/l/config/storage/a/mounts",
            r#"{"entry_name":"gone","container_path":"/data","phases":["deploy"]}"#,
        )]);
        let error = mounts_from_files(&missing, "a").unwrap_err();
        assert!(error.contains("missing entry \"gone\""), "{error}");
        let bad = snapshot(&[("/l/config/storage/a/mounts", "not json")]);
        let error = mounts_from_files(&bad, "a").unwrap_err();
        assert!(error.starts_with("$DOKKU_LIB_ROOT/config/storage/a/mounts line 1: "), "{error}");
    }
}
