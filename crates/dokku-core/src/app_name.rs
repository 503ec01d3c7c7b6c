//! Dokku's rule for app names.

/// Whether Dokku accepts `name` for a new app: `^[a-z0-9][a-z0-9.-]*$` (since 0.x; older
/// versions also allowed `_`, which apply does not recreate).
pub fn is_valid(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '.' || c == '-')
}

/// The message for an invalid name, in Dokku's words.
pub fn invalid_message(name: &str) -> String {
    format!(
        "{name:?} is not a valid app name: it must begin with a lowercase alphanumeric character and may only contain lowercase alphanumerics, dots, and hyphens"
    )
}

#[cfg(test)]
mod tests {
    use super::is_valid;

    #[test]
    fn follows_dokku() {
        assert!(is_valid("app1") && is_valid("my.app-2") && is_valid("0x"));
        assert!(!is_valid("Bad_Name") && !is_valid("-x") && !is_valid("") && !is_valid("a b"));
    }
}
