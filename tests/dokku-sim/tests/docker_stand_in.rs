//! The `docker` stand-in: the simulator run under the name `docker` describes the same networks
//! as `network:list --format json`, fails like docker on unknown ones, lists the deployed apps'
//! containers (see `ps_scale.rs`), refuses every other docker command, and cannot be reached as a
//! Dokku command.

mod support;

use serde_json::Value;
use support::{Server, said};

/// The networks `docker network inspect` prints for `names`, with its exit status.
fn inspect(server: &Server, names: &[&str]) -> (Vec<Value>, String, Option<i32>) {
    let mut args = vec!["network", "inspect"];
    args.extend_from_slice(names);
    let (stdout, stderr, code) = said(&server.docker(&args));
    let parsed = serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{stdout:?}: {e}"));
    (parsed, stderr, code)
}

#[test]
fn inspect_agrees_with_network_list() {
    let server = Server::new();
    server.ok(&["network:create", "backend-net"]);
    server.ok(&["network:create", "frontend-net"]);
    let listed: Vec<Value> =
        serde_json::from_str(&server.ok(&["network:list", "--format", "json"])).unwrap_or_default();
    assert_eq!(listed.len(), 5, "three built-in networks and two of Dokku's");
    let names: Vec<&str> = listed.iter().filter_map(|n| n["Name"].as_str()).collect();
    let (inspected, stderr, code) = inspect(&server, &names);
    assert_eq!((stderr.as_str(), code), ("", Some(0)));
    assert_eq!(inspected.len(), listed.len());
    for (list, docker) in listed.iter().zip(&inspected) {
        assert_eq!(docker["Name"], list["Name"]);
        let id = docker["Id"].as_str().unwrap_or_default();
        assert_eq!(id.len(), 64, "{docker}");
        assert_eq!(Some(&id[..12]), list["ID"].as_str(), "the short id is the full id's start");
        for (docker_key, list_key) in [
            ("Driver", "Driver"),
            ("Scope", "Scope"),
            ("Internal", "Internal"),
            ("EnableIPv6", "IPv6"),
            ("Labels", "Labels"),
        ] {
            assert_eq!(docker[docker_key], list[list_key], "{docker_key} of {}", list["Name"]);
        }
        let created = docker["Created"].as_str().unwrap_or_default();
        assert!(created.ends_with('Z') && created.len() > "2024-02-25T01:55:24Z".len(), "{created}");
        assert_eq!(docker["Containers"], serde_json::json!({}));
    }
    let backend = &inspected[names.iter().position(|n| *n == "backend-net").unwrap_or_default()];
    assert_eq!(backend["Attachable"], true, "network:create passes --attachable");
    assert_eq!(backend["Labels"]["com.dokku.network-name"], "backend-net");
    assert!(backend["IPAM"]["Config"][0]["Subnet"].as_str().is_some_and(|s| s.starts_with("172.")));
    let frontend = &inspected[names.iter().position(|n| *n == "frontend-net").unwrap_or_default()];
    assert_ne!(backend["IPAM"]["Config"][0]["Subnet"], frontend["IPAM"]["Config"][0]["Subnet"]);

    // Four-space indentation, as docker's CLI re-indents the daemon's JSON.
    let raw =
        String::from_utf8_lossy(&server.docker(&["network", "inspect", "backend-net"]).stdout).into_owned();
    assert!(raw.starts_with("[\n    {\n        \"Name\": \"backend-net\",\n        \"Id\": \""), "{raw}");
    assert!(raw.ends_with("    }\n]\n"), "{raw}");
}

#[test]
fn destroyed_and_unknown_networks_are_not_found() {
    let server = Server::new();
    server.ok(&["network:create", "gone"]);
    server.ok(&["network:destroy", "--force", "gone"]);
    let (found, stderr, code) = inspect(&server, &["gone"]);
    assert!(found.is_empty());
    assert_eq!((stderr.as_str(), code), ("Error response from daemon: network gone not found\n", Some(1)));
    let (found, stderr, code) = inspect(&server, &["bridge", "nope"]);
    assert_eq!(found.len(), 1);
    assert_eq!((stderr.as_str(), code), ("Error response from daemon: network nope not found\n", Some(1)));
}

#[test]
fn other_docker_commands_are_refused() {
    let server = Server::new();
    for args in [&["ps"][..], &["network", "ls"], &["network", "rm", "bridge"], &[]] {
        let (stdout, stderr, code) = said(&server.docker(args));
        assert_eq!((stdout.as_str(), code), ("", Some(1)), "{args:?}");
        assert!(
            stderr.contains("only `docker network inspect <network>...` and `docker container ls --all"),
            "{args:?}: {stderr}"
        );
    }
}

#[test]
fn dokku_cannot_reach_it() {
    let server = Server::new();
    let (stdout, stderr, code) = said(&server.dokku(&[], &["docker", "network", "inspect", "bridge"], None));
    assert_eq!((stdout.as_str(), code), ("", Some(1)));
    assert!(stderr.contains("`docker network inspect bridge` is not a dokku command."), "{stderr}");
}
