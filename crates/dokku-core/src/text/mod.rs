//! Pure parsers for Dokku's text formats (`:report` blocks, `:list` tables, `--format json` reports).
//!
//! Every function takes the stdout of one Dokku command as `&str` and returns a typed value or a
//! [`TextError`] naming the line it could not read; nothing here performs I/O or panics on any
//! input. The small `nom` combinators ([`column()`], [`rest_of_line`], [`info1_header`],
//! [`info2_header`], [`parse_line`]) are exported so that plugin crates can build their own
//! line grammars the same way.
//!
//! Nothing here knows a plugin's output format: what belongs to one plugin (its list tables, list
//! titles, typed settings, value vocabularies) is that plugin crate's grammar, built on these
//! combinators. The one exception is `plugin:list`, which the core itself reads to know what is
//! installed.

mod column;
mod error;
mod header;
mod info_flag;
mod json_report;
mod label;
mod line;
mod name_list;
mod plugin_list;
mod report;
mod report_values;

pub use column::{column, rest_of_line};
pub use error::TextError;
pub use header::{INFO1_MARKER, INFO2_MARKER, info1_header, info2_header};
pub use info_flag::parse_info_flag;
pub use json_report::{JsonReport, parse_json_report, parse_json_reports};
pub use label::{canonical_key, label_to_key, strip_type_prefix};
pub use line::{numbered_lines, parse_line};
pub use name_list::parse_name_list;
pub use plugin_list::{PluginListRow, parse_plugin_list};
pub use report::{ReportBlock, ReportField, ReportSubject, parse_report};
pub use report_values::{
    ReportValues, report_values_from_json, report_values_from_json_lines, report_values_from_text,
};
