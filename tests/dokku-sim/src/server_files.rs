//! The simulated server's files: what Dokku keeps on disk and dokku-rs reads with root-only
//! commands (`cat` of the dokku user's `~/.ssh/known_hosts`, `~/.netrc` and
//! `~/.ssh/authorized_keys`, and of a plugin checkout's `.git/` files), kept as real files under
//! `$DOKKU_SIM_ROOT/fs/` at their real paths: `/home/dokku/.netrc` is
//! `$DOKKU_SIM_ROOT/fs/home/dokku/.netrc`, so an end-to-end test reads them by pointing its
//! `DOKKU_ROOT`/`DOKKU_LIB_ROOT` at `fs/home/dokku` and `fs/var/lib/dokku`.
//!
//! `state.json` stays the one truth and these files are what it implies ([`ServerFiles::of`]).
//! After every invocation, still under the state lock, [`ServerFiles::sync`] brings the disk up
//! to date: a file whose content changed is rewritten atomically, a missing one is written, one
//! the state no longer implies is removed, and a wholly owned tree (a plugin checkout) goes with
//! everything in it. Keeping the state as the truth means a file never has to be read back,
//! which matters because root (through sudo) and the `dokku` user share a simulator state while
//! some of these files are private (`.netrc` is 0600, as Dokku enforces).
//!
//! Command output keeps naming the real paths (`/var/lib/dokku/plugins/available/<name>`);
//! only where the files live moves.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::io;
use std::os::unix::fs::PermissionsExt;
use std::path::{Component, Path, PathBuf};

use crate::state::State;

/// Dokku's `DOKKU_ROOT`: the `dokku` user's home.
pub const DOKKU_ROOT: &str = "/home/dokku";
/// Dokku's `DOKKU_LIB_ROOT`: plugins and plugin data.
pub const DOKKU_LIB_ROOT: &str = "/var/lib/dokku";
/// The directory under the simulator root that stands for the server's `/`.
pub const FS_DIR: &str = "fs";

/// `$DOKKU_SIM_ROOT/fs`: the simulated server's `/`.
pub fn fs_root(sim_root: &Path) -> PathBuf {
    sim_root.join(FS_DIR)
}

/// Where the simulated server keeps the real absolute path `real`; `None` for a path that is not
/// absolute or would leave `fs/` (`..`), which no state-derived name may produce.
pub fn host_path(fs_root: &Path, real: &str) -> Option<PathBuf> {
    is_server_path(real).then(|| fs_root.join(real.trim_start_matches('/')))
}

/// Whether `real` is an absolute path below `/` made of plain names only.
fn is_server_path(real: &str) -> bool {
    let Ok(relative) = Path::new(real).strip_prefix("/") else { return false };
    relative.components().next().is_some() && relative.components().all(|c| matches!(c, Component::Normal(_)))
}

/// Writes `contents` to `path` so that a reader sees the old or the new file, never a part:
/// a temporary file beside it (parents created), its mode set, then a rename over the target.
pub fn write_atomically(path: &Path, contents: &[u8], mode: Option<u32>) -> io::Result<()> {
    let parent =
        path.parent().ok_or_else(|| io::Error::other(format!("{} has no parent", path.display())))?;
    fs::create_dir_all(parent)?;
    let file_name = path.file_name().and_then(|n| n.to_str()).unwrap_or("file");
    let temporary = parent.join(format!(".{file_name}.dokku-sim-{}.tmp", std::process::id()));
    fs::write(&temporary, contents)?;
    if let Some(mode) = mode
        && let Err(err) = fs::set_permissions(&temporary, fs::Permissions::from_mode(mode))
    {
        let _ = fs::remove_file(&temporary);
        return Err(err);
    }
    fs::rename(&temporary, path).inspect_err(|_| {
        let _ = fs::remove_file(&temporary);
    })
}

/// Properties Dokku writes as lists (`PropertyListWrite`, one item per line) while the state
/// keeps them space-joined: the ports maps (`plugins/ports/functions.go` at v0.38.27).
const LIST_PROPERTIES: &[(&str, &str)] = &[("ports", "map"), ("ports", "map-detected")];
/// Properties Dokku writes as lists whose items the state keeps one per line: an app's
/// buildpacks (`PropertyListAdd`/`PropertyListWrite` in `plugins/buildpacks` at v0.38.27).
const LINE_LIST_PROPERTIES: &[(&str, &str)] = &[("buildpacks", "buildpacks")];

/// An `ENV` file as `godotenv.Write` (joho/godotenv 1.5.1, which `Env.Write` calls) writes it:
/// one line per variable, sorted; a value `strconv.Atoi` accepts as its integer (`%d`), any
/// other double-quoted with `\`, line ends, `"`, `!`, `$` and backtick escaped; a final newline.
fn godotenv_file(vars: &BTreeMap<String, String>) -> String {
    let mut lines: Vec<String> = vars
        .iter()
        .map(|(key, value)| match value.parse::<i64>() {
            Ok(number) => format!("{key}={number}"),
            Err(_) => {
                let mut quoted = String::with_capacity(value.len() + 2);
                for c in value.chars() {
                    match c {
                        '\n' => quoted.push_str("\\n"),
                        '\r' => quoted.push_str("\\r"),
                        '\\' | '"' | '!' | '$' | '`' => {
                            quoted.push('\\');
                            quoted.push(c);
                        }
                        _ => quoted.push(c),
                    }
                }
                format!("{key}=\"{quoted}\"")
            }
        })
        .collect();
    lines.sort();
    lines.join("\n") + "\n"
}

/// A file a plugin module says the state implies: real path, contents, mode.
pub(crate) type ImpliedFile = (String, String, Option<u32>);

/// One file the state implies.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServerFile {
    /// The whole content.
    pub contents: String,
    /// The mode Dokku (or the tool it runs) gives the file; `None` leaves the process umask's.
    pub mode: Option<u32>,
}

impl ServerFile {
    /// A file with the umask's mode.
    fn plain(contents: String) -> Self {
        Self { contents, mode: None }
    }
}

/// Every file and directory the state implies, by real absolute path.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct ServerFiles {
    /// Files and their content.
    files: BTreeMap<String, ServerFile>,
    /// Directories that exist even when empty (a git checkout's `objects/`).
    dirs: BTreeSet<String>,
    /// Directories wholly owned by one state entry (a plugin checkout): removed with
    /// everything in them once the entry is gone.
    trees: BTreeSet<String>,
    /// Path prefixes (`/home/dokku/app1/CONTAINER.`) whose files come from a setting, not the
    /// state (`DOKKU_SIM_DEPLOYED_APPS`): a file there that is not implied is removed, even when
    /// the previous invocation, seeing the setting as it is now, did not imply it either.
    owned_prefixes: BTreeSet<String>,
}

impl ServerFiles {
    /// The files `state` implies.
    pub fn of(state: &State) -> Self {
        let mut files = Self::default();
        let home = DOKKU_ROOT;
        // sshcommand's `create` (run when Dokku is installed) touches the file, so it exists
        // even without keys; `acl-add`/`acl-remove` leave it 0700.
        files.insert(
            format!("{home}/.ssh/authorized_keys"),
            ServerFile { contents: crate::plugins::authorized_keys(&state.ssh_keys), mode: Some(0o700) },
        );
        // `ssh-keyscan ... >> known_hosts` creates the file on the first `git:allow-host`.
        if !state.known_hosts.is_empty() {
            let lines: String = state.known_hosts.iter().map(|line| format!("{line}\n")).collect();
            files.insert(format!("{home}/.ssh/known_hosts"), ServerFile::plain(lines));
        }
        if let Some(entries) = &state.netrc {
            // The `netrc` tool creates the file 0600 and Dokku 0.38.2+ re-applies 0600 after
            // every `git:auth`.
            files.insert(
                format!("{home}/.netrc"),
                ServerFile { contents: crate::netrc::render(entries), mode: Some(0o600) },
            );
        }
        // The property store (`plugins/common/properties.go` at v0.38.27): one file per plugin,
        // subject and key, `$DOKKU_LIB_ROOT/config/<plugin>/<app|--global>/<key>`, holding the
        // value as written (`PropertyWrite`: no newline added; lists one line each). The proxies'
        // labels are a list, written below.
        let subjects = std::iter::once(("--global", &state.global_properties))
            .chain(state.apps.iter().map(|(app, settings)| (app.as_str(), &settings.properties)));
        for (subject, namespaces) in subjects {
            for (namespace, values) in namespaces {
                for (key, value) in values {
                    let is_label_list = key == "labels"
                        && ["caddy", "haproxy", "openresty", "traefik"].contains(&namespace.as_str());
                    if is_label_list
                        || [subject, namespace.as_str(), key.as_str()].iter().any(|n| n.contains('/'))
                    {
                        continue;
                    }
                    let path = format!("{DOKKU_LIB_ROOT}/config/{namespace}/{subject}/{key}");
                    let property = (namespace.as_str(), key.as_str());
                    let contents = if LIST_PROPERTIES.contains(&property) {
                        // `PropertyListWrite`: one `Fprintln` per item.
                        value.split_whitespace().map(|item| format!("{item}\n")).collect()
                    } else if LINE_LIST_PROPERTIES.contains(&property) {
                        value.lines().map(|item| format!("{item}\n")).collect()
                    } else {
                        value.clone()
                    };
                    files.insert(path, ServerFile { contents, mode: Some(0o600) });
                }
            }
        }
        if let Some((path, contents)) = crate::plugins::nginx_capture_host_files(state) {
            files.insert(path, ServerFile { contents, mode: Some(0o600) });
        }
        // The config plugin's `ENV` files (`getAppFile`/`getGlobalFile` in
        // `plugins/config/environment.go`): under the property store from Dokku 0.38.0, at
        // `$DOKKU_ROOT/<app>/ENV` and `$DOKKU_ROOT/ENV` before. `config:set` creates the file;
        // an app without variables has none here (a fresh app's file holds only a newline,
        // which a reader cannot tell from no file).
        let env_in_store =
            crate::version::DokkuVersion::from_env() >= crate::version::DokkuVersion::new(0, 38, 0);
        let env_path = |subject: &str| match (env_in_store, subject) {
            (true, _) => format!("{DOKKU_LIB_ROOT}/config/{subject}/ENV"),
            (false, "--global") => format!("{DOKKU_ROOT}/ENV"),
            (false, app) => format!("{DOKKU_ROOT}/{app}/ENV"),
        };
        let environments = std::iter::once(("--global", &state.global_config))
            .chain(state.apps.iter().map(|(app, settings)| (app.as_str(), &settings.config)));
        for (subject, vars) in environments {
            if !vars.is_empty() && !subject.contains('/') {
                files.insert(
                    env_path(subject),
                    ServerFile { contents: godotenv_file(vars), mode: Some(0o600) },
                );
            }
        }
        // The domains (`plugins/domains`): `$DOKKU_ROOT/VHOST` and `$DOKKU_ROOT/<app>/VHOST`, one
        // name per line as `domains:*` write them; a file that exists empty is an empty list.
        let vhost_files = std::iter::once((format!("{home}/VHOST"), &state.global_vhosts)).chain(
            state
                .apps
                .iter()
                .filter(|(app, _)| !app.contains('/'))
                .map(|(app, a)| (format!("{home}/{app}/VHOST"), &a.vhosts)),
        );
        for (path, lines) in vhost_files {
            if let Some(lines) = lines {
                let contents: String = lines.iter().map(|line| format!("{line}\n")).collect();
                files.insert(path, ServerFile::plain(contents));
            }
        }
        // An app's certificate (`certs:add` installs `$DOKKU_ROOT/<app>/tls/server.crt` and
        // `server.key`; `certTLSPath` in `plugins/certs/report.go` at v0.38.27).
        for (app, settings) in state.apps.iter().filter(|(app, _)| !app.contains('/')) {
            if let Some(tls) = &settings.tls {
                files.insert(format!("{home}/{app}/tls/server.crt"), ServerFile::plain(tls.crt.clone()));
                files.insert(
                    format!("{home}/{app}/tls/server.key"),
                    ServerFile { contents: tls.key.clone(), mode: Some(0o600) },
                );
            }
        }
        // The ps plugin's scale lists and the containers of the deployed apps (`plugins/ps.rs`).
        for (path, contents, mode) in crate::plugins::ps_server_files(state) {
            files.insert(path, ServerFile { contents, mode });
        }
        for app in state.apps.keys().filter(|app| !app.contains('/')) {
            files.owned_prefixes.insert(format!("{home}/{app}/CONTAINER."));
            files.owned_prefixes.insert(format!("{DOKKU_LIB_ROOT}/config/common/{app}/deployed"));
        }
        // The proxies' labels live in one file per app and proxy (`plugins/proxy`'s
        // `fn-proxy-labels-*` write it through `sort -u`, one `name=value` line each), which a
        // root reader greps for every app at once.
        for (app, settings) in &state.apps {
            for proxy in ["caddy", "haproxy", "openresty", "traefik"] {
                let labels = settings.property(proxy, "labels");
                if !labels.is_empty() && !app.contains('/') {
                    let path = format!("{DOKKU_LIB_ROOT}/config/{proxy}/{app}/labels");
                    files.insert(path, ServerFile::plain(format!("{labels}\n")));
                }
            }
        }
        // The resource plugin's limits and reservations (property files, 0600 as `PropertyWrite`
        // leaves them) and the maintenance plugin's nginx include (`cp` of its template).
        for (path, contents) in crate::plugins::resource_property_files(state) {
            files.insert(path, ServerFile { contents, mode: Some(0o600) });
        }
        for (path, contents) in crate::plugins::maintenance_nginx_includes(state) {
            files.insert(path, ServerFile::plain(contents));
        }
        // The app-json plugin's data directory (its install trigger's `common.SetupAppData`) and
        // each app's below it (`post-create`'s `CreateAppDataDirectory`, removed with the app),
        // where a deploy extracts the app's `app.json` (`plugins/app-json` at v0.38.27). Nothing
        // is deployed on the simulated host, so they stay empty.
        let app_json = format!("{DOKKU_LIB_ROOT}/data/app-json");
        for app in state.apps.keys().filter(|app| !app.contains('/')) {
            files.dirs.insert(format!("{app_json}/{app}"));
            files.trees.insert(format!("{app_json}/{app}"));
        }
        files.dirs.insert(app_json);
        // The apps plugin's `created-at` properties, data directories and deploy locks, and each
        // app's bare repository as `apps:create` leaves it (`HEAD`, the `pre-receive` hook).
        let (app_files, app_dirs) = crate::plugins::app_files(state);
        for (real, contents, mode) in app_files.into_iter().chain(crate::plugins::git_repository_files(state))
        {
            files.insert(real, ServerFile { contents, mode });
        }
        files.trees.extend(app_dirs.iter().filter(|dir| !dir.ends_with("/data/apps")).cloned());
        files.dirs.extend(app_dirs);
        // `docker login` (run by `registry:login` as the dokku user, with `DOCKER_CONFIG` set to
        // the app's registry property directory for an app login) saves its config 0600.
        for (path, contents) in crate::plugins::registry_docker_configs(&state.registry_logins) {
            files.insert(path, ServerFile { contents, mode: Some(0o600) });
        }
        // Dokku's package creates `$DOKKU_LIB_ROOT/data` and its `storage/` on install
        // (`debian/postinst` at v0.38.27); `storage:ensure-directory` adds directories there.
        files.dirs.extend([format!("{DOKKU_LIB_ROOT}/data"), format!("{DOKKU_LIB_ROOT}/data/storage")]);
        files.dirs.extend(state.storage_directories.iter().filter(|dir| is_server_path(dir)).cloned());
        // The files of the letsencrypt, redirect and storage plugins, written by their modules.
        let version = crate::version::DokkuVersion::from_env();
        for (path, contents) in crate::plugins::storage_files(state, version) {
            files.insert(path, ServerFile { contents, mode: Some(0o600) });
        }
        let touched_or_appended =
            crate::plugins::letsencrypt_files(state).into_iter().chain(crate::plugins::redirect_files(state));
        for (path, contents) in touched_or_appended {
            files.insert(path, ServerFile::plain(contents));
        }
        for (name, plugin) in &state.plugins {
            let dir = format!("{DOKKU_LIB_ROOT}/plugins/available/{name}");
            // A name that is not one path component would not be a plugin directory.
            if name.contains('/') || !is_server_path(&dir) {
                continue;
            }
            for (relative, contents) in crate::plugin_checkout::files(plugin) {
                files.insert(format!("{dir}/{relative}"), ServerFile::plain(contents));
            }
            for relative in crate::plugin_checkout::empty_dirs(plugin) {
                files.dirs.insert(format!("{dir}/{relative}"));
            }
            files.trees.insert(dir);
        }
        let services = crate::plugins::service_files(&state.services);
        for (real, contents, mode) in services.files {
            // A directory (`backup-encryption/` left empty by an unset) ends in `/`.
            match real.strip_suffix('/') {
                Some(dir) => drop(files.dirs.insert(dir.to_owned())),
                None => files.insert(real, ServerFile { contents, mode }),
            }
        }
        files.dirs.extend(services.dirs);
        files.trees.extend(services.trees);
        files
    }

    /// Adds a file, unless its path (made of names from commands' arguments) would not be a
    /// file under `/` (`..`): such a file is one git or the tools would have refused to write.
    fn insert(&mut self, real: String, file: ServerFile) {
        if is_server_path(&real) {
            self.files.insert(real, file);
        }
    }

    /// The content implied for the real path `real`, if any.
    pub fn get(&self, real: &str) -> Option<&ServerFile> {
        self.files.get(real)
    }

    /// Brings the files under `fs_root` from what `previous` implied to what `self` implies:
    /// changed or missing files are written, files and trees no longer implied are removed.
    pub fn sync(&self, previous: &Self, fs_root: &Path) -> io::Result<()> {
        let path_of = |real: &str| {
            host_path(fs_root, real).ok_or_else(|| io::Error::other(format!("not a server path: {real}")))
        };
        for tree in previous.trees.difference(&self.trees) {
            match fs::remove_dir_all(path_of(tree)?) {
                Err(err) if err.kind() != io::ErrorKind::NotFound => return Err(err),
                _ => {}
            }
        }
        for real in previous.files.keys().filter(|real| !self.files.contains_key(*real)) {
            match fs::remove_file(path_of(real)?) {
                Err(err) if err.kind() != io::ErrorKind::NotFound => return Err(err),
                _ => {}
            }
        }
        for (real, file) in &self.files {
            let path = path_of(real)?;
            if previous.files.get(real) != Some(file) || !path.exists() {
                write_atomically(&path, file.contents.as_bytes(), file.mode)?;
            }
        }
        for real in &self.dirs {
            fs::create_dir_all(path_of(real)?)?;
        }
        for prefix in &self.owned_prefixes {
            self.remove_unimplied(prefix, fs_root)?;
        }
        Ok(())
    }

    /// Removes the files whose real path starts with `prefix` that `self` does not imply.
    fn remove_unimplied(&self, prefix: &str, fs_root: &Path) -> io::Result<()> {
        let Some((dir, name_prefix)) = prefix.rsplit_once('/') else { return Ok(()) };
        let Some(host_dir) = host_path(fs_root, dir) else { return Ok(()) };
        let entries = match fs::read_dir(&host_dir) {
            Ok(entries) => entries,
            Err(err) if err.kind() == io::ErrorKind::NotFound => return Ok(()),
            Err(err) => return Err(err),
        };
        for entry in entries {
            let entry = entry?;
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.starts_with(name_prefix) && !self.files.contains_key(&format!("{dir}/{name}")) {
                fs::remove_file(entry.path())?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn real_paths_map_under_fs_and_escapes_are_refused() {
        let fs = Path::new("/sim/fs");
        assert_eq!(host_path(fs, "/home/dokku/.netrc"), Some(PathBuf::from("/sim/fs/home/dokku/.netrc")));
        assert_eq!(host_path(fs, "home/dokku/.netrc"), None);
        assert_eq!(host_path(fs, "/var/lib/dokku/plugins/available/../../../etc"), None);
        assert_eq!(host_path(fs, "/"), None);
    }

    #[test]
    fn atomic_write_creates_parents_sets_the_mode_and_leaves_no_temporary() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a/b/.netrc");
        write_atomically(&path, b"one", Some(0o600)).unwrap();
        write_atomically(&path, b"two", Some(0o600)).unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "two");
        assert_eq!(fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o600);
        let names: Vec<_> =
            fs::read_dir(dir.path().join("a/b")).unwrap().flatten().map(|e| e.file_name()).collect();
        assert_eq!(names, vec![std::ffi::OsString::from(".netrc")]);
    }

    #[test]
    fn env_files_are_written_as_godotenv_writes_them() {
        let vars: BTreeMap<String, String> = [("B", "say \"$x\"\nok"), ("A", "12"), ("C", "a\\b")]
            .map(|(k, v)| (k.to_owned(), v.to_owned()))
            .into();
        assert_eq!(godotenv_file(&vars), "A=12\nB=\"say \\\"\\$x\\\"\\nok\"\nC=\"a\\\\b\"\n");
    }

    #[test]
    fn list_plugins_write_their_property_files_and_maintenance_its_include() {
        let mut state = State::default();
        let mut app = crate::state::App::default();
        app.resources.insert("web.limit.memory".into(), "512m".into());
        app.maintenance = true;
        app.write_property(
            "buildpacks",
            "buildpacks",
            "https://a.example/x/y.git\nhttps://b.example/x/y.git",
        );
        state.apps.insert("app1".into(), app);
        state.apps.insert("app2".into(), crate::state::App::default());
        let files = ServerFiles::of(&state);
        let content = |path: &str| files.get(path).map(|f| f.contents.as_str());
        assert_eq!(content("/var/lib/dokku/config/resource/app1/web.limit.memory"), Some("512m"));
        assert_eq!(
            content("/var/lib/dokku/config/buildpacks/app1/buildpacks"),
            Some("https://a.example/x/y.git\nhttps://b.example/x/y.git\n")
        );
        let include = content("/home/dokku/app1/nginx.conf.d/maintenance.conf").unwrap_or_default();
        assert!(include.contains("root /var/www/dokku-maintenance/app1;"), "{include}");
        assert!(files.get("/home/dokku/app2/nginx.conf.d/maintenance.conf").is_none());
        assert!(files.dirs.contains("/var/lib/dokku/data/app-json/app2"));
    }

    #[test]
    fn letsencrypt_redirect_and_storage_state_is_written_where_the_plugins_write_it() {
        let mut state = State { letsencrypt_autorenew: true, ..State::default() };
        let app = state.apps.entry("a".into()).or_default();
        app.redirects.push(crate::state::Redirect {
            source: "old.example.com".into(),
            destination: "new.example.com".into(),
            code: "308".into(),
        });
        app.mounts.push(crate::state::Mount {
            host_path: "/var/lib/dokku/data/storage/a".into(),
            container_path: "/data".into(),
            options: "ro,Z".into(),
        });
        state.storage_entries.insert("legacy-x".into(), "/var/lib/dokku/data/storage/a".into());
        let files = ServerFiles::of(&state);
        let content = |path: &str| files.get(path).map(|f| f.contents.clone());
        assert_eq!(content("/var/lib/dokku/data/letsencrypt/--global/autorenew").as_deref(), Some(""));
        assert_eq!(
            content("/home/dokku/a/REDIRECTS").as_deref(),
            Some("old.example.com:new.example.com:308\n")
        );
        let mounts = content("/var/lib/dokku/config/storage/a/mounts").unwrap_or_default();
        assert!(
            mounts.starts_with("{\"entry_name\":\"legacy-")
                && mounts.ends_with(
                    "\"container_path\":\"/data\",\"phases\":[\"deploy\",\"run\"],\"process_type\":\"_default_\",\"readonly\":true,\"volume_options\":\"Z\"}\n"
                ),
            "{mounts}"
        );
        assert_eq!(
            content("/var/lib/dokku/data/storage-registry/entries/legacy-x.json").as_deref(),
            Some(
                "{\n  \"name\": \"legacy-x\",\n  \"scheduler\": \"docker-local\",\n  \"host_path\": \"/var/lib/dokku/data/storage/a\",\n  \"schema_version\": 1\n}"
            )
        );
        assert!(files.dirs.contains("/var/lib/dokku/data"));
        assert!(files.get("/var/lib/dokku/config/letsencrypt/--global/cron-job").is_none());
    }

    #[test]
    fn a_fresh_server_has_an_empty_authorized_keys_and_nothing_else() {
        let files = ServerFiles::of(&State::default());
        assert_eq!(files.get("/home/dokku/.ssh/authorized_keys").map(|f| f.contents.as_str()), Some(""));
        assert!(files.get("/home/dokku/.netrc").is_none());
        assert!(files.get("/home/dokku/.ssh/known_hosts").is_none());
    }

    #[test]
    fn an_app_has_its_created_at_data_directory_lock_and_repository_as_dokku_leaves_them() {
        let mut state = State::default();
        let app = crate::state::App { created_at: 1_736_745_546, locked: true, ..Default::default() };
        state.apps.insert("app1".to_owned(), app);
        let files = ServerFiles::of(&state);
        let content = |path: &str| files.get(path).map(|f| f.contents.as_str());
        assert_eq!(content("/var/lib/dokku/config/apps/app1/created-at"), Some("1736745546"));
        assert_eq!(content("/var/lib/dokku/data/apps/app1/.deploy.lock"), Some(""));
        assert_eq!(content("/home/dokku/app1/HEAD"), Some("ref: refs/heads/master\n"));
        let hook = files.get("/home/dokku/app1/hooks/pre-receive").map(|f| (f.contents.as_str(), f.mode));
        assert_eq!(
            hook,
            Some((
                "#!/usr/bin/env bash\nset -e\nset -o pipefail\n\ncat | DOKKU_ROOT=\"/home/dokku\" dokku git-hook \"app1\"\n",
                Some(0o755)
            ))
        );
        assert!(
            files.dirs.contains("/var/lib/dokku/data/apps/app1")
                && files.trees.contains("/var/lib/dokku/data/apps/app1")
        );
        if let Some(app) = state.apps.get_mut("app1") {
            app.locked = false;
        }
        assert!(ServerFiles::of(&state).get("/var/lib/dokku/data/apps/app1/.deploy.lock").is_none());
    }
}
