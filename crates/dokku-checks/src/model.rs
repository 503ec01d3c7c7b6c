//! The record of the checks plugin, in pydokku's data model.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The process name that stands for every process type (Dokku's own spelling).
pub const ALL_PROCESSES: &str = "_all_";

/// The zero-downtime check state of a process type.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum CheckStatus {
    /// Checks run before the new containers take traffic (Dokku's default).
    Enabled,
    /// No zero-downtime deploy: old containers stop first (`checks:disable`).
    Disabled,
    /// Zero-downtime deploy without running the checks (`checks:skip`).
    Skipped,
}

/// One check setting: a process type of an app with its status, or the global record
/// (`app_name` absent, process [`ALL_PROCESSES`], no status) carrying the global wait-to-retire.
///
/// Dokku lists only the disabled and skipped process types; an app with neither is one record
/// for [`ALL_PROCESSES`] with [`CheckStatus::Enabled`]. An app record carries only that app's own
/// values: the global wait-to-retire lives in the global record alone (pydokku copied it into
/// every app record).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Check {
    /// The process type (`web`), or [`ALL_PROCESSES`].
    pub process: String,
    /// The app, or `None` for the global record (omitted from the document).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub app_name: Option<String>,
    /// The process type's status (`None` in the global record).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<CheckStatus>,
    /// Seconds old containers live on after a deploy, set for this app (`None`: not set).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub app_wait_to_retire: Option<u64>,
    /// The global wait-to-retire in seconds (global record only; `None`: not set). Read from
    /// pydokku documents in app records too, where apply ignores it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub global_wait_to_retire: Option<u64>,
    /// Report fields this version of the model does not know, kept verbatim (on the first record
    /// of each report).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub extra: BTreeMap<String, String>,
}
