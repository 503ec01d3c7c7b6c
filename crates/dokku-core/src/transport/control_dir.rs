//! The private directory that holds the ControlMaster socket.

use std::os::unix::fs::{DirBuilderExt, MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};

use crate::Error;

/// The longest control directory the `openssh` crate can use: it adds
/// `/.ssh-connectionXXXXXX/master` and ssh binds a temporary name 17 bytes longer, all within
/// the 108-byte `sun_path` of a Unix socket (measured: 61 works, 62 fails).
pub(crate) const MAX_CONTROL_DIR_LEN: usize = 61;

/// `$XDG_RUNTIME_DIR/dokku-rs` when that is set, else `/tmp/dokku-rs-<uid>`.
pub(crate) fn default_control_dir() -> PathBuf {
    match std::env::var_os("XDG_RUNTIME_DIR") {
        Some(dir) if !dir.is_empty() => Path::new(&dir).join("dokku-rs"),
        _ => PathBuf::from(format!("/tmp/dokku-rs-{}", current_uid())),
    }
}

/// The effective uid of this process (the owner of `/proc/self`).
pub(crate) fn current_uid() -> u32 {
    std::fs::metadata("/proc/self").map(|m| m.uid()).unwrap_or(u32::MAX)
}

/// Creates `dir` (mode 0700) if needed and checks that it is private and short enough.
pub(crate) fn prepare(dir: &Path) -> Result<(), Error> {
    let len = dir.as_os_str().len();
    if len > MAX_CONTROL_DIR_LEN {
        return Err(Error::Config(format!(
            "control directory {} is {len} bytes long; the ssh control socket inside it would exceed the \
             Unix socket path limit (at most {MAX_CONTROL_DIR_LEN} bytes): choose a shorter one",
            dir.display()
        )));
    }
    if !dir.exists() {
        std::fs::DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(dir)
            .map_err(|e| Error::Config(format!("cannot create control directory {}: {e}", dir.display())))?;
    }
    let meta = std::fs::metadata(dir)
        .map_err(|e| Error::Config(format!("cannot read control directory {}: {e}", dir.display())))?;
    if !meta.is_dir() {
        return Err(Error::Config(format!("control directory {} is not a directory", dir.display())));
    }
    if meta.uid() != current_uid() || meta.permissions().mode() & 0o077 != 0 {
        return Err(Error::Config(format!(
            "control directory {} must be owned by this user and not accessible to others (mode 0700)",
            dir.display()
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejects_a_too_long_directory() {
        let long = PathBuf::from(format!("/tmp/{}", "x".repeat(60)));
        let err = prepare(&long).err().map(|e| e.to_string()).unwrap_or_default();
        assert!(err.contains("Unix socket path limit"), "{err}");
        assert!(!long.exists());
    }

    #[test]
    fn creates_a_private_directory() -> Result<(), Box<dyn std::error::Error>> {
        let base = tempfile::Builder::new().prefix("dcd").tempdir_in("/tmp")?;
        let dir = base.path().join("c");
        prepare(&dir)?;
        assert_eq!(std::fs::metadata(&dir)?.permissions().mode() & 0o777, 0o700);
        std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755))?;
        assert!(prepare(&dir).is_err());
        Ok(())
    }
}
