//! The shell words an option denotes, the way Dokku compares stored options.
//!
//! Dokku (0.38.25 and later) stores an option re-quoted in its own canonical form
//! (`--label "a b"` is stored as `--label 'a b'`) and matches options for removal by their shell
//! words, without expansion. Comparing by words makes a document written with other quoting
//! converge instead of adding the option again on every apply.

/// The words of `text` with quotes removed and nothing expanded; `None` when the quoting is
/// unbalanced (then only the exact text can match).
pub(crate) fn literal_words(text: &str) -> Option<Vec<String>> {
    let mut words = Vec::new();
    let mut word: Option<String> = None;
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        match c {
            ' ' | '\t' | '\n' => {
                words.extend(word.take());
            }
            '\'' => {
                let current = word.get_or_insert_with(String::new);
                loop {
                    match chars.next()? {
                        '\'' => break,
                        other => current.push(other),
                    }
                }
            }
            '"' => {
                let current = word.get_or_insert_with(String::new);
                loop {
                    match chars.next()? {
                        '"' => break,
                        '\\' => match chars.next()? {
                            escaped @ ('"' | '\\' | '$' | '`') => current.push(escaped),
                            '\n' => {}
                            other => {
                                current.push('\\');
                                current.push(other);
                            }
                        },
                        other => current.push(other),
                    }
                }
            }
            '\\' => {
                let current = word.get_or_insert_with(String::new);
                match chars.next() {
                    Some('\n') | None => {}
                    Some(escaped) => current.push(escaped),
                }
            }
            other => word.get_or_insert_with(String::new).push(other),
        }
    }
    words.extend(word);
    Some(words)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoting_styles_give_the_same_words() {
        let canonical = literal_words("--label 'com.example.q=a b'");
        assert_eq!(canonical, Some(vec!["--label".to_owned(), "com.example.q=a b".to_owned()]));
        assert_eq!(literal_words("--label \"com.example.q=a b\""), canonical);
        assert_eq!(literal_words("--label com.example.q=a\\ b"), canonical);
        assert_eq!(literal_words("-e 'A=it'\\''s'"), Some(vec!["-e".to_owned(), "A=it's".to_owned()]));
        assert_eq!(literal_words("-e \"$HOME\""), Some(vec!["-e".to_owned(), "$HOME".to_owned()]));
        assert_eq!(literal_words("-e MODE=web worker").map(|w| w.len()), Some(3));
        assert_eq!(literal_words("-e 'open"), None);
        assert_eq!(literal_words("--x ''"), Some(vec!["--x".to_owned(), String::new()]));
    }
}
