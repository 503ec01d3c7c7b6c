//! The one error type of every text parser.

use std::borrow::Cow;

/// How many characters of the offending line an error keeps, so that a huge line (a JSON blob, a
/// binary stream) never floods a log message.
const MAX_FOUND_CHARS: usize = 80;

/// Text that did not match the expected Dokku output format.
///
/// It names what the parser expected, the 1-based line where it gave up and that line (cut to
/// about 80 characters). Parsers return it instead of panicking, whatever the input.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: expected {expected}, found {found:?}")]
pub struct TextError {
    line: usize,
    expected: Cow<'static, str>,
    found: String,
}

impl TextError {
    /// Builds an error for line `line` (1-based) whose text is `found`.
    ///
    /// `found` is truncated to about 80 characters (on a character boundary, marked with `…`).
    /// Plugin crates that compose the combinators of this module use it to report their own
    /// expectations.
    pub fn new(line: usize, expected: impl Into<Cow<'static, str>>, found: &str) -> Self {
        Self { line, expected: expected.into(), found: truncate(found) }
    }

    /// The 1-based line number where parsing stopped.
    pub fn line(&self) -> usize {
        self.line
    }

    /// What the parser expected at that line.
    pub fn expected(&self) -> &str {
        &self.expected
    }

    /// The offending line, truncated to about 80 characters.
    pub fn found(&self) -> &str {
        &self.found
    }
}

/// Keeps the first `MAX_FOUND_CHARS` characters of `text`, marking a cut with `…`.
fn truncate(text: &str) -> String {
    match text.char_indices().nth(MAX_FOUND_CHARS) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_are_cut_on_a_char_boundary() {
        let line = "é".repeat(200);
        let error = TextError::new(3, "a report field", &line);
        assert_eq!(error.found().chars().count(), MAX_FOUND_CHARS + 1);
        assert!(error.found().ends_with('…'));
        assert_eq!(error.line(), 3);
    }

    #[test]
    fn display_names_line_expectation_and_text() {
        let error = TextError::new(2, "a report field", "garbage");
        assert_eq!(error.to_string(), r#"line 2: expected a report field, found "garbage""#);
    }
}
