//! The SSH key record, in pydokku's data model (`SSHKey`).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// One key allowed to push to Dokku (a line of the `dokku` user's `authorized_keys`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SshKey {
    /// The name given to `ssh-keys:add`.
    pub name: String,
    /// The key's fingerprint as Dokku prints it (`SHA256:…`). Derived from the key: apply
    /// ignores it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fingerprint: Option<String>,
    /// The OpenSSH public key line (`ssh-ed25519 AAAA… comment`). A public key, not a secret;
    /// absent when it could not be read (apply needs it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub public_key: Option<String>,
}
