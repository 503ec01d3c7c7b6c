//! The Dokku `builder-herokuish` plugin: whether herokuish may build an app (`allowed`), per app
//! and `--global`. The computed default follows the host's CPU architecture and is never exported.
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
//! client.output(&set_command(&dokku_builder_herokuish::SPEC, Some("my-app"), "allowed", Some("value"))).await?;
//! let version = client.version().await?.clone();
//! let scope = ExportScope {
//!     apps: vec!["my-app".into()],
//!     system: true,
//!     version,
//!     installed: Vec::new(),
//!     can_run_system_commands: false,
//!     files: None,
//! };
//! for record in dokku_builder_herokuish::BuilderHerokuishPlugin::export(&client, &scope).await?.records {
//!     println!("{:?}: {:?}", record.app_name, record.properties);
//! }
//! client.close().await?;
//! # Ok(())
//! # }
//! ```

use dokku_core::DokkuVersion;
use dokku_core::property_plugin::{Effect, Properties, Property, PropertyPlugin, PropertyPluginSpec};
use dokku_core::reports::{ReportForm, ReportSpec};

/// The `builder-herokuish` plugin's declaration (Dokku v0.38.27's `plugins/builder-herokuish`; older versions as
/// their reports print).
pub static SPEC: PropertyPluginSpec = PropertyPluginSpec {
    key: "builder_herokuish",
    namespace: "builder-herokuish",
    report: ReportSpec {
        subcommand: "builder-herokuish:report",
        type_prefix: "builder-herokuish",
        // One report for all apps: these reports read property files only, no triggers.
        form: ReportForm::Bulk,
        json_since: DokkuVersion::new(0, 38, 0),
    },
    properties: &[Property::new("allowed").effect(Effect::Rebuild).global_shows_until("true", 0, 38, 6)],
    prefixed: &[],
    read_only: &[],
    requires: &["apps"],
    since: DokkuVersion::new(0, 30, 0),
    mask: None,
    counted_list: None,
    labels: false,
    renamed: &[],
};

/// The `builder-herokuish` plugin's marker for [`Properties`].
#[derive(Clone, Copy, Debug, Default)]
pub struct BuilderHerokuish;

impl PropertyPlugin for BuilderHerokuish {
    const KEY: &'static str = "builder_herokuish";
    const DOKKU_NAME: &'static str = "builder-herokuish";

    fn spec() -> &'static PropertyPluginSpec {
        &SPEC
    }
}

/// The `builder-herokuish` plugin for the export/apply engine.
pub type BuilderHerokuishPlugin = Properties<BuilderHerokuish>;
