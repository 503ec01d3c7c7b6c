//! Dokku's property store read from its files in one round trip (root only).
//!
//! Every plugin built on Dokku's property helpers (`plugins/common/properties.go` at v0.38.27,
//! and the bash `fn-plugin-property-*` that call them) keeps one file per value:
//! `$DOKKU_LIB_ROOT/config/<plugin>/<app or --global>/<key>`, holding the value as written
//! (`PropertyWrite` adds no newline; a list has one line per item). Reports print these values
//! after running the plugin's triggers for every field, which costs the server seconds per
//! app; reading the files costs nothing measurable. One command ([`read_command`]) prints
//! every line of every file of the store, and of the few files Dokku keeps per app under
//! `$DOKKU_ROOT` (`VHOST`) and under `$DOKKU_LIB_ROOT/data` (`DATA_FILES`), each after its path
//! and a NUL byte, and [`FileSnapshot::parse`] turns that back into files. The layout is an implementation detail of Dokku, so the engine
//! uses this only on versions whose layout a test compares with the reports.

use std::collections::{BTreeMap, BTreeSet};

use crate::{Client, Command, Error, ServerLayout};

/// The property store's files, by path relative to `$DOKKU_LIB_ROOT/config/`
/// (`builder/app1/selected`), and the files read under `$DOKKU_ROOT`, by path relative to it
/// (`app1/VHOST`), and those read under `$DOKKU_LIB_ROOT/data`, by path relative to it
/// (`storage-registry/entries/x.json`), each with its lines joined by `\n` (no trailing newline).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FileSnapshot {
    files: BTreeMap<String, String>,
    /// Files of the store that exist empty (relative to the config root), which Dokku's
    /// `PropertyExists`/`PropertyGetDefault` tell apart from missing ones.
    empty_files: BTreeSet<String>,
    dokku_root_files: BTreeMap<String, String>,
    data_files: BTreeMap<String, String>,
}

/// Appends one printed line to the file it came from.
fn push_line(files: &mut BTreeMap<String, String>, relative: &str, text: &str) {
    files
        .entry(relative.to_owned())
        .and_modify(|content| {
            content.push('\n');
            content.push_str(text);
        })
        .or_insert_with(|| text.to_owned());
}

impl FileSnapshot {
    /// Parses what `grep -rHZas "" <config root>` printed: lines `<path>\0<line>`. Lines of paths
    /// outside `config_root`, or without the NUL, are not property files and are skipped. An
    /// empty file prints nothing, so it is absent, as an empty value is unset to Dokku.
    pub fn parse(output: &str, config_root: &str) -> Self {
        Self::parse_roots(output, config_root, None)
    }

    /// [`parse`](Self::parse), also keeping the files under `dokku_root` (`$DOKKU_ROOT`).
    pub fn parse_roots(output: &str, config_root: &str, dokku_root: Option<&str>) -> Self {
        Self::parse_all_roots(output, config_root, dokku_root, None)
    }

    /// [`parse_roots`](Self::parse_roots), also keeping the files under `data_root`
    /// (`$DOKKU_LIB_ROOT/data`). A marker file, whose existence is what Dokku reads, is printed
    /// as its path and a NUL with nothing after, so it is kept with empty content.
    pub fn parse_all_roots(
        output: &str,
        config_root: &str,
        dokku_root: Option<&str>,
        data_root: Option<&str>,
    ) -> Self {
        let as_dir = |root: &str| format!("{}/", root.trim_end_matches('/'));
        let prefix = as_dir(config_root);
        let home = dokku_root.map(as_dir);
        let data = data_root.map(as_dir);
        let mut snapshot = Self::default();
        for line in output.split_terminator('\n') {
            // `\0<path>`: a store file that exists empty (see `read_command`); a line of `grep`
            // always starts with its path.
            if let Some(path) = line.strip_prefix('\0') {
                if let Some(relative) = path.strip_prefix(&prefix) {
                    snapshot.empty_files.insert(relative.to_owned());
                }
                continue;
            }
            let Some((path, text)) = line.split_once('\0') else { continue };
            if let Some(relative) = path.strip_prefix(&prefix) {
                push_line(&mut snapshot.files, relative, text);
            } else if let Some(relative) = home.as_deref().and_then(|home| path.strip_prefix(home)) {
                push_line(&mut snapshot.dokku_root_files, relative, text);
            } else if let Some(relative) = data.as_deref().and_then(|data| path.strip_prefix(data)) {
                push_line(&mut snapshot.data_files, relative, text);
            }
        }
        snapshot
    }

    /// One file under `$DOKKU_LIB_ROOT/data` by its relative path
    /// (`storage-registry/entries/x.json`): its content if it holds a line, `Some("")` for a
    /// marker file (`DATA_MARKER_FILES`) that exists.
    pub fn data_file(&self, relative: &str) -> Option<&str> {
        self.data_files.get(relative).map(String::as_str)
    }

    /// One file under `$DOKKU_ROOT` by its relative path (`app1/VHOST`, `VHOST`), if it holds a
    /// line; `Some("")` for a marker file that exists (`app1/tls/server.key`), and a link's
    /// target for a link (`app1/letsencrypt/certs/current`).
    pub fn dokku_root_file(&self, relative: &str) -> Option<&str> {
        self.dokku_root_files.get(relative).map(String::as_str)
    }

    /// The files under `$DOKKU_ROOT` whose relative path starts with `prefix`
    /// (`app1/CONTAINER.`), in path order, with their contents.
    pub fn dokku_root_files_starting_with<'s>(
        &'s self,
        prefix: &str,
    ) -> impl Iterator<Item = (&'s str, &'s str)> + use<'s> {
        let prefix = prefix.to_owned();
        self.dokku_root_files
            .range(prefix.clone()..)
            .take_while(move |(path, _)| path.starts_with(&prefix))
            .map(|(path, content)| (path.as_str(), content.as_str()))
    }

    /// The `app.json` Dokku extracted from `app`'s last deploy
    /// (`$DOKKU_LIB_ROOT/data/app-json/<app>/app.json`: `getAppJSONPath` in
    /// `plugins/app-json/functions.go` at v0.38.27, which cron reads its tasks from), if it
    /// holds a line.
    pub fn deployed_app_json(&self, app: &str) -> Option<&str> {
        self.data_file(&format!("app-json/{app}/app.json"))
    }

    /// The values of `plugin` for `subject` (an app, or `--global`): key → content.
    pub fn properties(&self, plugin: &str, subject: &str) -> BTreeMap<&str, &str> {
        let dir = format!("{plugin}/{subject}/");
        self.files
            .range(dir.clone()..)
            .take_while(|(path, _)| path.starts_with(&dir))
            .filter_map(|(path, content)| {
                let key = &path[dir.len()..];
                (!key.is_empty() && !key.contains('/')).then_some((key, content.as_str()))
            })
            .collect()
    }

    /// One property's content (`PropertyGet(plugin, subject, key)`), if its file holds a line:
    /// Dokku reads an empty or missing file alike, as unset.
    pub fn property(&self, plugin: &str, subject: &str, key: &str) -> Option<&str> {
        self.files.get(&format!("{plugin}/{subject}/{key}")).map(String::as_str)
    }

    /// One property's value as a report prints it: its content, or empty when unset.
    pub fn property_or_empty(&self, plugin: &str, subject: &str, key: &str) -> String {
        self.property(plugin, subject, key).unwrap_or_default().to_owned()
    }

    /// The server-wide values of `plugin` a report prints for `keys`: `global-<key>` and the
    /// content of `--global`'s file (empty when unset), in `keys`' order.
    pub fn global_report_values(&self, plugin: &str, keys: &[&str]) -> Vec<(String, String)> {
        keys.iter()
            .map(|key| (format!("global-{key}"), self.property_or_empty(plugin, "--global", key)))
            .collect()
    }

    /// Whether the property's file exists, even empty (`PropertyExists`).
    pub fn property_exists(&self, plugin: &str, subject: &str, key: &str) -> bool {
        let relative = format!("{plugin}/{subject}/{key}");
        self.files.contains_key(&relative) || self.empty_files.contains(&relative)
    }

    /// Whether `app`'s deploy lock exists (`apps:lock`, or a deploy running): its existence is
    /// the lock (`getLockPath`, `plugins/apps/functions.go` at v0.38.27, under
    /// `$DOKKU_LIB_ROOT/data/apps/<app>/.deploy.lock`; `os.Create` leaves it empty).
    pub fn deploy_locked(&self, app: &str) -> bool {
        self.data_file(&format!("apps/{app}/.deploy.lock")).is_some()
    }

    /// One file's content by its path relative to the root (`<app>/ENV`), if it holds a line.
    pub fn file(&self, relative: &str) -> Option<&str> {
        self.files.get(relative).map(String::as_str)
    }

    /// How many files the snapshot holds.
    pub fn len(&self) -> usize {
        self.files.len() + self.empty_files.len() + self.dokku_root_files.len() + self.data_files.len()
    }

    /// Whether the snapshot holds no file.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// `$DOKKU_LIB_ROOT/config`: the property store's root on the server.
pub fn config_root(layout: &ServerLayout) -> String {
    layout.in_lib_root("config")
}

/// The files Dokku keeps under `$DOKKU_ROOT/<app>/` (and `$DOKKU_ROOT/`) that the export
/// reads: the domains (`plugins/domains/report.go` at v0.38.27 reads `VHOST` there) and an
/// app's certificate (`tls/server.crt`, `certTLSPath` in `plugins/certs/report.go`; the key is
/// never read this way), and the dokku user's docker config, where `registry:login` keeps the
/// global registry logins (`.docker/config.json`: `$DOKKU_ROOT` is that user's home); the
/// redirect plugin's `REDIRECTS` (dokku-redirect 0.9.1 `subcommands/default`); what the
/// letsencrypt plugin's report reads (dokku-letsencrypt 0.25.1 `internal-functions`): the copy
/// of the certificate it installs (`tls/server.letsencrypt.crt`, `fn-letsencrypt-expiration`)
/// and the certificates lego issued (`letsencrypt/certs/<hash>/certificates/<domain>.crt`, or a
/// legacy `fullchain.pem`, which `fn-letsencrypt-is-active` compares with the installed one);
/// and the ids of an app's containers, one file per process (`CONTAINER.<type>.<n>`, and the
/// legacy `CONTAINER`), which the docker-local scheduler reads for `ps:report`'s state
/// (`scheduler-app-status`, `scheduler-is-deployed`, `addStatusFlags` in `plugins/ps/report.go`).
/// The app's directory is also its bare git repository: its `HEAD`, `packed-refs` and branch
/// heads (`refs/heads/*`, small files naming a commit) are what `git:report`'s
/// `git rev-parse HEAD` resolves (`reportSha`, `plugins/git/report.go`), and its `pre-receive`
/// hook names the `DOKKU_ROOT` Dokku runs with (`fn-git-create-hook`), which `apps:report`
/// prints. The `dokku` user's own `.ssh/known_hosts` (`git:allow-host`) and `.netrc`
/// (`git:auth`) are read here too.
const DOKKU_ROOT_FILES: &[&str] = &[
    "VHOST",
    ".ssh/known_hosts",
    ".netrc",
    "tls/server.crt",
    "tls/server.letsencrypt.crt",
    ".docker/config.json",
    "REDIRECTS",
    "letsencrypt/certs/*/certificates/*.crt",
    "letsencrypt/certs/*/fullchain.pem",
    "CONTAINER",
    "CONTAINER.*",
    "HEAD",
    "packed-refs",
    "refs/heads/*",
    "hooks/pre-receive",
];
/// Files under an app's directory whose existence is the value: the certificate's key
/// (`is_ssl_enabled` in `plugins/certs/functions` tests it), lego's `<domain>.pem`, which
/// holds the key too (`fn-letsencrypt-is-active` tests it), and the nginx include that is the
/// maintenance plugin's switch (`fn-maintenance-enabled` in dokku-maintenance's
/// `internal-functions`, every release through 0.10.1). Their content is never read.
const DOKKU_ROOT_MARKER_FILES: &[&str] =
    &["tls/server.key", "letsencrypt/certs/*/certificates/*.pem", "nginx.conf.d/maintenance.conf"];
/// The link to the lego directory of an app's current configuration
/// (`fn-letsencrypt-symlink-certs`), printed as its path, a NUL and its target.
const DOKKU_ROOT_LINKS: &[&str] = &["letsencrypt/certs/current"];
/// The directories below an app's that are entered (`find -path` patterns, whose `*` also
/// matches `/`): every other one is pruned, so an app's git objects and caches stay unread (the
/// branch heads of a branch named with a `/` lie deeper, under `refs/heads/`).
const APP_SUBDIRECTORIES: &[&str] = &[
    "tls",
    "nginx.conf.d",
    "letsencrypt",
    "letsencrypt/certs",
    "letsencrypt/certs/*",
    "refs",
    "refs/heads",
    "refs/heads/*",
    "hooks",
];
/// Below a lego directory only `certificates/` is entered (not its `accounts/`, which hold keys).
const LEGO_DIRECTORY_CONTENT: (&str, &str) = ("letsencrypt/certs/*/*", "letsencrypt/certs/*/certificates");

/// The files read under `$DOKKU_LIB_ROOT/data` (`find -path` patterns relative to it): the
/// storage entries (`EntriesDirectory`/`SaveEntry` in `plugins/storage/entry.go` at v0.38.27,
/// one JSON file per entry; `storage:list` joins each app's attachments with them) and each
/// app's deployed `app.json` ([`FileSnapshot::deployed_app_json`]; the app-json plugin's
/// install trigger creates the directory, `common.SetupAppData`).
const DATA_FILES: &[&str] = &["storage-registry/entries/*.json", "app-json/*/app.json"];
/// Files under `$DOKKU_LIB_ROOT/data` whose existence is the value (they are empty): the
/// letsencrypt auto-renew switch (`fn-letsencrypt-cron-job-add` touches it and
/// `fn-letsencrypt-is-autorenew-enabled` tests it, dokku-letsencrypt 0.25.1) and the apps'
/// deploy locks ([`FileSnapshot::deploy_locked`]).
const DATA_MARKER_FILES: &[&str] = &["letsencrypt/--global/autorenew", "apps/*/.deploy.lock"];
/// The directories under `$DOKKU_LIB_ROOT/data` entered to reach those files; every other one
/// is pruned (persistent storage and build data can be large; the letsencrypt accounts hold
/// keys).
const DATA_DIRECTORIES: &[&str] = &[
    "storage-registry",
    "storage-registry/entries",
    "letsencrypt",
    "letsencrypt/--global",
    "app-json",
    "app-json/*",
    "apps",
    "apps/*",
];
/// Directories under `$DOKKU_LIB_ROOT/data` never entered although a pattern above keeps their
/// parent (`*` matches `/` too): what lies below an app's app-json and apps directories.
const DATA_PRUNED: &[&str] = &["app-json/*/*", "apps/*/*"];

/// `$DOKKU_LIB_ROOT/data`: where plugins keep data outside the property store. Dokku's package
/// creates it on install (`debian/postinst` at v0.38.27), so it is always there to start from.
pub fn data_root(layout: &ServerLayout) -> String {
    layout.in_lib_root("data")
}

/// `find` arguments: `( <test…> ( -path <p1> -o -path <p2> … ) <action…> )`.
fn any_path(test: &[&str], paths: impl IntoIterator<Item = String>, action: &[&str]) -> Vec<String> {
    let mut args: Vec<String> = std::iter::once("(").chain(test.iter().copied()).map(String::from).collect();
    args.push("(".into());
    for (index, path) in paths.into_iter().enumerate() {
        if index > 0 {
            args.push("-o".into());
        }
        args.extend(["-path".into(), path]);
    }
    args.push(")".into());
    args.extend(action.iter().copied().map(String::from));
    args.push(")".into());
    args
}

/// `find` arguments: `( -type d -path <dir> ! -path <kept> … -prune ) -o`.
fn prune_but(dir: String, kept: impl IntoIterator<Item = String>) -> Vec<String> {
    let mut args: Vec<String> = vec!["(".into(), "-type".into(), "d".into(), "-path".into(), dir];
    for path in kept {
        args.extend(["!".into(), "-path".into(), path]);
    }
    args.extend(["-prune", ")", "-o"].map(String::from));
    args
}

/// The one command that prints the whole property store, the `DOKKU_ROOT_FILES` of
/// `$DOKKU_ROOT` and of each app and the `DATA_FILES` of `$DOKKU_LIB_ROOT/data` (marker files as
/// a path and a NUL, links as a path, a NUL and the target): a `find` over the three roots that
/// enters only the directories holding them (an app's git repository and caches, other plugins'
/// data and anything holding keys stay unread), handing the files to one `grep`.
/// `find` exits non-zero when `grep` found nothing (every file empty) or a root is missing, so
/// a failure with no output is an empty store.
pub fn read_command(layout: &ServerLayout) -> Command {
    let root = layout.dokku_root().trim_end_matches('/');
    let config = config_root(layout);
    let data = data_root(layout);
    let mut args: Vec<String> = vec![root.into(), config.clone(), data.clone()];
    // Directories two levels below $DOKKU_ROOT (an app's `refs/`, `objects/`) are not entered,
    // except those named and the store's (a layout with the library under the home).
    let kept = APP_SUBDIRECTORIES.iter().map(|dir| format!("{root}/*/{dir}"));
    args.extend(prune_but(format!("{root}/*/*"), kept.chain([format!("{config}/*")])));
    let (lego_content, certificates) = LEGO_DIRECTORY_CONTENT;
    args.extend(prune_but(format!("{root}/*/{lego_content}"), [format!("{root}/*/{certificates}")]));
    for pruned in DATA_PRUNED {
        args.extend(prune_but(format!("{data}/{pruned}"), []));
    }
    args.extend(prune_but(format!("{data}/*"), DATA_DIRECTORIES.iter().map(|dir| format!("{data}/{dir}"))));
    let markers = DOKKU_ROOT_MARKER_FILES
        .iter()
        .map(|name| format!("{root}/*/{name}"))
        .chain(DATA_MARKER_FILES.iter().map(|name| format!("{data}/{name}")));
    args.extend(any_path(&["-type", "f"], markers, &["-printf", "%p\\0\\n"]));
    args.push("-o".into());
    // The store's empty files print as `\0<path>`: `PropertyGetDefault` returns an empty
    // file's value, not the default, and `grep` prints nothing for them.
    args.extend(any_path(&["-type", "f", "-empty"], [format!("{config}/*")], &["-printf", "\\0%p\\n"]));
    args.push("-o".into());
    let links = DOKKU_ROOT_LINKS.iter().map(|name| format!("{root}/*/{name}"));
    args.extend(any_path(&["-type", "l"], links, &["-printf", "%p\\0%l\\n"]));
    args.push("-o".into());
    let read = std::iter::once(format!("{config}/*"))
        .chain(
            DOKKU_ROOT_FILES.iter().flat_map(|name| [format!("{root}/{name}"), format!("{root}/*/{name}")]),
        )
        .chain(DATA_FILES.iter().map(|name| format!("{data}/{name}")));
    args.extend(any_path(&["-type", "f"], read, &["-exec", "grep", "-HZas", "", "{}", "+"]));
    Command::system("find").args(args).allow_failure()
}

/// A snapshot file a plugin could not read (`message` names the file and what is wrong, never
/// a secret value), as the error of the read that took its place.
pub fn unreadable(message: String) -> Error {
    Error::Parse { command: "the root file snapshot".into(), source: message.into() }
}

/// Whether a failed `find` only missed a root or a file that went away while it ran: what it
/// printed is then the whole state.
fn only_missing_paths(stderr: &str) -> bool {
    stderr.lines().all(|line| line.trim().is_empty() || line.ends_with("No such file or directory"))
}

/// Reads the property store in one round trip; needs a connection that runs system commands.
pub async fn read(client: &Client) -> Result<FileSnapshot, Error> {
    let cmd = read_command(client.layout());
    let out = client.output(&cmd).await?;
    if !out.success() && !out.stdout.is_empty() && !only_missing_paths(&out.stderr) {
        return Err(Error::Config(format!("{cmd} failed: {}", out.message())));
    }
    let layout = client.layout();
    Ok(FileSnapshot::parse_all_roots(
        &out.stdout,
        &config_root(layout),
        Some(layout.dokku_root()),
        Some(&data_root(layout)),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_come_back_by_plugin_and_subject() {
        let output = "/var/lib/dokku/config/builder/app1/selected\0dockerfile\n\
                      /var/lib/dokku/config/builder/--global/selected\0pack\n\
                      /var/lib/dokku/config/caddy/app1/labels\0a=1\n\
                      /var/lib/dokku/config/caddy/app1/labels\0b=2\n\
                      /var/lib/dokku/config/builder/app10/selected\0herokuish\n\
                      /elsewhere/x\0y\n\
                      grep: warning\n";
        let snapshot = FileSnapshot::parse(output, "/var/lib/dokku/config/");
        assert_eq!(snapshot.len(), 4);
        let app1 = snapshot.properties("builder", "app1");
        assert_eq!(app1.into_iter().collect::<Vec<_>>(), [("selected", "dockerfile")]);
        assert_eq!(snapshot.properties("builder", "--global").get("selected"), Some(&"pack"));
        assert_eq!(snapshot.properties("caddy", "app1").get("labels"), Some(&"a=1\nb=2"));
        assert!(snapshot.properties("builder", "app2").is_empty());
    }

    #[test]
    fn files_under_the_dokku_root_are_kept_apart() {
        let output = "/home/dokku/VHOST\0example.com\n/home/dokku/app1/VHOST\0a.example.com\n\
                      /home/dokku/app1/VHOST\0b.example.com\n/var/lib/dokku/config/app1/ENV\0A=1\n";
        let snapshot = FileSnapshot::parse_roots(output, "/var/lib/dokku/config", Some("/home/dokku/"));
        assert_eq!(snapshot.len(), 3);
        assert_eq!(snapshot.dokku_root_file("VHOST"), Some("example.com"));
        assert_eq!(snapshot.dokku_root_file("app1/VHOST"), Some("a.example.com\nb.example.com"));
        assert_eq!(snapshot.file("app1/ENV"), Some("A=1"));
        assert_eq!(snapshot.dokku_root_file("app1/ENV"), None);
    }

    #[test]
    fn one_command_reads_the_three_roots_without_entering_app_repositories() {
        let argv = read_command(&ServerLayout::default()).argv_masked().join(" ");
        assert!(
            argv.starts_with("/home/dokku /var/lib/dokku/config /var/lib/dokku/data ( -type d"),
            "{argv}"
        );
        assert!(
            argv.contains(
                "( -type d -path /home/dokku/*/* ! -path /home/dokku/*/tls ! -path /home/dokku/*/nginx.conf.d \
                 ! -path /home/dokku/*/letsencrypt \
                 ! -path /home/dokku/*/letsencrypt/certs ! -path /home/dokku/*/letsencrypt/certs/* \
                 ! -path /home/dokku/*/refs ! -path /home/dokku/*/refs/heads ! -path /home/dokku/*/refs/heads/* \
                 ! -path /home/dokku/*/hooks ! -path /var/lib/dokku/config/* -prune ) -o \
                 ( -type d -path /home/dokku/*/letsencrypt/certs/*/* \
                 ! -path /home/dokku/*/letsencrypt/certs/*/certificates -prune ) -o"
            ),
            "{argv}"
        );
        assert!(
            argv.contains("-path /home/dokku/*/tls/server.crt") && argv.ends_with("grep -HZas  {} + )"),
            "{argv}"
        );
        for read in
            ["VHOST", "REDIRECTS", "tls/server.letsencrypt.crt", "letsencrypt/certs/*/certificates/*.crt"]
        {
            assert!(argv.contains(&format!("-path /home/dokku/*/{read} -o")), "{read}: {argv}");
        }
    }

    #[test]
    fn keys_and_key_bundles_are_only_tested_for_existence() {
        let argv = read_command(&ServerLayout::default()).argv_masked().join(" ");
        assert!(
            argv.contains(
                "( -type f ( -path /home/dokku/*/tls/server.key \
                 -o -path /home/dokku/*/letsencrypt/certs/*/certificates/*.pem \
                 -o -path /home/dokku/*/nginx.conf.d/maintenance.conf \
                 -o -path /var/lib/dokku/data/letsencrypt/--global/autorenew \
                 -o -path /var/lib/dokku/data/apps/*/.deploy.lock ) -printf %p\\0\\n ) -o \
                 ( -type f -empty ( -path /var/lib/dokku/config/* ) -printf \\0%p\\n ) -o \
                 ( -type l ( -path /home/dokku/*/letsencrypt/certs/current ) -printf %p\\0%l\\n ) -o"
            ),
            "{argv}"
        );
        let read = &argv[argv.rfind("( -type f").unwrap_or_default()..];
        assert!(!read.contains(".key") && !read.contains("*.pem") && !read.contains("accounts"), "{read}");
    }

    #[test]
    fn only_the_named_data_directories_are_entered() {
        let argv = read_command(&ServerLayout::default()).argv_masked().join(" ");
        assert!(
            argv.contains(
                "( -type d -path /var/lib/dokku/data/* ! -path /var/lib/dokku/data/storage-registry \
                 ! -path /var/lib/dokku/data/storage-registry/entries ! -path /var/lib/dokku/data/letsencrypt \
                 ! -path /var/lib/dokku/data/letsencrypt/--global ! -path /var/lib/dokku/data/app-json \
                 ! -path /var/lib/dokku/data/app-json/* ! -path /var/lib/dokku/data/apps \
                 ! -path /var/lib/dokku/data/apps/* -prune )"
            ),
            "{argv}"
        );
        assert!(
            argv.contains(
                "-o -path /var/lib/dokku/data/storage-registry/entries/*.json \
                 -o -path /var/lib/dokku/data/app-json/*/app.json )"
            ),
            "{argv}"
        );
    }

    #[test]
    fn data_files_and_markers_are_kept_by_path_under_the_data_root() {
        let output = "/l/data/letsencrypt/--global/autorenew\0\n\
                      /l/data/storage-registry/entries/x.json\0{\n\
                      /l/data/storage-registry/entries/x.json\0  \"name\": \"x\"\n\
                      /l/data/storage-registry/entries/x.json\0}\n\
                      /l/config/storage/a/mounts\0{}\n";
        let snapshot = FileSnapshot::parse_all_roots(output, "/l/config", Some("/h"), Some("/l/data/"));
        assert_eq!(snapshot.len(), 3);
        assert_eq!(snapshot.data_file("letsencrypt/--global/autorenew"), Some(""));
        assert_eq!(snapshot.data_file("storage-registry/entries/x.json"), Some("{\n  \"name\": \"x\"\n}"));
        assert_eq!(snapshot.data_file("letsencrypt/--global/other"), None);
        assert_eq!(snapshot.file("storage/a/mounts"), Some("{}"));
    }

    #[test]
    fn container_files_are_listed_by_prefix() {
        let output = "/h/a/CONTAINER.web.1\0c1\n/h/a/CONTAINER.worker.1\0c2\n/h/ab/CONTAINER.web.1\0c3\n\
                      /h/a/VHOST\0a.example.com\n";
        let snapshot = FileSnapshot::parse_roots(output, "/c", Some("/h"));
        let listed: Vec<_> = snapshot.dokku_root_files_starting_with("a/CONTAINER.").collect();
        assert_eq!(listed, [("a/CONTAINER.web.1", "c1"), ("a/CONTAINER.worker.1", "c2")]);
        assert!(read_command(&ServerLayout::default()).argv_masked().join(" ").contains(
            "-path /home/dokku/*/CONTAINER -o -path /home/dokku/CONTAINER.* -o -path /home/dokku/*/CONTAINER.*"
        ));
    }

    #[test]
    fn deployed_app_json_files_are_kept_by_app() {
        let output = "/l/data/app-json/a/app.json\0{\n/l/data/app-json/a/app.json\0}\n\
                      /l/data/app-json/a/app.json.123\0{}\n/l/config/cron/a/maintenance\0true\n";
        let snapshot = FileSnapshot::parse_all_roots(output, "/l/config", Some("/h"), Some("/l/data/"));
        assert_eq!(snapshot.deployed_app_json("a"), Some("{\n}"));
        assert_eq!(snapshot.deployed_app_json("b"), None);
        assert_eq!(snapshot.properties("cron", "a").get("maintenance"), Some(&"true"));
        let argv = read_command(&ServerLayout::default()).argv_masked().join(" ");
        assert!(argv.contains("( -type d -path /var/lib/dokku/data/app-json/*/* -prune ) -o"), "{argv}");
        assert!(argv.contains("-o -path /var/lib/dokku/data/app-json/*/app.json )"), "{argv}");
    }

    #[test]
    fn empty_store_files_and_deploy_locks_exist_without_a_value() {
        let output = "\0/c/git/a/rev-env-var\n/l/data/apps/a/.deploy.lock\0\n/c/git/a/x\0\n/c/git/b/x\0v\n";
        let snapshot = FileSnapshot::parse_all_roots(output, "/c", None, Some("/l/data"));
        assert!(snapshot.property_exists("git", "a", "rev-env-var"));
        assert_eq!(snapshot.property("git", "a", "rev-env-var"), None);
        assert!(!snapshot.properties("git", "a").contains_key("rev-env-var"), "no value to read");
        assert!(
            snapshot.property_exists("git", "b", "x") && !snapshot.property_exists("git", "b", "rev-env-var")
        );
        // A file whose only line is empty holds a value: the empty line.
        assert_eq!(snapshot.property("git", "a", "x"), Some(""));
        assert!(snapshot.deploy_locked("a") && !snapshot.deploy_locked("b"));
        let argv = read_command(&ServerLayout::default()).argv_masked().join(" ");
        assert!(
            argv.contains("( -type f -empty ( -path /var/lib/dokku/config/* ) -printf \\0%p\\n ) -o"),
            "{argv}"
        );
        assert!(argv.contains("-o -path /var/lib/dokku/data/apps/*/.deploy.lock )"), "{argv}");
        assert!(argv.contains("-path /home/dokku/*/refs/heads/*") && !argv.contains("objects"), "{argv}");
    }

    #[test]
    fn a_missing_root_is_no_failure() {
        assert!(only_missing_paths("find: '/var/lib/dokku/data/apps': No such file or directory\n"));
        assert!(!only_missing_paths("find: '/var/lib/dokku/config': Permission denied\n"));
    }
}
