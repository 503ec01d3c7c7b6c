//! What the official service plugins (dokku-postgres, dokku-redis, …, all built on the same
//! `common-functions` template) keep about one service: the files of its service directory
//! (`$DOKKU_LIB_ROOT/services/<type>/<name>/`), its properties, its backup cron file and the
//! container the docker stand-in pretends to run for it.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// Services by type (`postgres`), then by name.
pub type Services = BTreeMap<String, BTreeMap<String, Service>>;

/// One service.
#[derive(Debug, Default, Clone, Serialize, Deserialize)]
#[serde(default)]
pub struct Service {
    /// `PASSWORD` (without its newline); `None` for types without one (elasticsearch).
    pub password: Option<String>,
    /// `ROOTPASSWORD` (mysql, mariadb, mongo).
    pub root_password: Option<String>,
    /// `ENV`: the `--custom-env` value with `;` turned into newlines (empty when none).
    pub custom_env: String,
    /// `CONFIG_OPTIONS` (the `--config-options` value, else the type's default).
    pub config_options: String,
    /// `SERVICE_MEMORY`, written only when `--memory` was given.
    pub memory: Option<String>,
    /// `SHM_SIZE`, written only when `--shm-size` was given.
    pub shm_size: Option<String>,
    /// `IMAGE`.
    pub image: String,
    /// `IMAGE_VERSION`.
    pub image_version: String,
    /// `DATABASE_NAME` (the service name with `.` and `-` as `_`).
    pub database_name: String,
    /// `LINKS`: linked apps, sorted and unique (`sort -u`).
    pub links: Vec<String>,
    /// `PORT`: the exposed host ports; `None` while the file does not exist.
    pub exposed_ports: Option<Vec<String>>,
    /// Properties (`initial-network`, `post-create-network`, `post-start-network`).
    pub properties: BTreeMap<String, String>,
    /// Files of `backup/` (`AWS_ACCESS_KEY_ID`, …) while the directory exists.
    pub backup_auth: Option<BTreeMap<String, String>>,
    /// Files of `backup-encryption/` (`ENCRYPTION_KEY`, `ENCRYPT_WITH_PUBLIC_KEY_ID`) while the
    /// directory exists.
    pub backup_encryption: Option<BTreeMap<String, String>>,
    /// The content of `/etc/cron.d/dokku-<type>-<name>` while it exists.
    pub backup_schedule: Option<String>,
    /// `ID`: the id docker's `--cidfile` wrote for the last container created.
    pub container_id_file: String,
    /// The container, while docker has one.
    pub container: Option<Container>,
    /// How many containers were created for the service (their ids differ).
    pub generation: u64,
    /// What the service's data is (see `service_dump`).
    pub data: DataIdentity,
}

/// A service container as the docker stand-in describes it.
#[derive(Debug, Default, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(default)]
pub struct Container {
    /// Full 64-hex id.
    pub id: String,
    /// `.NetworkSettings.IPAddress`: an address on the default bridge, empty when the container
    /// was created on another network (`--initial-network`).
    pub ip: String,
    /// `.Config.Image` (`postgres:18.4`).
    pub image: String,
    /// Running (else exited, after `:pause`).
    pub running: bool,
}

/// The identity of a service's data: a seed, and the size its dump has once data was imported.
#[derive(Debug, Default, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(default)]
pub struct DataIdentity {
    /// Random hex chosen at creation; an import replaces it with the dump's.
    pub seed: String,
    /// The dump body's size once data was imported; `None` for the data a service is created
    /// with, whose dump is `DOKKU_SIM_SERVICE_DUMP_BYTES` long.
    pub bytes: Option<u64>,
}
