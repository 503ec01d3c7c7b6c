//! The issuer read from a certificate file decides, as the report's issuer line does, whether
//! Let's Encrypt issued it (the root file path leaves such certificates to letsencrypt without
//! reading their report).

use std::path::Path;

use dokku_core::pem_certificate::issuer_values;

fn read(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("test_data/generated").join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn the_leaf_issuer_is_read_from_the_first_certificate() {
    // `openssl x509 -noout -issuer` printed `C = US, O = Let's Encrypt, CN = R3 test`.
    assert_eq!(
        issuer_values(&read("letsencrypt.crt")),
        Some(vec!["US".to_owned(), "Let's Encrypt".to_owned(), "R3 test".to_owned()])
    );
    // Self-signed: the issuer is the subject.
    assert_eq!(issuer_values(&read("app.crt")), Some(vec!["app.example.test".to_owned()]));
}
