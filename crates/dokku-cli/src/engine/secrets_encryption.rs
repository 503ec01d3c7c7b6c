//! Secrets files encrypted with [age](https://age-encryption.org): to an age public key
//! (`age1…`) or an SSH public key (`ssh-ed25519 …`, `ssh-rsa …`), decrypted with the matching
//! age identity file or (unencrypted) SSH private key. The file is ASCII-armored, so
//! `age -d -i KEY FILE` reads it too.

use std::io::{Read, Write};
use std::path::Path;
use std::str::FromStr;

use age::armor::{ArmoredReader, ArmoredWriter, Format};

/// The first line of an armored age file.
const ARMOR_BEGIN: &[u8] = b"-----BEGIN AGE ENCRYPTED FILE-----";
/// The first bytes of a binary age file.
const BINARY_BEGIN: &[u8] = b"age-encryption.org/";

/// Someone a secrets file is encrypted to.
pub struct SecretsRecipient(Box<dyn age::Recipient + Send + Sync>);

impl std::fmt::Debug for SecretsRecipient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SecretsRecipient")
    }
}

impl SecretsRecipient {
    /// Reads `text`: an age public key, an SSH public key line, or the path of a file whose
    /// first line is one of those.
    pub fn parse(text: &str) -> Result<Self, String> {
        let text = text.trim();
        if let Some(recipient) = Self::from_key(text) {
            return Ok(recipient);
        }
        let path = Path::new(text);
        if path.is_file() {
            let contents =
                std::fs::read_to_string(path).map_err(|e| format!("--encrypt-to {}: {e}", path.display()))?;
            let line = contents.lines().find(|l| !l.trim().is_empty() && !l.starts_with('#')).unwrap_or("");
            return Self::from_key(line.trim())
                .ok_or_else(|| format!("--encrypt-to {}: not an age or SSH public key", path.display()));
        }
        Err(format!(
            "--encrypt-to: {text:?} is neither an age public key (age1…), an SSH public key (ssh-ed25519 …, \
             ssh-rsa …) nor a file holding one"
        ))
    }

    fn from_key(text: &str) -> Option<Self> {
        if let Ok(r) = age::x25519::Recipient::from_str(text) {
            return Some(Self(Box::new(r)));
        }
        age::ssh::Recipient::from_str(text).ok().map(|r| Self(Box::new(r)) as Self)
    }
}

/// Whether `bytes` is an age file (armored or binary).
pub fn is_encrypted(bytes: &[u8]) -> bool {
    let start = bytes.trim_ascii_start();
    start.starts_with(ARMOR_BEGIN) || start.starts_with(BINARY_BEGIN)
}

/// Encrypts `plaintext` to every recipient, ASCII-armored.
pub fn encrypt(plaintext: &[u8], recipients: &[SecretsRecipient]) -> Result<Vec<u8>, String> {
    let encryptor =
        age::Encryptor::with_recipients(recipients.iter().map(|r| r.0.as_ref() as &dyn age::Recipient))
            .map_err(|e| format!("cannot encrypt: {e}"))?;
    let mut out = Vec::new();
    let armor = ArmoredWriter::wrap_output(&mut out, Format::AsciiArmor).map_err(|e| e.to_string())?;
    let mut writer = encryptor.wrap_output(armor).map_err(|e| format!("cannot encrypt: {e}"))?;
    writer.write_all(plaintext).map_err(|e| format!("cannot encrypt: {e}"))?;
    writer.finish().and_then(|armor| armor.finish()).map_err(|e| format!("cannot encrypt: {e}"))?;
    Ok(out)
}

/// The identities in `identity_file`: an age identity file (`AGE-SECRET-KEY-1…` lines) or an
/// unencrypted SSH private key.
fn identities(identity_file: &Path) -> Result<Vec<Box<dyn age::Identity>>, String> {
    let shown = identity_file.display();
    let bytes = std::fs::read(identity_file).map_err(|e| format!("identity {shown}: {e}"))?;
    if let Ok(file) = age::IdentityFile::from_buffer(&bytes[..])
        && let Ok(list) = file.into_identities()
        && !list.is_empty()
    {
        return Ok(list);
    }
    let filename = Some(identity_file.display().to_string());
    match age::ssh::Identity::from_buffer(&bytes[..], filename) {
        Ok(age::ssh::Identity::Unencrypted(key)) => Ok(vec![Box::new(age::ssh::Identity::Unencrypted(key))]),
        Ok(age::ssh::Identity::Encrypted(_)) => Err(format!(
            "identity {shown}: a passphrase-protected SSH key; give an unencrypted key or an age identity"
        )),
        Ok(age::ssh::Identity::Unsupported(kind)) => {
            Err(format!("identity {shown}: unsupported SSH key ({kind:?})"))
        }
        Err(_) => Err(format!("identity {shown}: neither an age identity file nor an SSH private key")),
    }
}

/// Decrypts an age file (armored or binary) with the identities in `identity_file`.
pub fn decrypt(ciphertext: &[u8], identity_file: &Path) -> Result<Vec<u8>, String> {
    let identities = identities(identity_file)?;
    let decryptor =
        age::Decryptor::new(ArmoredReader::new(ciphertext)).map_err(|e| format!("not an age file: {e}"))?;
    let mut reader = decryptor
        .decrypt(identities.iter().map(|i| i.as_ref() as &dyn age::Identity))
        .map_err(|e| format!("cannot decrypt with {}: {e}", identity_file.display()))?;
    let mut plaintext = Vec::new();
    reader.read_to_end(&mut plaintext).map_err(|e| format!("cannot decrypt: {e}"))?;
    Ok(plaintext)
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use age::secrecy::ExposeSecret;

    use super::*;

    fn test_data(name: &str) -> PathBuf {
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("test_data/secrets").join(name)
    }

    /// A new age identity in a file of `dir`; the file and its public key.
    fn age_identity(dir: &Path, name: &str) -> (PathBuf, String) {
        let identity = age::x25519::Identity::generate();
        let path = dir.join(name);
        std::fs::write(&path, format!("{}\n", identity.to_string().expose_secret())).expect("write");
        (path, identity.to_public().to_string())
    }

    #[test]
    fn age_keys_round_trip_and_others_cannot_read() {
        let dir = tempfile::tempdir().expect("tempdir");
        let (identity, public) = age_identity(dir.path(), "mine");
        let recipient = SecretsRecipient::parse(&public).expect("an age recipient");
        let encrypted = encrypt(b"{\"secrets\": {}}", &[recipient]).expect("encrypt");
        assert!(is_encrypted(&encrypted) && encrypted.starts_with(ARMOR_BEGIN));
        assert_eq!(decrypt(&encrypted, &identity).expect("decrypt"), b"{\"secrets\": {}}");
        let (other, _) = age_identity(dir.path(), "theirs");
        let error = decrypt(&encrypted, &other).err().unwrap_or_default();
        assert!(error.contains("cannot decrypt with") && error.contains("theirs"), "{error}");
    }

    #[test]
    fn ssh_keys_round_trip_from_a_key_line_or_a_file() {
        let public_file = test_data("ssh_ed25519.pub");
        let line = std::fs::read_to_string(&public_file).expect("public key");
        for given in [line.trim().to_owned(), public_file.display().to_string()] {
            let recipient = SecretsRecipient::parse(&given).expect("an SSH recipient");
            let encrypted = encrypt(b"plain", &[recipient]).expect("encrypt");
            assert_eq!(decrypt(&encrypted, &test_data("ssh_ed25519")).expect("decrypt"), b"plain");
        }
    }

    #[test]
    fn bad_keys_are_named() {
        let error = SecretsRecipient::parse("not-a-key").err().unwrap_or_default();
        assert!(error.contains("neither an age public key"), "{error}");
        let error = decrypt(b"age-encryption.org/v1\n", &test_data("README.md")).err().unwrap_or_default();
        assert!(error.contains("neither an age identity file nor an SSH private key"), "{error}");
        assert!(!is_encrypted(b"{\"format_version\": 1}"));
    }
}
