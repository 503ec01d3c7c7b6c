//! `plugin:list` text output.
//!
//! Each plugin is printed with `printf "  %-20s %-5s %-10s %s\n"`: name, version,
//! `enabled`/`disabled`, description. Long names (`scheduler-docker-local`) and versions
//! (`0.38.27`) overflow their columns, so the row is split on runs of blanks and the description is
//! the rest of the line. Some versions print a `plugn: <version>` line first.

use nom::combinator::map_opt;
use serde::Serialize;

use super::{
    TextError,
    column::{column, rest_of_line},
    line::{numbered_lines, parse_line},
};

/// What a table row must be.
const EXPECTED_ROW: &str = "a plugin row `<name> <version> enabled|disabled <description>`";

/// One row of `plugin:list`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PluginListRow {
    /// The plugin name (its directory, e.g. `00_dokku-standard`, `letsencrypt`).
    pub name: String,
    /// The version from the plugin's `plugin.toml` (core plugins carry Dokku's version).
    pub version: String,
    /// Whether the plugin is enabled.
    pub enabled: bool,
    /// The description; may contain spaces and be empty.
    pub description: String,
}

/// Parses `dokku plugin:list` into rows, in printed order.
pub fn parse_plugin_list(text: &str) -> Result<Vec<PluginListRow>, TextError> {
    let mut rows = Vec::new();
    for (line_no, line) in numbered_lines(text) {
        if line.trim().is_empty() || (rows.is_empty() && line.starts_with("plugn:")) {
            continue;
        }
        let status = map_opt(column, |status| match status {
            "enabled" => Some(true),
            "disabled" => Some(false),
            _ => None,
        });
        let (name, version, enabled, description) =
            parse_line(line_no, line, EXPECTED_ROW, (column, column, status, rest_of_line))?;
        rows.push(PluginListRow {
            name: name.to_owned(),
            version: version.to_owned(),
            enabled,
            description: description.to_owned(),
        });
    }
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overflowing_columns_and_plugn_line() {
        let text = "plugn: dev\n  scheduler-docker-local 0.38.27 enabled    dokku core scheduler-docker-local plugin\n  builder              0.35.14 disabled   dokku core builder plugin\n";
        let rows = parse_plugin_list(text).unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].name, "scheduler-docker-local");
        assert_eq!(rows[0].description, "dokku core scheduler-docker-local plugin");
        assert!(!rows[1].enabled);
    }

    #[test]
    fn unknown_status_is_an_error() {
        let error = parse_plugin_list("  apps  0.38.27 maybe  x\n").unwrap_err();
        assert_eq!(error.line(), 1);
    }
}
