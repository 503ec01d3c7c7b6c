//! The command line.

use std::path::PathBuf;
use std::time::Duration;

use anyhow::{Context, Result};
use clap::{Parser, Subcommand, ValueEnum};
use dokku_cli::engine::script::ScriptTarget;
use dokku_core::{
    Client, ClientOptions, KnownHostsPolicy, LocalConfig, ServerLayout, SshConfig, shell_quote,
};

/// Export a Dokku server to one JSON document and apply it elsewhere.
///
/// Without --host, commands run the local `dokku` (directly as root or the dokku user, through
/// `sudo -n` otherwise). With --host they travel over one multiplexed SSH connection.
#[derive(Parser)]
#[command(name = "dokkuctl", version, max_term_width = 100)]
pub(crate) struct Cli {
    /// The server: `host`, `user@host` or `ssh://user@host:port`; none = the local `dokku`.
    #[arg(short = 'H', long, env = "DOKKU_HOST", global = true)]
    pub(crate) host: Option<String>,
    /// SSH port.
    #[arg(short, long, global = true)]
    pub(crate) port: Option<u16>,
    /// SSH user: `dokku` (the default) is Dokku's forced-command user; any other user runs
    /// `sudo -n dokku`, or plain `dokku` as root.
    #[arg(short, long, global = true)]
    pub(crate) user: Option<String>,
    /// The SSH user is a Dokku forced-command user although it is not named `dokku`.
    #[arg(long, global = true)]
    pub(crate) forced_command: bool,
    /// SSH identity file.
    #[arg(short, long, value_name = "FILE", global = true)]
    pub(crate) identity: Option<PathBuf>,
    /// An ssh config file to use instead of `~/.ssh/config`.
    #[arg(short = 'F', long, value_name = "FILE", global = true)]
    pub(crate) ssh_config: Option<PathBuf>,
    /// What to do with a host key that is not yet known.
    #[arg(long, value_enum, default_value_t = KnownHostsArg::Strict, global = true)]
    pub(crate) known_hosts: KnownHostsArg,
    /// Where `export`, `diff`, `plan`, `check` and `apply` read a server: the plugins'
    /// reports (any user), Dokku's property store files in one round trip (root; reports for
    /// what the files do not hold), or auto: files when root and the server's Dokku has a
    /// tested file layout.
    #[arg(long, value_enum, default_value_t = ReadArg::Auto, global = true)]
    pub(crate) read: ReadArg,
    /// Commands in flight at once. Dokku is CPU-bound (bash, plugn and Go per trigger): on the
    /// measured 2-core server more than cores + 1 in flight only stretch each command
    /// (`cargo xtask bench export --sweep-jobs`, 30 apps as `dokku`: 63.8 s at 1, 32.7 s at 2,
    /// 28.2 s at 3, 28.0–28.2 s from 4 to 8); raise it for a server with more cores (sshd
    /// allows 10 sessions per connection).
    #[arg(short, long, default_value_t = 3, global = true, value_parser = clap::value_parser!(u16).range(1..=64))]
    pub(crate) jobs: u16,
    /// Per-command timeout in seconds.
    #[arg(long, default_value_t = 600, global = true)]
    pub(crate) timeout: u64,
    /// The server's `DOKKU_ROOT` (the dokku user's home), for the root-only reads of known
    /// hosts, netrc and authorized keys; set it when `/etc/default/dokku` moves it.
    #[arg(long, value_name = "DIR", default_value = dokku_core::server_layout::DEFAULT_DOKKU_ROOT, global = true)]
    pub(crate) dokku_root: String,
    /// The server's `DOKKU_LIB_ROOT`, for the root-only reads of plugin checkouts.
    #[arg(long, value_name = "DIR", default_value = dokku_core::server_layout::DEFAULT_LIB_ROOT, global = true)]
    pub(crate) dokku_lib_root: String,
    /// Print only warnings and errors.
    #[arg(short, long, global = true)]
    pub(crate) quiet: bool,
    /// Print every progress line (never redrawn in place).
    #[arg(short, long, global = true, conflicts_with = "quiet")]
    pub(crate) verbose: bool,
    #[command(subcommand)]
    pub(crate) command: Task,
}

/// How plans and diffs are shown.
#[derive(clap::Args, Clone, Copy)]
pub(crate) struct ViewArgs {
    /// Show secret values instead of `***`.
    #[arg(long)]
    pub(crate) show_secrets: bool,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ViewFormat::Text)]
    pub(crate) format: ViewFormat,
    /// Exit 0 when nothing differs, 2 when something does, 1 on error.
    #[arg(long)]
    pub(crate) detailed_exitcode: bool,
}

/// Output format of plans and diffs.
#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
pub(crate) enum ViewFormat {
    /// For people.
    Text,
    /// For machines.
    Json,
}

/// Where an export reads Dokku's state (`--read`).
#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
pub(crate) enum ReadArg {
    /// The plugins' reports and lists.
    Reports,
    /// Dokku's property store files (root), reports for the rest.
    Files,
    /// Files when root and the Dokku version's layout is tested, else reports.
    Auto,
}

impl From<ReadArg> for dokku_cli::engine::export::ReadFrom {
    fn from(read: ReadArg) -> Self {
        match read {
            ReadArg::Reports => Self::Reports,
            ReadArg::Files => Self::Files,
            ReadArg::Auto => Self::Auto,
        }
    }
}

/// Where an export puts secret values.
#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
pub(crate) enum SecretsMode {
    /// In a secrets file beside the document; the document holds references.
    File,
    /// In the document itself (one file, as pydokku writes).
    Inline,
}

/// Where a document's secret references find their values.
#[derive(clap::Args, Clone)]
pub(crate) struct SecretsArgs {
    /// The secrets file (default: the document's name without `.json`, plus `.secrets.json`).
    #[arg(long, value_name = "FILE")]
    pub(crate) secrets_file: Option<PathBuf>,
    /// The age identity file or (unencrypted) SSH private key that decrypts an encrypted
    /// secrets file (`-i/--identity` is the SSH login key).
    #[arg(long, value_name = "FILE")]
    pub(crate) secrets_identity: Option<PathBuf>,
}

/// Host-key policy.
#[derive(Clone, Copy, ValueEnum)]
pub(crate) enum KnownHostsArg {
    /// Refuse unknown host keys.
    Strict,
    /// Accept and remember a new host's key; refuse a changed one.
    AcceptNew,
}

#[derive(Subcommand)]
pub(crate) enum Task {
    /// Write the server's configuration as one JSON document.
    Export {
        /// Export only this app (repeatable); global settings are then left out.
        #[arg(short, long = "app", value_name = "NAME")]
        apps: Vec<String>,
        /// Spaces per indentation level.
        #[arg(long, default_value_t = 2)]
        indent: usize,
        /// Where secrets go: a secrets file beside the document (mode 0600), or inline.
        #[arg(long, value_enum, default_value_t = SecretsMode::File)]
        secrets: SecretsMode,
        /// The secrets file to write (default: OUTPUT without `.json`, plus `.secrets.json`).
        #[arg(long, value_name = "FILE")]
        secrets_file: Option<PathBuf>,
        /// Encrypt the secrets file (age, ASCII-armored) to this age public key (`age1…`) or SSH
        /// public key (`ssh-ed25519 …`), or the key in this file; repeatable.
        #[arg(long, value_name = "KEY")]
        encrypt_to: Vec<String>,
        /// The file to write (atomically), or `-` for stdout (then secrets need --secrets-file
        /// or --secrets inline).
        output: PathBuf,
    },
    /// Recreate a document's configuration on a server (this tool's or pydokku's format).
    Apply {
        /// Apply despite the compatibility check's findings (see `check`: another Dokku version,
        /// missing plugins, root-only commands without root); what cannot be done is skipped.
        #[arg(short, long)]
        force: bool,
        /// Print the commands as a shell script instead of running them; needs no server.
        #[arg(long)]
        print_only: bool,
        /// Show secret values (config values) in the printed script.
        #[arg(long, requires = "print_only")]
        show_secrets: bool,
        /// Also remove what the server has and the document does not (apps excepted).
        #[arg(long, conflicts_with = "print_only")]
        prune: bool,
        /// With --prune, also destroy apps that the document does not have.
        #[arg(long, requires = "prune")]
        prune_apps: bool,
        /// With --prune, also destroy this service (`postgres:db`), which the document does not
        /// have: a bare --prune never destroys a service (it holds data). Repeatable.
        #[arg(long = "prune-service", value_name = "TYPE:NAME", requires = "prune")]
        prune_services: Vec<String>,
        /// Recreate service containers whose create-time settings (image, custom environment,
        /// config options, memory, shared memory) differ, with `<type>:upgrade`; without it such
        /// changes are shown and not sent.
        #[arg(long)]
        recreate_services: bool,
        /// Do not restart apps whose runtime settings changed.
        #[arg(long)]
        no_restart: bool,
        #[command(flatten)]
        secrets: SecretsArgs,
        /// The document, or `-` for stdin.
        input: PathBuf,
    },
    /// Show what `apply` would change on the server, without changing anything.
    Plan {
        /// Include removals of what the server has and the document does not.
        #[arg(long)]
        prune: bool,
        /// With --prune, include destroying apps the document does not have.
        #[arg(long, requires = "prune")]
        prune_apps: bool,
        /// With --prune, include destroying this service (`postgres:db`). Repeatable.
        #[arg(long = "prune-service", value_name = "TYPE:NAME", requires = "prune")]
        prune_services: Vec<String>,
        /// Include recreating service containers whose create-time settings differ.
        #[arg(long)]
        recreate_services: bool,
        #[command(flatten)]
        view: ViewArgs,
        #[command(flatten)]
        secrets: SecretsArgs,
        /// The document, or `-` for stdin.
        input: PathBuf,
    },
    /// Check whether a document can be applied to the server as is: Dokku version, missing
    /// plugins, plugin versions, values the server's Dokku cannot take, commands that need root.
    /// One line per finding with its JSON path; exit 0 when none, 2 when some, 1 on error.
    Check {
        /// Output format.
        #[arg(long, value_enum, default_value_t = ViewFormat::Text)]
        format: ViewFormat,
        #[command(flatten)]
        secrets: SecretsArgs,
        /// The document, or `-` for stdin.
        input: PathBuf,
    },
    /// Show the differences between two servers or documents (what turns A into B).
    Diff {
        #[command(flatten)]
        view: ViewArgs,
        /// The secrets file of both documents (default: each document's own, beside it), and
        /// the identity that decrypts them.
        #[command(flatten)]
        secrets: SecretsArgs,
        /// A document, `local`, or `ssh://user@host[:port]`.
        a: String,
        /// A document, `local`, or `ssh://user@host[:port]`.
        b: String,
    },
    /// Service data (the official service plugins' `:export` and `:import`).
    #[cfg(feature = "service-plugin")]
    Services {
        #[command(subcommand)]
        action: ServicesTask,
    },
    /// Print the plugin dependency graph (Graphviz DOT).
    Graph {
        /// Spaces per indentation level.
        #[arg(long, default_value_t = 2)]
        indent: usize,
        /// The file to write, or `-` for stdout.
        #[arg(default_value = "-")]
        output: PathBuf,
    },
    /// Print the JSON Schema (draft 2020-12) of the documents `apply` accepts.
    Schema {
        /// The file to write, or `-` for stdout.
        #[arg(default_value = "-")]
        output: PathBuf,
    },
    /// Print this tool's version and the server's Dokku version.
    Version,
    /// Print a shell completion script.
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
}

/// What to do with service data.
#[cfg(feature = "service-plugin")]
#[derive(Subcommand)]
pub(crate) enum ServicesTask {
    /// Stream each service's data from one server into the same service on another
    /// (`<type>:export` into `<type>:import`, through both connections, no temporary file).
    /// The target's services must exist (apply creates them) and be empty unless `--force`.
    Copy {
        /// The source server: `local`, `ssh://user@host[:port]` or `user@host`.
        #[arg(long, value_name = "SERVER")]
        from: String,
        /// The target server: `local`, `ssh://user@host[:port]` or `user@host`.
        #[arg(long, value_name = "SERVER")]
        to: String,
        /// Overwrite a target service that holds data (or whose contents cannot be told).
        #[arg(long)]
        force: bool,
        /// The services to copy, `NAME` or `TYPE:NAME` (default: every service of the source).
        names: Vec<String>,
    },
}

impl Cli {
    fn options(&self) -> ClientOptions {
        ClientOptions {
            max_in_flight: usize::from(self.jobs),
            command_timeout: Duration::from_secs(self.timeout),
            ..ClientOptions::default()
        }
    }

    fn ssh_config(&self, host: &str) -> SshConfig {
        let mut config = SshConfig::new(host.to_owned());
        config.user = self.user.clone();
        config.port = self.port;
        config.identity = self.identity.clone();
        config.config_file = self.ssh_config.clone();
        if self.forced_command {
            config.forced_command = Some(true);
        }
        config.known_hosts = match self.known_hosts {
            KnownHostsArg::Strict => KnownHostsPolicy::Strict,
            KnownHostsArg::AcceptNew => KnownHostsPolicy::AcceptNew,
        };
        config
    }

    /// Connects as the options say.
    pub(crate) async fn connect(&self) -> Result<Client> {
        self.connect_to(self.host.as_deref()).await
    }

    /// Connects to `host` (`None` = the local `dokku`) with the other options.
    pub(crate) async fn connect_to(&self, host: Option<&str>) -> Result<Client> {
        // Checked before connecting: a bad path must not cost a login.
        let layout = ServerLayout::new(&self.dokku_root, &self.dokku_lib_root)
            .context("--dokku-root / --dokku-lib-root")?;
        let client = match host {
            None => Client::local(LocalConfig::default(), self.options()),
            Some(host) => Client::ssh(&self.ssh_config(host), self.options())
                .await
                .with_context(|| format!("connecting to {host}"))?,
        };
        Ok(client.with_layout(layout))
    }

    /// How a printed script reaches `host` (no connection is made).
    pub(crate) fn script_ssh_target(&self, host: &str) -> Result<ScriptTarget> {
        let config = self.ssh_config(host);
        let (user, host, port) = dokku_core::transport::resolve_destination(&config)?;
        let mut words = vec!["ssh".to_owned()];
        if let Some(port) = port {
            words.push("-p".into());
            words.push(port.to_string());
        }
        if let Some(identity) = &self.identity {
            words.push("-i".into());
            words.push(shell_quote(&identity.to_string_lossy()));
        }
        if let Some(file) = &self.ssh_config {
            words.push("-F".into());
            words.push(shell_quote(&file.to_string_lossy()));
        }
        words.push(shell_quote(&format!("{user}@{host}")));
        Ok(ScriptTarget::Ssh {
            ssh_words: words.join(" "),
            forced_command: user == "dokku",
            root: user == "root",
        })
    }
}
