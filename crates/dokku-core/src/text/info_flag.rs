//! Single-flag report output (`dokku apps:report app1 --app-dir`).

/// Returns the value printed by `dokku <plugin>:report <app> --<flag>`.
///
/// Dokku prints the bare value and one newline; the Go renderer prints an empty line for an empty
/// value and the bash renderer prints nothing, so both give `""`. Only that one line terminator
/// (`\n` or `\r\n`) is removed: the value itself is returned verbatim, including any newline or
/// trailing space of its own. This never fails.
pub fn parse_info_flag(text: &str) -> &str {
    let text = text.strip_suffix('\n').unwrap_or(text);
    text.strip_suffix('\r').unwrap_or(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_one_line_terminator() {
        assert_eq!(parse_info_flag("/home/dokku/app1\n"), "/home/dokku/app1");
        assert_eq!(parse_info_flag("x\r\n"), "x");
        assert_eq!(parse_info_flag("\n"), "");
        assert_eq!(parse_info_flag(""), "");
        assert_eq!(parse_info_flag("no newline"), "no newline");
        assert_eq!(parse_info_flag("a\nb\n"), "a\nb");
    }
}
