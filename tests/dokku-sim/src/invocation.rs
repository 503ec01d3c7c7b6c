//! Everything a command handler works with during one `dokku` invocation.

use crate::output::Output;
use crate::state::State;
use crate::version::DokkuVersion;

/// The state, the output buffers and the global flags of one invocation.
pub struct Invocation<'a> {
    /// The server state, saved after the handler returns.
    pub state: &'a mut State,
    /// Output buffers.
    pub out: &'a mut Output,
    /// The imitated Dokku version.
    pub version: DokkuVersion,
    /// The global `--force` flag was given.
    pub force: bool,
}

impl Invocation<'_> {
    /// Whether `app` exists.
    pub fn app_exists(&self, app: &str) -> bool {
        self.state.apps.contains_key(app)
    }
}
