//! `ports:list <app>` tables.
//!
//! ```text
//! -----> Port mappings for app1
//!     -----> scheme  host port  container port
//!     http           80         5000
//!     https          443        5000
//! ```
//!
//! The table comes from Go's `columnize` with a 4-space prefix, and its column-header row is an
//! ordinary row that sorts first. `--quiet` drops both `----->` lines. Dokku before 0.31 printed
//! the same rows from `proxy:ports`, and its docs still show a bash layout without the indent;
//! rows are whitespace-separated columns either way.

use nom::{
    character::complete::{digit1, space1},
    combinator::map_res,
    sequence::preceded,
};
use serde::Serialize;

use dokku_core::text::{TextError, column, info1_header, numbered_lines, parse_line};

/// What a table row must be.
const EXPECTED_ROW: &str = "a port mapping row `<scheme> <host port> <container port>`";

/// One row of `ports:list`: the mapping `<scheme>:<host port>:<container port>`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PortListRow {
    /// The scheme (`http`, `https`, `tcp`, `udp`, `grpc`, …).
    pub scheme: String,
    /// The port on the host (or proxy).
    pub host_port: u16,
    /// The port inside the container.
    pub container_port: u16,
}

/// Parses `dokku ports:list <app>` (or the older `dokku proxy:ports <app>`) into rows, in printed
/// order (Dokku sorts them as strings, so `8080` comes before `80`).
pub fn parse_ports_list(text: &str) -> Result<Vec<PortListRow>, TextError> {
    let mut rows = Vec::new();
    for (line_no, line) in numbered_lines(text) {
        if line.trim().is_empty() {
            continue;
        }
        if let Ok((_, header)) = info1_header(line) {
            if header.starts_with("Port mappings for ") || header.starts_with("scheme ") {
                continue;
            }
            return Err(TextError::new(
                line_no,
                "`-----> Port mappings for <app>` or the column header",
                line,
            ));
        }
        let port = || preceded(space1, map_res(digit1, str::parse::<u16>));
        let (scheme, host_port, container_port) =
            parse_line(line_no, line, EXPECTED_ROW, (column, port(), port()))?;
        rows.push(PortListRow { scheme: scheme.to_owned(), host_port, container_port });
    }
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_with_and_without_headers() {
        let text = "-----> Port mappings for app1\n    -----> scheme  host port  container port\n    http           80         5000\n";
        let expected = [PortListRow { scheme: "http".to_owned(), host_port: 80, container_port: 5000 }];
        assert_eq!(parse_ports_list(text).unwrap(), expected);
        assert_eq!(parse_ports_list("    http           80         5000").unwrap(), expected);
    }

    #[test]
    fn bad_rows_are_errors() {
        assert_eq!(parse_ports_list("    http  80\n").unwrap_err().line(), 1);
        assert_eq!(parse_ports_list("    http  80  99999\n").unwrap_err().line(), 1);
        assert_eq!(parse_ports_list("-----> Something else\n").unwrap_err().line(), 1);
    }
}
