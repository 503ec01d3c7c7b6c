//! The Dokku `builder` plugin: which builder builds an app (`selected`), the subdirectory it
//! builds from (`build-dir`) and whether build containers are kept (`skip-cleanup`), per app and
//! `--global`. `detected` (the builder Dokku picked at the last build) is runtime state and is
//! not exported.
//!
//! A property plugin: this crate is its declaration ([`SPEC`]); reading, planning and applying
//! are `dokku-core`'s [`property_plugin`](dokku_core::property_plugin) mechanics.
//!
//! ```no_run
//! # async fn demo() -> Result<(), dokku_core::Error> {
//! use dokku_core::plugin::{ExportScope, Plugin};
//! use dokku_core::{Client, ClientOptions, SshConfig};
//!
//! let client = Client::ssh(&SshConfig::new("dokku@dokku.example.com"), ClientOptions::default()).await?;
//! let set = dokku_core::property_plugin::set_command(&dokku_builder::SPEC, Some("my-app"), "selected", Some("dockerfile"));
//! client.output(&set).await?;
//! let scope = ExportScope {
//!     apps: vec!["my-app".into()],
//!     system: true,
//!     version: client.version().await?.clone(),
//!     installed: Vec::new(),
//!     can_run_system_commands: false,
//!     files: None,
//! };
//! for record in dokku_builder::BuilderPlugin::export(&client, &scope).await?.records {
//!     println!("{:?}: {:?}", record.app_name, record.properties);
//! }
//! client.close().await?;
//! # Ok(())
//! # }
//! ```

use dokku_core::DokkuVersion;
use dokku_core::property_plugin::{Effect, Properties, Property, PropertyPlugin, PropertyPluginSpec};
use dokku_core::reports::{ReportForm, ReportSpec};

/// The builder plugin's declaration. Every property is read at build time: a change needs a
/// rebuild. The bulk report is one cheap Go command.
pub static SPEC: PropertyPluginSpec = PropertyPluginSpec {
    key: "builder",
    namespace: "builder",
    report: ReportSpec {
        subcommand: "builder:report",
        type_prefix: "builder",
        form: ReportForm::Bulk,
        json_since: DokkuVersion::new(0, 38, 0),
    },
    properties: &[
        Property::new("selected").effect(Effect::Rebuild),
        Property::new("build-dir").effect(Effect::Rebuild),
        Property::new("skip-cleanup").effect(Effect::Rebuild),
    ],
    prefixed: &[],
    read_only: &["detected"],
    requires: &["apps"],
    since: DokkuVersion::new(0, 0, 0),
    mask: None,
    counted_list: None,
    labels: false,
    renamed: &[],
};

/// The builder plugin's marker for [`Properties`].
#[derive(Clone, Copy, Debug, Default)]
pub struct Builder;

impl PropertyPlugin for Builder {
    const KEY: &'static str = "builder";
    const DOKKU_NAME: &'static str = "builder";

    fn spec() -> &'static PropertyPluginSpec {
        &SPEC
    }
}

/// The builder plugin for the export/apply engine.
pub type BuilderPlugin = Properties<Builder>;
