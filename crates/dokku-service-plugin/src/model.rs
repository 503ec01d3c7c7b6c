//! The record of one service, the same for every service plugin.

use std::collections::BTreeMap;

use dokku_core::Secret;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// One service of a service plugin (`postgres`, `redis`, …) with what it takes to recreate it.
///
/// Passwords and backup credentials are [`Secret`]s: an export writes them to the secrets file.
/// A value listed in `unread` is unknown (the connection could not read it), not absent: apply
/// takes it from the document (a secret reference) or leaves the server's choice.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ServiceRecord {
    /// The service name (`[A-Za-z0-9_-]+`).
    pub name: String,
    /// The image the service runs (`--image`; the `IMAGE` file).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image: Option<String>,
    /// The image tag (`--image-version`; the `IMAGE_VERSION` file).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image_version: Option<String>,
    /// The user password (`--password`): kept, so every DSN and `*_URL` stays identical.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(extend("x-dokku-secret-id" = "{name}/password"))]
    pub password: Option<Secret<String>>,
    /// The root password (`--root-password`; mysql, mariadb, mongo).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(extend("x-dokku-secret-id" = "{name}/root-password"))]
    pub root_password: Option<Secret<String>>,
    /// Environment the container starts with (`--custom-env`, `;`-separated `KEY=value`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(extend("x-dokku-secret-id" = "{name}/custom-env"))]
    pub custom_env: Option<Secret<String>>,
    /// Extra arguments of the container's create command (`--config-options`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub config_options: Option<String>,
    /// The container memory limit in megabytes (`--memory`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub memory: Option<String>,
    /// The container's shared memory size (`--shm-size`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shm_size: Option<String>,
    /// Host ports the service is exposed on, one per container port in the plugin's order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub exposed_ports: Vec<String>,
    /// The network the container is created on (`initial-network`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub initial_network: Option<String>,
    /// Networks attached after the container is created (comma-separated).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub post_create_network: Option<String>,
    /// Networks attached after the container is started (comma-separated).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub post_start_network: Option<String>,
    /// The apps linked to the service.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub links: Vec<ServiceLink>,
    /// The scheduled backup (`/etc/cron.d/dokku-<type>-<name>`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub backup_schedule: Option<BackupSchedule>,
    /// The S3 credentials for backups (`:backup-auth`; write-only through Dokku).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub backup_auth: Option<BackupAuth>,
    /// The GPG passphrase backups are encrypted with (`:backup-set-encryption`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(extend("x-dokku-secret-id" = "{name}/backup-passphrase"))]
    pub backup_encryption_key: Option<Secret<String>>,
    /// The GPG public key id backups are encrypted to (`:backup-set-public-key-encryption`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub backup_public_key_id: Option<String>,
    /// Fields this export could not read (a connection without root): unknown, not absent.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unread: Vec<String>,
    /// `:info` fields this version does not know, kept as read.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub extra: BTreeMap<String, String>,
}

/// One app linked to a service.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ServiceLink {
    /// The app.
    pub app: String,
    /// The alias: the link sets `<alias>_URL` (the plugin's default alias unless chosen).
    pub alias: String,
    /// Further variables holding the same URL (left by `:promote`), set after the link.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub also: Vec<String>,
    /// The query string appended to the URL (`--querystring`), without `?`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub querystring: Option<String>,
    /// The URL scheme when the app overrides it (`<VARIABLE>_DATABASE_SCHEME`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scheme: Option<String>,
}

/// A scheduled backup: the cron schedule, the bucket and whether IAM credentials are used.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BackupSchedule {
    /// The cron schedule (`0 3 * * *`).
    pub schedule: String,
    /// The S3 bucket (and path) backups go to.
    pub bucket: String,
    /// Whether the backup uses the instance's IAM role (`--use-iam`).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub use_iam: bool,
}

/// S3 credentials for backups (`:backup-auth`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BackupAuth {
    /// `AWS_ACCESS_KEY_ID`.
    #[schemars(extend("x-dokku-secret-id" = "{name}/backup-access-key-id"))]
    pub access_key_id: Secret<String>,
    /// `AWS_SECRET_ACCESS_KEY`.
    #[schemars(extend("x-dokku-secret-id" = "{name}/backup-secret-access-key"))]
    pub secret_access_key: Secret<String>,
    /// `AWS_DEFAULT_REGION`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    /// `AWS_SIGNATURE_VERSION`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signature_version: Option<String>,
    /// `ENDPOINT_URL` (an S3-compatible endpoint).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub endpoint_url: Option<String>,
}

/// The names `unread` uses.
pub mod fields {
    /// [`super::ServiceRecord::password`].
    pub const PASSWORD: &str = "password";
    /// [`super::ServiceRecord::root_password`].
    pub const ROOT_PASSWORD: &str = "root_password";
    /// [`super::ServiceRecord::custom_env`].
    pub const CUSTOM_ENV: &str = "custom_env";
    /// [`super::ServiceRecord::memory`].
    pub const MEMORY: &str = "memory";
    /// [`super::ServiceRecord::shm_size`].
    pub const SHM_SIZE: &str = "shm_size";
    /// [`super::ServiceRecord::image`] and `image_version` (no container to ask).
    pub const IMAGE: &str = "image";
    /// [`super::ServiceRecord::backup_auth`].
    pub const BACKUP_AUTH: &str = "backup_auth";
    /// [`super::ServiceRecord::backup_encryption_key`].
    pub const BACKUP_ENCRYPTION_KEY: &str = "backup_encryption_key";
    /// [`super::ServiceRecord::backup_public_key_id`].
    pub const BACKUP_PUBLIC_KEY_ID: &str = "backup_public_key_id";
}

impl ServiceRecord {
    /// A record for `name` with nothing set.
    pub fn new(name: impl Into<String>) -> Self {
        Self { name: name.into(), ..Self::default() }
    }

    /// Whether `field` (one of [`fields`]) could not be read.
    pub fn is_unread(&self, field: &str) -> bool {
        self.unread.iter().any(|f| f == field)
    }
}
