//! Redirects from Dokku's files (root fast path), pure: what `redirect <app>` prints, got from
//! the file it prints (dokku-redirect 0.9.1, `subcommands/default`).
//!
//! `redirect:set` appends `<source>:<destination>:<code>` to `$DOKKU_ROOT/<app>/REDIRECTS`; the
//! listing prints nothing for a missing or empty file, else each line through
//! `awk -F ':' '{ if ($3 == "") { $3 = "301" }; print }'` and `column -s: -t`. So a line's
//! fields are split on `:`, an empty third field is 301, and the table holds exactly what the
//! report parser ([`parse_redirect_list`](crate::parse_redirect_list)) accepts: three fields
//! without blanks, a numeric code. A line it would refuse is refused here too, by file and line.

use dokku_core::file_snapshot::FileSnapshot;

use crate::model::Redirect;

/// The redirects of `app` in file order, or why its `REDIRECTS` file does not read.
pub fn redirects_from_files(files: &FileSnapshot, app: &str) -> Result<Vec<Redirect>, String> {
    let Some(content) = files.dokku_root_file(&format!("{app}/REDIRECTS")) else {
        return Ok(Vec::new());
    };
    content
        .split('\n')
        .enumerate()
        .map(|(index, line)| {
            redirect_line(app, line).ok_or_else(|| {
                format!(
                    "$DOKKU_ROOT/{app}/REDIRECTS line {}: {line:?} is not `<source>:<destination>[:<code>]`",
                    index + 1
                )
            })
        })
        .collect()
}

/// One line as the listing prints it: awk's fields, the empty third one defaulted to 301.
fn redirect_line(app: &str, line: &str) -> Option<Redirect> {
    let mut fields: Vec<&str> = line.split(':').collect();
    if fields.len() < 3 {
        fields.resize(3, "");
    }
    let [source, destination, code] = fields.as_slice() else { return None };
    let code = if code.is_empty() { "301" } else { code };
    let word = |text: &str| !text.is_empty() && !text.chars().any(char::is_whitespace);
    if !word(source) || !word(destination) {
        return None;
    }
    Some(Redirect {
        app_name: app.to_owned(),
        source: (*source).to_owned(),
        destination: (*destination).to_owned(),
        code: code.parse().ok()?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn snapshot(output: &str) -> FileSnapshot {
        FileSnapshot::parse_roots(output, "/c", Some("/h"))
    }

    #[test]
    fn each_line_is_one_redirect_in_file_order_with_301_by_default() {
        let files = snapshot(
            "/h/a/REDIRECTS\0old.example.com:new.example.com:308\n\
             /h/a/REDIRECTS\0x.example.com:y.example.com/path:\n\
             /h/a/REDIRECTS\0z.example.com:y.example.com\n",
        );
        let redirects = redirects_from_files(&files, "a").unwrap();
        let shown: Vec<(&str, &str, u16)> =
            redirects.iter().map(|r| (r.source.as_str(), r.destination.as_str(), r.code)).collect();
        assert_eq!(
            shown,
            [
                ("old.example.com", "new.example.com", 308),
                ("x.example.com", "y.example.com/path", 301),
                ("z.example.com", "y.example.com", 301),
            ]
        );
        assert!(redirects.iter().all(|r| r.app_name == "a"));
    }

    #[test]
    fn a_missing_file_is_no_redirects() {
        assert_eq!(redirects_from_files(&snapshot("/h/b/REDIRECTS\0a:b:301\n"), "a"), Ok(Vec::new()));
    }

    #[test]
    fn a_line_the_listing_cannot_print_as_three_columns_names_its_place() {
        for bad in ["a:b:301:x", "a:b:permanent", "a b:c:301", "only-source", ":b:301"] {
            let files = snapshot(&format!("/h/a/REDIRECTS\0x:y:302\n/h/a/REDIRECTS\0{bad}\n"));
            let error = redirects_from_files(&files, "a").unwrap_err();
            assert!(error.starts_with("$DOKKU_ROOT/a/REDIRECTS line 2: "), "{bad}: {error}");
        }
    }
}
