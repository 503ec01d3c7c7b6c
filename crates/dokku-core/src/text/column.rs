//! `nom` parsers for whitespace-separated table columns.
//!
//! Dokku's tables come from `printf "%-Ns"`, Go's `columnize` or `column -t`: cells are padded
//! with spaces and overflow their width when too long, so the only reliable separator is a run of
//! blanks. Each table parser composes [`column()`] for the fixed leading cells and
//! [`rest_of_line`] for a last cell that may contain spaces (a plugin description).

use nom::{
    IResult, Parser,
    bytes::complete::take_till1,
    character::complete::space0,
    combinator::{map, rest},
    sequence::preceded,
};

/// One column: skips leading blanks and returns the following run of non-blank characters.
///
/// Fails on a line with no cell left.
pub fn column(input: &str) -> IResult<&str, &str> {
    preceded(space0, take_till1(char::is_whitespace)).parse(input)
}

/// The remainder of the line with surrounding whitespace removed; may be empty.
///
/// Trailing padding (bash `printf "%-25s"` leaves it on every row) is never part of a value.
pub fn rest_of_line(input: &str) -> IResult<&str, &str> {
    map(rest, str::trim).parse(input)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_then_rest() {
        let line = "  apps                 0.38.27 enabled    dokku core apps plugin   ";
        let parsed = (column, column, column, rest_of_line).parse(line);
        assert_eq!(parsed, Ok(("", ("apps", "0.38.27", "enabled", "dokku core apps plugin"))));
    }

    #[test]
    fn column_fails_on_blank_input() {
        assert!(column("   ").is_err());
        assert_eq!(rest_of_line("   "), Ok(("", "")));
    }
}
