//! Outputs whose order real Dokku does not fix: it prints them while ranging over a Go map,
//! whose iteration order is random on every run. The replay compares such an output in a
//! canonical order (the same lines or JSON array members, sorted), so a capture's one random
//! order neither fails the simulator nor is imitated by it.
//!
//! * `network:list`: `getNetworks()` (plugins/network/functions.go) returns a
//!   `map[string]DockerNetwork`, and `CommandList` (plugins/network/subcommands.go) prints its
//!   names, or marshals a slice appended in that order for `--format json`.

/// The canonical form of `stdout` for the Dokku argv `args` (subcommand first), or `None` when
/// Dokku prints that command's output in a fixed order.
pub fn canonical_order(args: &[String], stdout: &str) -> Option<String> {
    if args.first().map(String::as_str) != Some("network:list") {
        return None;
    }
    let json = args.windows(2).any(|pair| pair[0] == "--format" && pair[1] == "json");
    Some(if json { sorted_json_array(stdout) } else { sorted_lines_after_header(stdout) })
}

/// The `=====> Networks` header stays first; the names below it are sorted.
fn sorted_lines_after_header(stdout: &str) -> String {
    let mut lines: Vec<&str> = stdout.lines().collect();
    let first_name = usize::from(lines.first().is_some_and(|line| line.starts_with("=====>")));
    lines[first_name..].sort_unstable();
    lines.iter().map(|line| format!("{line}\n")).collect()
}

/// A one-line JSON array of objects with its top-level members sorted as text.
fn sorted_json_array(stdout: &str) -> String {
    let line = stdout.trim_end_matches('\n');
    let Some(inner) = line.strip_prefix('[').and_then(|rest| rest.strip_suffix(']')) else {
        return stdout.to_owned();
    };
    let mut members = top_level_members(inner);
    members.sort_unstable();
    format!("[{}]\n", members.join(","))
}

/// Splits the inside of a JSON array at the commas that separate its members (not those inside
/// objects, arrays or strings).
fn top_level_members(inner: &str) -> Vec<&str> {
    let mut members = Vec::new();
    let (mut depth, mut in_string, mut escaped, mut start) = (0_i32, false, false, 0);
    for (index, byte) in inner.bytes().enumerate() {
        if in_string {
            match byte {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match byte {
            b'"' => in_string = true,
            b'{' | b'[' => depth += 1,
            b'}' | b']' => depth -= 1,
            b',' if depth == 0 => {
                members.push(&inner[start..index]);
                start = index + 1;
            }
            _ => {}
        }
    }
    if !inner.is_empty() {
        members.push(&inner[start..]);
    }
    members
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(words: &[&str]) -> Vec<String> {
        words.iter().map(|w| (*w).to_owned()).collect()
    }

    #[test]
    fn network_names_compare_in_any_order() {
        let one = canonical_order(&args(&["network:list"]), "=====> Networks\nnone\nbridge\nhost\n");
        let two = canonical_order(&args(&["network:list"]), "=====> Networks\nhost\nnone\nbridge\n");
        assert_eq!(one, two);
        assert_eq!(one.as_deref(), Some("=====> Networks\nbridge\nhost\nnone\n"));
    }

    #[test]
    fn json_members_compare_in_any_order() {
        let list = args(&["network:list", "--format", "json"]);
        let one = canonical_order(&list, "[{\"Labels\":{\"a\":\"1,2\"},\"Name\":\"b\"},{\"Name\":\"a\"}]\n");
        let two = canonical_order(&list, "[{\"Name\":\"a\"},{\"Labels\":{\"a\":\"1,2\"},\"Name\":\"b\"}]\n");
        assert_eq!(one, two);
        assert_eq!(canonical_order(&list, "[]\n").as_deref(), Some("[]\n"));
    }

    #[test]
    fn other_outputs_keep_their_order() {
        assert_eq!(canonical_order(&args(&["apps:list"]), "b\na\n"), None);
    }
}
