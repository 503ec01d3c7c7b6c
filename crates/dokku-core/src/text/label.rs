//! The mapping between report labels (`App created at`) and report keys (`app-created-at`).
//!
//! Dokku derives both forms from one flag: the text renderer prints the flag without its leading
//! `--`, with `-` and `.` turned into spaces and the first character upper-cased; `--format json`
//! prints the flag without `--` (and, since 0.38.8, also without the `<type>-` prefix). These
//! functions undo the text transformation so that a plugin crate can read a text report and a JSON
//! report into one model.
//!
//! The text transformation loses information, which is why [`canonical_key`] exists:
//! * `.` and `-` both became spaces, so `Storage attachment 1 container path` comes from
//!   `storage-attachment.1.container-path` and `resource _default_ limit memory` from
//!   `resource-_default_.limit.memory`. [`label_to_key`] always answers with `-`.
//! * Only the first character was upper-cased, so the rest keeps its case: letsencrypt's
//!   `Letsencrypt global dns provider CLOUDFLARE_DNS_API_TOKEN` maps to
//!   `letsencrypt-global-dns-provider-CLOUDFLARE_DNS_API_TOKEN`, as in its JSON.

/// Turns a report label into Dokku's flag key (the `--flag` without its dashes).
///
/// `App created at` gives `app-created-at`; `Deployed` gives `deployed`. Every space becomes `-`
/// and only the first character is lower-cased. A key that Dokku spelled with `.` comes back with
/// `-`; compare through [`canonical_key`] when that matters.
pub fn label_to_key(label: &str) -> String {
    let mut chars = label.trim().chars();
    let mut key = String::with_capacity(label.len());
    if let Some(first) = chars.next() {
        key.extend(first.to_lowercase());
    }
    key.extend(chars.map(|c| if c == ' ' { '-' } else { c }));
    key
}

/// Brings a key from either form (text label turned into a key, or a JSON key) to one spelling.
///
/// It replaces `.` with `-`, the one difference [`label_to_key`] cannot undo, so
/// `canonical_key("storage-attachment.1.host-path")` equals
/// `canonical_key(&label_to_key("Storage attachment 1 host path"))`.
pub fn canonical_key(key: &str) -> String {
    key.replace('.', "-")
}

/// Removes the `<report type>-` prefix from `key`, as Dokku does for `--format json` keys.
///
/// `report_type` is the block title (`app`, `docker-options`, or the older `docker options`);
/// spaces in it count as `-`. A key without that prefix (ps `deployed`) is returned unchanged.
pub fn strip_type_prefix<'a>(key: &'a str, report_type: &str) -> &'a str {
    let mut type_parts = report_type.split(' ');
    let mut rest = key;
    let stripped = type_parts.all(|part| match rest.strip_prefix(part).and_then(|r| r.strip_prefix('-')) {
        Some(after) => {
            rest = after;
            true
        }
        None => false,
    });
    if stripped && !rest.is_empty() && !report_type.is_empty() { rest } else { key }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_become_keys() {
        assert_eq!(label_to_key("App created at"), "app-created-at");
        assert_eq!(label_to_key("Deployed"), "deployed");
        assert_eq!(label_to_key("resource _default_ limit memory"), "resource-_default_-limit-memory");
        assert_eq!(
            label_to_key("Letsencrypt global dns provider CLOUDFLARE_DNS_API_TOKEN"),
            "letsencrypt-global-dns-provider-CLOUDFLARE_DNS_API_TOKEN"
        );
        assert_eq!(label_to_key(""), "");
    }

    #[test]
    fn dotted_keys_match_through_canonical_form() {
        let from_label = label_to_key("Storage attachment 1 container path");
        assert_eq!(canonical_key(&from_label), canonical_key("storage-attachment.1.container-path"));
    }

    #[test]
    fn type_prefix_is_stripped_only_when_present() {
        assert_eq!(strip_type_prefix("app-created-at", "app"), "created-at");
        assert_eq!(strip_type_prefix("docker-options-deploy", "docker-options"), "deploy");
        assert_eq!(strip_type_prefix("docker-options-deploy", "docker options"), "deploy");
        assert_eq!(strip_type_prefix("deployed", "ps"), "deployed");
        assert_eq!(strip_type_prefix("apps-x", "app"), "apps-x");
        assert_eq!(strip_type_prefix("app-", "app"), "app-");
        assert_eq!(strip_type_prefix("app", ""), "app");
    }
}
