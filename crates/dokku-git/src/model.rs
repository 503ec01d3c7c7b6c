//! The records of the git plugin, in pydokku's data model (`SSHKey`, `Auth`, `Git`), plus the
//! one global record that pydokku folded into every app record.

use std::collections::BTreeMap;

use dokku_core::Secret;
use dokku_core::timestamp::{self, Timestamp};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The name pydokku gives the server's own deploy key (`git:public-key`).
pub const DEPLOY_KEY_NAME: &str = "dokku-public-key";

/// An SSH public key: a known host of the `dokku` user (`name` = the host field of its
/// `known_hosts` line), or the server's deploy key (`name` = [`DEPLOY_KEY_NAME`]).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "GitSshKey")]
pub struct SshKey {
    /// The host name(s) (comma-separated, as in `known_hosts`), or [`DEPLOY_KEY_NAME`].
    pub name: String,
    /// The key's SHA-256 fingerprint (`SHA256:…`), computed from the key. Apply ignores it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fingerprint: Option<String>,
    /// The OpenSSH public key (`<type> <base64> [comment]`). Informational for apply:
    /// `git:allow-host` scans the host again (trust on first use).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub public_key: Option<String>,
}

impl SshKey {
    /// Whether this is the server's deploy key (never recreated: its private half is not exported).
    pub fn is_deploy_key(&self) -> bool {
        self.name == DEPLOY_KEY_NAME
    }
}

/// A netrc credential of the `dokku` user (`git:auth`), used by git to fetch from `hostname`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Auth {
    /// The netrc `machine`.
    pub hostname: String,
    /// The netrc `login`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub username: Option<String>,
    /// The netrc `password` (a secret: masked in logs and printed scripts).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(extend("x-dokku-secret-id" = "auth/{hostname}"))]
    pub password: Option<Secret>,
}

/// One app's own git settings (pydokku's `Git`, without `global_deploy_branch`: the global
/// values live in [`GitGlobal`], so an app-scoped apply never changes server-wide settings).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Git {
    /// The app name.
    pub app_name: String,
    /// The app's own deploy branch (`git:set <app> deploy-branch`); `None` when unset.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deploy_branch: Option<String>,
    /// Whether the `.git` directory is kept in the build (Dokku key `keep-git-dir`); `None`
    /// when unset.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub keep_git_path: Option<bool>,
    /// The env var that receives the deployed commit (default `GIT_REV`; empty = disabled).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rev_env_var: Option<String>,
    /// The deployed commit (informational; apply never uses it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sha: Option<String>,
    /// The image the app was last built from with `git:from-image`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_image: Option<String>,
    /// When the deploy branch was last updated (UTC; informational).
    #[serde(default, skip_serializing_if = "Option::is_none", with = "timestamp::option")]
    #[schemars(with = "Option<String>")]
    pub last_updated_at: Option<Timestamp>,
    /// Report fields this version of the model does not know, kept verbatim.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub extra: BTreeMap<String, String>,
}

/// Server-wide git settings (`git:set --global`); each `None` when unset.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct GitGlobal {
    /// The default deploy branch.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub global_deploy_branch: Option<String>,
    /// Whether `.git` is kept in builds by default.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub global_keep_git_path: Option<bool>,
    /// The most files `git:from-archive` accepts in an archive.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub global_archive_max_files: Option<u64>,
    /// The largest archive `git:from-archive` accepts, in bytes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub global_archive_max_size: Option<u64>,
}

impl GitGlobal {
    /// Whether no global value is set (such a record is not exported).
    pub fn is_empty(&self) -> bool {
        self == &Self::default()
    }
}

/// An entry of the `git` list in an export document.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(untagged)]
pub enum GitRecord {
    /// A known host or the deploy key (has `name`).
    Key(SshKey),
    /// A netrc credential (has `hostname`).
    Auth(Auth),
    /// The global settings (none of `name`, `hostname`, `app_name`).
    Global(GitGlobal),
    /// One app's settings (has `app_name`).
    App(Git),
}

impl<'de> Deserialize<'de> for GitRecord {
    /// Picks the variant by its identifying key, so that errors name the wrong field instead of
    /// "no variant matched".
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = serde_json::Value::deserialize(deserializer)?;
        let result = if value.get("app_name").is_some() {
            serde_json::from_value(value).map(GitRecord::App)
        } else if value.get("hostname").is_some() {
            serde_json::from_value(value).map(GitRecord::Auth)
        } else if value.get("name").is_some() {
            serde_json::from_value(value).map(GitRecord::Key)
        } else {
            serde_json::from_value(value).map(GitRecord::Global)
        };
        result.map_err(serde::de::Error::custom)
    }
}

/// The value Dokku uses when `rev-env-var` was never set.
pub(crate) const DEFAULT_REV_ENV_VAR: &str = "GIT_REV";
