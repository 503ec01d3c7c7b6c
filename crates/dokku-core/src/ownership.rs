//! Values that one plugin writes into another plugin's state and recreates itself.
//!
//! A service link (`postgres:link`) sets a `*_URL` variable (config) and adds a `--link`
//! docker option (docker-options); both come back when the link is recreated, so neither the
//! config nor the docker-options records may carry them: applying them there as well would
//! collide with the link. The owner names such values with [`OwnedValue`]s
//! (`Plugin::owned_elsewhere`); the holder leaves them out (`Plugin::release_owned`). Neither learns the
//! other's format: the holder alone says what `item` and `scopes` mean for its records.

use serde::{Deserialize, Serialize};

/// One value in a holder plugin's state that an owner plugin recreates.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct OwnedValue {
    /// The owner's key (`postgres`).
    pub owner: String,
    /// The holder's key (`config`, `docker_options`).
    pub holder: String,
    /// The app whose state holds it (`None`: server-wide).
    pub app: Option<String>,
    /// The value's identity in the holder's terms: a variable name, a docker option.
    pub item: String,
    /// Where in the holder's record (docker-options phases); empty: everywhere.
    pub scopes: Vec<String>,
}

impl OwnedValue {
    /// Whether this value is held by `holder` for `app`.
    pub fn is_held_by(&self, holder: &str, app: Option<&str>) -> bool {
        self.holder == holder && self.app.as_deref() == app
    }

    /// Whether `scope` is one of the places it is held in.
    pub fn in_scope(&self, scope: &str) -> bool {
        self.scopes.is_empty() || self.scopes.iter().any(|s| s == scope)
    }
}
