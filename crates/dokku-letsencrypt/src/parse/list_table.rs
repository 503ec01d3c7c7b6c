//! `letsencrypt:list` table (official dokku-letsencrypt plugin).
//!
//! ```text
//! -----> App name           Certificate Expiry        Time before expiry        Time before renewal
//! app1                      2025-04-04 05:25:44       65d, 23h, 52m, 53s        35d, 23h, 52m, 53s
//! ```
//!
//! Rows come from `printf "%-25s %-25s %-25s %-25s\n"`, so every cell is padded (trailing spaces
//! included) and a long app name pushes the rest to the right. The expiry is the server's local
//! time as `YYYY-MM-DD HH:MM:SS`. Durations print only their non-zero units, `Nd, Nh, Nm, Ns`,
//! with ` ago` when negative, and print nothing at all when zero. The header is dropped by
//! `--quiet`.

use nom::{
    IResult, Parser,
    bytes::complete::tag,
    character::complete::{char, digit1, one_of, space0, space1},
    combinator::{map_opt, opt, recognize},
    multi::separated_list1,
};
use serde::Serialize;

use dokku_core::text::{TextError, column, info1_header, numbered_lines, parse_line};

/// What a table row must be.
const EXPECTED_ROW: &str =
    "a letsencrypt row `<app> <YYYY-MM-DD HH:MM:SS> <time before expiry> <time before renewal>`";

/// The width of a padded duration cell; a longer run of blanks after the expiry means the first
/// duration cell was empty.
const CELL_WIDTH: usize = 25;

/// One row of `letsencrypt:list`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LetsencryptListRow {
    /// The app name.
    pub app: String,
    /// The certificate's expiry in the server's local time, `YYYY-MM-DD HH:MM:SS`.
    pub certificate_expiry: String,
    /// Seconds until the certificate expires, negative once it has expired.
    pub time_before_expiry_secs: i64,
    /// Seconds until the plugin renews the certificate, negative once renewal is due.
    pub time_before_renewal_secs: i64,
}

/// Parses `dokku letsencrypt:list` into rows, in printed order (sorted by expiry).
pub fn parse_letsencrypt_list(text: &str) -> Result<Vec<LetsencryptListRow>, TextError> {
    let mut rows = Vec::new();
    for (line_no, line) in numbered_lines(text) {
        if line.trim().is_empty() {
            continue;
        }
        if let Ok((_, header)) = info1_header(line) {
            if header.starts_with("App name") {
                continue;
            }
            return Err(TextError::new(line_no, "the `-----> App name …` column header", line));
        }
        let (app, certificate_expiry, (time_before_expiry_secs, time_before_renewal_secs)) =
            parse_line(line_no, line, EXPECTED_ROW, (column, expiry, durations))?;
        rows.push(LetsencryptListRow {
            app: app.to_owned(),
            certificate_expiry: certificate_expiry.to_owned(),
            time_before_expiry_secs,
            time_before_renewal_secs,
        });
    }
    Ok(rows)
}

/// A duration as printed by the letsencrypt plugin, in seconds: `65d, 23h, 52m, 53s`, any
/// non-empty subset of the units in that order, with a trailing ` ago` for a negative value.
///
/// An empty duration (zero seconds) is printed as nothing, which this parser does not accept;
/// table parsers handle the empty cell.
pub fn dhms_duration(input: &str) -> IResult<&str, i64> {
    let unit = map_opt((digit1, one_of("dhms")), |(digits, unit): (&str, char)| {
        let scale = match unit {
            'd' => 86_400,
            'h' => 3_600,
            'm' => 60,
            _ => 1,
        };
        digits.parse::<i64>().ok()?.checked_mul(scale)
    });
    let sum = map_opt(separated_list1(tag(", "), unit), |parts: Vec<i64>| {
        parts.into_iter().try_fold(0_i64, i64::checked_add)
    });
    let (rest, (seconds, ago)) = (sum, opt(tag(" ago"))).parse(input)?;
    Ok((rest, if ago.is_some() { -seconds } else { seconds }))
}

/// `YYYY-MM-DD HH:MM:SS` after the blanks that follow the app name.
fn expiry(input: &str) -> IResult<&str, &str> {
    let (input, _) = space1(input)?;
    let two = || recognize((one_of("0123456789"), one_of("0123456789")));
    let date = (two(), two(), char('-'), two(), char('-'), two());
    let time = (two(), char(':'), two(), char(':'), two());
    recognize((date, char(' '), time)).parse(input)
}

/// The two duration cells after the expiry, either of which may be empty (zero seconds).
fn durations(input: &str) -> IResult<&str, (i64, i64)> {
    let (input, gap) = space0(input)?;
    if input.trim().is_empty() {
        return Ok((input, (0, 0)));
    }
    let (input, first) = dhms_duration(input)?;
    let (input, _) = space0(input)?;
    if input.trim().is_empty() {
        // One cell is empty: the expiry cell sits right after the padded date, so a gap wider
        // than a whole cell means the empty one was the time before expiry.
        return Ok((input, if gap.len() > CELL_WIDTH { (0, first) } else { (first, 0) }));
    }
    let (input, second) = dhms_duration(input)?;
    Ok((input, (first, second)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_in_seconds() {
        assert_eq!(dhms_duration("65d, 23h, 52m, 53s"), Ok(("", 65 * 86_400 + 23 * 3_600 + 52 * 60 + 53)));
        assert_eq!(dhms_duration("1m ago"), Ok(("", -60)));
        assert_eq!(dhms_duration("5s"), Ok(("", 5)));
        assert!(dhms_duration("").is_err());
        assert!(dhms_duration("99999999999999999999d").is_err());
    }

    #[test]
    fn rows_with_padding_and_overflow() {
        let text = "-----> App name           Certificate Expiry        Time before expiry        Time before renewal      \n\
test-app-really-long-name-check-how-it-behaves 2025-04-28 04:34:08       89d, 23h, 1m, 16s         59d, 23h, 1m, 16s         \n";
        let rows = parse_letsencrypt_list(text).unwrap();
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].app, "test-app-really-long-name-check-how-it-behaves");
        assert_eq!(rows[0].certificate_expiry, "2025-04-28 04:34:08");
        assert_eq!(rows[0].time_before_renewal_secs, 59 * 86_400 + 23 * 3_600 + 60 + 16);
    }

    #[test]
    fn empty_cells_are_zero() {
        let expired = format!("{:<25} {:<25} {:<25} {:<25}", "app", "2025-04-28 04:34:08", "", "3d ago");
        let row = &parse_letsencrypt_list(&expired).unwrap()[0];
        assert_eq!((row.time_before_expiry_secs, row.time_before_renewal_secs), (0, -3 * 86_400));

        let renewing = format!("{:<25} {:<25} {:<25} {:<25}", "app", "2025-04-28 04:34:08", "3d", "");
        let row = &parse_letsencrypt_list(&renewing).unwrap()[0];
        assert_eq!((row.time_before_expiry_secs, row.time_before_renewal_secs), (3 * 86_400, 0));
    }

    #[test]
    fn bad_rows_are_errors() {
        assert_eq!(parse_letsencrypt_list("app 2025-04-28 3d 2d\n").unwrap_err().line(), 1);
        assert_eq!(parse_letsencrypt_list("app 2025-04-28 04:34:08 3x\n").unwrap_err().line(), 1);
    }
}
