//! Pure parser: the `redirect <app>` table into [`Redirect`] records.
//!
//! ```text
//! SOURCE            DESTINATION      CODE
//! old.example.com   new.example.com  301
//! ```
//!
//! The plugin prints its `src:dest:code` file through `column -s: -t`, so the columns are as
//! wide as their longest cell and separated by at least two blanks. Domains contain no blanks
//! (and no `:`, the file's separator), so each row is exactly three blank-separated words, which
//! is sturdier than pydokku's header offsets. No redirects: nothing on stdout (the notice goes to
//! stderr), which parses as an empty list.

use dokku_core::text::{TextError, numbered_lines};

use crate::model::Redirect;

/// What the first line must be.
const EXPECTED_HEADER: &str = "the `SOURCE  DESTINATION  CODE` header";

/// What every later line must be.
const EXPECTED_ROW: &str = "a redirect row `<source> <destination> <code>`";

/// Parses `redirect <app>` output into the app's redirects, in printed (file) order.
pub fn parse_redirect_list(app: &str, text: &str) -> Result<Vec<Redirect>, TextError> {
    let mut redirects = Vec::new();
    let mut header_seen = false;
    for (line_no, line) in numbered_lines(text) {
        let words: Vec<&str> = line.split_whitespace().collect();
        if words.is_empty() {
            continue;
        }
        if !header_seen {
            if words != ["SOURCE", "DESTINATION", "CODE"] {
                return Err(TextError::new(line_no, EXPECTED_HEADER, line));
            }
            header_seen = true;
            continue;
        }
        let [source, destination, code] = words.as_slice() else {
            return Err(TextError::new(line_no, EXPECTED_ROW, line));
        };
        let code = code.parse().map_err(|_| TextError::new(line_no, EXPECTED_ROW, line))?;
        redirects.push(Redirect {
            app_name: app.to_owned(),
            source: (*source).to_owned(),
            destination: (*destination).to_owned(),
            code,
        });
    }
    Ok(redirects)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nothing_is_no_redirects() {
        assert_eq!(parse_redirect_list("app1", "").ok(), Some(Vec::new()));
    }

    #[test]
    fn bad_lines_are_errors_with_their_number() {
        let header = "SOURCE  DESTINATION  CODE\n";
        assert_eq!(parse_redirect_list("a", "nope\n").err().map(|e| e.line()), Some(1));
        let missing = format!("{header}old.example.com  301\n");
        assert_eq!(parse_redirect_list("a", &missing).err().map(|e| e.line()), Some(2));
        let bad_code = format!("{header}old.example.com  new.example.com  permanent\n");
        assert_eq!(parse_redirect_list("a", &bad_code).err().map(|e| e.line()), Some(2));
    }
}
