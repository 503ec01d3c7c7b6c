//! What a plan shows of a certificate: the SHA-256 fingerprint of its first PEM block, never the
//! key.

pub(crate) use dokku_core::pem_certificate::first_certificate_der;
use sha2::{Digest, Sha256};

/// `SHA256:AB:CD:…` of the first certificate in `pem` (as `openssl x509 -fingerprint -sha256`
/// prints it), or `None` when `pem` holds no certificate.
pub fn fingerprint(pem: &str) -> Option<String> {
    let digest = Sha256::digest(first_certificate_der(pem)?);
    let hex: Vec<String> = digest.iter().map(|b| format!("{b:02X}")).collect();
    Some(format!("SHA256:{}", hex.join(":")))
}

/// Whether `pem` holds a private key block.
pub(crate) fn has_private_key(pem: &str) -> bool {
    pem.contains("-----BEGIN ") && pem.contains("PRIVATE KEY-----")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprints_the_first_block() {
        // "hello" as the DER body: sha256("hello") is well known.
        let pem = "-----BEGIN CERTIFICATE-----\naGVs\nbG8=\n-----END CERTIFICATE-----\n-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n";
        assert_eq!(
            fingerprint(pem).as_deref(),
            Some(
                "SHA256:2C:F2:4D:BA:5F:B0:A3:0E:26:E8:3B:2A:C5:B9:E2:9E:1B:16:1E:5C:1F:A7:42:5E:73:04:33:62:93:8B:98:24"
            )
        );
        assert_eq!(fingerprint("no pem"), None);
        assert_eq!(fingerprint("-----BEGIN CERTIFICATE-----\n!!\n-----END CERTIFICATE-----"), None);
        assert!(has_private_key("-----BEGIN EC PRIVATE KEY-----\nx\n-----END EC PRIVATE KEY-----"));
    }
}
