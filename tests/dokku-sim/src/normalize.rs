//! The one normalisation the conformance test applies to both real and simulated output: it
//! blanks values that differ between any two runs of Dokku itself.
//!
//! * 10-digit Unix timestamps after `created at:` (report lines) and in `"created-at":"…"` /
//!   `"app-created-at":"…"` JSON members become `<timestamp>`;
//! * the random port of `-----> Random port <n>` becomes `<port>`;
//! * docker network ids (12 hex digits) in `ID:` lines of `network:info` and in `"ID":"…"` JSON
//!   members become `<network-id>`.
//!
//! It is written without regexes, token by token, so that it cannot match anything wider.

/// Applies the normalisation to a whole output.
pub fn normalize_volatile(text: &str) -> String {
    let lines: Vec<String> = text.split('\n').map(normalize_line).collect();
    lines.join("\n")
}

/// Normalises one line.
fn normalize_line(line: &str) -> String {
    let mut line = line.to_string();
    if let Some(index) = line.find("created at:") {
        let (head, tail) = line.split_at(index + "created at:".len());
        let trimmed = tail.trim_start();
        if is_digits(trimmed, 10) {
            line = format!("{head}{}<timestamp>", &tail[..tail.len() - trimmed.len()]);
        }
    }
    if let Some(rest) = line.strip_prefix("-----> Random port ")
        && !rest.is_empty()
        && rest.chars().all(|c| c.is_ascii_digit())
    {
        line = "-----> Random port <port>".to_string();
    }
    if let Some(rest) = line.strip_prefix("       ID:")
        && is_hex(rest.trim_start(), 12)
    {
        line = format!("       ID:{}<network-id>", &rest[..rest.len() - rest.trim_start().len()]);
    }
    for key in ["\"created-at\":\"", "\"app-created-at\":\""] {
        line = replace_quoted(&line, key, |value| is_digits(value, 10), "<timestamp>");
    }
    replace_quoted(&line, "\"ID\":\"", |value| is_hex(value, 12), "<network-id>")
}

/// Replaces the string value after every `key` (which ends with the opening quote) when
/// `matches` accepts it.
fn replace_quoted(line: &str, key: &str, matches: impl Fn(&str) -> bool, placeholder: &str) -> String {
    let mut output = String::new();
    let mut rest = line;
    while let Some(index) = rest.find(key) {
        let (head, tail) = rest.split_at(index + key.len());
        output.push_str(head);
        match tail.find('"') {
            Some(end) if matches(&tail[..end]) => {
                output.push_str(placeholder);
                rest = &tail[end..];
            }
            _ => rest = tail,
        }
    }
    output.push_str(rest);
    output
}

/// Exactly `count` ASCII digits.
fn is_digits(text: &str, count: usize) -> bool {
    text.len() == count && text.chars().all(|c| c.is_ascii_digit())
}

/// Exactly `count` lower-case hex digits.
fn is_hex(text: &str, count: usize) -> bool {
    text.len() == count && text.chars().all(|c| c.is_ascii_digit() || ('a'..='f').contains(&c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_ports_and_ids_are_blanked() {
        assert_eq!(
            normalize_volatile("       App created at:   1795694096\n"),
            "       App created at:   <timestamp>\n"
        );
        assert_eq!(
            normalize_volatile("{\"app-created-at\":\"1795694096\",\"created-at\":\"1795694096\"}"),
            "{\"app-created-at\":\"<timestamp>\",\"created-at\":\"<timestamp>\"}"
        );
        assert_eq!(normalize_volatile("-----> Random port 45791"), "-----> Random port <port>");
        assert_eq!(
            normalize_volatile("       ID:             694371e43c08"),
            "       ID:             <network-id>"
        );
        assert_eq!(normalize_volatile("[{\"ID\":\"17f29b073143\"}]"), "[{\"ID\":\"<network-id>\"}]");
        assert_eq!(normalize_volatile("App dir: /home/dokku/app1"), "App dir: /home/dokku/app1");
    }
}
