//! The Dokku `cron` plugin: the global mail settings of cron output (`mailto`, `mailfrom`) and
//! maintenance mode (`maintenance`, app and `--global`). Tasks come from a deployed app's
//! `app.json` and are not configuration here.
//!
//! A property plugin: this crate is its declaration ([`SPEC`]); reading, planning and applying
//! are `dokku-core`'s [`property_plugin`](dokku_core::property_plugin) mechanics. Only raw
//! values are exported (app and `--global`), never the computed ones. As root, [`CronPlugin`]
//! reads them from the property store's files, and the tasks from each app's deployed
//! `app.json`, with `cron:list` only where the files do not decide ([`deployed_tasks`]).
//!
//! ```no_run
//! # async fn demo() -> Result<(), dokku_core::Error> {
//! use dokku_core::plugin::{ExportScope, Plugin};
//! use dokku_core::property_plugin::set_command;
//! use dokku_core::{Client, ClientOptions, SshConfig};
//!
//! let client = Client::ssh(&SshConfig::new("dokku@dokku.example.com"), ClientOptions::default()).await?;
//! client.output(&set_command(&dokku_cron::SPEC, Some("my-app"), "maintenance", Some("value"))).await?;
//! let version = client.version().await?.clone();
//! let scope = ExportScope {
//!     apps: vec!["my-app".into()],
//!     system: true,
//!     version,
//!     installed: Vec::new(),
//!     can_run_system_commands: false,
//!     files: None,
//! };
//! for record in dokku_cron::CronPlugin::export(&client, &scope).await?.records {
//!     println!("{:?}: {:?}", record.app_name, record.properties);
//! }
//! client.close().await?;
//! # Ok(())
//! # }
//! ```

mod app_json;
mod export;
mod files;
mod tasks;

use dokku_core::DokkuVersion;
use dokku_core::property_plugin::{CountedList, Property, PropertyPlugin, PropertyPluginSpec};
use dokku_core::reports::{ReportForm, ReportSpec};

pub use export::CronPlugin;
pub use files::cron_record_from_files;
pub use tasks::{DeployedTasks, deployed_tasks};

/// The `cron` plugin's declaration (Dokku v0.38.27's `plugins/cron`; older versions as
/// their reports print).
pub static SPEC: PropertyPluginSpec = PropertyPluginSpec {
    key: "cron",
    namespace: "cron",
    report: ReportSpec {
        subcommand: "cron:report",
        type_prefix: "cron",
        // One report for all apps: these reports read property files only, no triggers.
        form: ReportForm::Bulk,
        json_since: DokkuVersion::new(0, 30, 0),
    },
    properties: &[
        Property::new("mailto").global_only().since(0, 32, 0).bare_until(0, 38, 7),
        Property::new("mailfrom").global_only().since(0, 35, 14).bare_until(0, 38, 7),
        Property::new("maintenance").since(0, 36, 0),
    ],
    prefixed: &[],
    read_only: &["task-count"],
    requires: &["apps"],
    since: DokkuVersion::new(0, 30, 0),
    mask: None,
    counted_list: Some(CountedList { count_key: "task-count", subcommand: "cron:list", info_key: "tasks" }),
    labels: false,
    renamed: &[],
};

/// The `cron` plugin's marker for [`Properties`](dokku_core::property_plugin::Properties).
#[derive(Clone, Copy, Debug, Default)]
pub struct Cron;

impl PropertyPlugin for Cron {
    const KEY: &'static str = "cron";
    const DOKKU_NAME: &'static str = "cron";

    fn spec() -> &'static PropertyPluginSpec {
        &SPEC
    }
}
