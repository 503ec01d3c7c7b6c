//! `storage:list <app>` text output.
//!
//! ```text
//! -----> app1 volume bind-mounts:
//!        /var/lib/dokku/data/storage/x:/data
//! ```
//!
//! One `host:container[:options]` mount per line (deploy phase). `--quiet` drops the header and
//! the indent; so did Dokku up to 0.37.4 without `--format text`. The host side is a path or a
//! Docker volume name; `options` is `ro`, the volume options, or `ro,<options>`.

use nom::combinator::verify;
use serde::Serialize;

use dokku_core::text::{TextError, info1_header, numbered_lines, parse_line};

/// What a mount line must be.
const EXPECTED_MOUNT: &str = "a mount `<host path or volume>:<container path>[:<options>]`";

/// One mount of `storage:list`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StorageListRow {
    /// The host path or Docker volume name.
    pub host: String,
    /// The path inside the container.
    pub container_path: String,
    /// The mount options after a second `:`, if any.
    pub options: Option<String>,
}

/// Parses `dokku storage:list <app>` into mounts, in printed order.
pub fn parse_storage_list(text: &str) -> Result<Vec<StorageListRow>, TextError> {
    let mut rows = Vec::new();
    for (line_no, line) in numbered_lines(text) {
        if line.trim().is_empty() {
            continue;
        }
        if info1_header(line).is_ok() {
            let header = verify(info1_header, |text: &str| text.ends_with(" volume bind-mounts:"));
            parse_line(line_no, line, "`-----> <app> volume bind-mounts:`", header)?;
            continue;
        }
        let mut parts = line.trim().splitn(3, ':');
        match (parts.next(), parts.next(), parts.next()) {
            (Some(host), Some(container_path), options) if !host.is_empty() && !container_path.is_empty() => {
                rows.push(StorageListRow {
                    host: host.to_owned(),
                    container_path: container_path.to_owned(),
                    options: options.map(str::to_owned),
                });
            }
            _ => return Err(TextError::new(line_no, EXPECTED_MOUNT, line)),
        }
    }
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mounts_with_and_without_header() {
        let text =
            "-----> app1 volume bind-mounts:\n       /var/lib/dokku/data/storage/x:/data\n       vol:/m:ro\n";
        let rows = parse_storage_list(text).unwrap();
        assert_eq!(rows[0].host, "/var/lib/dokku/data/storage/x");
        assert_eq!(rows[0].container_path, "/data");
        assert_eq!(rows[1].options.as_deref(), Some("ro"));
        assert_eq!(parse_storage_list("/tmp/mount:/mount\n").unwrap().len(), 1);
    }

    #[test]
    fn bad_lines_are_errors() {
        assert_eq!(parse_storage_list("nocolon\n").unwrap_err().line(), 1);
        assert_eq!(parse_storage_list("-----> Something\n").unwrap_err().line(), 1);
        assert_eq!(parse_storage_list(":/x\n").unwrap_err().line(), 1);
    }
}
