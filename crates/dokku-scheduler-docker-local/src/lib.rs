//! The Dokku `scheduler-docker-local` plugin: whether containers run with `--init` (`init-process`)
//! and how many start at once (`parallel-schedule-count`), per app and `--global`.
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
//! client.output(&set_command(&dokku_scheduler_docker_local::SPEC, Some("my-app"), "init-process", Some("value"))).await?;
//! let version = client.version().await?.clone();
//! let scope = ExportScope {
//!     apps: vec!["my-app".into()],
//!     system: true,
//!     version,
//!     installed: Vec::new(),
//!     can_run_system_commands: false,
//!     files: None,
//! };
//! for record in dokku_scheduler_docker_local::SchedulerDockerLocalPlugin::export(&client, &scope).await?.records {
//!     println!("{:?}: {:?}", record.app_name, record.properties);
//! }
//! client.close().await?;
//! # Ok(())
//! # }
//! ```

use dokku_core::DokkuVersion;
use dokku_core::property_plugin::{Effect, Properties, Property, PropertyPlugin, PropertyPluginSpec};
use dokku_core::reports::{ReportForm, ReportSpec};

/// The `scheduler-docker-local` plugin's declaration (Dokku v0.38.27's `plugins/scheduler-docker-local`; older versions as
/// their reports print).
pub static SPEC: PropertyPluginSpec = PropertyPluginSpec {
    key: "scheduler_docker_local",
    namespace: "scheduler-docker-local",
    report: ReportSpec {
        subcommand: "scheduler-docker-local:report",
        type_prefix: "scheduler-docker-local",
        // One report for all apps: these reports read property files only, no triggers.
        form: ReportForm::Bulk,
        json_since: DokkuVersion::new(0, 38, 0),
    },
    properties: &[
        Property::new("init-process").effect(Effect::Restart).global_shows_until("true", 0, 38, 6),
        Property::new("parallel-schedule-count").global_shows_until("1", 0, 38, 6),
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

/// The `scheduler-docker-local` plugin's marker for [`Properties`].
#[derive(Clone, Copy, Debug, Default)]
pub struct SchedulerDockerLocal;

impl PropertyPlugin for SchedulerDockerLocal {
    const KEY: &'static str = "scheduler_docker_local";
    const DOKKU_NAME: &'static str = "scheduler-docker-local";

    fn spec() -> &'static PropertyPluginSpec {
        &SPEC
    }
}

/// The `scheduler-docker-local` plugin for the export/apply engine.
pub type SchedulerDockerLocalPlugin = Properties<SchedulerDockerLocal>;
