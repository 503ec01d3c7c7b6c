//! Line splitting and the bridge from a `nom` parser on one line to a [`TextError`].
//!
//! Dokku's text formats are line oriented: every parser in this module walks numbered lines and
//! runs a small `nom` grammar on each one, so errors can always name the line.

use nom::Parser;

use super::TextError;

/// Splits `text` into `(line number, line)` pairs, numbering from 1.
///
/// Lines end at `\n` or `\r\n` (the terminator is not part of the line) and a final newline does
/// not produce an extra empty line, so output captured through a terminal or a Windows tool parses
/// like the original.
pub fn numbered_lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.lines().enumerate().map(|(index, line)| (index + 1, line.strip_suffix('\r').unwrap_or(line)))
}

/// Runs `parser` on the whole of `line`, which is line number `line_no` of the input.
///
/// The parser must consume the line up to trailing whitespace; anything else becomes a
/// [`TextError`] that says `expected` and quotes the line.
pub fn parse_line<'a, O, P>(
    line_no: usize,
    line: &'a str,
    expected: &'static str,
    mut parser: P,
) -> Result<O, TextError>
where
    P: Parser<&'a str, Output = O, Error = nom::error::Error<&'a str>>,
{
    match parser.parse(line) {
        Ok((rest, output)) if rest.trim().is_empty() => Ok(output),
        _ => Err(TextError::new(line_no, expected, line)),
    }
}

#[cfg(test)]
mod tests {
    use nom::bytes::complete::tag;

    use super::*;

    #[test]
    fn crlf_and_final_newline_are_dropped() {
        let lines: Vec<_> = numbered_lines("a\r\nb\n\nc\n").collect();
        assert_eq!(lines, [(1, "a"), (2, "b"), (3, ""), (4, "c")]);
    }

    #[test]
    fn parse_line_requires_the_whole_line() {
        assert_eq!(parse_line(1, "abc  ", "abc", tag("abc")), Ok("abc"));
        let error = parse_line(7, "abcd", "abc", tag::<_, _, nom::error::Error<&str>>("abc"));
        assert_eq!(error.map_err(|e| e.line()), Err(7));
    }
}
