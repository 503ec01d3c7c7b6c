//! Go's `%q` verb (`strconv.Quote`) for the error messages that quote user input with it.
//! Unlike [`crate::go_json::go_string`] it leaves `<`, `>` and `&` alone.

/// A double-quoted Go string literal of `text`.
pub(crate) fn go_quote(text: &str) -> String {
    let mut quoted = String::with_capacity(text.len() + 2);
    quoted.push('"');
    for character in text.chars() {
        match character {
            '"' => quoted.push_str("\\\""),
            '\\' => quoted.push_str("\\\\"),
            '\n' => quoted.push_str("\\n"),
            '\r' => quoted.push_str("\\r"),
            '\t' => quoted.push_str("\\t"),
            '\u{7}' => quoted.push_str("\\a"),
            '\u{8}' => quoted.push_str("\\b"),
            '\u{c}' => quoted.push_str("\\f"),
            '\u{b}' => quoted.push_str("\\v"),
            c if u32::from(c) < 0x20 || c == '\u{7f}' => quoted.push_str(&format!("\\x{:02x}", u32::from(c))),
            c => quoted.push(c),
        }
    }
    quoted.push('"');
    quoted
}

#[cfg(test)]
mod tests {
    use super::go_quote;

    #[test]
    fn quotes_like_strconv_quote() {
        assert_eq!(go_quote("a<b>&\"c\\"), r#""a<b>&\"c\\""#);
        assert_eq!(go_quote("x\ty\u{1}"), r#""x\ty\x01""#);
    }
}
