//! The SSH transport against the real sshd of `cargo xtask test` (echo backend).

#![allow(clippy::disallowed_methods, clippy::disallowed_types)]
// Reason: fault injection needs ssh-keygen, `ssh -O check` and kill; test tooling may spawn.

use std::time::{Duration, Instant};

use dokku_core::{Client, ClientOptions, Command, Error, MuxMode, TransportErrorKind};
use dokku_e2e::{EchoReply, Harness};
use futures_util::future::join_all;

fn options() -> ClientOptions {
    ClientOptions { command_timeout: Duration::from_secs(30), ..ClientOptions::default() }
}

async fn echo(client: &Client, cmd: &Command) -> EchoReply {
    let out = client.output(cmd).await.unwrap_or_else(|e| panic!("{cmd}: {e}"));
    EchoReply::parse(&out.stdout)
}

/// Lines of the sshd log that record an accepted login from `port`.
fn logins_from_port(h: &Harness, port: &str) -> usize {
    let log = std::fs::read_to_string(&h.sshd_log).unwrap_or_default();
    log.lines().filter(|l| l.contains("Accepted publickey") && l.contains(&format!(" port {port} "))).count()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_hundred_sequential_and_concurrent_commands_share_one_connection() {
    let h = Harness::from_env();
    for mux in [MuxMode::Native, MuxMode::Process] {
        let client = h.echo_client(&h.dokku_user, mux, options()).await;
        let mut ports = std::collections::BTreeSet::new();
        for i in 0..200 {
            let reply = echo(&client, &Command::dokku("apps:report").arg(format!("app-{i}"))).await;
            assert_eq!(reply.argv, ["apps:report", &format!("app-{i}")]);
            ports.insert(reply.client_port());
        }
        let concurrent = (0..200).map(|i| {
            let client = &client;
            async move { echo(client, &Command::dokku("ps:report").arg(format!("app-{i}"))).await }
        });
        for (i, reply) in join_all(concurrent).await.into_iter().enumerate() {
            assert_eq!(reply.argv, ["ps:report", &format!("app-{i}")]);
            ports.insert(reply.client_port());
        }
        assert_eq!(ports.len(), 1, "{mux:?}: commands came over several connections: {ports:?}");
        let port = ports.into_iter().next().unwrap_or_default();
        assert_eq!(logins_from_port(&h, &port), 1, "{mux:?}: the sshd log shows one login from port {port}");
        client.close().await.unwrap_or_else(|e| panic!("close: {e}"));
    }
}

const HOSTILE: &[&str] = &[
    "a b",
    "double\"quote",
    "single'quote",
    "$HOME",
    "`id`",
    "$(id)",
    "x;id",
    "a|b",
    "back\\slash",
    "trailing\\",
    "ünïcödé ✓",
    "tab\there",
    "*",
    "KEY=a b=c",
    "--no-restart",
    "-x",
    "8 4k",
    "$server_port",
    "bang!",
    "'",
    "\"",
];

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hostile_arguments_round_trip_exactly_as_both_users() {
    let h = Harness::from_env();
    for user in [h.dokku_user.clone(), h.admin_user.clone()] {
        for mux in [MuxMode::Native, MuxMode::Process] {
            let client = h.echo_client(&user, mux, options()).await;
            let cmd = Command::dokku("config:set").args(HOSTILE.iter().copied());
            let reply = echo(&client, &cmd).await;
            let mut expected = vec!["config:set"];
            expected.extend(HOSTILE);
            assert_eq!(reply.argv, expected, "as {user} over {mux:?}");
            assert_eq!(reply.euid_is_root, user == h.admin_user, "the admin user runs dokku through sudo");
            // Each word alone too: xargs must see every one as exactly one argument.
            for word in HOSTILE {
                let reply = echo(&client, &Command::dokku("nginx:set").arg("app").arg(*word)).await;
                assert_eq!(reply.argv, ["nginx:set", "app", word], "as {user} over {mux:?}");
            }
            client.close().await.unwrap_or_else(|e| panic!("close: {e}"));
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn arguments_only_a_shell_can_carry_reach_the_admin_user_and_are_refused_for_dokku() {
    let h = Harness::from_env();
    let unsurvivable = ["", "-n", "-e", "-E", "-ne", "--help", "line\nbreak"];
    let admin = h.echo_client(&h.admin_user, MuxMode::Native, options()).await;
    for word in unsurvivable {
        let reply = echo(&admin, &Command::dokku("config:set").arg("app").arg(word)).await;
        assert_eq!(reply.argv, ["config:set", "app", word]);
    }
    admin.close().await.unwrap_or_else(|e| panic!("close: {e}"));

    let before = std::fs::read_to_string(&h.sshd_log).unwrap_or_default().len();
    let dokku = h.echo_client(&h.dokku_user, MuxMode::Native, options()).await;
    let sessions_before = session_count(&h, before);
    for word in unsurvivable {
        let err = dokku.output(&Command::dokku("config:set").arg("app").arg(word)).await;
        assert!(matches!(err, Err(Error::Refused { .. })), "{word:?} must be refused, got {err:?}");
    }
    let spaced_git = dokku.output(&Command::dokku("git:from-image").arg("app").arg("img name")).await;
    assert!(matches!(spaced_git, Err(Error::Refused { .. })), "{spaced_git:?}");
    assert_eq!(session_count(&h, before), sessions_before, "nothing was sent for refused commands");
    // A git command with plain words goes through raw (word-split, no quote removal).
    let reply =
        echo(&dokku, &Command::dokku("git:sync").args(["app", "https://example.com/r.git", "main"])).await;
    assert_eq!(reply.argv, ["git:sync", "app", "https://example.com/r.git", "main"]);
    dokku.close().await.unwrap_or_else(|e| panic!("close: {e}"));
}

/// Sessions the sshd log records after byte offset `from`.
fn session_count(h: &Harness, from: usize) -> usize {
    let log = std::fs::read_to_string(&h.sshd_log).unwrap_or_default();
    log.get(from..).unwrap_or_default().lines().filter(|l| l.contains("Starting session")).count()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn stdin_exit_status_stderr_and_large_output_come_back_exactly() {
    let h = Harness::from_env();
    for user in [h.dokku_user.clone(), h.admin_user.clone()] {
        let client = h.echo_client(&user, MuxMode::Native, options()).await;
        let key = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHostile 'key' $x\n";
        let reply = echo(&client, &Command::dokku("stdin").arg("admin").secret_stdin(key)).await;
        assert_eq!(reply.stdin, key);
        for code in [1, 2, 20, 42, 126, 127, 255] {
            let out = client.output(&Command::dokku(format!("exit:{code}")).allow_failure()).await;
            let out = out.unwrap_or_else(|e| panic!("exit {code} as {user}: {e}"));
            assert_eq!(out.status, code, "as {user}");
            assert!(out.stdout.contains("\"argv\""), "output kept for exit {code}");
        }
        let err = client.output(&Command::dokku("exit:20").arg("nope")).await;
        assert!(
            matches!(
                &err,
                Err(Error::Dokku { status: 20, kind: dokku_core::DokkuErrorKind::AppNotFound, .. })
            ),
            "{err:?}"
        );
        let err = client.output(&Command::dokku("stderr:App nope does not exist")).await;
        match err {
            Err(Error::Dokku { message, status: 1, .. }) => {
                assert_eq!(message, "!     App nope does not exist")
            }
            other => panic!("{other:?}"),
        }
        let out = client.output(&Command::dokku("big:20000")).await.unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(out.stdout.lines().count(), 20000);
        assert_eq!(client.version().await.map(ToString::to_string).ok().as_deref(), Some("0.38.27"));
        client.close().await.unwrap_or_else(|e| panic!("close: {e}"));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn more_commands_than_max_sessions_all_succeed() {
    let h = Harness::from_env();
    // 12 in flight on a server that allows 10 sessions: the client retries refused sessions.
    let wide = ClientOptions { max_in_flight: 12, ..options() };
    for (mux, opts) in
        [(MuxMode::Native, wide.clone()), (MuxMode::Native, options()), (MuxMode::Process, options())]
    {
        let client = h.echo_client(&h.dokku_user, mux, opts).await;
        let started = Instant::now();
        let all = (0..40).map(|i| {
            let client = &client;
            async move { client.output(&Command::dokku("sleep:0.3").arg(i.to_string())).await }
        });
        for result in join_all(all).await {
            assert!(result.is_ok(), "{mux:?}: {result:?}");
        }
        assert!(started.elapsed() < Duration::from_secs(60));
        client.close().await.unwrap_or_else(|e| panic!("close: {e}"));
    }
}

/// Asserts that `result` is a transport error of `kind`, reached within `limit`.
fn assert_transport<T: std::fmt::Debug>(
    result: Result<T, Error>,
    kind: TransportErrorKind,
    started: Instant,
    limit: Duration,
) {
    match result {
        Err(e) => assert_eq!(e.transport_kind(), Some(kind), "{e}"),
        Ok(v) => panic!("expected {kind:?}, got {v:?}"),
    }
    assert!(started.elapsed() < limit, "took {:?}", started.elapsed());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn connection_faults_are_typed_and_bounded() {
    let h = Harness::from_env();
    let dir = tempfile::Builder::new().prefix("dkf").tempdir_in("/tmp").unwrap_or_else(|e| panic!("{e}"));

    // sshd down: a port where nothing listens.
    let closed = std::net::TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).map(|a| a.port());
    let mut config = h.ssh_config(&h.dokku_user, &h.echo_key, MuxMode::Native);
    config.port = closed.ok();
    let started = Instant::now();
    let result = Client::ssh(&config, options()).await;
    assert_transport(result, TransportErrorKind::ConnectionRefused, started, Duration::from_secs(10));

    // A key the server does not know.
    let wrong_key = dir.path().join("wrong");
    let keygen = std::process::Command::new("ssh-keygen")
        .args(["-q", "-t", "ed25519", "-N", "", "-f"])
        .arg(&wrong_key)
        .status()
        .map(|s| s.success());
    assert_eq!(keygen.ok(), Some(true));
    let config = h.ssh_config(&h.dokku_user, &wrong_key, MuxMode::Native);
    let started = Instant::now();
    let result = Client::ssh(&config, options()).await;
    assert_transport(result, TransportErrorKind::AuthenticationFailed, started, Duration::from_secs(10));

    // Unknown host key under the strict policy.
    let empty_known = dir.path().join("known_empty");
    std::fs::write(&empty_known, "").unwrap_or_else(|e| panic!("{e}"));
    let mut config = h.ssh_config(&h.dokku_user, &h.echo_key, MuxMode::Native);
    config.known_hosts_file = Some(empty_known);
    let started = Instant::now();
    let result = Client::ssh(&config, options()).await;
    assert_transport(result, TransportErrorKind::HostKeyUnknown, started, Duration::from_secs(10));

    // Changed host key: known_hosts names another key for this host.
    let other = std::fs::read_to_string(wrong_key.with_extension("pub")).unwrap_or_default();
    let other: Vec<&str> = other.split_whitespace().take(2).collect();
    let changed = dir.path().join("known_changed");
    std::fs::write(&changed, format!("[127.0.0.1]:{} {}\n", h.port, other.join(" "))).unwrap_or_default();
    let mut config = h.ssh_config(&h.dokku_user, &h.echo_key, MuxMode::Native);
    config.known_hosts_file = Some(changed);
    let started = Instant::now();
    let result = Client::ssh(&config, options()).await;
    assert_transport(result, TransportErrorKind::HostKeyChanged, started, Duration::from_secs(10));

    // A server that accepts TCP but never speaks.
    let silent = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap_or_else(|e| panic!("{e}"));
    let silent_port = silent.local_addr().map(|a| a.port()).unwrap_or_default();
    let hold = tokio::spawn(async move {
        let mut held = Vec::new();
        while let Ok((socket, _)) = silent.accept().await {
            held.push(socket);
        }
    });
    let mut config = h.ssh_config(&h.dokku_user, &h.echo_key, MuxMode::Native);
    config.port = Some(silent_port);
    config.connect_timeout = Duration::from_secs(2);
    let started = Instant::now();
    let result = Client::ssh(&config, options()).await;
    assert_transport(result, TransportErrorKind::ConnectTimeout, started, Duration::from_secs(10));
    hold.abort();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_command_that_never_answers_times_out() {
    let h = Harness::from_env();
    let client = h.echo_client(&h.dokku_user, MuxMode::Native, options()).await;
    let started = Instant::now();
    let result = client.output(&Command::dokku("sleep:30").timeout(Duration::from_secs(1))).await;
    assert!(matches!(result, Err(Error::Timeout { .. })), "{result:?}");
    assert!(started.elapsed() < Duration::from_secs(5));
    // The connection is still usable afterwards.
    assert!(client.output(&Command::dokku("apps:list")).await.is_ok());
    client.close().await.unwrap_or_else(|e| panic!("close: {e}"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_killed_master_fails_in_flight_and_later_commands() {
    let h = Harness::from_env();
    for mux in [MuxMode::Native, MuxMode::Process] {
        let client = h.echo_client(&h.dokku_user, mux, options()).await;
        let socket = match client.transport() {
            dokku_core::Transport::Ssh(ssh) => ssh.control_socket().to_owned(),
            dokku_core::Transport::Local(_) => panic!("expected ssh"),
        };
        let check =
            std::process::Command::new("ssh").arg("-S").arg(&socket).args(["-O", "check", "none"]).output();
        let check = check.map(|o| String::from_utf8_lossy(&o.stderr).into_owned()).unwrap_or_default();
        let pid: String = check
            .split("pid=")
            .nth(1)
            .map(|s| s.chars().take_while(char::is_ascii_digit).collect())
            .unwrap_or_default();
        assert!(!pid.is_empty(), "master pid from {check:?}");
        let in_flight = (0..4).map(|_| {
            let client = &client;
            async move { client.output(&Command::dokku("sleep:5")).await }
        });
        let killer = async {
            tokio::time::sleep(Duration::from_millis(500)).await;
            let _ = std::process::Command::new("kill").args(["-9", &pid]).status();
        };
        let started = Instant::now();
        let (results, ()) = tokio::join!(join_all(in_flight), killer);
        for r in results {
            let kind = r.as_ref().err().and_then(Error::transport_kind);
            assert!(
                matches!(kind, Some(TransportErrorKind::MasterGone | TransportErrorKind::SshFailed)),
                "{mux:?}: in-flight command: {r:?}"
            );
        }
        assert!(started.elapsed() < Duration::from_secs(4), "in-flight commands failed promptly");
        let started = Instant::now();
        let later = client.output(&Command::dokku("apps:list")).await;
        assert_transport(later, TransportErrorKind::MasterGone, started, Duration::from_secs(5));
        assert!(client.close().await.is_err(), "closing a dead master reports it");
    }
}
