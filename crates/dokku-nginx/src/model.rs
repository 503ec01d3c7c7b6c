//! The nginx record, in pydokku's data model (`Nginx`), plus the two properties Dokku added later.

use std::collections::BTreeMap;

use dokku_core::timestamp::{self, Timestamp};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::property::PropertyValue;

/// Declares [`Nginx`] once, with every settable property: its field, its type and its Dokku key.
///
/// One list drives the struct, the report reader and the apply commands, so a property cannot be
/// read but not applied (or the reverse).
macro_rules! nginx_record {
    ($( $(#[$doc:meta])* $field:ident : $ty:ty = $key:literal, )*) => {
        /// The nginx settings of one app (`app_name` set) or the global ones (`app_name` absent).
        ///
        /// Every property is the value explicitly set at that level (Dokku's raw property), never
        /// a default or an inherited value: `None` means "not set here", so apply leaves it alone.
        #[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
        #[serde(deny_unknown_fields)]
        pub struct Nginx {
            /// The app; absent for the global settings.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub app_name: Option<String>,
            $(
                $(#[$doc])*
                #[serde(default, skip_serializing_if = "Option::is_none")]
                pub $field: Option<$ty>,
            )*
            /// When the app's access log was last written (UTC). Informational: apply ignores it.
            #[serde(default, skip_serializing_if = "Option::is_none", with = "timestamp::option")]
            #[schemars(with = "Option<String>")]
            pub last_visited_at: Option<Timestamp>,
            /// Report fields this version of the model does not know, kept verbatim.
            #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
            pub extra: BTreeMap<String, String>,
        }

        /// The Dokku keys of every settable property (`nginx:set <scope> <key> <value>`), in the
        /// order apply sends them.
        pub const PROPERTY_KEYS: &[&str] = &[$($key),*];

        impl Nginx {
            /// The properties set on this record as `(Dokku key, command-line value)`, in
            /// [`PROPERTY_KEYS`] order.
            pub fn set_properties(&self) -> Vec<(&'static str, String)> {
                let mut set = Vec::new();
                $(
                    if let Some(value) = &self.$field {
                        set.push(($key, value.to_arg()));
                    }
                )*
                set
            }

            /// Sets the property Dokku calls `key` from its report text.
            pub(crate) fn set_property(&mut self, key: &str, text: &str) -> Result<(), String> {
                match key {
                    $( $key => self.$field = Some(<$ty as PropertyValue>::parse(text)?), )*
                    _ => return Err(format!("unknown nginx property {key:?}")),
                }
                Ok(())
            }

            /// The property values as `(record field name, value)` for validation.
            pub(crate) fn string_fields(&self) -> Vec<(&'static str, Option<String>)> {
                vec![$( (stringify!($field), self.$field.as_ref().map(PropertyValue::to_arg)), )*]
            }

            /// Whether any property (or `last_visited_at`, or an unknown field) is present.
            pub fn is_empty(&self) -> bool {
                self.set_properties().is_empty() && self.last_visited_at.is_none() && self.extra.is_empty()
            }
        }
    };
}

nginx_record! {
    /// `access-log-format`: the name of a `log_format` for the access log.
    access_log_format: String = "access-log-format",
    /// `access-log-path`: the access log file (`off` disables it).
    access_log_path: String = "access-log-path",
    /// `bind-address-ipv4`.
    bind_address_ipv4: String = "bind-address-ipv4",
    /// `bind-address-ipv6`.
    bind_address_ipv6: String = "bind-address-ipv6",
    /// `client-body-timeout` (`60s`).
    client_body_timeout: String = "client-body-timeout",
    /// `client-header-timeout` (`60s`).
    client_header_timeout: String = "client-header-timeout",
    /// `client-max-body-size` (`1m`).
    client_max_body_size: String = "client-max-body-size",
    /// `disable-custom-config`: ignore the app's own `nginx.conf.sigil`.
    disable_custom_config: bool = "disable-custom-config",
    /// `error-log-path`: the error log file (`off` disables it).
    error_log_path: String = "error-log-path",
    /// `hsts`: send `Strict-Transport-Security`.
    hsts: bool = "hsts",
    /// `hsts-include-subdomains`.
    hsts_include_subdomains: bool = "hsts-include-subdomains",
    /// `hsts-max-age`, in seconds (pydokku writes this duration as integer seconds too).
    hsts_max_age: u64 = "hsts-max-age",
    /// `hsts-preload`.
    hsts_preload: bool = "hsts-preload",
    /// `keepalive-timeout` (`75s`).
    keepalive_timeout: String = "keepalive-timeout",
    /// `lingering-timeout` (`5s`).
    lingering_timeout: String = "lingering-timeout",
    /// `nginx-conf-sigil-path`: the template's path inside the app's repository.
    nginx_conf_sigil_path: String = "nginx-conf-sigil-path",
    /// `nginx-service-command` (Dokku 0.38.8 and later; not in pydokku's model).
    nginx_service_command: String = "nginx-service-command",
    /// `proxy-buffer-size` (`4k`).
    proxy_buffer_size: String = "proxy-buffer-size",
    /// `proxy-buffering` (`on`/`off`).
    proxy_buffering: String = "proxy-buffering",
    /// `proxy-buffers` (`8 4k`: the value contains a space).
    proxy_buffers: String = "proxy-buffers",
    /// `proxy-busy-buffers-size` (`8k`).
    proxy_busy_buffers_size: String = "proxy-busy-buffers-size",
    /// `proxy-connect-timeout` (`60s`).
    proxy_connect_timeout: String = "proxy-connect-timeout",
    /// `proxy-keepalive`: upstream keepalive connections (Dokku 0.37 and later; not in
    /// pydokku's model). Dokku accepts integers only.
    proxy_keepalive: u32 = "proxy-keepalive",
    /// `proxy-read-timeout` (`60s`).
    proxy_read_timeout: String = "proxy-read-timeout",
    /// `proxy-send-timeout` (`60s`).
    proxy_send_timeout: String = "proxy-send-timeout",
    /// `send-timeout` (`60s`).
    send_timeout: String = "send-timeout",
    /// `underscore-in-headers` (`on`/`off`).
    underscore_in_headers: String = "underscore-in-headers",
    /// `x-forwarded-for-value` (`$remote_addr`).
    x_forwarded_for_value: String = "x-forwarded-for-value",
    /// `x-forwarded-port-value` (`$server_port`).
    x_forwarded_port_value: String = "x-forwarded-port-value",
    /// `x-forwarded-proto-value` (`$scheme`).
    x_forwarded_proto_value: String = "x-forwarded-proto-value",
    /// `x-forwarded-ssl`.
    x_forwarded_ssl: String = "x-forwarded-ssl",
}

/// Whether `value` is the log path Dokku computes for `app` anyway. pydokku exported those
/// computed paths as settings; setting them would pin a default (and the old app name).
pub(crate) fn is_default_log_path(app: Option<&str>, key: &str, value: &str) -> bool {
    let Some(app) = app else { return false };
    match key {
        "access-log-path" => value == format!("/var/log/nginx/{app}-access.log"),
        "error-log-path" => value == format!("/var/log/nginx/{app}-error.log"),
        _ => false,
    }
}
