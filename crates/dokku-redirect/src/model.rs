//! The records of the redirect plugin, in pydokku's data model.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// One redirect rule: requests for `source` are answered with a redirect to `destination`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Redirect {
    /// The app whose nginx configuration carries the rule.
    pub app_name: String,
    /// The domain redirected from.
    pub source: String,
    /// The domain (optionally with a path) redirected to; the request path is appended.
    pub destination: String,
    /// The HTTP status of the redirect (301, 302, 307 or 308).
    pub code: u16,
}

/// The HTTP statuses a redirect may use: permanent or temporary, method-changing or not.
pub const REDIRECT_CODES: [u16; 4] = [301, 302, 307, 308];

/// The status Dokku uses when none is given.
pub const DEFAULT_CODE: u16 = 301;
