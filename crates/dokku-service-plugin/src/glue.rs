//! [`Services`]: a service plugin as the export/apply engine sees it, made from its table.

use std::marker::PhantomData;

use dokku_core::ownership::OwnedValue;
use dokku_core::plugin::{DiffOptions, ExportScope, Exported, Plugin, PluginDiff};
use dokku_core::{Client, Command, Error};

use crate::model::ServiceRecord;
use crate::spec::ServiceSpec;

/// A service plugin's declaration: its table. The crate of each plugin implements it on a
/// marker type and names [`Services`] of that type.
pub trait ServicePlugin: Send + Sync + 'static {
    /// The plugin's table.
    const SPEC: ServiceSpec;
}

/// The [`Plugin`] of the service plugin `S`.
pub struct Services<S>(PhantomData<fn() -> S>);

impl<S: ServicePlugin> Plugin for Services<S> {
    const KEY: &'static str = S::SPEC.key;
    const DOKKU_NAME: &'static str = S::SPEC.command_prefix;
    // Links need the app, the app's variables first (a scheme override changes the URL a link
    // writes) and its docker options (so that a converge does not touch the `--link` option);
    // `--initial-network` and friends need the networks.
    const REQUIRES: &'static [&'static str] = &["apps", "network", "config", "docker_options"];
    // Most servers have few of these plugins, and a command Dokku does not know walks every
    // plugin's `commands` script before failing: waiting for `plugin:list` (read anyway)
    // costs the server nothing, sending seven commands that fail costs it seconds of CPU.
    const READS_INSTALLED_PLUGINS: bool = true;
    type Record = ServiceRecord;

    async fn export(client: &Client, scope: &ExportScope) -> Result<Exported<ServiceRecord>, Error> {
        crate::read::export_services(&S::SPEC, client, scope).await
    }

    fn validate(record: &ServiceRecord) -> Vec<(String, String)> {
        crate::validate::validate(&S::SPEC, record)
    }

    fn apply_commands(records: &[ServiceRecord]) -> Vec<Command> {
        crate::create::creation_commands(&S::SPEC, records)
    }

    fn owned_elsewhere(records: &[ServiceRecord]) -> Vec<OwnedValue> {
        crate::ownership::owned_values(&S::SPEC, records)
    }

    fn diff(current: &[ServiceRecord], desired: &[ServiceRecord], options: &DiffOptions) -> PluginDiff {
        crate::diff::diff(&S::SPEC, current, desired, options)
    }
}
