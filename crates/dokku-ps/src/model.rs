//! The records of the ps plugin, in pydokku's data model.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// One running (or stopped) container of an app, as `ps:report` lists it. Runtime state:
/// informational only, apply never recreates it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Process {
    /// The process type (`web`, `worker`).
    #[serde(rename = "type")]
    pub process_type: String,
    /// The container's index within its type, from 1.
    pub id: u32,
    /// Docker's state (`running`, `exited`, `missing`, …). Kept as `null` when absent, as
    /// pydokku does.
    #[serde(default)]
    pub status: Option<String>,
    /// The first 11 characters of the container id (`null` when Dokku printed none).
    #[serde(default)]
    pub container_id: Option<String>,
}

/// One app's own process settings, plus its runtime state for information.
///
/// Only the app's own values are here: pydokku also carried the global procfile path in every
/// app record and applied it from the first (spec E.27); the global values live in [`PsGlobal`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct ProcessInfo {
    /// The app name.
    pub app_name: String,
    /// Whether the app has been deployed (runtime state, informational).
    #[serde(default)]
    pub deployed: bool,
    /// The app's containers (runtime state, informational).
    #[serde(default)]
    pub processes: Vec<Process>,
    /// The process scale (`ps:scale`): count per process type, in Dokku's order. Absent from
    /// pydokku documents, where the scale is counted from `processes` instead.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub scale: BTreeMap<String, u32>,
    /// Whether `ps:scale` may change the scale (false when `app.json` has a `formation`).
    #[serde(default = "yes")]
    pub can_scale: bool,
    /// The app's restart policy (`no`, `always`, `unless-stopped`, `on-failure[:N]`). Before
    /// Dokku 0.38.21 the report only shows the resolved policy, so that is what is kept.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub restart_policy: Option<String>,
    /// Whether `ps:restore` (boot) starts the app.
    #[serde(default = "yes")]
    pub restore: bool,
    /// Whether every container runs (runtime state, informational); `None` when Dokku says
    /// `mixed` (some do, some do not).
    #[serde(default)]
    pub running: Option<bool>,
    /// The app's own Procfile path (`ps:set <app> procfile-path`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub app_procfile_path: Option<String>,
    /// Seconds Dokku waits for containers to stop (Dokku 0.37 and later).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stop_timeout_seconds: Option<u32>,
    /// The command overriding the image's start command (Dokku 0.38.8 and later).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_cmd: Option<String>,
    /// The command overriding a Dockerfile's `CMD` (Dokku 0.38.8 and later).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dockerfile_start_cmd: Option<String>,
    /// Whether deploys are skipped (Dokku 0.38.8 and later).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub skip_deploy: Option<bool>,
    /// Report fields this version of the model does not know, kept verbatim.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub extra: BTreeMap<String, String>,
}

fn yes() -> bool {
    true
}

impl ProcessInfo {
    /// The scale to apply: [`scale`](Self::scale), or, for a pydokku document without one, the
    /// number of listed processes per type.
    pub fn effective_scale(&self) -> BTreeMap<String, u32> {
        if !self.scale.is_empty() {
            return self.scale.clone();
        }
        let mut counted = BTreeMap::new();
        for process in &self.processes {
            *counted.entry(process.process_type.clone()).or_insert(0) += 1;
        }
        counted
    }
}

/// Server-wide process settings (`ps:set --global`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PsGlobal {
    /// The default Procfile path.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub global_procfile_path: Option<String>,
    /// The default restart policy (Dokku 0.38.21 and later).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub global_restart_policy: Option<String>,
    /// The default stop timeout (Dokku 0.37 and later).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub global_stop_timeout_seconds: Option<u32>,
    /// Whether deploys are skipped by default (Dokku 0.38.8 and later).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub global_skip_deploy: Option<bool>,
}

impl PsGlobal {
    /// Whether no global value is set (such a record is not exported).
    pub fn is_empty(&self) -> bool {
        self == &Self::default()
    }
}

/// An entry of the `ps` list in an export document: an app, or the global settings.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum PsRecord {
    /// The global settings (no `app_name`).
    Global(PsGlobal),
    /// One app.
    App(ProcessInfo),
}
