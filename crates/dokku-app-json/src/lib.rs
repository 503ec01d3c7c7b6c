//! The Dokku `app-json` plugin: where an app's `app.json` lives in its source (`appjson-path`), per
//! app and `--global`.
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
//! client.output(&set_command(&dokku_app_json::SPEC, Some("my-app"), "appjson-path", Some("value"))).await?;
//! let version = client.version().await?.clone();
//! let scope = ExportScope {
//!     apps: vec!["my-app".into()],
//!     system: true,
//!     version,
//!     installed: Vec::new(),
//!     can_run_system_commands: false,
//!     files: None,
//! };
//! for record in dokku_app_json::AppJsonPlugin::export(&client, &scope).await?.records {
//!     println!("{:?}: {:?}", record.app_name, record.properties);
//! }
//! client.close().await?;
//! # Ok(())
//! # }
//! ```

use dokku_core::DokkuVersion;
use dokku_core::property_plugin::{Effect, Properties, Property, PropertyPlugin, PropertyPluginSpec};
use dokku_core::reports::{ReportForm, ReportSpec};

/// The `app-json` plugin's declaration (Dokku v0.38.27's `plugins/app-json`; older versions as
/// their reports print).
pub static SPEC: PropertyPluginSpec = PropertyPluginSpec {
    key: "app_json",
    namespace: "app-json",
    report: ReportSpec {
        subcommand: "app-json:report",
        type_prefix: "app-json",
        // One report for all apps: these reports read property files only, no triggers.
        form: ReportForm::Bulk,
        json_since: DokkuVersion::new(0, 30, 0),
    },
    properties: &[Property::new("appjson-path")
        .effect(Effect::Rebuild)
        .global_shows_until("app.json", 0, 38, 6)],
    prefixed: &[],
    read_only: &[],
    requires: &["apps"],
    since: DokkuVersion::new(0, 30, 0),
    mask: None,
    // Before 0.38.3 the report named the property `selected`.
    counted_list: None,
    labels: false,
    renamed: &[
        ("selected", "appjson-path", (0, 38, 3)),
        ("global-selected", "global-appjson-path", (0, 38, 3)),
        ("computed-selected", "computed-appjson-path", (0, 38, 3)),
    ],
};

/// The `app-json` plugin's marker for [`Properties`].
#[derive(Clone, Copy, Debug, Default)]
pub struct AppJson;

impl PropertyPlugin for AppJson {
    const KEY: &'static str = "app_json";
    const DOKKU_NAME: &'static str = "app-json";

    fn spec() -> &'static PropertyPluginSpec {
        &SPEC
    }
}

/// The `app-json` plugin for the export/apply engine.
pub type AppJsonPlugin = Properties<AppJson>;
