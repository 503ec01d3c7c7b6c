//! Pure parser of `docker network inspect <name>…`: the network details Dokku before 0.35.3
//! cannot print, read as root beside its name-only `network:list`.
//!
//! The records match what `network:list --format json` gives on newer Dokku, so a server read
//! through either path exports the same document: `Id` is cut to the 12-character short id
//! Dokku prints, `Created` becomes `created_at` (UTC), `EnableIPv6` becomes `ipv6`.

use dokku_core::text::TextError;
use serde_json::{Map, Value};

use crate::model::Network;
use crate::parse::JsonNetworkFields;

/// Docker's own runtime and IP-allocation details: not in Dokku's network list and not
/// something `network:create` can recreate, so they are left out on purpose (`Containers`
/// changes with every deploy).
const DOCKER_DETAIL_KEYS: &[&str] = &[
    "Attachable",
    "ConfigFrom",
    "ConfigOnly",
    "Containers",
    "EnableIPv4",
    "IPAM",
    "Ingress",
    "Options",
    "Peers",
    "Services",
    "Status",
];

/// The keys mapped onto [`Network`] fields.
const MAPPED_KEYS: &[&str] =
    &["Name", "Id", "Created", "Driver", "Scope", "Internal", "EnableIPv6", "Labels"];

/// How long the short network id Dokku prints is.
const SHORT_ID_LEN: usize = 12;

const EXPECTED: &str = "a JSON array of docker network objects with a string `Name`";

/// Parses `docker network inspect` output (a JSON array; empty output = no network found) into
/// networks in printed order, and one warning per network with fields the model does not know
/// (kept in `extra`).
pub fn parse_docker_network_inspect(text: &str) -> Result<(Vec<Network>, Vec<String>), TextError> {
    if text.trim().is_empty() {
        return Ok((Vec::new(), Vec::new()));
    }
    let items: Vec<Map<String, Value>> =
        serde_json::from_str(text).map_err(|e| TextError::new(e.line(), EXPECTED, &e.to_string()))?;
    let mut networks = Vec::with_capacity(items.len());
    let mut warnings = Vec::new();
    for item in &items {
        let (network, warning) = network_from_inspect(item)?;
        networks.push(network);
        warnings.extend(warning);
    }
    Ok((networks, warnings))
}

fn network_from_inspect(object: &Map<String, Value>) -> Result<(Network, Option<String>), TextError> {
    let fields = JsonNetworkFields::new(object, EXPECTED)?;
    let known: Vec<&str> = MAPPED_KEYS.iter().chain(DOCKER_DETAIL_KEYS).copied().collect();
    let (extra, warning) = fields.extra(&known, " (docker network inspect)");
    let network = Network {
        id: fields.string("Id").map(|id| id.chars().take(SHORT_ID_LEN).collect()),
        created_at: fields.time("Created")?,
        driver: fields.string("Driver"),
        scope: fields.string("Scope"),
        internal: fields.boolean("Internal"),
        ipv6: fields.boolean("EnableIPv6"),
        // Docker prints `null` for a network created without labels: that is "none".
        labels: Some(fields.labels("Labels")?.unwrap_or_default()),
        extra,
        name: fields.name,
    };
    Ok((network, warning))
}

#[cfg(test)]
mod tests {
    use super::*;

    const INSPECT: &str = r#"[
    {
        "Name": "net1",
        "Id": "694371e43c08b1f3c0a4e0e7a8b5d3f1c2e4a6b8d0f2e4a6b8c0d2e4f6a8b0c2",
        "Created": "2024-02-25T02:55:24.275184461+01:00",
        "Scope": "local",
        "Driver": "bridge",
        "EnableIPv6": false,
        "IPAM": {"Driver": "default", "Options": {}, "Config": [{"Subnet": "172.18.0.0/16"}]},
        "Internal": false,
        "Attachable": false,
        "Ingress": false,
        "ConfigFrom": {"Network": ""},
        "ConfigOnly": false,
        "Containers": {"abc": {"Name": "app1.web.1"}},
        "Options": {},
        "Labels": {"com.dokku.network-name": "net1"}
    },
    {
        "Name": "none",
        "Id": "140bedbf9c3f00000000000000000000000000000000000000000000000000000",
        "Created": "2024-02-25T01:55:24.275184461Z",
        "Scope": "local",
        "Driver": "null",
        "EnableIPv6": false,
        "Internal": false,
        "Labels": null,
        "Shiny": "new"
    }
]"#;

    #[test]
    fn maps_docker_fields_onto_dokkus_list_fields() {
        let (networks, warnings) = parse_docker_network_inspect(INSPECT).unwrap();
        let net1 = &networks[0];
        assert_eq!(net1.name, "net1");
        assert_eq!(net1.id.as_deref(), Some("694371e43c08"));
        assert_eq!(
            net1.created_at.map(|t| dokku_core::timestamp::to_rfc3339(&t)),
            Some("2024-02-25T01:55:24.275184461Z".to_owned())
        );
        assert_eq!(net1.driver.as_deref(), Some("bridge"));
        assert_eq!((net1.internal, net1.ipv6), (Some(false), Some(false)));
        assert_eq!(net1.is_dokku_managed(), Some(true));
        assert!(net1.extra.is_empty(), "docker's runtime details are left out: {:?}", net1.extra);
        assert_eq!(networks[1].is_dokku_managed(), Some(false), "null labels are no labels");
        assert_eq!(networks[1].extra.get("Shiny").map(String::as_str), Some("new"));
        assert_eq!(warnings.len(), 1);
        assert!(warnings[0].contains("none") && warnings[0].contains("Shiny"), "{warnings:?}");
    }

    #[test]
    fn empty_output_is_no_network_and_garbage_is_an_error() {
        assert_eq!(parse_docker_network_inspect("").unwrap().0, Vec::new());
        let error = parse_docker_network_inspect("Error: permission denied").unwrap_err().to_string();
        assert!(error.contains("docker network objects"), "{error}");
        assert!(parse_docker_network_inspect(r#"[{"Id": "x"}]"#).is_err());
    }
}
