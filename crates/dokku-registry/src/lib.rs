//! The Dokku `registry` plugin's properties: where images are pushed (`server`, `image-repo`,
//! `image-repo-template`), whether each release is pushed (`push-on-release`) and extra tags
//! (`push-extra-tags`). Registry credentials (`registry:login`) are not properties.
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
//! client.output(&set_command(&dokku_registry::SPEC, Some("my-app"), "image-repo", Some("value"))).await?;
//! let version = client.version().await?.clone();
//! let scope = ExportScope {
//!     apps: vec!["my-app".into()],
//!     system: true,
//!     version,
//!     installed: Vec::new(),
//!     can_run_system_commands: false,
//!     files: None,
//! };
//! for record in dokku_registry::RegistryPlugin::export(&client, &scope).await?.records {
//!     println!("{:?}: {:?}", record.app_name, record.properties);
//! }
//! client.close().await?;
//! # Ok(())
//! # }
//! ```

pub mod login;

pub use login::{RegistryLogin, RegistryLoginsPlugin};

use dokku_core::DokkuVersion;
use dokku_core::property_plugin::{Properties, Property, PropertyPlugin, PropertyPluginSpec};
use dokku_core::reports::{ReportForm, ReportSpec};

/// The `registry` plugin's declaration (Dokku v0.38.27's `plugins/registry`; older versions as
/// their reports print).
pub static SPEC: PropertyPluginSpec = PropertyPluginSpec {
    key: "registry",
    namespace: "registry",
    report: ReportSpec {
        subcommand: "registry:report",
        type_prefix: "registry",
        // One report for all apps: these reports read property files only, no triggers.
        form: ReportForm::Bulk,
        json_since: DokkuVersion::new(0, 30, 0),
    },
    properties: &[
        Property::new("image-repo").app_only(),
        Property::new("image-repo-template").since(0, 33, 0),
        Property::new("push-on-release"),
        Property::new("server"),
        Property::new("push-extra-tags").since(0, 33, 9),
    ],
    prefixed: &[],
    read_only: &["tag-version"],
    requires: &["apps"],
    since: DokkuVersion::new(0, 30, 0),
    mask: None,
    counted_list: None,
    labels: false,
    renamed: &[],
};

/// The `registry` plugin's marker for [`Properties`].
#[derive(Clone, Copy, Debug, Default)]
pub struct Registry;

impl PropertyPlugin for Registry {
    const KEY: &'static str = "registry";
    const DOKKU_NAME: &'static str = "registry";

    fn spec() -> &'static PropertyPluginSpec {
        &SPEC
    }
}

/// The `registry` plugin for the export/apply engine.
pub type RegistryPlugin = Properties<Registry>;
