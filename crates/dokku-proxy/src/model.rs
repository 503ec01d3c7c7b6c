//! The records of the proxy plugin, in pydokku's data model.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// One app's own proxy settings.
///
/// pydokku also put the server's `global_type` on every app record and applied it from the
/// first one, even for app-scoped documents (spec E.27); here it lives only in [`ProxyGlobal`],
/// and a `global_type` field in an app record of a pydokku document is ignored.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Proxy {
    /// The app name.
    pub app_name: String,
    /// Whether the proxy is enabled (`proxy:enable` / `proxy:disable`).
    pub enabled: bool,
    /// The app's own proxy type (`nginx`, `caddy`, `haproxy`, `traefik`, `openresty`, …); `None`
    /// follows the global type.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub app_type: Option<String>,
    /// The app's own proxy port (`proxy:set <app> proxy-port`, Dokku 0.38.8 and later).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub proxy_port: Option<u16>,
    /// The app's own proxy SSL port (`proxy:set <app> proxy-ssl-port`, Dokku 0.38.8 and later).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub proxy_ssl_port: Option<u16>,
    /// Report fields this version of the model does not know, kept verbatim.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub extra: BTreeMap<String, String>,
}

/// Server-wide proxy settings (`proxy:set --global`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ProxyGlobal {
    /// The default proxy type of apps without their own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub global_type: Option<String>,
    /// The default proxy port (Dokku 0.38.8 and later).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub global_proxy_port: Option<u16>,
    /// The default proxy SSL port (Dokku 0.38.8 and later).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub global_proxy_ssl_port: Option<u16>,
}

impl ProxyGlobal {
    /// Whether no global value is set (such a record is not exported).
    pub fn is_empty(&self) -> bool {
        self == &Self::default()
    }
}

/// An entry of the `proxy` list in an export document: an app, or the global settings.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum ProxyRecord {
    /// The global settings (no `app_name`).
    Global(ProxyGlobal),
    /// One app.
    App(Proxy),
}
