//! The records of the ports plugin, in pydokku's data model.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// One port mapping `<scheme>:<host port>:<container port>` of an app.
///
/// The field order and names are pydokku's `Port`, so export documents stay compatible.
/// Apply sets mappings with `ports:set`, which Dokku has since 0.31.0
/// ([`crate::PORTS_PLUGIN_SINCE`]).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[schemars(extend("x-dokku-since" = "0.31.0"))]
pub struct Port {
    /// The scheme (`http`, `https`, `tcp`, `udp`, `grpc`, `grpcs`).
    pub scheme: String,
    /// The port on the host (or the proxy).
    pub host_port: u16,
    /// The app the mapping belongs to; `None` marks a global mapping.
    ///
    /// Dokku has no global port map (its `ports:report --global` prints no values up to 0.38.27),
    /// so exports never produce global mappings. pydokku documents may hold some: they were the
    /// first app's *detected* ports, and apply skips them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub app_name: Option<String>,
    /// The port inside the container (pydokku's text form `scheme:host` leaves it out; Dokku
    /// itself always needs it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub container_port: Option<u16>,
}

impl Port {
    /// The mapping as Dokku writes it: `scheme:host:container` (or `scheme:host` without a
    /// container port).
    pub fn token(&self) -> String {
        match self.container_port {
            Some(container) => format!("{}:{}:{container}", self.scheme, self.host_port),
            None => format!("{}:{}", self.scheme, self.host_port),
        }
    }
}
