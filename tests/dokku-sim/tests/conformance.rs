//! Replays every capture session in `test_data/<version>/` (in the order of its `INDEX.md`)
//! against a fresh simulator and compares stdout, stderr and exit status byte for byte, after
//! the one documented normalisation of volatile values (`dokku_sim::normalize`).
//!
//! Sessions captured by `cargo xtask fixtures capture` land here too, so a new capture is a
//! conformance check as soon as it exists.

// A test harness reports what differs; printing is its job.
#![allow(clippy::print_stdout)]

use std::path::PathBuf;

use dokku_sim::replay::{ReplayOptions, replay, shell_words};

/// Steps whose real output depends on the capture host, not on Dokku, with the reason.
const EXCLUDED: &[(&str, &str)] = &[
    ("00_dokku-standard__report__app1", "prints the capture host's uname, memory, disks and tool versions"),
    (
        "plugin__install__letsencrypt-file-url",
        "install triggers print the capture host's docker-stub image pull and group changes",
    ),
    (
        "plugin__install__maintenance-file-url",
        "install triggers print the capture host's docker-stub image pull and group changes",
    ),
    (
        "plugin__install__redirect-file-url",
        "install triggers print the capture host's docker-stub image pull and group changes",
    ),
    (
        "letsencrypt__enable__app1-not-deployed",
        "runs lego through docker; the capture shows the host's docker stub refusing, with a config hash",
    ),
];

/// Steps that ran a command of the capture harness, not Dokku, with the reason they are neither
/// run nor compared.
const HOST_STEPS: &[(&str, &str)] = &[
    (
        "plugin__install-trigger__postgres",
        "the harness's plugin-env.sh ran the plugin's install trigger outside Dokku: its output is the \
         host docker's image pulls with the registry's digests of the capture day (the simulated host has every \
         image and pulls nothing)",
    ),
    (
        "plugin__install-trigger__redis",
        "the harness's plugin-env.sh ran the plugin's install trigger outside Dokku: its output is the \
         host docker's image pulls with the registry's digests of the capture day (the simulated host has every \
         image and pulls nothing)",
    ),
];

/// The server state each session started from that its capture does not record, as Dokku argv
/// run (unrecorded) before its first step: `cargo xtask fixtures capture` ran against a server
/// that already had the official letsencrypt, maintenance and redirect plugins installed and
/// one ssh key (`harness-test`, the key `ssh-keys__list__*` list; `/tmp/keys/` is
/// `test_data/keys/`).
fn prelude(session: &str) -> Vec<Vec<String>> {
    match session {
        // The services capture ran on the same kind of server (its `plugin:list` before shows
        // the three plugins), without the key.
        "0.38.27-services" => ["letsencrypt", "maintenance", "redirect"]
            .iter()
            .map(|plugin| {
                let url = format!("https://github.com/dokku/dokku-{plugin}.git");
                ["plugin:install", url.as_str(), "--name", plugin].map(str::to_owned).to_vec()
            })
            .collect(),
        "0.38.27-session" => {
            let mut commands: Vec<Vec<String>> = ["letsencrypt", "maintenance", "redirect"]
                .iter()
                .map(|plugin| {
                    let url = format!("https://github.com/dokku/dokku-{plugin}.git");
                    ["plugin:install", url.as_str(), "--name", plugin].map(str::to_owned).to_vec()
                })
                .collect();
            commands.push(
                ["ssh-keys:add", "harness-test", "/tmp/keys/session_server_ed25519.pub"]
                    .map(str::to_owned)
                    .to_vec(),
            );
            commands
        }
        _ => derived_setup(session),
    }
}

/// The setup a session's capture does not contain but its reports imply, written down in
/// `test_data/setups/<session>.md` (derived from the captured reports, see that file): the
/// `dokku …` lines of its code block, shell-quoted, as Dokku argv. No file, no setup.
fn derived_setup(session: &str) -> Vec<Vec<String>> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(format!("test_data/setups/{session}.md"));
    let Ok(text) = std::fs::read_to_string(&path) else {
        return Vec::new();
    };
    let mut in_block = false;
    let mut commands = Vec::new();
    for line in text.lines() {
        if line.starts_with("```") {
            in_block = !in_block;
        } else if in_block && let Some(words) = line.strip_prefix("dokku ") {
            commands.push(shell_words(words));
        }
    }
    assert!(!commands.is_empty(), "{}: no `dokku …` line in its code block", path.display());
    commands
}

/// stderr lines that the capture host's missing systemd added to `apps:destroy`/`apps:rename`
/// (documented as host noise in the fixtures' README); removed from the expected stderr only.
const HOST_NOISE_LINES: &[&str] = &[
    "System has not been booted with systemd as init system (PID 1). Can't operate.",
    "Failed to connect to bus: Host is down",
];

/// The capture sessions: every `test_data/<major>.<minor>.<patch>/` (the reference captures of
/// that version) and `test_data/<major>.<minor>.<patch>-<label>/` (another session captured
/// from the same version, e.g. `0.38.27-session/` by `cargo xtask fixtures capture`).
fn sessions() -> Vec<PathBuf> {
    let data = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("test_data");
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(&data)
        .unwrap_or_else(|e| panic!("{}: {e}", data.display()))
        .flatten()
        .map(|entry| entry.path())
        .filter(|path| path.file_name().and_then(|n| n.to_str()).and_then(session_version).is_some())
        .collect();
    dirs.sort();
    dirs
}

/// The Dokku version a session directory's name says it was captured from.
fn session_version(name: &str) -> Option<&str> {
    let version = name.split_once('-').map_or(name, |(version, _label)| version);
    let numeric = version.split('.').count() == 3 && version.split('.').all(|p| p.parse::<u32>().is_ok());
    numeric.then_some(version)
}

#[test]
fn simulator_matches_every_real_dokku_capture() {
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let options = ReplayOptions {
        simulator: PathBuf::from(env!("CARGO_BIN_EXE_dokku-sim")),
        keys_dir: manifest.join("test_data/keys"),
        excluded: EXCLUDED.iter().map(|(stem, _)| (*stem).to_owned()).collect(),
        host_steps: HOST_STEPS.iter().map(|(stem, _)| (*stem).to_owned()).collect(),
        host_noise_lines: HOST_NOISE_LINES.iter().map(|line| (*line).to_owned()).collect(),
        settings: Vec::new(),
        prelude: Vec::new(),
    };
    let sessions = sessions();
    assert!(!sessions.is_empty(), "no capture session under test_data/");
    let mut failed = 0;
    for dir in &sessions {
        let session = dir.file_name().and_then(|n| n.to_str()).unwrap_or("").to_owned();
        let version = session_version(&session).unwrap_or_default().to_owned();
        // The simulator imitates the captured version (what it prints and which forms it has).
        let options = ReplayOptions {
            settings: vec![("DOKKU_SIM_VERSION".to_owned(), version)],
            prelude: prelude(&session),
            ..options.clone()
        };
        let report = replay(dir, &options).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
        // The smallest session (the services capture) has 10 steps.
        assert!(report.steps >= 10, "{session}: INDEX.md parsed to {} steps", report.steps);
        println!(
            "{session}: {} of {} identical ({} excluded)",
            report.identical,
            report.compared,
            report.steps - report.compared
        );
        for (stem, differs) in &report.differences {
            println!("  {stem}\n{differs}");
        }
        failed += report.differences.len();
    }
    assert_eq!(failed, 0, "{failed} steps differ from the captures");
}
