//! The Dokku `traefik` proxy plugin's properties, all global: the API and dashboard, entry points,
//! ACME settings, the basic-auth password and the DNS provider's credentials (`dns-provider-<VAR>`;
//! both secrets, which the text report masks), image and log level. They take effect when the
//! traefik container restarts.
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
//! client.output(&set_command(&dokku_traefik::SPEC, None, "api-enabled", Some("value"))).await?;
//! let version = client.version().await?.clone();
//! let scope = ExportScope {
//!     apps: vec!["my-app".into()],
//!     system: true,
//!     version,
//!     installed: Vec::new(),
//!     can_run_system_commands: false,
//!     files: None,
//! };
//! for record in dokku_traefik::TraefikPlugin::export(&client, &scope).await?.records {
//!     println!("{:?}: {:?}", record.app_name, record.properties);
//! }
//! client.close().await?;
//! # Ok(())
//! # }
//! ```

use dokku_core::DokkuVersion;
use dokku_core::property_plugin::{
    Effect, Mask, PrefixedProperty, Properties, Property, PropertyPlugin, PropertyPluginSpec, ReleaseDefault,
    Scope,
};
use dokku_core::reports::{ReportForm, ReportSpec};

/// The image an unset `image` printed as, by release, until 0.38.6 (the plugin's `Dockerfile`
/// `FROM`, or before it the default in its `internal-functions`, at each Dokku tag).
const DEFAULT_IMAGES: &[ReleaseDefault] = &[
    ReleaseDefault::new(0, 30, 0, "traefik:v2.8"),
    ReleaseDefault::new(0, 31, 0, "traefik:v2.10"),
    ReleaseDefault::new(0, 33, 8, "traefik:2.11.0"),
    ReleaseDefault::new(0, 34, 5, "traefik:2.11.2"),
    ReleaseDefault::new(0, 35, 0, "traefik:3.1.2"),
    ReleaseDefault::new(0, 35, 3, "traefik:3.1.4"),
    ReleaseDefault::new(0, 35, 5, "traefik:3.1.5"),
    ReleaseDefault::new(0, 35, 6, "traefik:3.1.6"),
    ReleaseDefault::new(0, 35, 9, "traefik:3.2.0"),
    ReleaseDefault::new(0, 35, 12, "traefik:3.2.1"),
    ReleaseDefault::new(0, 35, 13, "traefik:3.2.2"),
    ReleaseDefault::new(0, 35, 14, "traefik:3.3.0"),
    ReleaseDefault::new(0, 35, 15, "traefik:3.3.1"),
    ReleaseDefault::new(0, 35, 16, "traefik:3.3.4"),
    ReleaseDefault::new(0, 35, 17, "traefik:3.3.5"),
    ReleaseDefault::new(0, 35, 19, "traefik:3.4.0"),
    ReleaseDefault::new(0, 35, 20, "traefik:3.4.1"),
    ReleaseDefault::new(0, 36, 0, "traefik:3.4.4"),
    ReleaseDefault::new(0, 36, 1, "traefik:3.5.0"),
    ReleaseDefault::new(0, 36, 4, "traefik:3.5.1"),
    ReleaseDefault::new(0, 36, 7, "traefik:3.5.2"),
    ReleaseDefault::new(0, 36, 8, "traefik:3.5.3"),
    ReleaseDefault::new(0, 36, 11, "traefik:3.5.4"),
    ReleaseDefault::new(0, 37, 0, "traefik:3.6.1"),
    ReleaseDefault::new(0, 37, 1, "traefik:3.6.2"),
    ReleaseDefault::new(0, 37, 3, "traefik:3.6.5"),
    ReleaseDefault::new(0, 37, 4, "traefik:3.6.6"),
    ReleaseDefault::new(0, 37, 6, "traefik:3.6.7"),
    ReleaseDefault::new(0, 37, 7, "traefik:v3.6.10"),
    ReleaseDefault::new(0, 37, 8, "traefik:v3.6.13"),
    ReleaseDefault::new(0, 37, 10, "traefik:v3.6.14"),
    ReleaseDefault::new(0, 38, 0, "traefik:v3.6.15"),
    ReleaseDefault::new(0, 38, 1, "traefik:v3.7.0"),
];

/// The `traefik` plugin's declaration (Dokku v0.38.27's `plugins/traefik`; older versions as
/// their reports print).
pub static SPEC: PropertyPluginSpec = PropertyPluginSpec {
    key: "traefik",
    namespace: "traefik",
    report: ReportSpec {
        subcommand: "traefik:report",
        type_prefix: "traefik",
        // One report for all apps: these reports read property files only, no triggers.
        form: ReportForm::Bulk,
        json_since: DokkuVersion::new(0, 37, 5),
    },
    properties: &[
        Property::new("api-enabled")
            .global_only()
            .effect(Effect::Service)
            .bare_until(0, 38, 6)
            .global_shows_until("false", 0, 38, 6),
        Property::new("api-entry-point")
            .global_only()
            .effect(Effect::Service)
            .bare_until(0, 38, 6)
            .since(0, 37, 7),
        Property::new("api-entry-point-address")
            .global_only()
            .effect(Effect::Service)
            .bare_until(0, 38, 6)
            .since(0, 37, 7),
        Property::new("api-vhost")
            .global_only()
            .effect(Effect::Service)
            .bare_until(0, 38, 6)
            .global_shows_until("traefik.dokku.me", 0, 38, 6),
        Property::new("basic-auth-username").global_only().effect(Effect::Service).bare_until(0, 38, 6),
        Property::new("basic-auth-password")
            .global_only()
            .effect(Effect::Service)
            .bare_until(0, 38, 6)
            .secret(),
        Property::new("challenge-mode")
            .global_only()
            .effect(Effect::Service)
            .bare_until(0, 38, 6)
            .global_shows_until("tls", 0, 38, 6)
            .since(0, 37, 5),
        Property::new("dashboard-enabled")
            .global_only()
            .effect(Effect::Service)
            .bare_until(0, 38, 6)
            .global_shows_until("false", 0, 38, 6),
        Property::new("dns-provider")
            .global_only()
            .effect(Effect::Service)
            .bare_until(0, 38, 6)
            .since(0, 37, 5),
        Property::new("http-entry-point")
            .global_only()
            .effect(Effect::Service)
            .bare_until(0, 38, 6)
            .global_shows_until("http", 0, 38, 6)
            .since(0, 34, 5),
        Property::new("https-entry-point")
            .global_only()
            .effect(Effect::Service)
            .bare_until(0, 38, 6)
            .global_shows_until("https", 0, 38, 6)
            .since(0, 34, 5),
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
    ],
    prefixed: &[PrefixedProperty {
        prefix: "dns-provider-",
        scope: Scope::GlobalOnly,
        effect: Effect::Service,
        bare_until: Some((0, 38, 27)),
    }],
    read_only: &[],
    requires: &["apps"],
    since: DokkuVersion::new(0, 30, 0),
    mask: Some(Mask::Replaced("*******")),
    counted_list: None,
    labels: true,
    renamed: &[],
};

/// The `traefik` plugin's marker for [`Properties`].
#[derive(Clone, Copy, Debug, Default)]
pub struct Traefik;

impl PropertyPlugin for Traefik {
    const KEY: &'static str = "traefik";
    const DOKKU_NAME: &'static str = "traefik-vhosts";

    fn spec() -> &'static PropertyPluginSpec {
        &SPEC
    }
}

/// The `traefik` plugin for the export/apply engine.
pub type TraefikPlugin = Properties<Traefik>;

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
                ((0, 35, 20), "traefik:3.4.1", true),
                ((0, 36, 0), "traefik:3.4.1", false),
                ((0, 38, 5), "traefik:v3.7.0", true),
            ],
        );
    }
}
