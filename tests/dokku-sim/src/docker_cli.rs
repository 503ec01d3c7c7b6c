//! The test harness's `docker` stand-in: `docker network inspect <network>...` and
//! `docker container ls --all --no-trunc --format '{{.ID}} {{.State}}'` answered from the
//! simulator's state as docker's CLI prints them, and nothing else.
//!
//! The container list is what dokku-rs reads as root instead of `ps:report`'s one
//! `docker inspect` per container: the containers of the apps `DOKKU_SIM_DEPLOYED_APPS` declares
//! deployed (the ids their `CONTAINER.<type>.<n>` files hold), each `running`.
//!
//! dokku-rs reads the details of Docker networks that Dokku before 0.35.3 does not print with a
//! root-only `docker network inspect`. The simulated host has no Docker engine, so the
//! simulator binary answers that one command when it runs under the name `docker` (its argv[0];
//! the harness's `bin/docker` wrapper uses `exec -a docker`). It is never a Dokku command, so the
//! forced-command user cannot reach it; only a PATH (or sudo `secure_path`) that starts with the
//! harness's `bin/` does.
//!
//! Output as docker 24–27 prints it: the JSON array re-indented with four spaces
//! (`json.Indent` of the daemon's objects), `[]` when nothing was found, and each lookup error
//! on stderr afterwards (`Error response from daemon: network <name> not found`) with exit 1.

use serde::Serialize;
use serde_json::{Map, Value, json};

use crate::Answer;
use crate::docker_networks::{self, DOKKU_NETWORK_LABEL, DockerNetwork};
use crate::state::State;

/// What docker's CLI prints when `docker network inspect` has no argument.
const MISSING_ARGUMENT: &str = "\"docker network inspect\" requires at least 1 argument.\n\
See 'docker network inspect --help'.\n\nUsage:  docker network inspect [OPTIONS] NETWORK [NETWORK...]\n\n\
Display detailed information on one or more networks\n";

/// Answers `docker <args>` on the simulated host.
pub(crate) fn answer(state: &State, args: &[String]) -> Answer {
    let words: Vec<&str> = args.iter().map(String::as_str).collect();
    let names = match words.as_slice() {
        ["network", "inspect", names @ ..] => names,
        ["container", "ls", "--all", "--no-trunc", "--format", CONTAINER_FORMAT] => {
            return container_list(state);
        }
        _ => {
            let asked = args.join(" ");
            return refusal(&format!(
                "dokku-sim (as docker): only `docker network inspect <network>...` and \
                 `docker container ls --all --no-trunc --format '{CONTAINER_FORMAT}'` are simulated, \
                 not `docker {asked}`\n"
            ));
        }
    };
    if let Some(option) = names.iter().find(|n| n.starts_with('-')) {
        return refusal(&format!(
            "dokku-sim (as docker): `docker network inspect` is simulated without options, got `{option}`\n"
        ));
    }
    if names.is_empty() {
        return refusal(MISSING_ARGUMENT);
    }
    let networks = docker_networks::all(state);
    let mut found = Vec::new();
    let mut errors = Vec::new();
    for name in names {
        match find(&networks, name) {
            Ok(network) => found.push(inspect_object(network)),
            Err(message) => errors.push(format!("Error response from daemon: {message}")),
        }
    }
    let mut answer = Answer { stdout: indented(&Value::Array(found)), ..Answer::default() };
    answer.stdout.push(b'\n');
    if !errors.is_empty() {
        answer.stderr = format!("{}\n", errors.join("\n")).into_bytes();
        answer.code = 1;
    }
    answer
}

/// The one container-list template the stand-in answers: full id and state.
const CONTAINER_FORMAT: &str = "{{.ID}} {{.State}}";

/// `docker container ls --all --no-trunc --format '{{.ID}} {{.State}}'`: one line per container.
fn container_list(state: &State) -> Answer {
    let lines: String = crate::plugins::docker_containers(state)
        .into_iter()
        .map(|(id, container_state)| format!("{id} {container_state}\n"))
        .collect();
    Answer { stdout: lines.into_bytes(), ..Answer::default() }
}

/// A usage error: the message on stderr, exit 1.
fn refusal(message: &str) -> Answer {
    Answer { stderr: message.as_bytes().to_vec(), code: 1, ..Answer::default() }
}

/// The daemon's lookup: the full id, then the name, then a unique id prefix.
fn find<'n>(networks: &'n [DockerNetwork], term: &str) -> Result<&'n DockerNetwork, String> {
    if let Some(network) =
        networks.iter().find(|n| n.id == term).or_else(|| networks.iter().find(|n| n.name == term))
    {
        return Ok(network);
    }
    let by_prefix: Vec<&DockerNetwork> = networks.iter().filter(|n| n.id.starts_with(term)).collect();
    match by_prefix.as_slice() {
        [network] => Ok(network),
        [] => Err(format!("network {term} not found")),
        many => Err(format!("network {term} is ambiguous ({} matches found based on ID prefix)", many.len())),
    }
}

/// One network as the daemon's inspect object, fields in docker's order.
fn inspect_object(network: &DockerNetwork) -> Value {
    let ipam_config = match &network.subnet {
        Some((subnet, gateway)) => json!([{ "Subnet": subnet, "Gateway": gateway }]),
        None => json!([]),
    };
    // `docker network create` gives a user network empty IPAM options; the built-in ones
    // have none at all.
    let ipam_options = if network.dokku_managed { json!({}) } else { Value::Null };
    let options: Map<String, Value> =
        network.options.iter().map(|(k, v)| ((*k).to_owned(), Value::String((*v).to_owned()))).collect();
    let mut labels = Map::new();
    if network.dokku_managed {
        labels.insert(DOKKU_NETWORK_LABEL.to_owned(), Value::String(network.name.clone()));
    }
    json!({
        "Name": network.name,
        "Id": network.id,
        "Created": network.created,
        "Scope": "local",
        "Driver": network.driver,
        "EnableIPv6": false,
        "IPAM": { "Driver": "default", "Options": ipam_options, "Config": ipam_config },
        "Internal": false,
        // Dokku's `network:create` passes `--attachable`.
        "Attachable": network.dokku_managed,
        "Ingress": false,
        "ConfigFrom": { "Network": "" },
        "ConfigOnly": false,
        "Containers": {},
        "Options": options,
        "Labels": labels,
    })
}

/// JSON indented with four spaces, as Go's `json.Indent(dst, src, "", "    ")` writes it.
fn indented(value: &Value) -> Vec<u8> {
    let mut out = Vec::new();
    let mut serializer = serde_json::Serializer::with_formatter(
        &mut out,
        serde_json::ser::PrettyFormatter::with_indent(b"    "),
    );
    // Serializing a `Value` into a `Vec` cannot fail.
    let _ = value.serialize(&mut serializer);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(state: &State, args: &[&str]) -> Answer {
        answer(state, &args.iter().map(|a| (*a).to_owned()).collect::<Vec<_>>())
    }

    #[test]
    fn the_builtin_bridge_is_printed_like_docker() {
        let answer = run(&State::default(), &["network", "inspect", "bridge"]);
        assert_eq!(answer.code, 0);
        let text = String::from_utf8_lossy(&answer.stdout);
        assert!(
            text.starts_with("[\n    {\n        \"Name\": \"bridge\",\n        \"Id\": \"17f29b073143"),
            "{text}"
        );
        assert!(text.contains("\n        \"Containers\": {},\n"), "{text}");
        assert!(text.contains("\"com.docker.network.bridge.name\": \"docker0\""), "{text}");
        assert!(text.ends_with("\n]\n"), "{text}");
    }

    #[test]
    fn unknown_networks_are_reported_after_what_was_found() {
        let answer = run(&State::default(), &["network", "inspect", "nope", "host"]);
        assert_eq!(answer.code, 1);
        let found: Vec<Value> = serde_json::from_slice(&answer.stdout).unwrap();
        assert_eq!(found.len(), 1);
        assert_eq!(
            String::from_utf8_lossy(&answer.stderr),
            "Error response from daemon: network nope not found\n"
        );
        let nothing = run(&State::default(), &["network", "inspect", "nope"]);
        assert_eq!((nothing.stdout.as_slice(), nothing.code), (b"[]\n".as_slice(), 1));
    }

    #[test]
    fn networks_are_found_by_id_and_unique_prefix() {
        let state = State::default();
        let by_prefix = run(&state, &["network", "inspect", "4740ae"]);
        let found: Vec<Value> = serde_json::from_slice(&by_prefix.stdout).unwrap();
        assert_eq!(found[0]["Name"], "host");
        let full = found[0]["Id"].as_str().unwrap_or_default().to_owned();
        let by_id = run(&state, &["network", "inspect", &full]);
        assert_eq!(by_id.stdout, by_prefix.stdout);
    }

    #[test]
    fn the_container_list_of_a_server_without_deployed_apps_is_empty() {
        let answer =
            run(&State::default(), &["container", "ls", "--all", "--no-trunc", "--format", CONTAINER_FORMAT]);
        assert_eq!((answer.stdout.as_slice(), answer.code), (b"".as_slice(), 0));
    }

    #[test]
    fn anything_else_is_refused() {
        for args in [
            &["ps"][..],
            &["network", "ls"],
            &["network", "inspect", "--format", "x", "bridge"],
            &["container", "ls", "--all", "--format", "{{.ID}}"],
        ] {
            let answer = run(&State::default(), args);
            assert_eq!(answer.code, 1, "{args:?}");
            assert!(answer.stdout.is_empty());
            assert!(String::from_utf8_lossy(&answer.stderr).contains("dokku-sim (as docker)"), "{args:?}");
        }
        let missing = run(&State::default(), &["network", "inspect"]);
        assert!(String::from_utf8_lossy(&missing.stderr).starts_with("\"docker network inspect\" requires"));
    }
}
