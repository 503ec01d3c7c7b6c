//! The registry login record.

use dokku_core::Secret;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// One registry login: the credentials `docker login` stored for a server, for one app or (no
/// `app_name`) for every app.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RegistryLogin {
    /// The app whose own docker config holds the login; absent for the global login.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub app_name: Option<String>,
    /// The registry server as `registry:login` takes it (`docker.io` for Docker Hub).
    pub server: String,
    /// The user name.
    pub username: String,
    /// The password or token: a secret.
    #[schemars(extend("x-dokku-secret-id" = "{app}/{server}"))]
    pub password: Secret<String>,
}

impl RegistryLogin {
    /// What identifies a login: its scope and server (a second login to the same server
    /// replaces the first, as `docker login` does).
    pub fn identity(&self) -> (Option<String>, String) {
        (self.app_name.clone(), self.server.clone())
    }

    /// The login as plan text, never the password (`registry.example.com as bot`).
    pub fn shown(&self) -> String {
        format!("{} as {}", self.server, self.username)
    }
}
