//! The Dokku `logs` plugin: container log size (`max-size`), the label that names the app to vector
//! (`app-label-alias`), vector sinks for app and cron output (`vector-sink`, `vector-cron-sink`:
//! DSNs that often carry tokens, so secrets), and the global vector container (`vector-image`,
//! `vector-networks`).
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
//! client.output(&set_command(&dokku_logs::SPEC, Some("my-app"), "max-size", Some("value"))).await?;
//! let version = client.version().await?.clone();
//! let scope = ExportScope {
//!     apps: vec!["my-app".into()],
//!     system: true,
//!     version,
//!     installed: Vec::new(),
//!     can_run_system_commands: false,
//!     files: None,
//! };
//! for record in dokku_logs::LogsPlugin::export(&client, &scope).await?.records {
//!     println!("{:?}: {:?}", record.app_name, record.properties);
//! }
//! client.close().await?;
//! # Ok(())
//! # }
//! ```

use dokku_core::DokkuVersion;
use dokku_core::property_plugin::{Effect, Mask, Properties, Property, PropertyPlugin, PropertyPluginSpec};
use dokku_core::reports::{ReportForm, ReportSpec};

/// The `logs` plugin's declaration (Dokku v0.38.27's `plugins/logs`; older versions as
/// their reports print).
pub static SPEC: PropertyPluginSpec = PropertyPluginSpec {
    key: "logs",
    namespace: "logs",
    report: ReportSpec {
        subcommand: "logs:report",
        type_prefix: "logs",
        // One report for all apps: these reports read property files only, no triggers.
        form: ReportForm::Bulk,
        json_since: DokkuVersion::new(0, 30, 0),
    },
    properties: &[
        Property::new("max-size").effect(Effect::Restart).global_shows_until("10m", 0, 38, 6),
        Property::new("app-label-alias").global_shows_until("com.dokku.app-name", 0, 38, 6).since(0, 35, 14),
        Property::new("vector-sink").secret(),
        Property::new("vector-cron-sink").secret().since(0, 38, 27),
        Property::new("vector-image").global_only().effect(Effect::Service).since(0, 33, 2),
        Property::new("vector-networks").global_only().effect(Effect::Service).since(0, 38, 5),
    ],
    prefixed: &[],
    read_only: &[],
    requires: &["apps"],
    since: DokkuVersion::new(0, 30, 0),
    mask: Some(Mask::RedactedUrl),
    // 0.33.2–0.38.5 printed the global vector settings as `vector-global-*`.
    counted_list: None,
    labels: false,
    renamed: &[
        ("vector-global-image", "global-vector-image", (0, 38, 6)),
        ("vector-global-networks", "global-vector-networks", (0, 38, 6)),
    ],
};

/// The `logs` plugin's marker for [`Properties`].
#[derive(Clone, Copy, Debug, Default)]
pub struct Logs;

impl PropertyPlugin for Logs {
    const KEY: &'static str = "logs";
    const DOKKU_NAME: &'static str = "logs";

    fn spec() -> &'static PropertyPluginSpec {
        &SPEC
    }
}

/// The `logs` plugin for the export/apply engine.
pub type LogsPlugin = Properties<Logs>;
