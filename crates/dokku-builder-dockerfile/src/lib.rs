//! The Dokku `builder-dockerfile` plugin: the Dockerfile an app builds from (`dockerfile-path`),
//! per app and `--global`.
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
//! client.output(&set_command(&dokku_builder_dockerfile::SPEC, Some("my-app"), "dockerfile-path", Some("value"))).await?;
//! let version = client.version().await?.clone();
//! let scope = ExportScope {
//!     apps: vec!["my-app".into()],
//!     system: true,
//!     version,
//!     installed: Vec::new(),
//!     can_run_system_commands: false,
//!     files: None,
//! };
//! for record in dokku_builder_dockerfile::BuilderDockerfilePlugin::export(&client, &scope).await?.records {
//!     println!("{:?}: {:?}", record.app_name, record.properties);
//! }
//! client.close().await?;
//! # Ok(())
//! # }
//! ```

use dokku_core::DokkuVersion;
use dokku_core::property_plugin::{Effect, Properties, Property, PropertyPlugin, PropertyPluginSpec};
use dokku_core::reports::{ReportForm, ReportSpec};

/// The `builder-dockerfile` plugin's declaration (Dokku v0.38.27's `plugins/builder-dockerfile`; older versions as
/// their reports print).
pub static SPEC: PropertyPluginSpec = PropertyPluginSpec {
    key: "builder_dockerfile",
    namespace: "builder-dockerfile",
    report: ReportSpec {
        subcommand: "builder-dockerfile:report",
        type_prefix: "builder-dockerfile",
        // One report for all apps: these reports read property files only, no triggers.
        form: ReportForm::Bulk,
        json_since: DokkuVersion::new(0, 38, 0),
    },
    properties: &[Property::new("dockerfile-path").effect(Effect::Rebuild).global_shows_until(
        "Dockerfile",
        0,
        38,
        6,
    )],
    prefixed: &[],
    read_only: &[],
    requires: &["apps"],
    since: DokkuVersion::new(0, 30, 0),
    mask: None,
    counted_list: None,
    labels: false,
    renamed: &[],
};

/// The `builder-dockerfile` plugin's marker for [`Properties`].
#[derive(Clone, Copy, Debug, Default)]
pub struct BuilderDockerfile;

impl PropertyPlugin for BuilderDockerfile {
    const KEY: &'static str = "builder_dockerfile";
    const DOKKU_NAME: &'static str = "builder-dockerfile";

    fn spec() -> &'static PropertyPluginSpec {
        &SPEC
    }
}

/// The `builder-dockerfile` plugin for the export/apply engine.
pub type BuilderDockerfilePlugin = Properties<BuilderDockerfile>;
