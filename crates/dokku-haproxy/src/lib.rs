//! The Dokku `haproxy` proxy plugin's properties, all global (`image`, `letsencrypt-email`,
//! `letsencrypt-server`, `log-level`, `refresh-conf`): they take effect when the haproxy container
//! restarts.
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
//! client.output(&set_command(&dokku_haproxy::SPEC, None, "image", Some("value"))).await?;
//! let version = client.version().await?.clone();
//! let scope = ExportScope {
//!     apps: vec!["my-app".into()],
//!     system: true,
//!     version,
//!     installed: Vec::new(),
//!     can_run_system_commands: false,
//!     files: None,
//! };
//! for record in dokku_haproxy::HaproxyPlugin::export(&client, &scope).await?.records {
//!     println!("{:?}: {:?}", record.app_name, record.properties);
//! }
//! client.close().await?;
//! # Ok(())
//! # }
//! ```

use dokku_core::DokkuVersion;
use dokku_core::property_plugin::{
    Effect, Properties, Property, PropertyPlugin, PropertyPluginSpec, ReleaseDefault,
};
use dokku_core::reports::{ReportForm, ReportSpec};

/// The image an unset `image` printed as, by release, until 0.38.6 (the plugin's `Dockerfile`
/// `FROM`, or before it the default in its `internal-functions`, at each Dokku tag).
const DEFAULT_IMAGES: &[ReleaseDefault] = &[
    ReleaseDefault::new(0, 30, 0, "byjg/easy-haproxy:4.3.0"),
    ReleaseDefault::new(0, 33, 8, "byjg/easy-haproxy:4.4.0"),
    ReleaseDefault::new(0, 35, 19, "byjg/easy-haproxy:4.5.0"),
    ReleaseDefault::new(0, 36, 4, "byjg/easy-haproxy:4.6.0"),
    ReleaseDefault::new(0, 37, 2, "byjg/easy-haproxy:5.0.0"),
    ReleaseDefault::new(0, 37, 7, "byjg/easy-haproxy:6.0.1"),
];

/// The `haproxy` plugin's declaration (Dokku v0.38.27's `plugins/haproxy`; older versions as
/// their reports print).
pub static SPEC: PropertyPluginSpec = PropertyPluginSpec {
    key: "haproxy",
    namespace: "haproxy",
    report: ReportSpec {
        subcommand: "haproxy:report",
        type_prefix: "haproxy",
        // One report for all apps: these reports read property files only, no triggers.
        form: ReportForm::Bulk,
        json_since: DokkuVersion::new(0, 38, 0),
    },
    properties: &[
        Property::new("image")
            .global_only()
            .effect(Effect::Service)
            .bare_until(0, 38, 6)
            .global_shows_by_release_until(DEFAULT_IMAGES, 0, 38, 6),
        Property::new("letsencrypt-email").global_only().effect(Effect::Service).bare_until(0, 38, 6),
        Property::new("letsencrypt-server")
            .global_only()
            .effect(Effect::Service)
            .bare_until(0, 38, 6)
            .global_shows_until("https://acme-v02.api.letsencrypt.org/directory", 0, 38, 6),
        Property::new("log-level")
            .global_only()
            .effect(Effect::Service)
            .bare_until(0, 38, 6)
            .global_shows_until("ERROR", 0, 38, 6),
        Property::new("refresh-conf")
            .global_only()
            .effect(Effect::Service)
            .bare_until(0, 38, 6)
            .global_shows_until("10", 0, 38, 6)
            .since(0, 38, 1),
    ],
    prefixed: &[],
    read_only: &[],
    requires: &["apps"],
    since: DokkuVersion::new(0, 30, 0),
    mask: None,
    counted_list: None,
    labels: true,
    renamed: &[],
};

/// The `haproxy` plugin's marker for [`Properties`].
#[derive(Clone, Copy, Debug, Default)]
pub struct Haproxy;

impl PropertyPlugin for Haproxy {
    const KEY: &'static str = "haproxy";
    const DOKKU_NAME: &'static str = "haproxy-vhosts";

    fn spec() -> &'static PropertyPluginSpec {
        &SPEC
    }
}

/// The `haproxy` plugin for the export/apply engine.
pub type HaproxyPlugin = Properties<Haproxy>;

#[cfg(test)]
mod tests {
    /// Before 0.38.6 the report printed the release's own default for an unset image: that
    /// value (and only on that release) reads as unset, anything else is a pinned image.
    #[test]
    fn the_release_default_image_reads_as_unset() {
        dokku_core::fixtures::assert_global_unset_reads(
            &super::SPEC,
            "image",
            &[
                ((0, 33, 7), "byjg/easy-haproxy:4.3.0", true),
                ((0, 33, 8), "byjg/easy-haproxy:4.3.0", false),
                ((0, 37, 10), "byjg/easy-haproxy:6.0.1", true),
            ],
        );
    }
}
