//! The storage record, in pydokku's data model (`Storage`).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// One bind mount of an app: a host directory (or Docker volume) at a path inside its containers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Storage {
    /// The app the mount belongs to.
    pub app_name: String,
    /// The host directory (absolute) or Docker volume name.
    pub host_path: String,
    /// The absolute path inside the containers.
    pub container_path: String,
    /// The owner uid of the host directory, when it could be read (root-only). `0` is root.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_id: Option<u32>,
    /// The owner gid of the host directory, when it could be read (root-only). `0` is root.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group_id: Option<u32>,
    /// Docker mount options after the container path (`ro`, `Z`, …); not in pydokku's model.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub volume_options: Option<String>,
}

impl Storage {
    /// The `host:container[:options]` form `storage:mount` and `storage:unmount` take.
    pub fn mount_spec(&self) -> String {
        match &self.volume_options {
            Some(options) => format!("{}:{}:{options}", self.host_path, self.container_path),
            None => format!("{}:{}", self.host_path, self.container_path),
        }
    }
}

/// The ownership presets of `storage:ensure-directory --chown`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChownPreset {
    /// `herokuish`: 32767:32767 (Dokku's default).
    Herokuish,
    /// `heroku`: 1000:1000.
    Heroku,
    /// `packeto`: 2000:2000 (Dokku's historical spelling, accepted by every version; newer ones
    /// also accept `paketo`).
    Paketo,
    /// `root`: 0:0.
    Root,
}

impl ChownPreset {
    /// Every preset.
    pub const ALL: [Self; 4] = [Self::Herokuish, Self::Heroku, Self::Paketo, Self::Root];

    /// The word Dokku takes.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Herokuish => "herokuish",
            Self::Heroku => "heroku",
            Self::Paketo => "packeto",
            Self::Root => "root",
        }
    }

    /// The owner `(uid, gid)` the preset sets.
    pub fn ids(self) -> (u32, u32) {
        match self {
            Self::Herokuish => (32767, 32767),
            Self::Heroku => (1000, 1000),
            Self::Paketo => (2000, 2000),
            Self::Root => (0, 0),
        }
    }

    /// The preset that sets exactly `(uid, gid)`, if any.
    pub fn for_ids(uid: u32, gid: u32) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.ids() == (uid, gid))
    }
}

/// Where `storage:ensure-directory <name>` creates its directories.
pub const STORAGE_DIR: &str = "/var/lib/dokku/data/storage/";

/// The `<name>` of a host path directly under [`STORAGE_DIR`].
pub(crate) fn storage_dir_name(host_path: &str) -> Option<&str> {
    host_path.strip_prefix(STORAGE_DIR).filter(|name| !name.is_empty() && !name.contains('/'))
}
