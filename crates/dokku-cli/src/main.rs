//! `dokkuctl`: export a whole Dokku server to one JSON document, apply such a document to
//! another server, or print the commands that would.

#![allow(clippy::print_stdout, clippy::print_stderr)]
// Reason: this is the binary; printing is its job (the engine itself never prints).

mod cli;
mod progress;

use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result, bail};
use clap::{CommandFactory, Parser};
use dokku_cli::engine::apply::{ConvergeOptions, converge};
use dokku_cli::engine::converge::{ConvergencePlan, diff_documents, plan_against_server};
use dokku_cli::engine::document::to_text;
use dokku_cli::engine::error::EngineError;
use dokku_cli::engine::export::{ExportOptions, export};
use dokku_cli::engine::graph::dot;
use dokku_cli::engine::observer::Observer;
use dokku_cli::engine::plan::plan_creation;
use dokku_cli::engine::plan_view;
use dokku_cli::engine::registry::registered;
use dokku_cli::engine::schema::document_schema_text;
use dokku_cli::engine::script::{ScriptTarget, script};
use dokku_core::plugin::DiffOptions;
use dokku_core::{Client, LocalUser};

use crate::cli::{Cli, Task, ViewArgs, ViewFormat};
use crate::progress::Progress;

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli).await {
        Ok(code) => code,
        Err(e) => {
            eprintln!("dokkuctl: error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

async fn run(cli: Cli) -> Result<ExitCode> {
    let progress = Progress::new(cli.quiet, cli.verbose);
    let plugins = registered();
    match &cli.command {
        Task::Version => {
            println!("dokkuctl {}", env!("CARGO_PKG_VERSION"));
            let client = cli.connect().await?;
            let version = with_client(client, async |c| Ok(c.version().await?.clone())).await?;
            println!("dokku {version}");
            Ok(ExitCode::SUCCESS)
        }
        Task::Graph { indent, output } => {
            let text = dot(&plugins, *indent).map_err(anyhow::Error::msg)?;
            write_output(output, &text)?;
            Ok(ExitCode::SUCCESS)
        }
        Task::Schema { output } => {
            let text = document_schema_text(&plugins).map_err(anyhow::Error::msg)?;
            write_output(output, &text)?;
            Ok(ExitCode::SUCCESS)
        }
        Task::Completions { shell } => {
            clap_complete::generate(*shell, &mut Cli::command(), "dokkuctl", &mut std::io::stdout());
            Ok(ExitCode::SUCCESS)
        }
        Task::Export { apps, indent, output } => {
            let client = cli.connect().await?;
            let options = ExportOptions { apps: apps.clone() };
            let progress = &progress;
            let plugins = &plugins;
            let document =
                with_client(client, async |c| Ok(export(c, plugins, &options, progress).await?)).await?;
            progress.finish();
            write_output(output, &to_text(&document, *indent))?;
            Ok(ExitCode::SUCCESS)
        }
        Task::Plan { prune, prune_apps, view, input } => {
            let text = read_input(input)?;
            let client = cli.connect().await?;
            let options = DiffOptions { prune: *prune, prune_apps: *prune_apps, ..DiffOptions::default() };
            let (progress, plugins) = (&progress, &plugins);
            let plan = with_client(client, async |c| {
                plan_creation(&text, plugins).map_err(|e| anyhow::anyhow!("{}: {e}", input.display()))?;
                Ok(plan_against_server(c, &text, plugins, &options, progress).await?.0)
            })
            .await?;
            progress.finish();
            Ok(show_plan(&plan, *view))
        }
        Task::Diff { view, a, b } => {
            let (progress, plugins) = (&progress, &plugins);
            // Each side with whether its server files (root-only reads) stayed unread.
            let read = async |source: &str| -> Result<(serde_json::Map<String, serde_json::Value>, bool)> {
                let host = match source {
                    "local" => None,
                    s if s.starts_with("ssh://") => Some(s),
                    path => {
                        let text = read_input(Path::new(path))?;
                        plan_creation(&text, plugins).map_err(|e| anyhow::anyhow!("{path}: {e}"))?;
                        return Ok((serde_json::from_str(&text)?, false));
                    }
                };
                let client = cli.connect_to(host).await?;
                with_client(client, async |c| {
                    let unread = !c.can_run_system_commands();
                    Ok((export(c, plugins, &ExportOptions::default(), progress).await?, unread))
                })
                .await
            };
            let ((left, left_unread), (right, right_unread)) = (read(a).await?, read(b).await?);
            progress.finish();
            // A diff shows everything, removals included; it changes nothing.
            let options = DiffOptions {
                prune: true,
                prune_apps: true,
                server_files_unread: left_unread || right_unread,
                server_version: None,
            };
            let plan = diff_documents(&left, &right, plugins, &options, false)?;
            for note in &plan.notes {
                progress.warn(note);
            }
            Ok(show_plan(&plan, *view))
        }
        Task::Apply { force, print_only, show_secrets, prune, prune_apps, no_restart, input } => {
            let text = read_input(input)?;
            let plan = match plan_creation(&text, &plugins) {
                Ok(plan) => plan,
                Err(e) => bail!("{}: {e}", input.display()),
            };
            if *print_only {
                let target = match &cli.host {
                    None => ScriptTarget::Local { user: LocalUser::detect() },
                    Some(host) => cli.script_ssh_target(host)?,
                };
                let sections = plan.steps.iter().map(|s| (s.plugin.key(), s.commands.as_slice()));
                print!("{}", script(&target, sections, *show_secrets));
                return Ok(ExitCode::SUCCESS);
            }
            drop(plan);
            let client = cli.connect().await?;
            let (progress, plugins, text) = (&progress, &plugins, &text);
            let options = ConvergeOptions {
                force: *force,
                diff: DiffOptions { prune: *prune, prune_apps: *prune_apps, ..DiffOptions::default() },
                no_restart: *no_restart,
            };
            let result =
                with_client(client, async |c| match converge(c, text, plugins, options, progress).await {
                    Ok((report, _)) => Ok(report),
                    Err(e) => Err(anyhow::Error::new(e)),
                })
                .await;
            progress.finish();
            match result {
                Ok(report) => {
                    eprintln!(
                        "applied: {} command(s) run, {} tolerated failure(s), {} skipped",
                        report.done.len(),
                        report.tolerated.len(),
                        report.skipped.len()
                    );
                    Ok(ExitCode::SUCCESS)
                }
                Err(e) => {
                    if let Some(EngineError::Interrupted { failed, done, not_done }) =
                        e.downcast_ref::<EngineError>()
                    {
                        eprintln!("dokkuctl: apply stopped: {failed}");
                        eprintln!("done ({}):", done.len());
                        for line in done {
                            eprintln!("  {line}");
                        }
                        eprintln!("not done ({}):", not_done.len());
                        for line in not_done {
                            eprintln!("  {line}");
                        }
                        return Ok(ExitCode::FAILURE);
                    }
                    Err(e)
                }
            }
        }
    }
}

/// Prints a plan or diff and picks the exit status.
fn show_plan(plan: &ConvergencePlan, view: ViewArgs) -> ExitCode {
    match view.format {
        ViewFormat::Text => print!("{}", plan_view::text(plan, view.show_secrets)),
        ViewFormat::Json => println!("{}", plan_view::json(plan, view.show_secrets)),
    }
    if view.detailed_exitcode && !plan.is_empty() { ExitCode::from(2) } else { ExitCode::SUCCESS }
}

/// Runs `job`, then closes the connection on every path (errors and Ctrl-C included).
async fn with_client<T>(client: Client, job: impl AsyncFnOnce(&Client) -> Result<T>) -> Result<T> {
    let result = tokio::select! {
        r = job(&client) => r,
        _ = tokio::signal::ctrl_c() => Err(anyhow::anyhow!("interrupted")),
    };
    let closed = client.close().await;
    let value = result?;
    closed.context("closing the connection")?;
    Ok(value)
}

fn read_input(input: &Path) -> Result<String> {
    if input.as_os_str() == "-" {
        let mut text = String::new();
        std::io::stdin().read_to_string(&mut text).context("reading the document from stdin")?;
        Ok(text)
    } else {
        std::fs::read_to_string(input).with_context(|| format!("reading {}", input.display()))
    }
}

/// Writes to stdout (`-`) or atomically to a file: a temporary file beside it, then a rename,
/// so an error never leaves a truncated document.
fn write_output(output: &PathBuf, text: &str) -> Result<()> {
    if output.as_os_str() == "-" {
        std::io::stdout().write_all(text.as_bytes())?;
        return Ok(());
    }
    let parent = match output.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    std::fs::create_dir_all(&parent).with_context(|| format!("creating {}", parent.display()))?;
    let mut file = tempfile::NamedTempFile::new_in(&parent)
        .with_context(|| format!("writing in {}", parent.display()))?;
    file.write_all(text.as_bytes())?;
    file.as_file().sync_all()?;
    file.persist(output).with_context(|| format!("writing {}", output.display()))?;
    Ok(())
}

/// Whether stderr is a terminal (progress is redrawn in place there).
pub(crate) fn stderr_is_terminal() -> bool {
    std::io::stderr().is_terminal()
}
