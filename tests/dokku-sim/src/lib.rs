//! A stateful simulator of the `dokku` command of Dokku 0.38.27.
//!
//! `dokku-sim` takes Dokku's argv, keeps the server's state in the directory named by
//! `DOKKU_SIM_ROOT` (default `$HOME/.dokku-sim`), and prints byte for byte what Dokku prints on
//! stdout and stderr, with Dokku's exit status. The conformance test replays real captures
//! against it. Environment:
//!
//! * `DOKKU_SIM_ROOT`: state directory (created on first use).
//! * `SSH_ORIGINAL_COMMAND`: forced-command mode, argv re-derived as Dokku does.
//! * `DOKKU_SIM_VERSION`: the imitated Dokku version (default 0.38.27).
//! * `DOKKU_SIM_EUID`: the effective uid to assume (root-only commands are refused when not 0).
//! * `DOKKU_SIM_COSTS`: a cost table (see [`cost`]); the simulator holds a core that long.
//! * `DOKKU_SIM_CORES`: the simulated server's cores for the cost model (default 2, see
//!   [`cost::CpuBudget`]).
//! * `DOKKU_SIM_LOG`: a file that gets one JSON argv line per invocation.
//! * `DOKKU_SIM_NEW_REPORT_FIELD`: `<name>=<value>`, a field every report gets (see [`settings`]).
//! * `DOKKU_SIM_DEPLOYED_APPS`: `app1,app2`, apps `ps:report`/`ps:restart`/`ps:rebuild` treat as
//!   deployed and running (see [`settings::is_deployed`]).
//! * `DOKKU_SIM_SERVICE_DUMP_BYTES`: body size (default 0: empty) of a fresh service's `<type>:export` dump (see
//!   [`service_dump`]).
//! * `DOKKU_SIM_LIST_WITHOUT_KEY_BODIES=1`: `ssh-keys:list --format json` without `public-key`
//!   (see [`settings::list_without_key_bodies`]).
//!
//! Settings other than `DOKKU_SIM_ROOT` may also be lines of `$DOKKU_SIM_ROOT/settings.env`.
//!
//! The files a real server keeps and dokku-rs reads as root (`~dokku/.ssh/known_hosts`,
//! `~dokku/.netrc`, `~dokku/.ssh/authorized_keys`, plugin checkouts) are written from the state
//! under `$DOKKU_SIM_ROOT/fs/` at their real paths (see [`server_files`]). Run under the name
//! `docker`, the binary is the harness's `docker network inspect` stand-in instead
//! ([`run_docker`]).

// The simulator is test tooling that runs `xargs` like Dokku's forced command does; the
// workspace's ban on spawning processes applies to the product crates only.
#![allow(clippy::disallowed_methods, clippy::disallowed_types)]

mod columnize;
pub mod command_log;
mod command_property_set;
pub mod cost;
mod dispatch;
mod docker_cli;
mod docker_networks;
pub mod forced_command;
pub mod global_flags;
pub mod go_json;
mod go_quote;
mod help;
mod help_pages;
pub mod invocation;
mod legacy_report;
pub mod map_order;
mod netrc;
mod nginx_build;
pub mod normalize;
mod openssl_x509;
pub mod output;
mod pflag;
mod piped_stdin;
mod plugin_checkout;
mod plugins;
pub mod privilege;
mod property_report;
mod property_set;
pub mod replay;
pub mod report;
pub mod server_files;
pub mod service_dump;
pub mod service_dump_envelope;
pub mod service_state;
pub mod settings;
mod ssh_keyscan;
pub mod state;
mod tar_extract;
mod tar_stream;
pub mod version;
mod working_directory;

use std::path::PathBuf;

use crate::cost::{CostTable, CpuBudget};
use crate::global_flags::GlobalFlags;
use crate::invocation::Invocation;
use crate::output::Output;
use crate::server_files::ServerFiles;
use crate::state::StateStore;
use crate::version::DokkuVersion;

/// What one invocation printed and its exit status.
#[derive(Debug, Default)]
pub struct Answer {
    /// Standard output bytes.
    pub stdout: Vec<u8>,
    /// Standard error bytes.
    pub stderr: Vec<u8>,
    /// Exit status.
    pub code: i32,
    /// A dump streamed after `stdout` (`<type>:export`), outside the state lock.
    pub stream: Option<service_dump::SyntheticDump>,
}

/// The state directory: `DOKKU_SIM_ROOT`, else `$HOME/.dokku-sim`.
pub fn simulator_root() -> PathBuf {
    if let Some(root) = std::env::var_os("DOKKU_SIM_ROOT") {
        return PathBuf::from(root);
    }
    let home = std::env::var_os("HOME").unwrap_or_else(|| "/tmp".into());
    PathBuf::from(home).join(".dokku-sim")
}

/// Runs one `dokku` invocation with the arguments the binary received.
pub fn run(own_args: Vec<String>) -> Answer {
    let mut answer = Answer::default();
    // Like the script's `[[ -n "$SSH_ORIGINAL_COMMAND" ]]`, an empty value does not count.
    let argv = match std::env::var("SSH_ORIGINAL_COMMAND").ok().filter(|c| !c.is_empty()) {
        Some(original) => match forced_command::derive_argv(&own_args, &original) {
            Ok(derived) => {
                answer.stderr.extend_from_slice(&derived.stderr);
                derived.args
            }
            Err(err) => return internal_error(answer, &format!("cannot run xargs: {err}")),
        },
        None => own_args,
    };
    command_log::record(&argv);
    let flags = GlobalFlags::parse(&argv);
    let command = flags.args.first().cloned().unwrap_or_default();
    let mut out = Output::new(flags.quiet);
    // Fault injection for tests of interrupted applies: `DOKKU_SIM_FAIL=<command>` makes that
    // command fail the way Dokku's failures look, while everything else works.
    if settings::setting("DOKKU_SIM_FAIL").is_some_and(|c| c == command) {
        out.warn("Simulated failure (DOKKU_SIM_FAIL)");
        return finish(answer, out, 1);
    }
    if privilege::needs_root(&command) && privilege::effective_uid() != 0 {
        out.warn("This command must be run as root");
        return finish(answer, out, 1);
    }
    let root = simulator_root();
    // Held until this invocation ends: the simulated core it burns while it "runs".
    let _core = CostTable::from_env().map(|table| {
        // The cost is computed under the state lock but paid outside it, so that concurrent
        // invocations overlap as they do on a real server, up to its core count.
        let delay = match StateStore::open(&root).and_then(|store| store.load()) {
            Ok(state) => table.cost_of(&flags.args, &|word| state.apps.contains_key(word), state.apps.len()),
            Err(_) => std::time::Duration::ZERO,
        };
        let core = (!delay.is_zero()).then(|| CpuBudget::of(&root).acquire());
        std::thread::sleep(delay);
        core
    });
    let store = match StateStore::open(&root) {
        Ok(store) => store,
        Err(err) => return internal_error(answer, &format!("cannot open state: {err}")),
    };
    let mut state = match store.load() {
        Ok(state) => state,
        Err(err) => return internal_error(answer, &format!("cannot read state: {err}")),
    };
    let before = serde_json::to_vec(&state).unwrap_or_default();
    let files_before = ServerFiles::of(&state);
    let code = {
        let mut inv = Invocation {
            state: &mut state,
            out: &mut out,
            version: DokkuVersion::from_env(),
            force: flags.force,
        };
        match dispatch::dispatch(&mut inv, &flags) {
            Ok(()) => 0,
            Err(failure) => failure.0,
        }
    };
    if serde_json::to_vec(&state).unwrap_or_default() != before
        && let Err(err) = store.save(&state)
    {
        return internal_error(answer, &format!("cannot write state: {err}"));
    }
    // Still under the lock: the server files follow the state before anyone else reads either.
    if let Err(err) = ServerFiles::of(&state).sync(&files_before, &server_files::fs_root(&root)) {
        return internal_error(answer, &format!("cannot write the server files: {err}"));
    }
    finish(answer, out, code)
}

/// Runs the `docker` stand-in (`docker network inspect <network>...`, see `src/docker_cli.rs`) with
/// the arguments the binary received under the name `docker`, on the simulator's state.
pub fn run_docker(args: Vec<String>) -> Answer {
    let answer = Answer::default();
    let store = match StateStore::open(&simulator_root()) {
        Ok(store) => store,
        Err(err) => return internal_error(answer, &format!("cannot open state: {err}")),
    };
    match store.load() {
        Ok(state) => docker_cli::answer(&state, &args),
        Err(err) => internal_error(answer, &format!("cannot read state: {err}")),
    }
}

/// Moves the buffered output into the answer.
fn finish(mut answer: Answer, out: Output, code: i32) -> Answer {
    answer.stdout.extend_from_slice(&out.stdout);
    answer.stderr.extend_from_slice(&out.stderr);
    answer.stream = out.stream;
    answer.code = code;
    answer
}

/// A failure of the simulator itself (not something Dokku would print).
fn internal_error(mut answer: Answer, message: &str) -> Answer {
    answer.stderr.extend_from_slice(format!("dokku-sim: {message}\n").as_bytes());
    answer.code = 125;
    answer
}
