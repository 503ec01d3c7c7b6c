//! The records of the letsencrypt plugin, in pydokku's data model.

use std::collections::BTreeMap;

use dokku_core::Secret;
use dokku_core::timestamp::{self, Timestamp};
use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::{Deserialize, Deserializer, Serialize};

/// The letsencrypt settings of one app, or the global ones (`app_name` omitted).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct LetsEncrypt {
    /// For an app: whether its certificate is active (`letsencrypt:active`). For the global
    /// record: whether the auto-renew cron job is installed (`letsencrypt:cron-job --add`).
    pub enabled: bool,
    /// The app; `None` for the global settings.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub app_name: Option<String>,
    /// When the app's certificate expires (UTC). Server state: apply cannot set it.
    #[serde(default, skip_serializing_if = "Option::is_none", with = "timestamp::option")]
    #[schemars(with = "Option<String>")]
    pub expires_at: Option<Timestamp>,
    /// When the plugin renews the certificate: the expiry minus the grace period (UTC).
    #[serde(default, skip_serializing_if = "Option::is_none", with = "timestamp::option")]
    #[schemars(with = "Option<String>")]
    pub renewals_at: Option<Timestamp>,
    /// The properties set at this level (`letsencrypt:set <app|--global> <key> <value>`): `email`,
    /// `server`, `graceperiod` (seconds), `dns-provider`, `dns-provider-<ENV_VAR>` (credentials
    /// handed to lego), `lego-args`, `lego-docker-options` (`lego-docker-args` before plugin
    /// 0.24.0). Inherited and computed values are not repeated here.
    #[serde(default, deserialize_with = "map_or_null", skip_serializing_if = "BTreeMap::is_empty")]
    #[schemars(schema_with = "options_schema", extend("x-dokku-secret-id" = "{app}/{entry}"))]
    pub options: BTreeMap<String, String>,
    /// Report fields this version of the model does not know, kept verbatim.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub extra: BTreeMap<String, String>,
}

impl LetsEncrypt {
    /// An empty record for `app_name` (`None`: global).
    pub fn new(app_name: Option<String>) -> Self {
        Self {
            enabled: false,
            app_name,
            expires_at: None,
            renewals_at: None,
            options: BTreeMap::new(),
            extra: BTreeMap::new(),
        }
    }
}

/// pydokku writes `"options": null` when it could not read the property files.
fn map_or_null<'de, D: Deserializer<'de>>(deserializer: D) -> Result<BTreeMap<String, String>, D::Error> {
    Ok(Option::<BTreeMap<String, String>>::deserialize(deserializer)?.unwrap_or_default())
}

/// The schema of [`LetsEncrypt::options`]: property → value (`null` reads as none); the DNS
/// provider credentials (`dns-provider-<ENV_VAR>`, see [`is_dns_provider_var`]) are secrets.
fn options_schema(generator: &mut SchemaGenerator) -> Schema {
    let credential = generator.subschema_for::<Secret<String>>();
    json_schema!({
        "type": ["object", "null"],
        "patternProperties": { "^dns-provider-\\S+$": credential },
        "additionalProperties": { "type": "string" },
    })
}

/// The property keys `letsencrypt:set` accepts besides `dns-provider-<ENV_VAR>`.
pub const PROPERTIES: [&str; 7] = [
    "dns-provider",
    "email",
    "graceperiod",
    "server",
    "lego-args",
    "lego-docker-options",
    "lego-docker-args",
];

/// The prefix of the per-variable DNS provider credentials (`dns-provider-CLOUDFLARE_DNS_API_TOKEN`).
pub const DNS_PROVIDER_VAR_PREFIX: &str = "dns-provider-";

/// Whether `key` is a property `letsencrypt:set` accepts.
pub fn is_property(key: &str) -> bool {
    PROPERTIES.contains(&key) || is_dns_provider_var(key)
}

/// Whether `key` is a DNS provider credential (`dns-provider-<ENV_VAR>`), a secret.
pub fn is_dns_provider_var(key: &str) -> bool {
    key.strip_prefix(DNS_PROVIDER_VAR_PREFIX)
        .is_some_and(|var| !var.is_empty() && !var.chars().any(char::is_whitespace))
}

pub(crate) fn clean(value: &str) -> &str {
    value.trim_end_matches(['\n', '\r'])
}
