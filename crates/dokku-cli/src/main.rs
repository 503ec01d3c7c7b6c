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
use dokku_cli::engine::check::check_plan;
use dokku_cli::engine::converge::{ConvergencePlan, diff_documents, plan_against_server_reading};
use dokku_cli::engine::document::to_text;
use dokku_cli::engine::error::EngineError;
use dokku_cli::engine::export::{ExportOptions, export};
use dokku_cli::engine::graph::dot;
use dokku_cli::engine::observer::Observer;
use dokku_cli::engine::plan::plan_creation;
use dokku_cli::engine::plan_view;
use dokku_cli::engine::registry::registered;
use dokku_cli::engine::schema::{document_schema, document_schema_text};
use dokku_cli::engine::script::{ScriptTarget, script};
use dokku_cli::engine::secrets::{SecretSources, extract, resolve_text};
use dokku_cli::engine::secrets_encryption::SecretsRecipient;
use dokku_cli::engine::secrets_file;
use dokku_core::plugin::DiffOptions;
use dokku_core::{Client, LocalUser};

use crate::cli::{Cli, SecretsArgs, SecretsMode, Task, ViewArgs, ViewFormat};
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
        Task::Export { apps, indent, secrets, secrets_file, encrypt_to, output } => {
            if *secrets == SecretsMode::Inline && !encrypt_to.is_empty() {
                bail!("--secrets inline writes no secrets file to encrypt: drop --encrypt-to");
            }
            let recipients: Vec<SecretsRecipient> = encrypt_to
                .iter()
                .map(|k| SecretsRecipient::parse(k))
                .collect::<Result<_, _>>()
                .map_err(anyhow::Error::msg)?;
            let secrets_path = match (secrets, secrets_file) {
                (SecretsMode::Inline, Some(_)) => {
                    bail!("--secrets inline writes no secrets file: drop --secrets-file")
                }
                (SecretsMode::Inline, None) => None,
                (SecretsMode::File, Some(path)) => Some(path.clone()),
                (SecretsMode::File, None) if output.as_os_str() == "-" => bail!(
                    "exporting to stdout: give --secrets-file FILE for the secrets, or --secrets inline to keep them in the document"
                ),
                (SecretsMode::File, None) => Some(secrets_file::beside(output)),
            };
            // Checked before connecting: an export that cannot be written must not cost a login.
            let schema = document_schema(&plugins).map_err(anyhow::Error::msg)?;
            let client = cli.connect().await?;
            let options = ExportOptions { apps: apps.clone(), read: cli.read.into() };
            let progress = &progress;
            let plugins = &plugins;
            let mut document =
                with_client(client, async |c| Ok(export(c, plugins, &options, progress).await?)).await?;
            progress.finish();
            if let Some(secrets_path) = secrets_path {
                let secrets = extract(&mut document, &schema);
                // The secrets first: a document whose secrets file is missing would not apply.
                secrets_file::write(&secrets_path, &secrets, &recipients)?;
                progress.progress(&format!(
                    "{} secret(s) written to {}",
                    secrets.len(),
                    secrets_path.display()
                ));
                progress.finish();
            }
            write_output(output, &to_text(&document, *indent))?;
            Ok(ExitCode::SUCCESS)
        }
        Task::Plan { prune, prune_apps, prune_services, recreate_services, view, secrets, input } => {
            let text = load_document(input, secrets, &plugins)?;
            let client = cli.connect().await?;
            let options = DiffOptions {
                prune: *prune,
                prune_apps: *prune_apps,
                prune_named: prune_services.clone(),
                recreate_services: *recreate_services,
                ..DiffOptions::default()
            };
            let (progress, plugins, read) = (&progress, &plugins, cli.read.into());
            let (plan, findings) = with_client(client, async |c| {
                plan_creation(&text, plugins).map_err(|e| anyhow::anyhow!("{}: {e}", input.display()))?;
                let (plan, installed) =
                    plan_against_server_reading(c, &text, plugins, &options, read, progress).await?;
                let findings = check_plan(c, &text, plugins, &plan, &installed).await?;
                Ok((plan, findings))
            })
            .await?;
            progress.finish();
            // A plan changes nothing: the check's findings are warnings here (apply stops on them).
            for finding in &findings {
                progress.warn(&format!("check: {finding}"));
            }
            Ok(show_plan(&plan, *view))
        }
        Task::Check { format, secrets, input } => {
            let text = load_document(input, secrets, &plugins)?;
            plan_creation(&text, &plugins).map_err(|e| anyhow::anyhow!("{}: {e}", input.display()))?;
            let client = cli.connect().await?;
            let (progress, plugins, read) = (&progress, &plugins, cli.read.into());
            let findings = with_client(client, async |c| {
                let (plan, installed) =
                    plan_against_server_reading(c, &text, plugins, &DiffOptions::default(), read, progress)
                        .await?;
                Ok(check_plan(c, &text, plugins, &plan, &installed).await?)
            })
            .await?;
            progress.finish();
            match format {
                ViewFormat::Text if findings.is_empty() => {
                    println!("No findings: the document can be applied to this server as is.");
                }
                ViewFormat::Text => {
                    for finding in &findings {
                        println!("{finding}");
                    }
                }
                ViewFormat::Json => println!(
                    "{}",
                    serde_json::json!({ "applicable": findings.is_empty(), "findings": findings })
                ),
            }
            Ok(if findings.is_empty() { ExitCode::SUCCESS } else { ExitCode::from(2) })
        }
        #[cfg(feature = "service-plugin")]
        Task::Services { action: crate::cli::ServicesTask::Copy { from, to, force, names } } => {
            copy_services(&cli, &progress, from, to, *force, names).await
        }
        Task::Diff { view, secrets, a, b } => {
            let (progress, plugins) = (&progress, &plugins);
            // Each side with whether its server files (root-only reads) stayed unread.
            let read = async |source: &str| -> Result<(serde_json::Map<String, serde_json::Value>, bool)> {
                let host = match source {
                    "local" => None,
                    s if s.starts_with("ssh://") => Some(s),
                    path => {
                        let text = load_document(Path::new(path), secrets, plugins)?;
                        plan_creation(&text, plugins).map_err(|e| anyhow::anyhow!("{path}: {e}"))?;
                        return Ok((serde_json::from_str(&text)?, false));
                    }
                };
                let client = cli.connect_to(host).await?;
                with_client(client, async |c| {
                    let unread = !c.can_run_system_commands();
                    let options = ExportOptions { read: cli.read.into(), ..ExportOptions::default() };
                    Ok((export(c, plugins, &options, progress).await?, unread))
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
                ..DiffOptions::default()
            };
            let plan = diff_documents(&left, &right, plugins, &options, false)?;
            for note in &plan.notes {
                progress.warn(note);
            }
            Ok(show_plan(&plan, *view))
        }
        Task::Apply {
            force,
            print_only,
            show_secrets,
            prune,
            prune_apps,
            prune_services,
            recreate_services,
            no_restart,
            secrets,
            input,
        } => {
            let text = load_document(input, secrets, &plugins)?;
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
                diff: DiffOptions {
                    prune: *prune,
                    prune_apps: *prune_apps,
                    prune_named: prune_services.clone(),
                    recreate_services: *recreate_services,
                    ..DiffOptions::default()
                },
                no_restart: *no_restart,
                read: cli.read.into(),
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
/// `services copy`: connects to both servers, checks everything, then streams each service.
#[cfg(feature = "service-plugin")]
async fn copy_services(
    cli: &Cli,
    progress: &Progress,
    from: &str,
    to: &str,
    force: bool,
    names: &[String],
) -> Result<ExitCode> {
    use dokku_cli::engine::service_copy::{check_targets, copy_services, human_bytes, select_services};
    let server = |s: &str| if s == "local" { None } else { Some(s.to_owned()) };
    let (from_host, to_host) = (server(from), server(to));
    if from_host == to_host {
        bail!("--from and --to name the same server");
    }
    let source = cli.connect_to(from_host.as_deref()).await?;
    let target = match cli.connect_to(to_host.as_deref()).await {
        Ok(target) => target,
        Err(e) => {
            let _ = source.close().await;
            return Err(e);
        }
    };
    let job = async {
        let specs = dokku_cli::engine::registry::service_specs();
        let selected = select_services(&source, &specs, names).await?;
        let (ready, skipped) = check_targets(&target, selected, force).await?;
        for line in &skipped {
            progress.warn(&format!("skipped {line}"));
        }
        let copied = copy_services(&source, &target, &ready, progress).await?;
        Ok::<_, EngineError>(copied)
    };
    let result = tokio::select! {
        r = job => r.map_err(anyhow::Error::from),
        _ = tokio::signal::ctrl_c() => Err(anyhow::anyhow!("interrupted")),
    };
    let (closed_source, closed_target) = (source.close().await, target.close().await);
    let copied = result?;
    closed_source.context("closing the source connection")?;
    closed_target.context("closing the target connection")?;
    progress.finish();
    for (label, bytes) in &copied {
        println!("{label}: {} copied", human_bytes(*bytes));
    }
    if copied.is_empty() {
        println!("no service copied");
    }
    Ok(ExitCode::SUCCESS)
}

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

/// Reads a document and puts its secrets in: from `--secrets-file`, else the secrets file beside
/// it (a document from stdin has none; `--secrets-identity` decrypts an encrypted one), the
/// environment or files. Nothing is sent before this succeeds.
fn load_document(
    input: &Path,
    secrets: &SecretsArgs,
    plugins: &[&'static dyn dokku_core::plugin::PluginGlue],
) -> Result<String> {
    let text = read_input(input)?;
    let from_stdin = input.as_os_str() == "-";
    let sources = SecretSources {
        secrets_file: secrets
            .secrets_file
            .clone()
            .or_else(|| (!from_stdin).then(|| secrets_file::beside(input))),
        base_dir: if from_stdin { None } else { input.parent().map(Path::to_path_buf) },
        identity: secrets.secrets_identity.clone(),
    };
    let schema = document_schema(plugins).map_err(anyhow::Error::msg)?;
    resolve_text(&text, &schema, &sources).with_context(|| format!("{}", input.display()))
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
