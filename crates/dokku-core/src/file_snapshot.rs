//! Dokku's property store read from its files in one round trip (root only).
//!
//! Every plugin built on Dokku's property helpers (`plugins/common/properties.go` at v0.38.27,
//! and the bash `fn-plugin-property-*` that call them) keeps one file per value:
//! `$DOKKU_LIB_ROOT/config/<plugin>/<app or --global>/<key>`, holding the value as written
//! (`PropertyWrite` adds no newline; a list has one line per item). Reports print these values
//! after running the plugin's triggers for every field, which costs the server seconds per
//! app; reading the files costs nothing measurable. One `grep -rHZas "" <config root>` prints
//! every line of every file, each after its path and a NUL byte, and [`FileSnapshot::parse`]
//! turns that back into files. The layout is an implementation detail of Dokku, so the engine
//! uses this only on versions whose layout a test compares with the reports.

use std::collections::BTreeMap;

use crate::{Client, Command, Error, ServerLayout};

/// The property store's files, by path relative to `$DOKKU_LIB_ROOT/config/`
/// (`builder/app1/selected`), each with its lines joined by `\n` (no trailing newline).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FileSnapshot {
    files: BTreeMap<String, String>,
}

impl FileSnapshot {
    /// Parses what `grep -rHZas "" <config root>` printed: lines `<path>\0<line>`. Lines of paths
    /// outside `config_root`, or without the NUL, are not property files and are skipped. An
    /// empty file prints nothing, so it is absent, as an empty value is unset to Dokku.
    pub fn parse(output: &str, config_root: &str) -> Self {
        let prefix = format!("{}/", config_root.trim_end_matches('/'));
        let mut files: BTreeMap<String, String> = BTreeMap::new();
        for line in output.split_terminator('\n') {
            let Some((path, text)) = line.split_once('\0') else { continue };
            let Some(relative) = path.strip_prefix(&prefix) else { continue };
            files
                .entry(relative.to_owned())
                .and_modify(|content| {
                    content.push('\n');
                    content.push_str(text);
                })
                .or_insert_with(|| text.to_owned());
        }
        Self { files }
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

    /// One file's content by its path relative to the root (`<app>/ENV`), if it holds a line.
    pub fn file(&self, relative: &str) -> Option<&str> {
        self.files.get(relative).map(String::as_str)
    }

    /// How many files the snapshot holds.
    pub fn len(&self) -> usize {
        self.files.len()
    }

    /// Whether the snapshot holds no file.
    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }
}

/// `$DOKKU_LIB_ROOT/config`: the property store's root on the server.
pub fn config_root(layout: &ServerLayout) -> String {
    layout.in_lib_root("config")
}

/// The one command that prints the whole property store (`grep` exits 1 when every file is
/// empty, so a failure with no output is an empty store).
pub fn read_command(layout: &ServerLayout) -> Command {
    Command::system("grep").args(["-rHZas", "", &config_root(layout)]).allow_failure()
}

/// Reads the property store in one round trip; needs a connection that runs system commands.
pub async fn read(client: &Client) -> Result<FileSnapshot, Error> {
    let cmd = read_command(client.layout());
    let out = client.output(&cmd).await?;
    if !out.success() && !out.stdout.is_empty() {
        return Err(Error::Config(format!("{cmd} failed: {}", out.message())));
    }
    Ok(FileSnapshot::parse(&out.stdout, &config_root(client.layout())))
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
}
