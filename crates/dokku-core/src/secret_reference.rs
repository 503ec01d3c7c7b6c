//! Where a document keeps a secret when the value itself is elsewhere.

use serde::{Deserialize, Serialize};

/// A reference that stands in a document where a secret value was: `{"secret": "<id>"}`.
///
/// The id names an entry of the secrets file beside the document (`config/my-app/DATABASE_URL`),
/// or, with a prefix, a value found when the document is applied: `env:NAME` (an environment
/// variable of the `dokkuctl` process) or `file:PATH` (a file's content, one trailing newline
/// removed).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SecretReference {
    /// An id of the secrets file, `env:NAME` or `file:PATH`.
    #[schemars(length(min = 1))]
    pub secret: String,
}

/// The key of a [`SecretReference`] object.
pub const SECRET_REFERENCE_KEY: &str = "secret";
