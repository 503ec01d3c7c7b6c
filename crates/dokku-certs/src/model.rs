//! The certs record: one app's certificate and private key.

use std::collections::BTreeMap;

use dokku_core::Secret;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The TLS certificate of one app (Dokku keeps one per app, as `server.crt` and `server.key`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Certificate {
    /// The app.
    pub app_name: String,
    /// The certificate (and any chain after it), PEM.
    pub certificate: String,
    /// The private key, PEM: a secret.
    #[schemars(extend("x-dokku-secret-id" = "{app}/key"))]
    pub key: Secret<String>,
    /// When the certificate expires, as the report prints it (information: never applied).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expires_at: Option<String>,
    /// The names the certificate covers, as the report prints them (information: never applied).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub hostnames: Vec<String>,
    /// Report fields this version of the model does not know, kept verbatim.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub extra: BTreeMap<String, String>,
}
