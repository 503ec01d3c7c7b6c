//! Dokku's `ENV` files read as Dokku reads them, pure.
//!
//! From Dokku 0.38.0 the config plugin keeps an app's variables in
//! `$DOKKU_LIB_ROOT/config/<app>/ENV` and the global ones in `$DOKKU_LIB_ROOT/config/--global/ENV`
//! (`plugins/config/environment.go`, `getAppFile`/`getGlobalFile`, at v0.38.27). It writes them
//! with `godotenv.Write` (joho/godotenv v1.5.1: sorted `KEY="escaped"` lines, or `KEY=<n>` when
//! the value parses as an integer) and reads them with `godotenv.Read`, then drops every key
//! that is not `^[a-zA-Z_][a-zA-Z0-9_]*$`. `config:export` prints what that read gives, so the
//! file path must reproduce the read exactly, quirks included: a quoted value's escapes are
//! undone in two passes, `$NAME` is expanded from earlier variables, and a written value ending
//! in `"` or `\` does not survive the round trip on the server either. Other plugins read
//! their settings kept as config variables (`NO_VHOST`) through the same reader.

/// The first Dokku whose `ENV` files live in the property store (read by the root file path).
pub const IN_PROPERTY_STORE_SINCE: crate::DokkuVersion = crate::DokkuVersion::new(0, 38, 0);

/// The `ENV` file of `app` (`None`: the global one) relative to `$DOKKU_LIB_ROOT/config/`
/// (Dokku 0.38.0 and later).
pub fn relative_path(app: Option<&str>) -> String {
    format!("{}/ENV", app.unwrap_or("--global"))
}

/// One variable read from an `ENV` file, in file order (a later duplicate wins).
pub type EnvEntries = Vec<(String, String)>;

/// What reading an `ENV` file gave: the variables Dokku keeps, and notes about content Dokku
/// would have dropped or could not resolve (names only, never a value).
#[derive(Debug, Default, PartialEq, Eq)]
pub struct EnvRead {
    /// The variables, by first appearance.
    pub vars: EnvEntries,
    /// Problems with the content, without values.
    pub notes: Vec<String>,
}

/// Reads an `ENV` file's text as Dokku 0.38.27 does; `Err` (without values) when godotenv
/// would fail, in which case every Dokku config command fails on that file too.
pub fn read_env_file(text: &str) -> Result<EnvRead, String> {
    let text = text.replace("---\n", "\n").replace("\r\n", "\n");
    let mut read = EnvRead::default();
    let mut rest = text.as_str();
    while let Some(statement) = statement_start(rest) {
        let (key, after_key) = key_name(statement)?;
        let (value, after_value) = value(after_key, &read.vars, &mut read.notes)?;
        match read.vars.iter_mut().find(|(k, _)| *k == key) {
            Some(entry) => entry.1 = value,
            None => read.vars.push((key, value)),
        }
        match after_value {
            Some(next) => rest = next,
            None => break,
        }
    }
    let before = read.vars.len();
    read.vars.retain(|(key, _)| valid_key(key));
    if read.vars.len() != before {
        read.notes.push(format!(
            "{} variable name(s) are not valid (Dokku deletes them on its next read)",
            before - read.vars.len()
        ));
    }
    Ok(read)
}

/// godotenv's "space": blanks but not line ends.
fn is_blank(c: char) -> bool {
    matches!(c, '\t' | '\u{b}' | '\u{c}' | '\r' | ' ' | '\u{85}' | '\u{a0}')
}

/// Skips whitespace (line ends included) and `#` comment lines; `None` at the end.
fn statement_start(mut src: &str) -> Option<&str> {
    loop {
        src = src.trim_start();
        if src.is_empty() {
            return None;
        }
        if !src.starts_with('#') {
            return Some(src);
        }
        src = &src[src.find('\n')?..];
    }
}

/// The key before `=` (or `:`), after an optional `export `; the rest after the separator.
fn key_name(src: &str) -> Result<(String, &str), String> {
    let mut src = src.trim_start_matches(is_blank);
    if let Some(after) = src.strip_prefix("export")
        && after.starts_with(is_blank)
    {
        src = after.trim_start_matches(is_blank);
    }
    let mut end = None;
    for (i, c) in src.char_indices() {
        match c {
            _ if is_blank(c) => {}
            '=' | ':' => {
                end = Some(i);
                break;
            }
            '_' | '.' => {}
            _ if c.is_alphanumeric() => {}
            // The character may belong to a value that ran on (no part of a value is shown).
            _ => return Err("an unexpected character in a variable name".into()),
        }
    }
    if src.is_empty() {
        return Err("a statement without a name".into());
    }
    Ok(match end {
        Some(i) => (src[..i].trim_end().to_owned(), src[i + 1..].trim_start_matches(is_blank)),
        // godotenv reads the rest as the value of an empty name, which Dokku then drops.
        None => (String::new(), src.trim_start_matches(is_blank)),
    })
}

/// The value at the start of `src` and what follows it (`None`: the end of the file).
fn value<'a>(
    src: &'a str,
    vars: &EnvEntries,
    notes: &mut Vec<String>,
) -> Result<(String, Option<&'a str>), String> {
    let quote = match src.chars().next() {
        Some(q @ ('"' | '\'')) => q,
        _ => {
            let end = src.find(['\n', '\r']).unwrap_or(src.len());
            if end == 0 {
                return Ok((String::new(), (!src.is_empty()).then_some(src)));
            }
            let line = &src[..end];
            // A ` #` (or tab) starts a comment: the last one found from the end cuts.
            let chars: Vec<(usize, char)> = line.char_indices().collect();
            let cut = (1..chars.len())
                .rev()
                .find(|&i| chars[i].1 == '#' && is_blank(chars[i - 1].1))
                .map_or(line.len(), |i| chars[i].0);
            let trimmed = line[..cut].trim_matches(is_blank);
            return Ok((expand_variables(trimmed, vars, notes), Some(&src[end..])));
        }
    };
    let bytes = src.as_bytes();
    let terminator = (1..bytes.len()).find(|&i| bytes[i] == quote as u8 && bytes[i - 1] != b'\\');
    let Some(i) = terminator else {
        return Err(format!("an unterminated {quote}-quoted value"));
    };
    let inner = src[..i].trim_matches(quote);
    let value = if quote == '"' { expand_variables(&unescape(inner), vars, notes) } else { inner.to_owned() };
    Ok((value, Some(&src[i + 1..])))
}

/// godotenv's two passes over a double-quoted value: `\n` and `\r` become line ends (other
/// `\x` pairs stay), then a backslash before anything but `$` goes.
fn unescape(value: &str) -> String {
    let mut first = String::with_capacity(value.len());
    let mut chars = value.chars().peekable();
    while let Some(c) = chars.next() {
        // Go's `.` does not match a line end, so `\` before one is no pair.
        match (c, chars.peek().copied()) {
            ('\\', Some(next)) if next != '\n' => {
                chars.next();
                match next {
                    'n' => first.push('\n'),
                    'r' => first.push('\r'),
                    _ => {
                        first.push('\\');
                        first.push(next);
                    }
                }
            }
            _ => first.push(c),
        }
    }
    let mut second = String::with_capacity(first.len());
    let mut chars = first.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, chars.peek().copied()) {
            ('\\', Some(next)) if next != '$' => {
                chars.next();
                second.push(next);
            }
            _ => second.push(c),
        }
    }
    second
}

/// godotenv's expansion: `\$…` loses its backslash, `$NAME`/`${NAME}`/`$(NAME` becomes the
/// value of an earlier variable (or of Dokku's own environment, which a file cannot show: that
/// reads as empty and is noted), anything else stays.
fn expand_variables(value: &str, vars: &EnvEntries, notes: &mut Vec<String>) -> String {
    let mut out = String::with_capacity(value.len());
    let mut rest = value;
    while let Some(at) = rest.find('$') {
        let escaped = at > 0 && rest.as_bytes()[at - 1] == b'\\';
        let start = if escaped { at - 1 } else { at };
        out.push_str(&rest[..start]);
        let mut end = at + 1;
        let after = |end: usize, c: u8| rest.as_bytes().get(end) == Some(&c);
        if after(end, b'(') {
            end += 1;
        }
        if after(end, b'{') {
            end += 1;
        }
        let name_start = end;
        while rest
            .as_bytes()
            .get(end)
            .is_some_and(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || *b == b'_')
        {
            end += 1;
        }
        let name = &rest[name_start..end];
        if after(end, b'}') {
            end += 1;
        }
        let matched = &rest[start..end];
        if escaped {
            out.push_str(&matched[1..]);
        } else if !name.is_empty() {
            match vars.iter().find(|(k, _)| k == name) {
                Some((_, v)) => out.push_str(v),
                None => notes.push(format!("${name} refers to no earlier variable: read as empty")),
            }
        } else {
            out.push_str(matched);
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// Dokku's rule for variable names, `^[a-zA-Z_][a-zA-Z0-9_]*$` (`validateKey` in
/// `plugins/config/config.go`): what a read keeps and what `config:set` accepts.
pub fn valid_key(key: &str) -> bool {
    let mut chars = key.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Writes variables as `godotenv.Write` does (sorted lines, integers bare, the rest
    /// double-quoted with `\ \n \r " ! $ backtick` escaped, one trailing newline): the other half of
    /// the round-trip tests.
    fn write_env_file<'a>(vars: impl IntoIterator<Item = (&'a str, &'a str)>) -> String {
        let mut lines: Vec<String> = vars
            .into_iter()
            .map(|(key, value)| match go_atoi(value) {
                Some(n) => format!("{key}={n}"),
                None => {
                    let mut escaped = String::with_capacity(value.len());
                    for c in value.chars() {
                        match c {
                            '\n' => escaped.push_str("\\n"),
                            '\r' => escaped.push_str("\\r"),
                            '\\' | '"' | '!' | '$' | '`' => {
                                escaped.push('\\');
                                escaped.push(c);
                            }
                            _ => escaped.push(c),
                        }
                    }
                    format!("{key}=\"{escaped}\"")
                }
            })
            .collect();
        lines.sort();
        lines.join("\n") + "\n"
    }

    /// Go's `strconv.Atoi` on a 64-bit server: an optional sign and ASCII digits that fit an i64.
    fn go_atoi(value: &str) -> Option<i64> {
        let digits = value.strip_prefix(['+', '-']).unwrap_or(value);
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        value.strip_prefix('+').unwrap_or(value).parse().ok()
    }

    fn vars(text: &str) -> Vec<(String, String)> {
        read_env_file(text).map(|r| r.vars).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn what_dokku_writes_reads_back() {
        let values = [
            ("PLAIN", "hello world"),
            ("QUOTES", "say \"hi\" it's"),
            ("SHELL", "$HOME and `cmd` and ${X} and \\$ and !"),
            ("LINES", "one\ntwo\r\nthree"),
            ("BACKSLASH_N", "a\\nb"),
            ("EMPTY", ""),
            ("NUMBER", "42"),
            ("HASH", "a #not a comment"),
            ("UNICODE", "héllo ✓"),
        ];
        let text = write_env_file(values.iter().copied());
        let mut read = vars(&text);
        read.sort();
        let mut expected: Vec<_> = values.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        expected.sort();
        assert_eq!(read, expected);
    }

    #[test]
    fn godotenv_quirks_are_kept() {
        // Integers are written bare, so a leading zero or sign does not survive on the server.
        assert_eq!(
            vars(&write_env_file([("A", "007"), ("B", "+5")])),
            [("A".into(), "7".into()), ("B".into(), "5".into())]
        );
        // A value ending in `"` loses it: the escaped quote is not a terminator, the trim eats the rest.
        assert_eq!(vars(&write_env_file([("A", "ab\"")])), [("A".into(), "ab\\".into())]);
        // Unquoted values: `export`, comments, `:` separators and expansion of earlier names.
        let text = "# c\nexport A=1 # note\nB: x$A\nC='$A raw'\nD=${A}y\n";
        assert_eq!(
            vars(text),
            [
                ("A".into(), "1".into()),
                ("B".into(), "x1".into()),
                ("C".into(), "$A raw".into()),
                ("D".into(), "1y".into())
            ]
        );
    }

    #[test]
    fn invalid_names_are_dropped_with_a_note_and_bad_files_fail_without_values() {
        let read = read_env_file("1BAD=x\nGOOD=y\n").unwrap_or_default();
        assert_eq!(read.vars, [("GOOD".to_owned(), "y".to_owned())]);
        assert_eq!(read.notes.len(), 1);
        let err = read_env_file("A=\"hunter2\nB=1\n").err().unwrap_or_default();
        assert!(err.contains("unterminated") && !err.contains("hunter2"), "{err}");
        assert!(read_env_file("A-B=1\n").is_err());
        assert_eq!(read_env_file("").map(|r| r.vars), Ok(Vec::new()));
        let unresolved = read_env_file("A=\"$MISSING\"\n").unwrap_or_default();
        assert_eq!(unresolved.vars, [("A".to_owned(), String::new())]);
        assert!(unresolved.notes[0].contains("$MISSING"));
    }
}
