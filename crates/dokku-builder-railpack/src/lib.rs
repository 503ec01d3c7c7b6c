//! The Dokku `builder-railpack` plugin: the `railpack.json` an app builds with (`railpackjson-
//! path`), per app and `--global`.
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
//! client.output(&set_command(&dokku_builder_railpack::SPEC, Some("my-app"), "railpackjson-path", Some("value"))).await?;
//! let version = client.version().await?.clone();
//! let scope = ExportScope {
//!     apps: vec!["my-app".into()],
//!     system: true,
//!     version,
//!     installed: Vec::new(),
//!     can_run_system_commands: false,
//!     files: None,
//! };
//! for record in dokku_builder_railpack::BuilderRailpackPlugin::export(&client, &scope).await?.records {
//!     println!("{:?}: {:?}", record.app_name, record.properties);
//! }
//! client.close().await?;
//! # Ok(())
//! # }
//! ```

use dokku_core::DokkuVersion;
use dokku_core::property_plugin::{Effect, Properties, Property, PropertyPlugin, PropertyPluginSpec};
use dokku_core::reports::{ReportForm, ReportSpec};

/// The `builder-railpack` plugin's declaration (Dokku v0.38.27's `plugins/builder-railpack`; older versions as
/// their reports print).
pub static SPEC: PropertyPluginSpec = PropertyPluginSpec {
    key: "builder_railpack",
    namespace: "builder-railpack",
    report: ReportSpec {
        subcommand: "builder-railpack:report",
        type_prefix: "builder-railpack",
        // One report for all apps: these reports read property files only, no triggers.
        form: ReportForm::Bulk,
        json_since: DokkuVersion::new(0, 38, 0),
    },
    properties: &[Property::new("railpackjson-path").effect(Effect::Rebuild).global_shows_until(
        "railpack.json",
        0,
        38,
        6,
    )],
    prefixed: &[],
    read_only: &[],
    requires: &["apps"],
    since: DokkuVersion::new(0, 37, 0),
    mask: None,
    counted_list: None,
    labels: false,
    renamed: &[],
};

/// The `builder-railpack` plugin's marker for [`Properties`].
#[derive(Clone, Copy, Debug, Default)]
pub struct BuilderRailpack;

impl PropertyPlugin for BuilderRailpack {
    const KEY: &'static str = "builder_railpack";
    const DOKKU_NAME: &'static str = "builder-railpack";

    fn spec() -> &'static PropertyPluginSpec {
        &SPEC
    }
}

/// The `builder-railpack` plugin for the export/apply engine.
pub type BuilderRailpackPlugin = Properties<BuilderRailpack>;
