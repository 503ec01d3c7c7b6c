//! The secrets file beside a document (`server.json` → `server.secrets.json`): one JSON object
//! `{"format_version": 1, "secrets": {"<id>": <value>, …}}`, readable by its owner only.
//!
//! It is written atomically (a temporary file in the same directory, mode 0600, then a rename)
//! and never over a file of another owner; it is read only when it is its reader's and nobody
//! else may read or write it. It may be encrypted with age ([`super::secrets_encryption`]):
//! then reading needs an identity.

use std::collections::BTreeMap;
use std::io::Write as _;
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::secrets_encryption::{SecretsRecipient, decrypt, encrypt, is_encrypted};

/// The format version of secrets files this build writes and reads.
pub const SECRETS_FORMAT_VERSION: u64 = 1;

/// The contents of a secrets file.
#[derive(Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SecretsFile {
    /// [`SECRETS_FORMAT_VERSION`].
    pub format_version: u64,
    /// Secret id → value.
    pub secrets: BTreeMap<String, Value>,
}

impl std::fmt::Debug for SecretsFile {
    /// Ids only: the values are secrets.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SecretsFile").field("ids", &self.secrets.keys().collect::<Vec<_>>()).finish()
    }
}

/// What can go wrong with a secrets file; every message names the file and never a value.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum SecretsFileError {
    /// Reading or writing failed.
    #[error("secrets file {}: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// The cause.
        #[source]
        source: std::io::Error,
    },
    /// Another user owns it.
    #[error("secrets file {}: owned by uid {owner}, not by this user (uid {me}); refusing to use it", path.display())]
    Owner {
        /// The file.
        path: PathBuf,
        /// Its owner.
        owner: u32,
        /// This process's uid.
        me: u32,
    },
    /// Others may read or write it.
    #[error(
        "secrets file {}: mode {mode:04o} lets other users read or write it; make it private: chmod 600 {}",
        path.display(),
        path.display()
    )]
    Permissions {
        /// The file.
        path: PathBuf,
        /// Its permission bits.
        mode: u32,
    },
    /// Encrypted, and no identity was given.
    #[error("secrets file {} is encrypted: give the age or SSH private key with --secrets-identity", path.display())]
    Encrypted {
        /// The file.
        path: PathBuf,
    },
    /// Encryption or decryption failed (a wrong identity, a damaged file).
    #[error("secrets file {}: {message}", path.display())]
    Encryption {
        /// The file.
        path: PathBuf,
        /// What failed (never a value).
        message: String,
    },
    /// Not a secrets file of a format this build reads.
    #[error("secrets file {}: {message}", path.display())]
    Format {
        /// The file.
        path: PathBuf,
        /// What is wrong (never a value).
        message: String,
    },
}

/// The secrets file that belongs to `document`: `FILE` without `.json`, plus `.secrets.json`.
pub fn beside(document: &Path) -> PathBuf {
    let name = document.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let stem = name.strip_suffix(".json").unwrap_or(&name);
    document.with_file_name(format!("{stem}.secrets.json"))
}

/// The effective uid of this process: the owner of `/proc/self` (no `unsafe` call needed).
fn current_uid() -> u32 {
    std::fs::metadata("/proc/self").map(|m| m.uid()).unwrap_or(u32::MAX)
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> SecretsFileError + '_ {
    move |source| SecretsFileError::Io { path: path.to_owned(), source }
}

/// Writes `secrets` to `path` atomically with mode 0600, encrypted to `recipients` if there are
/// any; refuses to replace another user's file.
pub fn write(
    path: &Path,
    secrets: &BTreeMap<String, Value>,
    recipients: &[SecretsRecipient],
) -> Result<(), SecretsFileError> {
    match std::fs::symlink_metadata(path) {
        Ok(meta) if meta.uid() != current_uid() => {
            return Err(SecretsFileError::Owner {
                path: path.to_owned(),
                owner: meta.uid(),
                me: current_uid(),
            });
        }
        Ok(_) => {}
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(io(path)(e)),
    }
    let parent = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let file = SecretsFile { format_version: SECRETS_FORMAT_VERSION, secrets: secrets.clone() };
    let mut text = serde_json::to_string_pretty(&file).map_err(|e| SecretsFileError::Format {
        path: path.to_owned(),
        message: format!("cannot serialise: {e}"),
    })?;
    text.push('\n');
    let bytes = if recipients.is_empty() {
        text.into_bytes()
    } else {
        encrypt(text.as_bytes(), recipients)
            .map_err(|message| SecretsFileError::Encryption { path: path.to_owned(), message })?
    };
    // tempfile creates the file 0600 already; set it anyway, as the promise is ours to keep.
    let mut temporary = tempfile::Builder::new()
        .prefix(".dokkuctl-secrets-")
        .permissions(std::fs::Permissions::from_mode(0o600))
        .tempfile_in(&parent)
        .map_err(io(path))?;
    temporary.write_all(&bytes).map_err(io(path))?;
    temporary.as_file().sync_all().map_err(io(path))?;
    temporary.persist(path).map_err(|e| io(path)(e.error))?;
    Ok(())
}

/// Reads the secrets file at `path`, after checking that it is this user's and private;
/// `identity` decrypts an encrypted one.
pub fn read(path: &Path, identity: Option<&Path>) -> Result<BTreeMap<String, Value>, SecretsFileError> {
    let meta = std::fs::metadata(path).map_err(io(path))?;
    let me = current_uid();
    if meta.uid() != me {
        return Err(SecretsFileError::Owner { path: path.to_owned(), owner: meta.uid(), me });
    }
    let mode = meta.permissions().mode() & 0o7777;
    if mode & 0o077 != 0 {
        return Err(SecretsFileError::Permissions { path: path.to_owned(), mode });
    }
    let mut bytes = std::fs::read(path).map_err(io(path))?;
    if is_encrypted(&bytes) {
        let Some(identity) = identity else {
            return Err(SecretsFileError::Encrypted { path: path.to_owned() });
        };
        bytes = decrypt(&bytes, identity)
            .map_err(|message| SecretsFileError::Encryption { path: path.to_owned(), message })?;
    }
    let text = String::from_utf8(bytes)
        .map_err(|_| SecretsFileError::Format { path: path.to_owned(), message: "not UTF-8 text".into() })?;
    // serde_json's messages quote the offending input at most as a type name, never a value;
    // only the position is kept anyway.
    let file: SecretsFile = serde_json::from_str(&text).map_err(|e| SecretsFileError::Format {
        path: path.to_owned(),
        message: format!(
            "not a secrets file (line {}, column {}): expected {{\"format_version\": 1, \"secrets\": {{…}}}}",
            e.line(),
            e.column()
        ),
    })?;
    if file.format_version != SECRETS_FORMAT_VERSION {
        return Err(SecretsFileError::Format {
            path: path.to_owned(),
            message: format!(
                "format version {} is not one this dokkuctl reads ({SECRETS_FORMAT_VERSION})",
                file.format_version
            ),
        });
    }
    Ok(file.secrets)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn beside_replaces_the_json_extension() {
        assert_eq!(beside(Path::new("/d/server.json")), Path::new("/d/server.secrets.json"));
        assert_eq!(beside(Path::new("server")), Path::new("server.secrets.json"));
    }

    #[test]
    fn writes_private_files_and_reads_them_back() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("s.secrets.json");
        let secrets = BTreeMap::from([("config/a/K".to_owned(), Value::from("v"))]);
        write(&path, &secrets, &[]).expect("write");
        let mode = std::fs::metadata(&path).expect("meta").permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
        assert_eq!(read(&path, None).expect("read"), secrets);
        // A second write replaces the file.
        write(&path, &BTreeMap::new(), &[]).expect("rewrite");
        assert!(read(&path, None).expect("read").is_empty());
    }

    #[test]
    fn refuses_files_others_can_read() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("s.secrets.json");
        write(&path, &BTreeMap::new(), &[]).expect("write");
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).expect("chmod");
        let error = read(&path, None).err().map(|e| e.to_string()).unwrap_or_default();
        assert!(error.contains("mode 0644") && error.contains("chmod 600"), "{error}");
    }

    #[test]
    fn encrypted_files_need_the_identity() {
        let dir = tempfile::tempdir().expect("tempdir");
        let identity = age::x25519::Identity::generate();
        let identity_path = dir.path().join("key.txt");
        let key_text = age::secrecy::ExposeSecret::expose_secret(&identity.to_string()).to_owned();
        std::fs::write(&identity_path, key_text).expect("write");
        let recipient = SecretsRecipient::parse(&identity.to_public().to_string()).expect("recipient");
        let path = dir.path().join("s.secrets.json");
        let secrets = BTreeMap::from([("git/auth/h".to_owned(), Value::from("hunter2"))]);
        write(&path, &secrets, &[recipient]).expect("write");
        assert!(!std::fs::read_to_string(&path).unwrap_or_default().contains("hunter2"));
        let error = read(&path, None).err().map(|e| e.to_string()).unwrap_or_default();
        assert!(error.contains("is encrypted") && error.contains("--secrets-identity"), "{error}");
        assert_eq!(read(&path, Some(&identity_path)).expect("read"), secrets);
    }

    #[test]
    fn format_errors_never_quote_values() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("s.secrets.json");
        std::fs::write(&path, r#"{"format_version": 1, "secrets": {"a": "hunter2"}, "x": "hunter3"}"#)
            .expect("write");
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).expect("chmod");
        let error = read(&path, None).err().map(|e| e.to_string()).unwrap_or_default();
        assert!(error.contains("not a secrets file") && !error.contains("hunter"), "{error}");
    }
}
