//! Pure parsers: `storage:list` (JSON and text) into mounts, `stat -c '%u %g %n'` into owners,
//! and `storage:ensure-directory` output.

use std::collections::BTreeMap;

use dokku_core::DokkuVersion;
use dokku_core::text::TextError;
use serde::Deserialize;

use crate::model::Storage;

mod list_table;
pub use list_table::{StorageListRow, parse_storage_list};

/// The first version whose `storage:list` is read as `--format json` (pydokku relied on it from
/// 0.35 on; older servers are read as text, which holds the same mounts).
pub const LIST_JSON_SINCE: DokkuVersion = DokkuVersion::new(0, 35, 0);

/// One item of `storage:list <app> --format json`.
#[derive(Deserialize)]
struct ListItem {
    host_path: String,
    container_path: String,
    /// The options after the container path; from 0.38 without `ro`, which is `readonly`.
    #[serde(default)]
    volume_options: Option<String>,
    /// 0.38's read-only flag (`StorageListEntry.Readonly`), omitted when false.
    #[serde(default)]
    readonly: bool,
    /// 0.38's storage entry name. Legacy colon-form mounts get a generated `legacy-<hash>` name
    /// derived from the paths, so it is not exported: apply recreates the mount from the paths.
    #[serde(default, rename = "entry_name")]
    _entry_name: Option<String>,
}

/// One app's mount record (owners unknown; empty options are none).
pub(crate) fn mount(app: &str, host: String, container: String, options: Option<String>) -> Storage {
    Storage {
        app_name: app.to_owned(),
        host_path: host,
        container_path: container,
        user_id: None,
        group_id: None,
        volume_options: options.filter(|o| !o.is_empty()),
    }
}

/// Parses `storage:list <app> --format json`.
pub fn parse_list_json(app: &str, text: &str) -> Result<Vec<Storage>, TextError> {
    if text.trim().is_empty() {
        return Ok(Vec::new());
    }
    let items: Vec<ListItem> = serde_json::from_str(text).map_err(|e| {
        TextError::new(e.line(), "a JSON array of {host_path, container_path}", &e.to_string())
    })?;
    Ok(items
        .into_iter()
        .map(|i| {
            let options = mount_options(i.readonly, i.volume_options.as_deref().unwrap_or_default());
            mount(app, i.host_path, i.container_path, options)
        })
        .collect())
}

/// The options of a mount as `storage:mount` takes them back: `formatStorageListEntry`
/// (`plugins/storage/storage.go` at v0.38.27) joins the read-only flag and the other options as
/// `ro`, `ro,<options>` or `<options>`; `None` when there are none.
pub(crate) fn mount_options(readonly: bool, volume_options: &str) -> Option<String> {
    match (readonly, volume_options.is_empty()) {
        (true, true) => Some("ro".to_owned()),
        (true, false) => Some(format!("ro,{volume_options}")),
        (false, true) => None,
        (false, false) => Some(volume_options.to_owned()),
    }
}

/// Parses `storage:list <app>` text (with or without its header).
pub fn parse_list_text(app: &str, text: &str) -> Result<Vec<Storage>, TextError> {
    Ok(parse_storage_list(text)?
        .into_iter()
        .map(|r| mount(app, r.host, r.container_path, r.options))
        .collect())
}

/// Parses `stat -c '%u %g %n' <path>…` into `path → (uid, gid)`. Lines that do not read are
/// skipped: the caller reports the paths left without an owner.
pub fn parse_stat_owners(text: &str) -> BTreeMap<String, (u32, u32)> {
    let mut owners = BTreeMap::new();
    for line in text.lines() {
        let mut parts = line.splitn(3, ' ');
        if let (Some(uid), Some(gid), Some(path)) = (parts.next(), parts.next(), parts.next())
            && let (Ok(uid), Ok(gid)) = (uid.parse(), gid.parse())
        {
            owners.insert(path.to_owned(), (uid, gid));
        }
    }
    owners
}

/// What `storage:ensure-directory` did: the directory and the owner it set.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct EnsuredDirectory {
    /// The directory (`/var/lib/dokku/data/storage/<name>`).
    pub path: String,
    /// The owner `(uid, gid)` set, if the output says (`--chown false` sets none).
    pub owner: Option<(u32, u32)>,
}

/// Parses `storage:ensure-directory` stdout.
pub fn parse_ensure_directory(text: &str) -> Result<EnsuredDirectory, TextError> {
    let mut path = None;
    let mut owner = None;
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if let Some(rest) = line.strip_prefix("-----> Ensuring ").and_then(|r| r.strip_suffix(" exists")) {
            path = Some(rest.to_owned());
        } else if let Some(ids) = line.strip_prefix("Setting directory ownership to ") {
            let parsed = ids.split_once(':').and_then(|(u, g)| Some((u.parse().ok()?, g.parse().ok()?)));
            owner = Some(parsed.ok_or_else(|| TextError::new(i + 1, "`<uid>:<gid>`", line))?);
        }
    }
    let path = path.ok_or_else(|| {
        TextError::new(1, "`-----> Ensuring <path> exists`", text.lines().next().unwrap_or(""))
    })?;
    Ok(EnsuredDirectory { path, owner })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_read_only_flag_of_0_38_comes_back_as_the_ro_option() {
        let text = r#"[{"entry_name":"legacy-1","host_path":"/a","container_path":"/b","readonly":true,"volume_options":"Z"},{"entry_name":"legacy-2","host_path":"/c","container_path":"/d","readonly":true},{"host_path":"/e","container_path":"/f","volume_options":""}]"#;
        let specs: Vec<String> =
            parse_list_json("app", text).unwrap().iter().map(Storage::mount_spec).collect();
        assert_eq!(specs, ["/a:/b:ro,Z", "/c:/d:ro", "/e:/f"]);
    }
}
