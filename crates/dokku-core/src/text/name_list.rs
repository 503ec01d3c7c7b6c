//! One-name-per-line listings under an optional `=====> <title>` header.
//!
//! `apps:list` prints `=====> My Apps` and `network:list` prints `=====> Networks`, then one name
//! per line; `--quiet` drops the header. With no apps, `apps:list` prints only the header (the
//! "no apps" message goes to stderr, exit 0).

use nom::combinator::verify;

use super::{
    TextError,
    column::column,
    header::{INFO1_MARKER, INFO2_MARKER, info2_header},
    line::{numbered_lines, parse_line},
};

/// The header of `apps:list`.
pub const APPS_LIST_TITLE: &str = "My Apps";

/// The header of `network:list`.
pub const NETWORK_LIST_TITLE: &str = "Networks";

/// What a list line must be.
const EXPECTED_NAME: &str = "one name per line (no spaces)";

/// Parses a list of names, accepting an optional first line `=====> <title>`.
///
/// Blank lines are skipped; every other line must hold exactly one name. A header with another
/// title, or a header after the first line, is an error.
pub fn parse_name_list(text: &str, title: &'static str) -> Result<Vec<String>, TextError> {
    let mut names = Vec::new();
    for (line_no, line) in numbered_lines(text) {
        if line.trim().is_empty() {
            continue;
        }
        if line.trim_start().starts_with(INFO2_MARKER) && names.is_empty() {
            parse_line(line_no, line, "the list header", verify(info2_header, |found: &str| found == title))?;
            continue;
        }
        let name_line = verify(column, |name: &str| {
            !name.starts_with(INFO2_MARKER) && !name.starts_with(INFO1_MARKER) && !name.starts_with('!')
        });
        let name = parse_line(line_no, line, EXPECTED_NAME, name_line)?;
        names.push(name.to_owned());
    }
    Ok(names)
}

/// Parses `dokku apps:list` (with or without `--quiet`) into app names, in printed order.
pub fn parse_apps_list(text: &str) -> Result<Vec<String>, TextError> {
    parse_name_list(text, APPS_LIST_TITLE)
}

/// Parses `dokku network:list` (with or without `--quiet`) into network names, in printed order
/// (which Dokku does not sort).
pub fn parse_network_list(text: &str) -> Result<Vec<String>, TextError> {
    parse_name_list(text, NETWORK_LIST_TITLE)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_is_optional() {
        assert_eq!(parse_apps_list("=====> My Apps\napp1\napp2\n").unwrap(), ["app1", "app2"]);
        assert_eq!(parse_apps_list("app1\n").unwrap(), ["app1"]);
        assert_eq!(parse_apps_list("=====> My Apps\n").unwrap(), Vec::<String>::new());
        assert_eq!(parse_apps_list("").unwrap(), Vec::<String>::new());
    }

    #[test]
    fn wrong_header_or_spaces_are_errors() {
        assert_eq!(parse_apps_list("=====> Networks\nx\n").unwrap_err().line(), 1);
        assert_eq!(parse_network_list("=====> Networks\na b\n").unwrap_err().line(), 2);
        assert_eq!(parse_apps_list("a\n=====> My Apps\n").unwrap_err().line(), 2);
        assert_eq!(
            parse_apps_list(" !     You haven't deployed any applications yet\n").unwrap_err().line(),
            1
        );
    }
}
