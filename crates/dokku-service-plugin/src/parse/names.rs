//! `<type>:list`, `<type>:links <service>` and `<type>:app-links <app>`: one name per line.

use dokku_core::text::{INFO2_MARKER, TextError};

use crate::spec::ServiceSpec;

/// `<type>:list` (`service_list`): `=====> <Service> services` (absent without a TTY), then one
/// service per line; nothing on stdout when there is none (the warning goes to stderr).
pub fn parse_service_list(text: &str) -> Result<Vec<String>, TextError> {
    let mut names = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.is_empty() || (names.is_empty() && line.starts_with(INFO2_MARKER)) {
            continue;
        }
        if !ServiceSpec::is_valid_service_name(line) {
            return Err(TextError::new(i + 1, "a service name ([A-Za-z0-9_-]+)", line));
        }
        names.push(line.to_owned());
    }
    Ok(names)
}

/// `<type>:links` and `<type>:app-links`: one app (or service) name per line, nothing when
/// there is none.
pub fn parse_names(text: &str) -> Result<Vec<String>, TextError> {
    let mut names = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.is_empty() {
            continue;
        }
        if line.contains(char::is_whitespace) || line.starts_with('!') {
            return Err(TextError::new(i + 1, "one name per line", line));
        }
        names.push(line.to_owned());
    }
    Ok(names)
}
