//! `<plugin>:report` text blocks.
//!
//! The grammar covers both of Dokku's renderers and the samples other tools keep:
//!
//! ```text
//! report := block*
//! block  := header? (field | continuation)*
//! header := "=====> " subject " " type " information"
//! field  := blank+ label ":" blank* value blank*
//! ```
//!
//! * The Go renderer pads every label of a block to one width (which changes per block and per
//!   version); the bash renderer (letsencrypt, maintenance, older core plugins) pads labels to 30
//!   columns and values to 25, leaving trailing spaces. Neither padding carries meaning, so a value
//!   is whatever follows the run of blanks after the first `:` (labels never contain `:`, values
//!   may: `http:80:5000`, URLs, `on-failure:10`), with trailing whitespace removed. A leading
//!   blank inside a value cannot be told apart from padding and is lost.
//! * The indentation is 7 spaces in real output; any run of blanks is accepted because samples
//!   re-indented by hand (pydokku's tests use 4) must parse too.
//! * `subject` is the app, or `--global` (Go), `global` (bash) or `Global` (bash `domains` up to
//!   0.38.21) for a global report. App names are lower-case, but an app literally named `global`
//!   cannot be told apart from a bash-era global report; callers know which one they asked for.
//! * `--quiet` removes the header, leaving one headerless block.
//! * A value containing a newline is printed verbatim by Dokku, so a line that is neither a header
//!   nor `label: value` continues the previous value. Such a line is only accepted after a field;
//!   anywhere else it is an error. Dokku's own message lines (` !     …`, `-----> …`) are never
//!   report data and are errors too.
//! * Several blocks follow each other with no separator when no app is given. With no apps at
//!   all Dokku prints nothing on stdout (the ` !     You haven't deployed any applications yet`
//!   message goes to stderr, exit 0), which parses as an empty list.

use nom::{
    IResult, Parser,
    bytes::complete::take_till1,
    character::complete::{char, space1},
    combinator::verify,
    sequence::terminated,
};
use serde::Serialize;

use super::{
    TextError,
    column::{column, rest_of_line},
    header::{INFO1_MARKER, INFO2_MARKER, info2_header},
    label::{canonical_key, label_to_key, strip_type_prefix},
    line::{numbered_lines, parse_line},
};

/// What a report header says: `=====> app1 …` for an app, `=====> --global …` for globals.
const EXPECTED_HEADER: &str = "a report header `=====> <app|--global> <type> information`";

/// What a line must look like when it cannot continue a previous value.
const EXPECTED_LINE: &str =
    "a report header `=====> <app> <type> information` or an indented `Label: value` line";

/// One `=====> <subject> <type> information` block with its lines.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReportBlock {
    /// Whose settings the block shows.
    pub subject: ReportSubject,
    /// The report type: the word(s) between the subject and `information` (`app`, `domains`,
    /// `ssl` for `certs:report`, `docker options` before Dokku 0.38.8). Empty for a headerless
    /// block.
    pub title: String,
    /// The lines in printed order; unknown and repeated labels are kept.
    pub fields: Vec<ReportField>,
}

impl ReportBlock {
    /// The value of the first field whose label is exactly `label`.
    pub fn get(&self, label: &str) -> Option<&str> {
        self.fields.iter().find(|field| field.label == label).map(|field| field.value.as_str())
    }

    /// The value of the first field whose label maps to `key`.
    ///
    /// `key` may be spelled like a `--format json` key: with or without the `<type>-` prefix and
    /// with `.` or `-` (see [`canonical_key`]), so `get_key("computed-restart-policy")` and
    /// `get_key("ps-computed-restart-policy")` both find `Ps computed restart policy`.
    pub fn get_key(&self, key: &str) -> Option<&str> {
        let wanted = canonical_key(key);
        self.fields
            .iter()
            .find(|field| {
                let full = canonical_key(&field.key());
                full == wanted || strip_type_prefix(&full, &self.title) == wanted
            })
            .map(|field| field.value.as_str())
    }
}

/// The subject of a report block.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ReportSubject {
    /// The block of one app.
    App(String),
    /// The global block (`--global`, or `global` / `Global` in bash-rendered reports).
    Global,
    /// The header was suppressed by the global `--quiet` flag.
    Unnamed,
}

/// One `Label: value` line of a report block.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReportField {
    /// The label as printed, without the colon and padding (`App created at`).
    pub label: String,
    /// The value without padding or trailing whitespace; empty when Dokku has none.
    pub value: String,
}

impl ReportField {
    /// Dokku's flag key for this field, e.g. `app-created-at` (see [`label_to_key`]).
    pub fn key(&self) -> String {
        label_to_key(&self.label)
    }
}

/// Parses the stdout of `dokku <plugin>:report [<app>|--global]`.
///
/// Returns the blocks in printed order; an empty (or blank) text gives no blocks. See the module
/// documentation for the accepted variants.
pub fn parse_report(text: &str) -> Result<Vec<ReportBlock>, TextError> {
    let mut blocks: Vec<ReportBlock> = Vec::new();
    for (line_no, line) in numbered_lines(text) {
        let trimmed = line.trim_start();
        if trimmed.starts_with(INFO2_MARKER) {
            let (subject, title) = parse_line(line_no, line, EXPECTED_HEADER, report_header)?;
            blocks.push(ReportBlock { subject, title: title.to_owned(), fields: Vec::new() });
            continue;
        }
        if let Ok((_, (label, value))) = report_field(line) {
            if blocks.is_empty() {
                blocks.push(ReportBlock {
                    subject: ReportSubject::Unnamed,
                    title: String::new(),
                    fields: Vec::new(),
                });
            }
            if let Some(block) = blocks.last_mut() {
                block.fields.push(ReportField { label: label.to_owned(), value: value.to_owned() });
            }
            continue;
        }
        let is_message = trimmed.starts_with('!') || trimmed.starts_with(INFO1_MARKER);
        match blocks.last_mut().and_then(|block| block.fields.last_mut()) {
            Some(field) if !is_message => {
                field.value.push('\n');
                field.value.push_str(line.trim_end());
            }
            None if trimmed.is_empty() => {}
            _ => return Err(TextError::new(line_no, EXPECTED_LINE, line)),
        }
    }
    // Continuation lines were appended verbatim; blank ones at the end of a value are separators.
    for field in blocks.iter_mut().flat_map(|block| block.fields.iter_mut()) {
        let kept = field.value.trim_end().len();
        field.value.truncate(kept);
    }
    Ok(blocks)
}

/// `=====> <subject> <type> information`, returning the subject and the type.
fn report_header(input: &str) -> IResult<&str, (ReportSubject, &str)> {
    let (rest, text) = info2_header(input)?;
    let (title_rest, subject) = column(text)?;
    match title_rest.trim().strip_suffix(" information").map(str::trim) {
        Some(title) if !title.is_empty() => {
            let subject = match subject {
                "--global" | "global" | "Global" => ReportSubject::Global,
                app => ReportSubject::App(app.to_owned()),
            };
            Ok((rest, (subject, title)))
        }
        _ => Err(nom::Err::Error(nom::error::Error::new(input, nom::error::ErrorKind::Verify))),
    }
}

/// An indented `Label: value` line, returning the label and the trimmed value.
///
/// The label must not start with `!`, which marks a Dokku message line rather than data.
fn report_field(input: &str) -> IResult<&str, (&str, &str)> {
    let label = verify(take_till1(|c| c == ':'), |label: &str| {
        let label = label.trim();
        !label.is_empty() && !label.starts_with('!') && !label.starts_with(INFO1_MARKER)
    });
    let (rest, (_, label, value)) = (space1, terminated(label, char(':')), rest_of_line).parse(input)?;
    Ok((rest, (label.trim_end(), value)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field(label: &str, value: &str) -> ReportField {
        ReportField { label: label.to_owned(), value: value.to_owned() }
    }

    #[test]
    fn go_block_with_empty_values_and_colons() {
        let text = "=====> app1 ports information\n       Ports map:                     http:80:5000 https:443:5000\n       Ports map detected:            \n";
        let blocks = parse_report(text).unwrap();
        assert_eq!(blocks.len(), 1);
        assert_eq!(blocks[0].subject, ReportSubject::App("app1".to_owned()));
        assert_eq!(blocks[0].title, "ports");
        assert_eq!(
            blocks[0].fields,
            [field("Ports map", "http:80:5000 https:443:5000"), field("Ports map detected", "")]
        );
    }

    #[test]
    fn bash_padding_crlf_and_missing_final_newline() {
        let text = "=====> global letsencrypt information\r\n       Letsencrypt global email:                               \r\n       Letsencrypt computed server:   https://acme.example/dir    ";
        let blocks = parse_report(text).unwrap();
        assert_eq!(blocks[0].subject, ReportSubject::Global);
        assert_eq!(
            blocks[0].fields,
            [
                field("Letsencrypt global email", ""),
                field("Letsencrypt computed server", "https://acme.example/dir")
            ]
        );
    }

    #[test]
    fn empty_value_without_space_after_colon() {
        let blocks = parse_report("=====> a app information\n    App deploy source:\n").unwrap();
        assert_eq!(blocks[0].fields, [field("App deploy source", "")]);
    }

    #[test]
    fn headerless_quiet_output_is_one_unnamed_block() {
        let blocks = parse_report("       Ps restart policy:  on-failure:10\n").unwrap();
        assert_eq!(blocks[0].subject, ReportSubject::Unnamed);
        assert_eq!(blocks[0].title, "");
        assert_eq!(blocks[0].fields, [field("Ps restart policy", "on-failure:10")]);
    }

    #[test]
    fn global_subject_spellings() {
        for subject in ["--global", "global", "Global"] {
            let blocks = parse_report(&format!("=====> {subject} domains information\n")).unwrap();
            assert_eq!(blocks[0].subject, ReportSubject::Global);
            assert_eq!(blocks[0].title, "domains");
            assert!(blocks[0].fields.is_empty());
        }
    }

    #[test]
    fn multi_word_title() {
        let blocks = parse_report("=====> app1 docker options information\n").unwrap();
        assert_eq!(blocks[0].title, "docker options");
    }

    #[test]
    fn continuation_lines_extend_the_previous_value() {
        let text = "=====> a nginx information\n       Nginx access log format:  first\nsecond: part\n\n       Nginx hsts:  true\n";
        let blocks = parse_report(text).unwrap();
        assert_eq!(
            blocks[0].fields,
            [field("Nginx access log format", "first\nsecond: part"), field("Nginx hsts", "true")]
        );
    }

    #[test]
    fn empty_and_blank_input_give_no_blocks() {
        assert_eq!(parse_report(""), Ok(Vec::new()));
        assert_eq!(parse_report("\n  \n"), Ok(Vec::new()));
    }

    #[test]
    fn garbage_is_an_error_with_its_line() {
        let error = parse_report("hello world\n").unwrap_err();
        assert_eq!((error.line(), error.found()), (1, "hello world"));

        let error = parse_report("=====> a app information\nnot a field\n").unwrap_err();
        assert_eq!(error.line(), 2);

        let error =
            parse_report("=====> a app information\n       App dir: /x\n !     App b does not exist\n")
                .unwrap_err();
        assert_eq!(error.line(), 3);

        let error = parse_report("=====> resource limits a information [defaults]\n").unwrap_err();
        assert_eq!(error.line(), 1);

        let error = parse_report("=====> a information\n").unwrap_err();
        assert_eq!(error.line(), 1);
    }

    #[test]
    fn lookup_by_label_and_key() {
        let text = "=====> a ps information\n       Deployed:  false\n       Ps computed restart policy:  on-failure:10\n       Status web 1:  running\n";
        let block = &parse_report(text).unwrap()[0];
        assert_eq!(block.get("Deployed"), Some("false"));
        assert_eq!(block.get_key("deployed"), Some("false"));
        assert_eq!(block.get_key("computed-restart-policy"), Some("on-failure:10"));
        assert_eq!(block.get_key("ps-computed-restart-policy"), Some("on-failure:10"));
        assert_eq!(block.get_key("status-web.1"), Some("running"));
        assert_eq!(block.get_key("missing"), None);
    }
}
