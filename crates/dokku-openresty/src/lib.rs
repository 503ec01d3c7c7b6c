//! The Dokku `openresty` proxy plugin's properties: the per-app (and, from 0.38.9, `--global`)
//! nginx-like settings emitted as container labels at deploy, and the global-only proxy settings
//! (`image`, `letsencrypt-email`, `letsencrypt-server`, `log-level`, `allowed-letsencrypt-domains-
//! func-base64`).
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
//! client.output(&set_command(&dokku_openresty::SPEC, Some("my-app"), "access-log-format", Some("value"))).await?;
//! let version = client.version().await?.clone();
//! let scope = ExportScope {
//!     apps: vec!["my-app".into()],
//!     system: true,
//!     version,
//!     installed: Vec::new(),
//!     can_run_system_commands: false,
//!     files: None,
//! };
//! for record in dokku_openresty::OpenrestyPlugin::export(&client, &scope).await?.records {
//!     println!("{:?}: {:?}", record.app_name, record.properties);
//! }
//! client.close().await?;
//! # Ok(())
//! # }
//! ```

use dokku_core::DokkuVersion;
use dokku_core::property_plugin::{Effect, Properties, Property, PropertyPlugin, PropertyPluginSpec};
use dokku_core::reports::{ReportForm, ReportSpec};

/// The `openresty` plugin's declaration (Dokku v0.38.27's `plugins/openresty`; older versions as
/// their reports print).
pub static SPEC: PropertyPluginSpec = PropertyPluginSpec {
    key: "openresty",
    namespace: "openresty",
    report: ReportSpec {
        subcommand: "openresty:report",
        type_prefix: "openresty",
        // One report for all apps: these reports read property files only, no triggers.
        form: ReportForm::Bulk,
        json_since: DokkuVersion::new(0, 38, 0),
    },
    properties: &[
        Property::new("access-log-format").effect(Effect::Rebuild),
        Property::new("access-log-path").effect(Effect::Rebuild),
        Property::new("bind-address-ipv4").effect(Effect::Rebuild),
        Property::new("bind-address-ipv6").effect(Effect::Rebuild),
        Property::new("client-body-timeout").effect(Effect::Rebuild),
        Property::new("client-header-timeout").effect(Effect::Rebuild),
        Property::new("client-max-body-size").effect(Effect::Rebuild),
        Property::new("error-log-path").effect(Effect::Rebuild),
        Property::new("hsts").effect(Effect::Rebuild),
        Property::new("hsts-include-subdomains").effect(Effect::Rebuild),
        Property::new("hsts-max-age").effect(Effect::Rebuild),
        Property::new("hsts-preload").effect(Effect::Rebuild),
        Property::new("keepalive-timeout").effect(Effect::Rebuild),
        Property::new("lingering-timeout").effect(Effect::Rebuild),
        Property::new("proxy-buffer-size").effect(Effect::Rebuild),
        Property::new("proxy-buffering").effect(Effect::Rebuild),
        Property::new("proxy-buffers").effect(Effect::Rebuild),
        Property::new("proxy-busy-buffers-size").effect(Effect::Rebuild),
        Property::new("proxy-connect-timeout").effect(Effect::Rebuild),
        Property::new("proxy-read-timeout").effect(Effect::Rebuild),
        Property::new("proxy-send-timeout").effect(Effect::Rebuild),
        Property::new("send-timeout").effect(Effect::Rebuild),
        Property::new("underscore-in-headers").effect(Effect::Rebuild),
        Property::new("x-forwarded-for-value").effect(Effect::Rebuild),
        Property::new("x-forwarded-port-value").effect(Effect::Rebuild),
        Property::new("x-forwarded-proto-value").effect(Effect::Rebuild),
        Property::new("x-forwarded-ssl").effect(Effect::Rebuild),
        Property::new("allowed-letsencrypt-domains-func-base64")
            .global_only()
            .effect(Effect::Service)
            .since(0, 33, 8),
        Property::new("image").global_only().effect(Effect::Service),
        Property::new("letsencrypt-email").global_only().effect(Effect::Service),
        Property::new("letsencrypt-server").global_only().effect(Effect::Service),
        Property::new("log-level").global_only().effect(Effect::Service),
    ],
    prefixed: &[],
    read_only: &[],
    requires: &["apps"],
    since: DokkuVersion::new(0, 31, 0),
    mask: None,
    counted_list: None,
    labels: true,
    renamed: &[],
};

/// The `openresty` plugin's marker for [`Properties`].
#[derive(Clone, Copy, Debug, Default)]
pub struct Openresty;

impl PropertyPlugin for Openresty {
    const KEY: &'static str = "openresty";
    const DOKKU_NAME: &'static str = "openresty-vhosts";

    fn spec() -> &'static PropertyPluginSpec {
        &SPEC
    }
}

/// The `openresty` plugin for the export/apply engine.
pub type OpenrestyPlugin = Properties<Openresty>;
