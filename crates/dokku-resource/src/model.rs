//! The resource record: one app's limits and reservations, per process type.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The process type Dokku uses for settings that apply to every process type.
pub const DEFAULT_PROCESS_TYPE: &str = "_default_";

/// The resources Dokku's `resource:limit` and `resource:reserve` take (`--<name> <value>`), in
/// the order Dokku lists them.
pub const RESOURCES: [&str; 7] =
    ["cpu", "memory", "memory-swap", "network", "network-ingress", "network-egress", "nvidia-gpu"];

/// Limits or reservations.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    /// `resource:limit`: the most a process may use.
    Limit,
    /// `resource:reserve`: what the scheduler sets aside for a process.
    Reserve,
}

impl Kind {
    /// Both kinds, limits first.
    pub const ALL: [Self; 2] = [Self::Limit, Self::Reserve];

    /// The word in Dokku's property keys (`web.limit.memory`) and subcommands.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Limit => "limit",
            Self::Reserve => "reserve",
        }
    }
}

/// Resource name → value as Dokku stores it (`memory` → `512m`), for one process type.
pub type ResourceValues = BTreeMap<String, String>;

/// One app's limits and reservations, by process type (`_default_` for all types, `build` for
/// build containers, or a Procfile type).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Resources {
    /// The app.
    pub app_name: String,
    /// Limits by process type.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub limits: BTreeMap<String, ResourceValues>,
    /// Reservations by process type.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub reservations: BTreeMap<String, ResourceValues>,
    /// Report fields this version of the model does not know, kept verbatim.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub extra: BTreeMap<String, String>,
}

impl Resources {
    /// An empty record for `app`.
    pub fn new(app: &str) -> Self {
        Self { app_name: app.to_owned(), ..Self::default() }
    }

    /// Whether the record holds nothing (no value, no unknown field): export leaves such
    /// records out, as a document without a record means the same.
    pub fn is_empty(&self) -> bool {
        Kind::ALL.iter().all(|k| self.of(*k).values().all(ResourceValues::is_empty)) && self.extra.is_empty()
    }

    /// The values of one kind, by process type.
    pub fn of(&self, kind: Kind) -> &BTreeMap<String, ResourceValues> {
        match kind {
            Kind::Limit => &self.limits,
            Kind::Reserve => &self.reservations,
        }
    }

    /// The values of one kind, to fill.
    pub fn of_mut(&mut self, kind: Kind) -> &mut BTreeMap<String, ResourceValues> {
        match kind {
            Kind::Limit => &mut self.limits,
            Kind::Reserve => &mut self.reservations,
        }
    }
}
