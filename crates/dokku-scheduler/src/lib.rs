//! The Dokku `scheduler` plugin: which scheduler runs an app (`selected`) and the shell of
//! `enter`/`run` (`shell`, 0.38.0+), per app and `--global`.
//!
//! A property plugin: this crate is its declaration ([`SPEC`]); reading, planning and applying
//! are `dokku-core`'s [`property_plugin`](dokku_core::property_plugin) mechanics. Only raw
//! values are exported (app and `--global`), never the computed ones.
//!
//! ```no_run
//! # async fn demo() -> Result<(), dokku_core::Error> {
//! use dokku_core::plugin::{ExportScope, Plugin};
//! use dokku_core::property_plugin::set_command;
//! use dokku_core::{Client, ClientOptions, SshConfig};
//!
//! let client = Client::ssh(&SshConfig::new("dokku@dokku.example.com"), ClientOptions::default()).await?;
//! client.output(&set_command(&dokku_scheduler::SPEC, Some("my-app"), "selected", Some("value"))).await?;
//! let version = client.version().await?.clone();
//! let scope = ExportScope {
//!     apps: vec!["my-app".into()],
//!     system: true,
//!     version,
//!     installed: Vec::new(),
//!     can_run_system_commands: false,
//!     files: None,
//! };
//! for record in dokku_scheduler::SchedulerPlugin::export(&client, &scope).await?.records {
//!     println!("{:?}: {:?}", record.app_name, record.properties);
//! }
//! client.close().await?;
//! # Ok(())
//! # }
//! ```

use dokku_core::DokkuVersion;
use dokku_core::property_plugin::{Effect, Properties, Property, PropertyPlugin, PropertyPluginSpec};
use dokku_core::reports::{ReportForm, ReportSpec};

/// The `scheduler` plugin's declaration (Dokku v0.38.27's `plugins/scheduler`; older versions as
/// their reports print).
pub static SPEC: PropertyPluginSpec = PropertyPluginSpec {
    key: "scheduler",
    namespace: "scheduler",
    report: ReportSpec {
        subcommand: "scheduler:report",
        type_prefix: "scheduler",
        // One report for all apps: these reports read property files only, no triggers.
        form: ReportForm::Bulk,
        json_since: DokkuVersion::new(0, 30, 0),
    },
    properties: &[
        Property::new("selected").effect(Effect::Restart).global_shows_until("docker-local", 0, 38, 6),
        Property::new("shell").since(0, 38, 0),
    ],
    prefixed: &[],
    read_only: &[],
    requires: &["apps"],
    since: DokkuVersion::new(0, 30, 0),
    mask: None,
    counted_list: None,
    labels: false,
    renamed: &[],
};

/// The `scheduler` plugin's marker for [`Properties`].
#[derive(Clone, Copy, Debug, Default)]
pub struct Scheduler;

impl PropertyPlugin for Scheduler {
    const KEY: &'static str = "scheduler";
    const DOKKU_NAME: &'static str = "scheduler";

    fn spec() -> &'static PropertyPluginSpec {
        &SPEC
    }
}

/// The `scheduler` plugin for the export/apply engine.
pub type SchedulerPlugin = Properties<Scheduler>;
