//! Splitting a space-joined options value back into options.
//!
//! The text report (and every report before Dokku 0.38.0, which had no `*-list` arrays) prints
//! a phase's options joined by single spaces. Dokku stores each option as one flag with its
//! values, so the value splits again at every shell word that starts with `-` (outside quotes),
//! as Dokku's own grouping does. A value word that starts with `-` cannot be told from a flag:
//! only the JSON arrays are exact.

use crate::model::DockerOption;

/// Shell words of `text` with their quotes kept, split on unquoted spaces.
fn words(text: &str) -> Vec<&str> {
    let mut words = Vec::new();
    let mut start = None;
    let mut quote = None;
    let mut escaped = false;
    for (i, c) in text.char_indices() {
        if escaped {
            escaped = false;
            continue;
        }
        match (quote, c) {
            (Some('\''), '\'') | (Some('"'), '"') => quote = None,
            (Some('"'), '\\') | (None, '\\') => escaped = true,
            (Some(_), _) => {}
            (None, '\'' | '"') => {
                quote = Some(c);
                start.get_or_insert(i);
            }
            (None, ' ' | '\t') => {
                if let Some(s) = start.take() {
                    words.push(&text[s..i]);
                }
            }
            (None, _) => {
                start.get_or_insert(i);
            }
        }
        if escaped {
            start.get_or_insert(i);
        }
    }
    if let Some(s) = start {
        words.push(&text[s..]);
    }
    words
}

/// The options of a space-joined value, in printed order.
pub(crate) fn split_joined(text: &str) -> Vec<DockerOption> {
    let mut options: Vec<Vec<&str>> = Vec::new();
    for word in words(text) {
        let is_flag = word.len() > 1 && word.starts_with('-');
        match options.last_mut() {
            Some(group) if !is_flag => group.push(word),
            _ => options.push(vec![word]),
        }
    }
    options.into_iter().map(|group| DockerOption::new(group.join(" "))).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<String> {
        split_joined(text).iter().map(|o| o.expose().to_owned()).collect()
    }

    #[test]
    fn splits_on_flags_outside_quotes() {
        assert_eq!(
            texts("--ulimit nofile=12288:12288 -e MODE=web worker"),
            ["--ulimit nofile=12288:12288", "-e MODE=web worker"]
        );
        assert_eq!(
            texts("-e 'A=x -y z' --label \"k=v w\" --cpus 1"),
            ["-e 'A=x -y z'", "--label \"k=v w\"", "--cpus 1"]
        );
        assert!(texts("").is_empty() && texts("   ").is_empty());
        assert_eq!(texts("--a --a"), ["--a", "--a"], "duplicates stay");
    }
}
