//! The main script's `case "$1"`: help, version, plugin aliases, `--app` and unknown commands.

use std::io::IsTerminal;

use crate::global_flags::GlobalFlags;
use crate::help;
use crate::invocation::Invocation;
use crate::output::Outcome;
use crate::plugins;

/// Dispatches one invocation.
pub(crate) fn dispatch(inv: &mut Invocation<'_>, flags: &GlobalFlags) -> Outcome {
    let args = &flags.args;
    let first = args.first().map(String::as_str).unwrap_or("");
    match first {
        "help" | "" => {
            // The script sets DOKKU_QUIET_OUTPUT when stdin is not a TTY, which hides the
            // banner of `dokku help` only.
            let tty = std::io::stdin().is_terminal();
            help::print_main_help(inv, tty && !inv.out.quiet);
            return Ok(());
        }
        "version" | "-v" | "--version" => {
            inv.out.line(&format!("dokku version {}", inv.version));
            return Ok(());
        }
        _ => {}
    }
    let command = expand_alias(first);
    let mut rest: Vec<String> = args[1..].to_vec();
    if let Some(app) = &flags.app {
        rest.insert(0, app.clone());
    }
    match plugins::dispatch(inv, &command, &rest) {
        Some(outcome) => outcome,
        None => {
            inv.out.warn(&format!("`{}` is not a dokku command.", args.join(" ")));
            inv.out.warn("See `dokku help` for a list of available commands.");
            Err(crate::output::Failure(1))
        }
    }
}

/// The script's `PLUGIN_ALIASES` (`docker-local:*` → `scheduler-docker-local:*`, ...).
fn expand_alias(command: &str) -> String {
    let (namespace, sub) = match command.split_once(':') {
        Some((namespace, sub)) => (namespace, Some(sub)),
        None => (command, None),
    };
    let target = match namespace {
        "docker-local" => "scheduler-docker-local",
        "dockerfile" => "builder-dockerfile",
        "herokuish" => "builder-herokuish",
        "k3s" => "scheduler-k3s",
        "lambda" => "builder-lambda",
        "nixpacks" => "builder-nixpacks",
        "pack" => "builder-pack",
        "rails" => "builder-railpack",
        other => other,
    };
    match sub {
        Some(sub) => format!("{target}:{sub}"),
        None => target.to_string(),
    }
}
