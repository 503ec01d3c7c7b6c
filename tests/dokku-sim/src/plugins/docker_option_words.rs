//! How plugins/docker-options/dockeroptions.go turns the option words of
//! `docker-options:add|remove` into stored options: the words are joined with spaces, split
//! again as shell words without expansion (`literalFields`, mvdan.cc/sh's `WordsSeq`), grouped
//! so each group starts at a token beginning with `-` (`groupOptionTokens`), and every group is
//! re-joined with shell quoting where needed (`joinShellTokens`). A `--process` group is lifted
//! out as a process type (`SplitOptionString`).
//!
//! Not modelled from mvdan.cc/sh: shell operators (`;`, `|`, `&`, redirections) and `$'…'`
//! quoting, which the real parser rejects or interprets; here they are ordinary characters.

/// The options and lifted process types of one option string (`SplitOptionString`).
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct SplitOptions {
    /// One canonical option per flag group.
    pub(crate) options: Vec<String>,
    /// Process types given as `--process X` / `--process=X` inside the option words.
    pub(crate) processes: Vec<String>,
}

/// `SplitOptionString`.
pub(crate) fn split_option_string(input: &str) -> Result<SplitOptions, String> {
    let mut split = SplitOptions::default();
    if input.trim().is_empty() {
        return Ok(split);
    }
    let fields = literal_fields(input).map_err(|error| format!("Unable to parse docker option: {error}"))?;
    for group in group_option_tokens(fields) {
        let head = group[0].as_str();
        if head == "--process" {
            match group.len() {
                1 => return Err("--process requires a value".to_owned()),
                2 => split.processes.push(group[1].clone()),
                more => return Err(format!("--process accepts a single value, got {}", more - 1)),
            }
            continue;
        }
        if let Some(process) = head.strip_prefix("--process=") {
            if group.len() > 1 {
                return Err("--process=value cannot be followed by additional tokens".to_owned());
            }
            split.processes.push(process.to_owned());
            continue;
        }
        split.options.push(join_shell_tokens(&group));
    }
    Ok(split)
}

/// `optionsEqual`: the same string, or the same shell words.
pub(crate) fn options_equal(stored: &str, option: &str) -> bool {
    if stored == option {
        return true;
    }
    match (literal_fields(stored), literal_fields(option)) {
        (Ok(stored), Ok(option)) => stored == option,
        _ => false,
    }
}

/// `literalFields`: shell words with quotes removed and nothing expanded; an unquoted `#` at
/// the start of a word begins a comment. The error is mvdan.cc/sh's parse error text.
fn literal_fields(input: &str) -> Result<Vec<String>, String> {
    let characters: Vec<char> = input.chars().collect();
    let mut fields = Vec::new();
    let mut index = 0;
    let mut current = String::new();
    let mut in_word = false;
    while index < characters.len() {
        let character = characters[index];
        match character {
            ' ' | '\t' | '\n' => {
                if in_word {
                    fields.push(std::mem::take(&mut current));
                    in_word = false;
                }
            }
            '#' if !in_word => break,
            '\\' => {
                in_word = true;
                match characters.get(index + 1) {
                    Some('\n') => index += 1,
                    Some(next) => {
                        current.push(*next);
                        index += 1;
                    }
                    None => current.push('\\'),
                }
            }
            '\'' => {
                in_word = true;
                let start = index;
                index += 1;
                while index < characters.len() && characters[index] != '\'' {
                    current.push(characters[index]);
                    index += 1;
                }
                if index == characters.len() {
                    return Err(unclosed_quote(&characters, start, '\''));
                }
            }
            '"' => {
                in_word = true;
                let start = index;
                index += 1;
                while index < characters.len() && characters[index] != '"' {
                    // unquoteBackslashes inside double quotes: only \$, \`, \", \\ and an
                    // escaped newline lose their backslash.
                    if characters[index] == '\\'
                        && let Some(next) = characters.get(index + 1)
                    {
                        match next {
                            '\n' => index += 1,
                            '$' | '`' | '"' | '\\' => {
                                current.push(*next);
                                index += 1;
                            }
                            _ => current.push('\\'),
                        }
                    } else {
                        current.push(characters[index]);
                    }
                    index += 1;
                }
                if index == characters.len() {
                    return Err(unclosed_quote(&characters, start, '"'));
                }
            }
            other => {
                in_word = true;
                current.push(other);
            }
        }
        index += 1;
    }
    if in_word {
        fields.push(current);
    }
    Ok(fields)
}

/// mvdan.cc/sh's error for a quote left open: `<line>:<column>: reached EOF without closing
/// quote <q>`, at the opening quote.
fn unclosed_quote(characters: &[char], start: usize, quote: char) -> String {
    let before = &characters[..start];
    let line = before.iter().filter(|c| **c == '\n').count() + 1;
    let line_start = before.iter().rposition(|c| *c == '\n').map_or(0, |p| p + 1);
    let column: usize = before[line_start..].iter().map(|c| c.len_utf8()).sum::<usize>() + 1;
    format!("{line}:{column}: reached EOF without closing quote {quote}")
}

/// `groupOptionTokens`: a new group at every token that looks like a flag.
fn group_option_tokens(fields: Vec<String>) -> Vec<Vec<String>> {
    let mut groups: Vec<Vec<String>> = Vec::new();
    let mut current: Vec<String> = Vec::new();
    for token in fields {
        let is_flag = token.len() > 1 && token.starts_with('-');
        if is_flag && !current.is_empty() {
            groups.push(std::mem::take(&mut current));
        }
        current.push(token);
    }
    if !current.is_empty() {
        groups.push(current);
    }
    groups
}

/// `joinShellTokens`.
fn join_shell_tokens(tokens: &[String]) -> String {
    tokens.iter().map(|token| quote_shell_arg(token)).collect::<Vec<_>>().join(" ")
}

/// `quoteShellArg`: single quotes around tokens with characters the shell would interpret.
fn quote_shell_arg(token: &str) -> String {
    if token.is_empty() {
        return "''".to_owned();
    }
    let needs_quoting = token.chars().any(|c| {
        matches!(
            c,
            ' ' | '\t'
                | '\n'
                | '"'
                | '\''
                | '$'
                | '`'
                | '\\'
                | '*'
                | '?'
                | '['
                | ']'
                | '<'
                | '>'
                | '|'
                | '&'
                | ';'
                | '('
                | ')'
                | '{'
                | '}'
                | '!'
                | '#'
                | '~'
        )
    });
    if !needs_quoting {
        return token.to_owned();
    }
    format!("'{}'", token.replace('\'', r"'\''"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn options(input: &str) -> Vec<String> {
        split_option_string(input).unwrap().options
    }

    #[test]
    fn groups_on_flag_boundaries_and_requotes() {
        assert_eq!(options("--build-arg X=Y --link a --link b"), ["--build-arg X=Y", "--link a", "--link b"]);
        assert_eq!(options("-e MODE=web worker"), ["-e MODE=web worker"]);
        assert_eq!(options(r#"-e "A=x y""#), ["-e 'A=x y'"]);
        assert_eq!(options(r#"--label 'it'\''s'"#), [r"--label 'it'\''s'"]);
        assert_eq!(options(r#"-e "P=\$HOME""#), ["-e 'P=$HOME'"]);
        assert_eq!(options("  "), Vec::<String>::new());
    }

    #[test]
    fn lifts_process_groups() {
        let split = split_option_string("--cpus 1 --process worker").unwrap();
        assert_eq!(split.options, ["--cpus 1"]);
        assert_eq!(split.processes, ["worker"]);
        assert_eq!(split_option_string("--process").unwrap_err(), "--process requires a value");
        assert_eq!(
            split_option_string("--process a b").unwrap_err(),
            "--process accepts a single value, got 2"
        );
    }

    #[test]
    fn unbalanced_quotes_are_parse_errors() {
        assert_eq!(
            split_option_string("-e 'A").unwrap_err(),
            "Unable to parse docker option: 1:4: reached EOF without closing quote '"
        );
    }

    #[test]
    fn equality_is_by_shell_words() {
        assert!(options_equal("-e 'A=x y'", r#"-e "A=x y""#));
        assert!(!options_equal("-e A=x", "-e A=y"));
    }
}
