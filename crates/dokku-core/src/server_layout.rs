//! [`ServerLayout`]: where Dokku keeps its files on the server, for the root-only reads.
//!
//! Dokku takes both roots from `/etc/default/dokku` (`DOKKU_ROOT`, the `dokku` user's home,
//! default `~dokku` = `/home/dokku`; `DOKKU_LIB_ROOT`, default `/var/lib/dokku`), and nothing a
//! Dokku command prints says where they are, so a server installed elsewhere is described here.

use crate::error::Error;

/// Dokku's default `DOKKU_ROOT`.
pub const DEFAULT_DOKKU_ROOT: &str = "/home/dokku";
/// Dokku's default `DOKKU_LIB_ROOT`.
pub const DEFAULT_LIB_ROOT: &str = "/var/lib/dokku";

/// The two roots under which Dokku keeps the files dokku-rs reads directly.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ServerLayout {
    dokku_root: String,
    lib_root: String,
}

impl Default for ServerLayout {
    fn default() -> Self {
        Self { dokku_root: DEFAULT_DOKKU_ROOT.to_owned(), lib_root: DEFAULT_LIB_ROOT.to_owned() }
    }
}

impl ServerLayout {
    /// A layout with both roots given; each must be an absolute path without control
    /// characters (they end up as arguments of commands run on the server).
    pub fn new(dokku_root: &str, lib_root: &str) -> Result<Self, Error> {
        Ok(Self {
            dokku_root: checked("DOKKU_ROOT", dokku_root)?,
            lib_root: checked("DOKKU_LIB_ROOT", lib_root)?,
        })
    }

    /// `DOKKU_ROOT`: the `dokku` user's home (`.ssh/`, `.netrc`, one directory per app).
    pub fn dokku_root(&self) -> &str {
        &self.dokku_root
    }

    /// `DOKKU_LIB_ROOT`: plugins and plugin data.
    pub fn lib_root(&self) -> &str {
        &self.lib_root
    }

    /// A path below `DOKKU_ROOT` (`relative` without a leading `/`).
    pub fn in_dokku_root(&self, relative: &str) -> String {
        format!("{}/{relative}", self.dokku_root)
    }

    /// A path below `DOKKU_LIB_ROOT` (`relative` without a leading `/`).
    pub fn in_lib_root(&self, relative: &str) -> String {
        format!("{}/{relative}", self.lib_root)
    }
}

fn checked(name: &str, path: &str) -> Result<String, Error> {
    let trimmed = path.trim_end_matches('/');
    if !path.starts_with('/') || trimmed.is_empty() || path.chars().any(char::is_control) {
        return Err(Error::Config(format!(
            "{name} must be an absolute directory path without control characters, got {path:?}"
        )));
    }
    Ok(trimmed.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_is_dokkus_own() {
        let layout = ServerLayout::default();
        assert_eq!(layout.in_dokku_root(".netrc"), "/home/dokku/.netrc");
        assert_eq!(layout.in_lib_root("plugins/available"), "/var/lib/dokku/plugins/available");
    }

    #[test]
    fn custom_roots_drop_a_trailing_slash() {
        let layout = ServerLayout::new("/srv/dokku/", "/opt/dokku-lib").unwrap();
        assert_eq!(layout.in_dokku_root(".ssh/known_hosts"), "/srv/dokku/.ssh/known_hosts");
        assert_eq!(layout.lib_root(), "/opt/dokku-lib");
    }

    #[test]
    fn relative_root_and_control_characters_are_refused_by_name() {
        let relative = ServerLayout::new("home/dokku", "/var/lib/dokku").unwrap_err().to_string();
        assert!(relative.contains("DOKKU_ROOT"), "{relative}");
        let newline = ServerLayout::new("/home/dokku", "/var/lib\n/dokku").unwrap_err().to_string();
        assert!(newline.contains("DOKKU_LIB_ROOT"), "{newline}");
        assert!(ServerLayout::new("/", "/var/lib/dokku").is_err());
    }
}
