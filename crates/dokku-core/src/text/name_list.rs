//! One-name-per-line listings under an optional `=====> <title>` header.
//!
//! Several Dokku lists (`apps:list`, `network:list`, …) print `=====> <title>` and then one name
//! per line; `--quiet` drops the header. The plugin crates own their titles.

use nom::combinator::verify;

use super::{
    TextError,
    column::column,
    header::{INFO1_MARKER, INFO2_MARKER, info2_header},
    line::{numbered_lines, parse_line},
};

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

#[cfg(test)]
mod tests {
    use super::*;

    const TITLE: &str = "Things";

    #[test]
    fn header_is_optional() {
        assert_eq!(parse_name_list("=====> Things\na1\na2\n", TITLE).unwrap(), ["a1", "a2"]);
        assert_eq!(parse_name_list("a1\n", TITLE).unwrap(), ["a1"]);
        assert_eq!(parse_name_list("=====> Things\n", TITLE).unwrap(), Vec::<String>::new());
        assert_eq!(parse_name_list("", TITLE).unwrap(), Vec::<String>::new());
    }

    #[test]
    fn wrong_header_or_spaces_are_errors() {
        assert_eq!(parse_name_list("=====> Others\nx\n", TITLE).unwrap_err().line(), 1);
        assert_eq!(parse_name_list("=====> Things\na b\n", TITLE).unwrap_err().line(), 2);
        assert_eq!(parse_name_list("a\n=====> Things\n", TITLE).unwrap_err().line(), 2);
        assert_eq!(parse_name_list(" !     Nothing here yet\n", TITLE).unwrap_err().line(), 1);
    }
}
