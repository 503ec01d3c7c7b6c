//! The Dokku `builds` plugin (0.38.0+): how many finished build records are kept (`retention`), per
//! app and `--global`. The last build's id, kind, status, times and exit code are runtime state and
//! are not exported.
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
//! client.output(&set_command(&dokku_builds::SPEC, Some("my-app"), "retention", Some("value"))).await?;
//! let version = client.version().await?.clone();
//! let scope = ExportScope {
//!     apps: vec!["my-app".into()],
//!     system: true,
//!     version,
//!     installed: Vec::new(),
//!     can_run_system_commands: false,
//!     files: None,
//! };
//! for record in dokku_builds::BuildsPlugin::export(&client, &scope).await?.records {
//!     println!("{:?}: {:?}", record.app_name, record.properties);
//! }
//! client.close().await?;
//! # Ok(())
//! # }
//! ```

use dokku_core::DokkuVersion;
use dokku_core::property_plugin::{Properties, Property, PropertyPlugin, PropertyPluginSpec};
use dokku_core::reports::{ReportForm, ReportSpec};

/// The `builds` plugin's declaration (Dokku v0.38.27's `plugins/builds`; older versions as
/// their reports print).
pub static SPEC: PropertyPluginSpec = PropertyPluginSpec {
    key: "builds",
    namespace: "builds",
    report: ReportSpec {
        subcommand: "builds:report",
        type_prefix: "builds",
        // One report for all apps: these reports read property files only, no triggers.
        form: ReportForm::Bulk,
        json_since: DokkuVersion::new(0, 38, 0),
    },
    properties: &[Property::new("retention")],
    prefixed: &[],
    read_only: &[
        "build-exit-code",
        "build-finished-at",
        "build-id",
        "build-kind",
        "build-pid",
        "build-source",
        "build-started-at",
        "build-status",
    ],
    requires: &["apps"],
    since: DokkuVersion::new(0, 38, 0),
    mask: None,
    counted_list: None,
    labels: false,
    renamed: &[],
};

/// The `builds` plugin's marker for [`Properties`].
#[derive(Clone, Copy, Debug, Default)]
pub struct Builds;

impl PropertyPlugin for Builds {
    const KEY: &'static str = "builds";
    const DOKKU_NAME: &'static str = "builds";

    fn spec() -> &'static PropertyPluginSpec {
        &SPEC
    }
}

/// The `builds` plugin for the export/apply engine.
pub type BuildsPlugin = Properties<Builds>;
