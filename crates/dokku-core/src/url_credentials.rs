//! Masking the password of URLs in text Dokku prints: service plugins echo DSNs
//! (`postgres://postgres:<password>@host:5432/db`) from `:create`, `:info` and `:link`, and such
//! text reaches error messages.

use crate::secret::MASK;

/// `text` with the password of every `scheme://user:password@host` replaced by the mask.
pub fn mask_url_passwords(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find("://") {
        let (before, after) = rest.split_at(at + 3);
        out.push_str(before);
        let authority_end =
            after.find(|c: char| matches!(c, '/' | '?' | '#') || c.is_whitespace()).unwrap_or(after.len());
        let authority = &after[..authority_end];
        match authority.rfind('@').and_then(|end| authority[..end].find(':').map(|colon| (colon, end))) {
            Some((colon, end)) if end > colon + 1 => {
                out.push_str(&authority[..=colon]);
                out.push_str(MASK);
                out.push_str(&authority[end..]);
            }
            _ => out.push_str(authority),
        }
        rest = &after[authority_end..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_in_urls_are_masked() {
        let dsn = "       Dsn:                 postgres://postgres:5f4d@dokku-postgres-db:5432/db";
        assert_eq!(
            mask_url_passwords(dsn),
            "       Dsn:                 postgres://postgres:***@dokku-postgres-db:5432/db"
        );
        assert_eq!(
            mask_url_passwords("redis://:pw@h:6379 and amqp://u:p@h/v"),
            "redis://:***@h:6379 and amqp://u:***@h/v"
        );
        for kept in ["http://dokku-elasticsearch-s:9200", "https://user@host/x", "no url", "a://", "x://:@h"]
        {
            assert_eq!(mask_url_passwords(kept), kept);
        }
    }
}
