//! `nom` parsers for Dokku's section header lines.
//!
//! Dokku prints headers through two log functions: `dokku_log_info2` / `LogInfo2` prefix the line
//! with `=====> ` (report blocks, `apps:list`, `network:list`) and `dokku_log_info1` / `LogInfo1`
//! with `-----> ` (`ports:list`, `storage:list`, `letsencrypt:list`). Both are dropped by the
//! global `--quiet` flag, so list parsers treat them as optional.

use nom::{
    IResult, Parser,
    bytes::complete::tag,
    character::complete::{space0, space1},
    sequence::preceded,
};

use super::column::rest_of_line;

/// The marker of a `dokku_log_info2` header line.
pub const INFO2_MARKER: &str = "=====>";

/// The marker of a `dokku_log_info1` header line.
pub const INFO1_MARKER: &str = "----->";

/// Parses `=====> text` and returns `text` without surrounding whitespace.
///
/// Leading blanks before the marker are accepted, because some tables (`ports:list`) indent a
/// header row.
pub fn info2_header(input: &str) -> IResult<&str, &str> {
    preceded((space0, tag(INFO2_MARKER), space1), rest_of_line).parse(input)
}

/// Parses `-----> text` and returns `text` without surrounding whitespace.
///
/// Leading blanks before the marker are accepted, because `ports:list` indents its column header
/// row by four spaces.
pub fn info1_header(input: &str) -> IResult<&str, &str> {
    preceded((space0, tag(INFO1_MARKER), space1), rest_of_line).parse(input)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_return_their_text() {
        assert_eq!(info2_header("=====> My Apps"), Ok(("", "My Apps")));
        assert_eq!(info1_header("    -----> scheme  host port  "), Ok(("", "scheme  host port")));
        assert!(info2_header("-----> My Apps").is_err());
        assert!(info2_header("=====>My Apps").is_err());
    }
}
