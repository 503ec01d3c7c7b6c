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
use dokku_core::property_plugin::{
    Effect, Mask, Properties, Property, PropertyPlugin, PropertyPluginSpec, ReleaseDefault,
};
use dokku_core::reports::{ReportForm, ReportSpec};

/// The vector image an unset `vector-image` printed as, by release, until 0.38.6 (the logs
/// plugin's `VectorImage` constant, later its `Dockerfile` `FROM`, at each Dokku tag).
const DEFAULT_VECTOR_IMAGES: &[ReleaseDefault] = &[
    ReleaseDefault::new(0, 30, 0, "timberio/vector:0.23.X-debian"),
    ReleaseDefault::new(0, 31, 0, "timberio/vector:0.31.X-debian"),
    ReleaseDefault::new(0, 33, 2, "timberio/vector:0.35.X-debian"),
    ReleaseDefault::new(0, 33, 8, "timberio/vector:0.36.0-debian"),
    ReleaseDefault::new(0, 33, 9, "timberio/vector:0.36.1-debian"),
    ReleaseDefault::new(0, 34, 5, "timberio/vector:0.38.0-debian"),
    ReleaseDefault::new(0, 34, 6, "timberio/vector:0.39.0-debian"),
    ReleaseDefault::new(0, 35, 0, "timberio/vector:0.41.1-debian"),
    ReleaseDefault::new(0, 35, 9, "timberio/vector:0.42.0-debian"),
    ReleaseDefault::new(0, 35, 13, "timberio/vector:0.43.1-debian"),
    ReleaseDefault::new(0, 35, 18, "timberio/vector:0.46.1-debian"),
    ReleaseDefault::new(0, 35, 19, "timberio/vector:0.47.0-debian"),
    ReleaseDefault::new(0, 36, 0, "timberio/vector:0.48.0-debian"),
    ReleaseDefault::new(0, 36, 4, "timberio/vector:0.49.0-debian"),
    ReleaseDefault::new(0, 36, 8, "timberio/vector:0.50.0-debian"),
    ReleaseDefault::new(0, 36, 11, "timberio/vector:0.51.0-debian"),
    ReleaseDefault::new(0, 37, 0, "timberio/vector:0.51.1-debian"),
    ReleaseDefault::new(0, 37, 3, "timberio/vector:0.52.0-debian"),
    ReleaseDefault::new(0, 37, 6, "timberio/vector:0.53.0-debian"),
    ReleaseDefault::new(0, 37, 8, "timberio/vector:0.54.0-debian"),
    ReleaseDefault::new(0, 37, 10, "timberio/vector:0.55.0-debian"),
];

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
        Property::new("vector-image")
            .global_only()
            .effect(Effect::Service)
            .since(0, 33, 2)
            .global_shows_by_release_until(DEFAULT_VECTOR_IMAGES, 0, 38, 6),
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

#[cfg(test)]
mod tests {
    /// Before 0.38.6 the report printed the release's own default for an unset image: that
    /// value (and only on that release) reads as unset, anything else is a pinned image.
    #[test]
    fn the_release_default_image_reads_as_unset() {
        dokku_core::fixtures::assert_global_unset_reads(
            &super::SPEC,
            "vector-image",
            &[
                ((0, 33, 9), "timberio/vector:0.36.1-debian", true),
                ((0, 34, 5), "timberio/vector:0.36.1-debian", false),
                ((0, 38, 6), "timberio/vector:0.55.0-debian", false),
            ],
        );
    }
}
