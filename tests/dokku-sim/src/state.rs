//! The simulated server's state, kept as one JSON file under the simulator root.
//!
//! Every invocation takes an exclusive `flock` on a lock file beside the state for its whole
//! read-modify-write cycle, so concurrent invocations (the transport tests run many commands at
//! once) see each other's effects in some serial order, as they would on a real server.

use std::collections::{BTreeMap, BTreeSet};
use std::fs::{self, File, OpenOptions};
use std::io;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// A property namespace (plugin name) mapped to its key/value properties.
pub type Properties = BTreeMap<String, BTreeMap<String, String>>;

/// The whole simulated server.
#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct State {
    /// Apps by name.
    pub apps: BTreeMap<String, App>,
    /// `config:set --global` variables.
    pub global_config: BTreeMap<String, String>,
    /// Lines of the global `VHOST` file; `None` while the file does not exist.
    pub global_vhosts: Option<Vec<String>>,
    /// Global plugin properties (`<plugin>:set --global`).
    pub global_properties: Properties,
    /// Docker networks created with `network:create`.
    pub networks: BTreeMap<String, Network>,
    /// Keys added with `ssh-keys:add`, in insertion order (the `authorized_keys` order).
    pub ssh_keys: Vec<SshKey>,
    /// Third-party plugins installed with `plugin:install`.
    pub plugins: BTreeMap<String, InstalledPlugin>,
    /// Core plugins disabled with `plugin:disable`.
    pub disabled_core_plugins: BTreeSet<String>,
    /// Directories created by `storage:ensure-directory`.
    pub storage_directories: BTreeSet<String>,
    /// Registered storage entries by name, with their host path: every colon-form
    /// `storage:mount` registers a `legacy-<hash>` entry (`mountLegacyColon`), which outlives
    /// its unmount and the app (only `storage:destroy` removes one).
    pub storage_entries: BTreeMap<String, String>,
    /// Lines `git:allow-host` appended to the dokku user's `~/.ssh/known_hosts`, in order
    /// (duplicates included: Dokku appends whatever `ssh-keyscan` prints, every time).
    pub known_hosts: Vec<String>,
    /// Entries of the dokku user's `~/.netrc` (`git:auth`) in file order; `None` while the file
    /// does not exist (the `netrc` tool creates it, empty, on its first use).
    pub netrc: Option<Vec<NetrcEntry>>,
    /// Successful `registry:login`s, in order: who logged in where (the password is not kept;
    /// docker keeps it in the scope's `config.json`, which nothing here reads back).
    pub registry_logins: Vec<RegistryLogin>,
    /// Services of the official service plugins (postgres, redis, …) by type and name.
    pub services: crate::service_state::Services,
    /// Whether `letsencrypt:cron-job --add` installed the auto-renew job (and its marker file)
    /// and no `--remove` took it away since.
    pub letsencrypt_autorenew: bool,
}

/// One `registry:login`.
#[derive(Debug, Default, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct RegistryLogin {
    /// The app whose `DOCKER_CONFIG` got the credentials, or empty for the dokku user's own.
    pub app: String,
    /// The registry server (`docker.io` for Docker Hub).
    pub server: String,
    /// The user name.
    pub username: String,
    /// The password `docker login` stored (base64 with the user name in the docker config).
    #[serde(default)]
    pub password: String,
}

/// One app and everything Dokku stores about it.
#[derive(Debug, Default, Clone, Serialize, Deserialize)]
#[serde(default)]
pub struct App {
    /// Unix time of `apps:create`.
    pub created_at: i64,
    /// App environment (`config:set`).
    pub config: BTreeMap<String, String>,
    /// Lines of the app's `VHOST` file; `None` while the file does not exist.
    pub vhosts: Option<Vec<String>>,
    /// Plugin properties set with `<plugin>:set` and by the plugins themselves.
    pub properties: Properties,
    /// The ps `scale` property list (`updateScale`, plugins/ps/functions.go): `<type>=<count>`
    /// in the order Dokku wrote them; without a Procfile, the non-zero counts. ps's
    /// `post-create` trigger starts every app at `web=1`.
    pub scale: Vec<(String, i64)>,
    /// The ps `scale.old` property list: the zero counts of types no Procfile declares.
    pub scale_old: Vec<(String, i64)>,
    /// `apps:lock` state.
    pub locked: bool,
    /// Storage mounts (the storage plugin's `mounts` attachment list) in the order they were
    /// added; lists sort them (`AttachmentsForPhase`), the report's attachment blocks do not.
    pub mounts: Vec<Mount>,
    /// `resource:limit` / `resource:reserve` values: key `<proctype>.<limit|reserve>.<resource>`.
    pub resources: BTreeMap<String, String>,
    /// `maintenance:enable` state.
    pub maintenance: bool,
    /// `redirect:set` entries in insertion order.
    pub redirects: Vec<Redirect>,
    /// The last nginx configuration "written" by a proxy build.
    pub nginx_conf: Option<String>,
    /// The certificate pair `certs:add` installed (`/home/dokku/<app>/tls/server.{crt,key}`).
    pub tls: Option<TlsPair>,
}

/// An app's `server.crt` and `server.key`.
#[derive(Debug, Default, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct TlsPair {
    /// The certificate file's contents.
    pub crt: String,
    /// The key file's contents.
    pub key: String,
}

/// One storage mount.
#[derive(Debug, Default, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Mount {
    /// Host path (or volume name).
    pub host_path: String,
    /// Path inside the container.
    pub container_path: String,
    /// Options after the second colon (e.g. `ro`).
    pub options: String,
}

/// One docker network.
#[derive(Debug, Default, Clone, Serialize, Deserialize)]
#[serde(default)]
pub struct Network {
    /// The 12-hex-digit short id docker prints.
    pub id: String,
    /// When docker created it (RFC 3339 with nanoseconds, UTC); empty in states written before
    /// the simulator recorded it.
    pub created: String,
    /// The IPv4 subnet docker's IPAM gave it (`172.18.0.0/16`); empty in older states.
    pub subnet: String,
}

/// One authorized ssh key.
#[derive(Debug, Default, Clone, Serialize, Deserialize)]
pub struct SshKey {
    /// The key's name (`NAME=` in `authorized_keys`).
    pub name: String,
    /// `SHA256:` fingerprint.
    pub fingerprint: String,
    /// The public key line as given.
    pub public_key: String,
}

/// A third-party plugin.
#[derive(Debug, Default, Clone, Serialize, Deserialize)]
pub struct InstalledPlugin {
    /// Version from its `plugin.toml`.
    pub version: String,
    /// Description from its `plugin.toml`.
    pub description: String,
    /// Whether it is enabled.
    pub enabled: bool,
    /// The git origin it was cloned from (`plugin:list --format json` reads it with git).
    #[serde(default)]
    pub source_url: String,
    /// The checked-out commit.
    #[serde(default)]
    pub committish: String,
    /// The checked-out branch; empty when the checkout is detached at a commit.
    #[serde(default)]
    pub branch: String,
    /// The committish the checkout was pinned to (`--committish` or `plugin:update <name>
    /// <committish>`), which plugn records in the plugin's `.plugin_committish`.
    #[serde(default)]
    pub pinned: Option<String>,
}

/// One `machine` entry of the dokku user's `~/.netrc`.
#[derive(Debug, Default, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct NetrcEntry {
    /// The host name.
    pub machine: String,
    /// The `login` value.
    pub login: String,
    /// The `password` value.
    pub password: String,
}

/// One `redirect:set` entry.
#[derive(Debug, Default, Clone, Serialize, Deserialize)]
pub struct Redirect {
    /// Source domain.
    pub source: String,
    /// Destination domain.
    pub destination: String,
    /// HTTP status code.
    pub code: String,
}

impl App {
    /// A property of `namespace`, empty when unset (Dokku's `PropertyGet`).
    pub fn property(&self, namespace: &str, key: &str) -> String {
        self.properties.get(namespace).and_then(|props| props.get(key)).cloned().unwrap_or_default()
    }

    /// Sets a property; an empty value deletes it, as `<plugin>:set <app> <key>` does.
    pub fn set_property(&mut self, namespace: &str, key: &str, value: &str) {
        set_in(&mut self.properties, namespace, key, value);
    }

    /// Writes a property even when the value is empty (`fn-plugin-property-write` with an
    /// empty value): it then exists, empty, which `PropertyGetDefault` tells apart from unset.
    pub fn write_property(&mut self, namespace: &str, key: &str, value: &str) {
        self.properties.entry(namespace.to_string()).or_default().insert(key.to_string(), value.to_string());
    }

    /// Dokku's `PropertyGetDefault`: the stored value when the property exists (even empty),
    /// else `default`.
    pub fn property_or(&self, namespace: &str, key: &str, default: &str) -> String {
        self.properties
            .get(namespace)
            .and_then(|props| props.get(key))
            .cloned()
            .unwrap_or_else(|| default.to_owned())
    }
}

impl State {
    /// A global property of `namespace`, empty when unset.
    pub fn global_property(&self, namespace: &str, key: &str) -> String {
        self.global_properties.get(namespace).and_then(|props| props.get(key)).cloned().unwrap_or_default()
    }

    /// Sets a global property; an empty value deletes it.
    pub fn set_global_property(&mut self, namespace: &str, key: &str, value: &str) {
        set_in(&mut self.global_properties, namespace, key, value);
    }

    /// The app-level value if set, else the global one, else `default`.
    pub fn computed_property(&self, app: &str, namespace: &str, key: &str, default: &str) -> String {
        let own = self.apps.get(app).map(|a| a.property(namespace, key)).unwrap_or_default();
        if !own.is_empty() {
            return own;
        }
        let global = self.global_property(namespace, key);
        if !global.is_empty() {
            return global;
        }
        default.to_string()
    }
}

/// Sets or deletes one property in a namespace map.
fn set_in(properties: &mut Properties, namespace: &str, key: &str, value: &str) {
    if value.is_empty() {
        if let Some(props) = properties.get_mut(namespace) {
            props.remove(key);
            if props.is_empty() {
                properties.remove(namespace);
            }
        }
    } else {
        properties.entry(namespace.to_string()).or_default().insert(key.to_string(), value.to_string());
    }
}

/// The state file together with the lock that guards it.
pub struct StateStore {
    path: PathBuf,
    /// Held open for the lifetime of the store: closing it releases the `flock`.
    _lock: File,
}

impl StateStore {
    /// Opens (creating if needed) the simulator root and takes its exclusive lock.
    pub fn open(root: &Path) -> io::Result<Self> {
        fs::create_dir_all(root)?;
        let lock_path = root.join("state.lock");
        // Root and the `dokku` user share one state; when the other one created the lock file
        // without group/other write bits, a read-only descriptor still takes the `flock`.
        let lock = match OpenOptions::new().create(true).truncate(false).write(true).open(&lock_path) {
            Err(err) if err.kind() == io::ErrorKind::PermissionDenied => File::open(&lock_path)?,
            other => other?,
        };
        lock_exclusive(&lock)?;
        Ok(Self { path: root.join("state.json"), _lock: lock })
    }

    /// Reads the state; a missing file is a fresh server.
    pub fn load(&self) -> io::Result<State> {
        match fs::read(&self.path) {
            Ok(bytes) => serde_json::from_slice(&bytes).map_err(io::Error::other),
            Err(err) if err.kind() == io::ErrorKind::NotFound => Ok(State::default()),
            Err(err) => Err(err),
        }
    }

    /// Writes the state atomically (temporary file, then rename).
    pub fn save(&self, state: &State) -> io::Result<()> {
        let bytes = serde_json::to_vec_pretty(state).map_err(io::Error::other)?;
        let temporary = self.path.with_extension("json.tmp");
        fs::write(&temporary, bytes)?;
        fs::rename(&temporary, &self.path)
    }
}

/// Blocks until this process holds the exclusive `flock` on `file`.
///
/// `File::lock` is `flock(LOCK_EX)` on Unix; the workspace forbids `unsafe`, so the raw libc
/// call is not an option.
fn lock_exclusive(file: &File) -> io::Result<()> {
    file.lock()
}
