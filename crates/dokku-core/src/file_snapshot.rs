//! Dokku's property store read from its files in one round trip (root only).
//!
//! Every plugin built on Dokku's property helpers (`plugins/common/properties.go` at v0.38.27,
//! and the bash `fn-plugin-property-*` that call them) keeps one file per value:
//! `$DOKKU_LIB_ROOT/config/<plugin>/<app or --global>/<key>`, holding the value as written
//! (`PropertyWrite` adds no newline; a list has one line per item). Reports print these values
//! after running the plugin's triggers for every field, which costs the server seconds per
//! app; reading the files costs nothing measurable. One command ([`read_command`]) prints
//! every line of every file of the store, and of the few files Dokku keeps per app under
//! `$DOKKU_ROOT` (`VHOST`), each after its path and a NUL byte, and [`FileSnapshot::parse`]
//! turns that back into files. The layout is an implementation detail of Dokku, so the engine
//! uses this only on versions whose layout a test compares with the reports.

use std::collections::{BTreeMap, BTreeSet};

use crate::{Client, Command, Error, ServerLayout};

/// The property store's files, by path relative to `$DOKKU_LIB_ROOT/config/`
/// (`builder/app1/selected`), and the files read under `$DOKKU_ROOT`, by path relative to it
/// (`app1/VHOST`), each with its lines joined by `\n` (no trailing newline).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FileSnapshot {
    files: BTreeMap<String, String>,
    dokku_root_files: BTreeMap<String, String>,
    /// Files of the store that exist empty (relative to the config root), which Dokku's
    /// `PropertyExists`/`PropertyGetDefault` tell apart from missing ones.
    empty_files: BTreeSet<String>,
    /// Marker files whose existence alone matters (an app's deploy lock), by absolute path.
    markers: BTreeSet<String>,
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
        let prefix = format!("{}/", config_root.trim_end_matches('/'));
        let home = dokku_root.map(|root| format!("{}/", root.trim_end_matches('/')));
        let mut snapshot = Self::default();
        for line in output.split_terminator('\n') {
            // `\0<path>`: a file that exists, printed by name only (see `read_command`); a
            // line of `grep` always starts with its path.
            if let Some(path) = line.strip_prefix('\0') {
                match path.strip_prefix(&prefix) {
                    Some(relative) => drop(snapshot.empty_files.insert(relative.to_owned())),
                    None => drop(snapshot.markers.insert(path.to_owned())),
                }
                continue;
            }
            let Some((path, text)) = line.split_once('\0') else { continue };
            if let Some(relative) = path.strip_prefix(&prefix) {
                push_line(&mut snapshot.files, relative, text);
            } else if let Some(relative) = home.as_deref().and_then(|home| path.strip_prefix(home)) {
                push_line(&mut snapshot.dokku_root_files, relative, text);
            }
        }
        snapshot
    }

    /// One file under `$DOKKU_ROOT` by its relative path (`app1/VHOST`, `VHOST`), if it holds a
    /// line.
    pub fn dokku_root_file(&self, relative: &str) -> Option<&str> {
        self.dokku_root_files.get(relative).map(String::as_str)
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

    /// Whether the property's file exists, even empty (`PropertyExists`).
    pub fn property_exists(&self, plugin: &str, subject: &str, key: &str) -> bool {
        let relative = format!("{plugin}/{subject}/{key}");
        self.files.contains_key(&relative) || self.empty_files.contains(&relative)
    }

    /// Whether the marker file at the absolute `path` exists (an app's deploy lock,
    /// [`deploy_lock_path`]).
    pub fn marker_exists(&self, path: &str) -> bool {
        self.markers.contains(path)
    }

    /// One file's content by its path relative to the root (`<app>/ENV`), if it holds a line.
    pub fn file(&self, relative: &str) -> Option<&str> {
        self.files.get(relative).map(String::as_str)
    }

    /// How many files the snapshot holds.
    pub fn len(&self) -> usize {
        self.files.len() + self.dokku_root_files.len() + self.empty_files.len() + self.markers.len()
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
/// global registry logins (`.docker/config.json`: `$DOKKU_ROOT` is that user's home). The
/// app's directory is its bare git repository: its `HEAD`, `packed-refs` and branch heads
/// (`refs/heads/*`, small files naming a commit) are what `git:report`'s `git rev-parse HEAD`
/// resolves (`reportSha`, `plugins/git/report.go`), and its `pre-receive` hook names the
/// `DOKKU_ROOT` Dokku runs with (`fn-git-create-hook`), which `apps:report` prints.
const DOKKU_ROOT_FILES: &[&str] = &[
    "VHOST",
    "tls/server.crt",
    ".docker/config.json",
    "HEAD",
    "packed-refs",
    "refs/heads/*",
    "hooks/pre-receive",
];
/// The directories below an app's that hold files the export reads (the branch heads of a
/// branch named with a `/` lie deeper, under `refs/heads/`).
const APP_SUBDIRECTORIES: &[&str] = &["tls", "refs", "refs/heads", "refs/heads/*", "hooks"];
/// `$DOKKU_LIB_ROOT/data/apps`: the apps plugin's data, one directory per app.
const APPS_DATA: &str = "data/apps";

/// Where `apps:lock` (and a running deploy) keeps an app's deploy lock: its existence is the
/// lock (`getLockPath`, `plugins/apps/functions.go` at v0.38.27; `os.Create` leaves it empty).
pub fn deploy_lock_path(layout: &ServerLayout, app: &str) -> String {
    layout.in_lib_root(&format!("{APPS_DATA}/{app}/.deploy.lock"))
}

/// The one command that prints the whole property store and the `DOKKU_ROOT_FILES` of
/// `$DOKKU_ROOT` and of each app: a `find` over both roots that never descends below an app's
/// directory but into `APP_SUBDIRECTORIES` (an app's git objects and caches stay unread),
/// handing the files to one `grep`. Two kinds of files print as `\0<path>` instead (`printf`),
/// because their existence is the value: the store's empty files (`PropertyGetDefault` returns
/// an empty file's value, not the default) and the apps' deploy locks.
pub fn read_command(layout: &ServerLayout) -> Command {
    let root = layout.dokku_root().trim_end_matches('/');
    let config = config_root(layout);
    let apps_data = layout.in_lib_root(APPS_DATA);
    let mut args: Vec<String> = vec![root.into(), config.clone(), apps_data.clone()];
    // Directories two levels below $DOKKU_ROOT (an app's `objects/`, `hooks/`) are not entered,
    // except those listed and the store's (a layout with the library under the home), nor any
    // below an app's data directory.
    args.extend(["(", "-type", "d", "(", "-path"].map(String::from));
    args.push(format!("{root}/*/*"));
    for dir in APP_SUBDIRECTORIES {
        args.extend(["!".into(), "-path".into(), format!("{root}/*/{dir}")]);
    }
    args.extend(["!".into(), "-path".into(), format!("{config}/*")]);
    args.extend(["-o".into(), "-path".into(), format!("{apps_data}/*/*"), ")".into()]);
    args.extend(["-prune", ")", "-o", "-type", "f", "("].map(String::from));
    args.extend(["-path".into(), format!("{config}/*"), "-empty".into()]);
    args.extend(["-o".into(), "-path".into(), format!("{apps_data}/*/.deploy.lock"), ")".into()]);
    args.extend(["-exec", "printf", "\\0%s\\n", "{}", "+", "-o", "-type", "f", "("].map(String::from));
    args.extend(["-path".into(), format!("{config}/*")]);
    for name in DOKKU_ROOT_FILES {
        args.extend(["-o".into(), "-path".into(), format!("{root}/{name}")]);
        args.extend(["-o".into(), "-path".into(), format!("{root}/*/{name}")]);
    }
    args.extend([")", "-exec", "grep", "-HZas", "", "{}", "+"].map(String::from));
    Command::system("find").args(args).allow_failure()
}

/// Whether a failed `find` only missed a root (a server without apps has no `data/apps`) or a
/// file that went away while it ran: what it printed is then the whole state.
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
    Ok(FileSnapshot::parse_roots(&out.stdout, &config_root(layout), Some(layout.dokku_root())))
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
    fn one_command_reads_both_roots_without_entering_app_repositories() {
        let argv = read_command(&ServerLayout::default()).argv_masked().join(" ");
        assert!(argv.starts_with("/home/dokku /var/lib/dokku/config /var/lib/dokku/data/apps ("), "{argv}");
        assert!(
            argv.contains(
                "( -path /home/dokku/*/* ! -path /home/dokku/*/tls ! -path /home/dokku/*/refs \
                 ! -path /home/dokku/*/refs/heads ! -path /home/dokku/*/refs/heads/* \
                 ! -path /home/dokku/*/hooks ! -path /var/lib/dokku/config/* -o -path /var/lib/dokku/data/apps/*/* ) -prune"
            ),
            "{argv}"
        );
        assert!(
            argv.contains("-path /home/dokku/*/tls/server.crt") && !argv.contains("server.key"),
            "{argv}"
        );
        assert!(
            argv.contains(
                "( -path /var/lib/dokku/config/* -empty -o -path /var/lib/dokku/data/apps/*/.deploy.lock ) \
                 -exec printf \\0%s\\n {} +"
            ),
            "{argv}"
        );
        assert!(argv.contains("-path /home/dokku/*/VHOST") && argv.ends_with("grep -HZas  {} +"), "{argv}");
        assert!(argv.contains("-path /home/dokku/*/refs/heads/*") && !argv.contains("objects"), "{argv}");
    }

    #[test]
    fn empty_files_and_markers_exist_without_a_value() {
        let output = "\0/c/git/a/rev-env-var\n\0/l/data/apps/a/.deploy.lock\n/c/git/a/x\0\n/c/git/b/x\0v\n";
        let snapshot = FileSnapshot::parse(output, "/c");
        assert!(snapshot.property_exists("git", "a", "rev-env-var"));
        assert_eq!(snapshot.property("git", "a", "rev-env-var"), None);
        assert!(
            snapshot.property_exists("git", "b", "x") && !snapshot.property_exists("git", "b", "rev-env-var")
        );
        // A file whose only line is empty holds a value: the empty line.
        assert_eq!(snapshot.property("git", "a", "x"), Some(""));
        assert!(snapshot.marker_exists("/l/data/apps/a/.deploy.lock"));
        assert!(!snapshot.marker_exists("/l/data/apps/b/.deploy.lock"));
        assert_eq!(
            deploy_lock_path(&ServerLayout::default(), "a"),
            "/var/lib/dokku/data/apps/a/.deploy.lock"
        );
    }

    #[test]
    fn a_missing_root_is_no_failure() {
        assert!(only_missing_paths("find: '/var/lib/dokku/data/apps': No such file or directory\n"));
        assert!(!only_missing_paths("find: '/var/lib/dokku/config': Permission denied\n"));
    }
}
