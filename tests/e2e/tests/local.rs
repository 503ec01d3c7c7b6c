//! The local transport, with `dokku-echo` standing in for `dokku` (no server needed).

use std::time::Duration;

use dokku_core::{Client, ClientOptions, Command, Error, Invocation, LocalConfig, LocalUser};
use dokku_e2e::EchoReply;

fn client(user: LocalUser) -> Client {
    let config =
        LocalConfig { program: env!("CARGO_BIN_EXE_dokku-echo").into(), env: Vec::new(), user: Some(user) };
    Client::local(config, ClientOptions::default())
}

#[tokio::test]
async fn every_argument_reaches_the_program_unchanged() {
    let client = client(LocalUser::Root);
    // Locally there is no shell and no re-split: even what SSH cannot carry arrives intact.
    let words = ["", "-n", "-e", "a b", "line\nbreak", "it's", "$HOME", "ünïcödé", "x;id|y", "\\"];
    let out =
        client.output(&Command::dokku("config:set").args(words)).await.unwrap_or_else(|e| panic!("{e}"));
    let reply = EchoReply::parse(&out.stdout);
    let mut expected = vec!["config:set"];
    expected.extend(words);
    assert_eq!(reply.argv, expected);
}

#[tokio::test]
async fn stdin_status_and_errors() {
    let client = client(LocalUser::Root);
    let out = client.output(&Command::dokku("stdin").secret_stdin("key body\n")).await;
    assert_eq!(out.map(|o| EchoReply::parse(&o.stdout).stdin).ok().as_deref(), Some("key body\n"));
    let out = client.output(&Command::dokku("exit:127").allow_failure()).await;
    assert_eq!(out.map(|o| o.status).ok(), Some(127));
    let err = client.output(&Command::dokku("stderr:App nope does not exist")).await;
    assert_eq!(err.err().and_then(|e| e.dokku_kind()), Some(dokku_core::DokkuErrorKind::AppNotFound));
    let err = client.output(&Command::dokku("sleep:10").timeout(Duration::from_millis(300))).await;
    assert!(matches!(err, Err(Error::Timeout { .. })), "{err:?}");
    assert_eq!(client.version().await.map(ToString::to_string).ok().as_deref(), Some("0.38.27"));
}

#[tokio::test]
async fn a_missing_program_is_a_spawn_error() {
    let config =
        LocalConfig { program: "/nonexistent/dokku".into(), env: Vec::new(), user: Some(LocalUser::Root) };
    let client = Client::local(config, ClientOptions::default());
    let err = client.output(&Command::dokku("version")).await;
    assert_eq!(err.err().and_then(|e| e.transport_kind()), Some(dokku_core::TransportErrorKind::Spawn));
}

#[test]
fn sudo_is_used_by_anyone_but_root_and_dokku() {
    let read = Command::dokku("apps:report");
    let install =
        Command::dokku("plugin:install").arg("https://github.com/dokku/dokku-redirect.git").needs_root();
    let cat = Command::system("cat").arg("/home/dokku/.ssh/authorized_keys");
    let sudo = |user, cmd: &Command| client(user).invocation(cmd).sudo;
    assert!(!sudo(LocalUser::Root, &install) && !sudo(LocalUser::Root, &cat));
    assert!(!sudo(LocalUser::Dokku, &read) && sudo(LocalUser::Dokku, &install));
    assert!(sudo(LocalUser::Other, &read));
    assert_eq!(
        install.render(client(LocalUser::Other).invocation(&install), false),
        "sudo -n dokku plugin:install https://github.com/dokku/dokku-redirect.git"
    );
    assert_eq!(client(LocalUser::Root).invocation(&read), Invocation::default());
}
