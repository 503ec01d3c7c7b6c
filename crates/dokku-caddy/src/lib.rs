//! The Dokku `caddy` proxy plugin's properties: `tls-internal` per app and `--global`, and the
//! global-only proxy settings (`image`, `letsencrypt-email`, `letsencrypt-server`, `log-level`,
//! `polling-interval`), which take effect when the caddy container restarts.
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
//! client.output(&set_command(&dokku_caddy::SPEC, Some("my-app"), "tls-internal", Some("value"))).await?;
//! let version = client.version().await?.clone();
//! let scope = ExportScope {
//!     apps: vec!["my-app".into()],
//!     system: true,
//!     version,
//!     installed: Vec::new(),
//!     can_run_system_commands: false,
//!     files: None,
//! };
//! for record in dokku_caddy::CaddyPlugin::export(&client, &scope).await?.records {
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
    ReleaseDefault::new(0, 30, 0, "lucaslorentz/caddy-docker-proxy:2.7"),
    ReleaseDefault::new(0, 31, 0, "lucaslorentz/caddy-docker-proxy:2.8"),
    ReleaseDefault::new(0, 34, 5, "lucaslorentz/caddy-docker-proxy:2.9"),
    ReleaseDefault::new(0, 36, 0, "lucaslorentz/caddy-docker-proxy:2.10"),
    ReleaseDefault::new(0, 37, 7, "lucaslorentz/caddy-docker-proxy:2.11"),
    ReleaseDefault::new(0, 37, 8, "lucaslorentz/caddy-docker-proxy:2.12"),
];

/// The `caddy` plugin's declaration (Dokku v0.38.27's `plugins/caddy`; older versions as
/// their reports print).
pub static SPEC: PropertyPluginSpec = PropertyPluginSpec {
    key: "caddy",
    namespace: "caddy",
    report: ReportSpec {
        subcommand: "caddy:report",
        type_prefix: "caddy",
        // One report for all apps: these reports read property files only, no triggers.
        form: ReportForm::Bulk,
        json_since: DokkuVersion::new(0, 38, 0),
    },
    properties: &[
        Property::new("tls-internal").effect(Effect::Rebuild),
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
        Property::new("polling-interval")
            .global_only()
            .effect(Effect::Service)
            .bare_until(0, 38, 6)
            .global_shows_until("5s", 0, 38, 6),
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

/// The `caddy` plugin's marker for [`Properties`].
#[derive(Clone, Copy, Debug, Default)]
pub struct Caddy;

impl PropertyPlugin for Caddy {
    const KEY: &'static str = "caddy";
    const DOKKU_NAME: &'static str = "caddy-vhosts";

    fn spec() -> &'static PropertyPluginSpec {
        &SPEC
    }
}

/// The `caddy` plugin for the export/apply engine.
pub type CaddyPlugin = Properties<Caddy>;

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
                ((0, 35, 20), "lucaslorentz/caddy-docker-proxy:2.9", true),
                ((0, 36, 0), "lucaslorentz/caddy-docker-proxy:2.9", false),
                ((0, 38, 6), "lucaslorentz/caddy-docker-proxy:2.12", false),
            ],
        );
    }
}
