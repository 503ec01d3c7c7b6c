//! What `ssh-keyscan -t rsa <host>` prints for a host of the simulated world, which has no
//! network: `git:allow-host` appends its stdout to the dokku user's `~/.ssh/known_hosts` and
//! lets its stderr through.
//!
//! Every host "answers", with an RSA host key derived from its name: the same host always has
//! the same key (so two simulated servers that allowed a host agree, as two real ones would),
//! and the key is a well-formed SSH wire blob (`string "ssh-rsa"`, `mpint e`, `mpint n` of 2048
//! bits) that `ssh-keygen -lf` accepts and fingerprints.

use base64::Engine;
use sha2::Digest;

/// The port ssh-keyscan asks (its default).
const PORT: u16 = 22;
/// The identification string the simulated hosts' sshd sends.
const SERVER_VERSION: &str = "SSH-2.0-OpenSSH_9.6p1 Ubuntu-3ubuntu13.5";
/// The RSA modulus length in bytes (2048 bits).
const MODULUS_BYTES: usize = 256;

/// The `known_hosts` line ssh-keyscan prints on stdout: `<host> ssh-rsa <base64 blob>`.
pub(crate) fn known_hosts_line(host: &str) -> String {
    let blob = base64::engine::general_purpose::STANDARD.encode(rsa_public_key_blob(host));
    format!("{host} ssh-rsa {blob}")
}

/// The comment ssh-keyscan prints on stderr for each host it reached (no `-q`).
pub(crate) fn banner_comment(host: &str) -> String {
    format!("# {host}:{PORT} {SERVER_VERSION}")
}

/// The RFC 4253 `ssh-rsa` public key blob of `host`'s simulated host key.
fn rsa_public_key_blob(host: &str) -> Vec<u8> {
    // SHA-256 gives 32 bytes a round.
    let mut modulus: Vec<u8> = (0..MODULUS_BYTES / 32)
        .flat_map(|round| sha2::Sha256::digest(format!("dokku-sim ssh host key\0{host}\0{round}").as_bytes()))
        .collect();
    // A full-length, odd modulus, like any real RSA modulus of this size.
    modulus[0] |= 0x80;
    modulus[MODULUS_BYTES - 1] |= 0x01;
    let mut blob = Vec::new();
    push_string(&mut blob, b"ssh-rsa");
    push_mpint(&mut blob, &[0x01, 0x00, 0x01]);
    push_mpint(&mut blob, &modulus);
    blob
}

/// An SSH `string`: uint32 length, then the bytes.
fn push_string(blob: &mut Vec<u8>, bytes: &[u8]) {
    let length = u32::try_from(bytes.len()).unwrap_or(u32::MAX);
    blob.extend_from_slice(&length.to_be_bytes());
    blob.extend_from_slice(bytes);
}

/// An SSH `mpint` of a positive big-endian magnitude: a zero byte in front when the top bit is
/// set, so the two's-complement value stays positive.
fn push_mpint(blob: &mut Vec<u8>, magnitude: &[u8]) {
    if magnitude.first().is_some_and(|b| b & 0x80 != 0) {
        let mut padded = vec![0];
        padded.extend_from_slice(magnitude);
        push_string(blob, &padded);
    } else {
        push_string(blob, magnitude);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Splits an SSH wire blob into its `string`s, failing on a truncated one.
    fn strings(mut blob: &[u8]) -> Vec<Vec<u8>> {
        let mut parts = Vec::new();
        while !blob.is_empty() {
            let (length, rest) = blob.split_at(4);
            let length = u32::from_be_bytes(length.try_into().unwrap()) as usize;
            assert!(rest.len() >= length, "truncated string");
            parts.push(rest[..length].to_vec());
            blob = &rest[length..];
        }
        parts
    }

    #[test]
    fn the_line_is_a_well_formed_rsa_key_and_stable_per_host() {
        let line = known_hosts_line("github.com");
        assert_eq!(line, known_hosts_line("github.com"));
        assert_ne!(line, known_hosts_line("gitlab.com"));
        let fields: Vec<&str> = line.split(' ').collect();
        assert_eq!(fields[..2], ["github.com", "ssh-rsa"]);
        assert!(fields[2].starts_with("AAAAB3NzaC1yc2E"), "{line}");
        let blob = base64::engine::general_purpose::STANDARD.decode(fields[2]).unwrap();
        let parts = strings(&blob);
        assert_eq!(parts.len(), 3);
        assert_eq!(parts[0], b"ssh-rsa");
        assert_eq!(parts[1], [0x01, 0x00, 0x01]);
        assert_eq!(parts[2].len(), MODULUS_BYTES + 1);
        assert_eq!(parts[2][0], 0);
        assert!(parts[2][1] & 0x80 != 0 && parts[2][MODULUS_BYTES] & 1 == 1);
    }

    #[test]
    fn the_banner_names_host_and_port() {
        assert_eq!(banner_comment("github.com"), format!("# github.com:22 {SERVER_VERSION}"));
    }
}
