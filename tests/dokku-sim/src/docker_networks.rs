//! The simulated host's docker networks: docker's three built-in ones and those `network:create`
//! made (`docker network create --attachable --label com.dokku.network-name=<name> <name>`),
//! with everything `docker network inspect` tells about them.
//!
//! `network:list`/`network:info` (through Dokku's reading of `docker network ls`) and the
//! `docker` stand-in ([`crate::docker_cli`]) both describe networks from here, so they agree.

use sha2::Digest;
use time::format_description::well_known::Rfc3339;

use crate::state::{Network, State};

/// Docker's built-in networks: name, the short id the capture host's docker reported, driver.
const BUILTIN_NETWORKS: &[(&str, &str, &str)] = &[
    ("bridge", "17f29b073143", "bridge"),
    ("host", "4740ae6347b0", "host"),
    ("none", "140bedbf9c3f", "null"),
];

/// When the built-in networks (and user networks of states that did not record it) were
/// created: the capture host's docker start.
const BUILTIN_CREATED: &str = "2024-02-25T01:55:24.275184461Z";

/// The label Dokku puts on the networks it creates; its presence makes a network
/// "Dokku managed".
pub(crate) const DOKKU_NETWORK_LABEL: &str = "com.dokku.network-name";

/// The built-in `bridge` network's `Options`.
const DEFAULT_BRIDGE_OPTIONS: &[(&str, &str)] = &[
    ("com.docker.network.bridge.default_bridge", "true"),
    ("com.docker.network.bridge.enable_icc", "true"),
    ("com.docker.network.bridge.enable_ip_masquerade", "true"),
    ("com.docker.network.bridge.host_binding_ipv4", "0.0.0.0"),
    ("com.docker.network.bridge.name", "docker0"),
    ("com.docker.network.driver.mtu", "1500"),
];

/// The subnet of the built-in bridge, first of docker's default address pools.
const DEFAULT_BRIDGE_SUBNET: &str = "172.17.0.0/16";

/// A network as docker describes it.
#[derive(Debug, Clone)]
pub(crate) struct DockerNetwork {
    /// Its name.
    pub(crate) name: String,
    /// Docker's full 64-hex-digit id.
    pub(crate) id: String,
    /// Creation time, RFC 3339 with nanoseconds, UTC.
    pub(crate) created: String,
    /// `bridge`, `host` or `null`.
    pub(crate) driver: &'static str,
    /// Created by Dokku (it carries [`DOKKU_NETWORK_LABEL`]).
    pub(crate) dokku_managed: bool,
    /// The IPv4 subnet with its gateway; `None` for `host` and `none`.
    pub(crate) subnet: Option<(String, String)>,
    /// Driver options (the built-in bridge's; none for user networks).
    pub(crate) options: &'static [(&'static str, &'static str)],
}

impl DockerNetwork {
    /// The 12-hex-digit id `docker network ls` prints.
    pub(crate) fn short_id(&self) -> &str {
        self.id.get(..12).unwrap_or(&self.id)
    }
}

/// Every network on the simulated docker host, sorted by name.
pub(crate) fn all(state: &State) -> Vec<DockerNetwork> {
    let mut networks: Vec<DockerNetwork> = BUILTIN_NETWORKS
        .iter()
        .map(|(name, id, driver)| DockerNetwork {
            name: (*name).to_owned(),
            id: full_id(id),
            created: BUILTIN_CREATED.to_owned(),
            driver,
            dokku_managed: false,
            subnet: (*name == "bridge").then(|| with_gateway(DEFAULT_BRIDGE_SUBNET)),
            options: if *name == "bridge" { DEFAULT_BRIDGE_OPTIONS } else { &[] },
        })
        .collect();
    let subnets = subnets(state);
    networks.extend(state.networks.iter().map(|(name, network)| DockerNetwork {
        name: name.clone(),
        id: full_id(&network.id),
        created: if network.created.is_empty() {
            BUILTIN_CREATED.to_owned()
        } else {
            network.created.clone()
        },
        driver: "bridge",
        dokku_managed: true,
        subnet: subnets.iter().find(|(n, _)| n == name).map(|(_, subnet)| with_gateway(subnet)),
        options: &[],
    }));
    networks.sort_by(|a, b| a.name.cmp(&b.name));
    networks
}

/// A new user network as `docker network create` makes it: a fresh id (docker's are random;
/// this one comes from the clock and the process id), the creation time, and the first free
/// subnet of docker's default address pools.
pub(crate) fn create(state: &State, name: &str) -> Network {
    let now = time::OffsetDateTime::now_utc();
    let digest =
        sha2::Sha256::digest(format!("{name}:{}:{}", now.unix_timestamp_nanos(), std::process::id()));
    let id = digest.iter().take(6).map(|b| format!("{b:02x}")).collect();
    let created = now.format(&Rfc3339).unwrap_or_else(|_| BUILTIN_CREATED.to_owned());
    let taken: Vec<String> = subnets(state).into_iter().map(|(_, subnet)| subnet).collect();
    let subnet = address_pools().find(|subnet| !taken.contains(subnet)).unwrap_or_default();
    Network { id, created, subnet }
}

/// Docker's full id of a network whose short id is `short`: the short id followed by 52 more
/// hex digits (stable, derived from it).
fn full_id(short: &str) -> String {
    let rest: String = sha2::Sha256::digest(format!("docker network id {short}"))
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    format!("{short}{}", &rest[..64usize.saturating_sub(short.len()).min(rest.len())])
}

/// Docker's default IPv4 address pools in allocation order, after the built-in bridge's:
/// `172.18.0.0/16` … `172.31.0.0/16`, then `192.168.0.0/20` … `192.168.240.0/20`.
fn address_pools() -> impl Iterator<Item = String> {
    (18..=31).map(|b| format!("172.{b}.0.0/16")).chain((0..16).map(|c| format!("192.168.{}.0/20", c * 16)))
}

/// The subnet of every user network: the recorded one, else (states written before the
/// simulator recorded subnets) the first pool no other network has, in name order.
fn subnets(state: &State) -> Vec<(String, String)> {
    let mut taken: Vec<String> =
        state.networks.values().map(|n| n.subnet.clone()).filter(|s| !s.is_empty()).collect();
    taken.push(DEFAULT_BRIDGE_SUBNET.to_owned());
    state
        .networks
        .iter()
        .map(|(name, network)| {
            let subnet = if network.subnet.is_empty() {
                let free = address_pools().find(|pool| !taken.contains(pool)).unwrap_or_default();
                taken.push(free.clone());
                free
            } else {
                network.subnet.clone()
            };
            (name.clone(), subnet)
        })
        .collect()
}

/// A subnet and its gateway, the first host address (`172.18.0.0/16` → `172.18.0.1`).
fn with_gateway(subnet: &str) -> (String, String) {
    let network = subnet.split('/').next().unwrap_or(subnet);
    let gateway = match network.rsplit_once('.') {
        Some((prefix, _)) => format!("{prefix}.1"),
        None => String::new(),
    };
    (subnet.to_owned(), gateway)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_ids_extend_the_short_ones() {
        let id = full_id("17f29b073143");
        assert_eq!(id.len(), 64);
        assert!(id.starts_with("17f29b073143") && id.bytes().all(|b| b.is_ascii_hexdigit()));
    }

    #[test]
    fn new_networks_take_the_next_free_pool_and_a_utc_time() {
        let mut state = State::default();
        let first = create(&state, "a");
        assert_eq!(first.subnet, "172.18.0.0/16");
        assert!(first.created.ends_with('Z') && first.created.contains('T'), "{}", first.created);
        assert_eq!(first.id.len(), 12);
        state.networks.insert("a".into(), first);
        assert_eq!(create(&state, "b").subnet, "172.19.0.0/16");
        let described = all(&state);
        let a = described.iter().find(|n| n.name == "a").map(|n| n.subnet.clone());
        assert_eq!(a, Some(Some(("172.18.0.0/16".to_owned(), "172.18.0.1".to_owned()))));
    }
}
