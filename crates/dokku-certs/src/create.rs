//! Creation: the commands that recreate records on an empty server.

use dokku_core::Command;

use crate::commands::builders;
use crate::model::Certificate;

/// One `certs:add` per app, the certificate and key in a tar on stdin.
pub(crate) fn commands(records: &[Certificate]) -> Vec<Command> {
    records.iter().map(|r| builders::add(&r.app_name, &r.certificate, r.key.expose())).collect()
}
