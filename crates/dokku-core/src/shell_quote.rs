//! POSIX shell quoting for rendering commands as runnable script lines.

/// Quotes one word so that a POSIX shell reads it back as exactly that word.
///
/// Words made only of characters that no shell treats specially stay bare, so scripts read well;
/// everything else is single-quoted, with embedded single quotes written as `'\''`.
pub fn quote(word: &str) -> String {
    let safe = !word.is_empty()
        && word.bytes().all(|b| {
            b.is_ascii_alphanumeric()
                || matches!(b, b'-' | b'_' | b'=' | b'/' | b',' | b'.' | b'+' | b':' | b'@' | b'%')
        });
    if safe {
        return word.to_owned();
    }
    let mut out = String::with_capacity(word.len() + 2);
    out.push('\'');
    for c in word.chars() {
        if c == '\'' {
            out.push_str("'\\''");
        } else {
            out.push(c);
        }
    }
    out.push('\'');
    out
}

#[cfg(test)]
mod tests {
    use super::quote;

    #[test]
    fn bare_words_stay_bare() {
        assert_eq!(quote("config:set"), "config:set");
        assert_eq!(quote("KEY=dmFsdWU="), "KEY=dmFsdWU=");
    }

    #[test]
    fn special_words_are_single_quoted() {
        assert_eq!(quote(""), "''");
        assert_eq!(quote("a b"), "'a b'");
        assert_eq!(quote("it's"), "'it'\\''s'");
        assert_eq!(quote("$HOME"), "'$HOME'");
        assert_eq!(quote("x;id|y"), "'x;id|y'");
    }
}
