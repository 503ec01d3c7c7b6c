//! [`Client`]: runs commands over a transport with bounded concurrency, ordering and timeouts.

use std::collections::HashMap;
use std::sync::{Arc, Mutex as StdMutex};
use std::time::Duration;

use tokio::sync::{Mutex, OnceCell, Semaphore};

use crate::command::{Command, Invocation, WriteScope};
use crate::error::{DokkuErrorKind, Error, TransportErrorKind};
use crate::read_memo::{MemoizedReads, ReadMemo};
use crate::server_layout::ServerLayout;
use crate::transport::{
    Io, LocalConfig, LocalTransport, Output, SshConfig, SshTransport, StreamInput, StreamOutput, Transport,
};
use crate::version::DokkuVersion;

/// Limits and timeouts of a [`Client`].
#[derive(Clone, Debug)]
pub struct ClientOptions {
    /// Commands in flight at once. Every in-flight command holds one of sshd's `MaxSessions`
    /// (default 10) channels, and sshd frees a slot only after the exit status arrives, so 5
    /// leaves headroom.
    pub max_in_flight: usize,
    /// Per-command timeout, unless the command overrides it.
    pub command_timeout: Duration,
    /// How often a "session open refused" (server full) is retried before it is an error.
    pub session_retries: u32,
}

impl Default for ClientOptions {
    fn default() -> Self {
        Self { max_in_flight: 5, command_timeout: Duration::from_secs(120), session_retries: 30 }
    }
}

/// A connection to one Dokku server.
///
/// Reads run concurrently up to [`ClientOptions::max_in_flight`]; writes to one app (or to the
/// global state) run one at a time in the order they were issued. Call [`Client::close`] when
/// done: dropping the client closes an SSH master synchronously, as a last resort.
#[derive(Debug)]
pub struct Client {
    transport: Transport,
    options: ClientOptions,
    permits: Semaphore,
    version: OnceCell<DokkuVersion>,
    layout: ServerLayout,
    write_locks: StdMutex<HashMap<WriteScope, Arc<Mutex<()>>>>,
    reads: ReadMemo,
}

impl Client {
    /// A client over an existing transport.
    pub fn new(transport: Transport, options: ClientOptions) -> Self {
        let permits = Semaphore::new(options.max_in_flight.max(1));
        Self {
            transport,
            options,
            permits,
            version: OnceCell::new(),
            layout: ServerLayout::default(),
            write_locks: StdMutex::default(),
            reads: ReadMemo::default(),
        }
    }

    /// The same client, reading Dokku's files from `layout` instead of Dokku's default paths.
    #[must_use]
    pub fn with_layout(mut self, layout: ServerLayout) -> Self {
        self.layout = layout;
        self
    }

    /// Where Dokku keeps its files on this server (for root-only reads).
    pub fn layout(&self) -> &ServerLayout {
        &self.layout
    }

    /// A client for `dokku` on this machine.
    pub fn local(config: LocalConfig, options: ClientOptions) -> Self {
        Self::new(Transport::Local(LocalTransport::new(config)), options)
    }

    /// Connects over SSH (one master connection for every command).
    pub async fn ssh(config: &SshConfig, options: ClientOptions) -> Result<Self, Error> {
        Ok(Self::new(Transport::Ssh(SshTransport::connect(config).await?), options))
    }

    /// How many commands run at once at most.
    pub fn max_in_flight(&self) -> usize {
        self.options.max_in_flight.max(1)
    }

    /// The transport.
    pub fn transport(&self) -> &Transport {
        &self.transport
    }

    /// Whether root-only reads (plain system commands) can run over this connection.
    pub fn can_run_system_commands(&self) -> bool {
        self.transport.can_run_system_commands()
    }

    /// How `cmd` is invoked over this connection (for rendering a script).
    pub fn invocation(&self, cmd: &Command) -> Invocation {
        self.transport.invocation(cmd)
    }

    /// Runs `cmd` and returns what it printed. A non-zero exit is an [`Error::Dokku`] unless
    /// the command allows failure.
    pub async fn output(&self, cmd: &Command) -> Result<Output, Error> {
        let output = match self.reads.slot(cmd) {
            Some(slot) => slot.get_or_try_init(|| self.run(cmd)).await?.clone(),
            None => self.run(cmd).await?,
        };
        checked(cmd, output)
    }

    /// Until the guard is dropped, each distinct read (no stdin, no write scope) is sent once
    /// and its output shared by every caller: for an export, where several plugins may need
    /// the same value and nothing writes.
    pub fn memoize_reads(&self) -> MemoizedReads<'_> {
        MemoizedReads::new(&self.reads)
    }

    /// Sends `cmd` (retrying a refused session) and returns what it printed, whatever its exit.
    async fn run(&self, cmd: &Command) -> Result<Output, Error> {
        self.transport.check_sendable(cmd)?;
        let _write_guard = match cmd.write_scope() {
            Some(scope) => Some(self.write_lock(scope).lock_owned().await),
            None => None,
        };
        let timeout = cmd.timeout_override().unwrap_or(self.options.command_timeout);
        let mut attempt = 0u32;
        let output = loop {
            let result = {
                let _permit =
                    self.permits.acquire().await.map_err(|_| Error::Config("client closed".into()))?;
                tokio::time::timeout(timeout, self.transport.execute(cmd, Io::Captured)).await
            };
            match result {
                Err(_) => return Err(Error::Timeout { command: cmd.to_string(), after: timeout }),
                // The server had no free session: nothing ran, so trying again is safe.
                Ok(Err(Error::Transport { kind: TransportErrorKind::SessionRefused, .. }))
                    if attempt < self.options.session_retries =>
                {
                    attempt += 1;
                    let backoff = Duration::from_millis((10u64 << attempt.min(6)).min(500));
                    tokio::time::sleep(backoff).await;
                }
                Ok(other) => break other?,
            }
        };
        Ok(output)
    }

    /// Runs `cmd` with its stdin read from `input` (if any) and its stdout written to `output`
    /// as it comes (then shut down), for data too large to hold: a service's `export` into
    /// another server's `import`. Only stderr is captured in the returned [`Output`]. No
    /// timeout applies unless the command sets one, and nothing is retried (the streams are
    /// used up). A non-zero exit is an [`Error::Dokku`] unless the command allows failure.
    pub async fn stream(
        &self,
        cmd: &Command,
        input: Option<StreamInput>,
        output: StreamOutput,
    ) -> Result<Output, Error> {
        self.transport.check_sendable(cmd)?;
        let _write_guard = match cmd.write_scope() {
            Some(scope) => Some(self.write_lock(scope).lock_owned().await),
            None => None,
        };
        let _permit = self.permits.acquire().await.map_err(|_| Error::Config("client closed".into()))?;
        let run = self.transport.execute(cmd, Io::Streamed { input, output });
        let result = match cmd.timeout_override() {
            Some(timeout) => tokio::time::timeout(timeout, run)
                .await
                .map_err(|_| Error::Timeout { command: cmd.to_string(), after: timeout })?,
            None => run.await,
        };
        checked(cmd, result?)
    }

    /// Runs `cmd` and returns its standard output.
    pub async fn stdout(&self, cmd: &Command) -> Result<String, Error> {
        Ok(self.output(cmd).await?.stdout)
    }

    /// The server's Dokku version (`dokku version`), read once per client.
    pub async fn version(&self) -> Result<&DokkuVersion, Error> {
        self.version
            .get_or_try_init(|| async {
                let cmd = Command::dokku("version");
                let out = self.stdout(&cmd).await?;
                DokkuVersion::parse(&out)
                    .map_err(|e| Error::Parse { command: cmd.to_string(), source: Box::new(e) })
            })
            .await
    }

    /// Closes the connection, surfacing any error (and never blocking the runtime in Drop).
    pub async fn close(self) -> Result<(), Error> {
        self.permits.close();
        self.transport.close().await
    }

    fn write_lock(&self, scope: &WriteScope) -> Arc<Mutex<()>> {
        let mut locks = self.write_locks.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        locks.entry(scope.clone()).or_default().clone()
    }
}

/// `output`, or the [`Error::Dokku`] a failed exit is unless `cmd` allows failure.
fn checked(cmd: &Command, output: Output) -> Result<Output, Error> {
    if cmd.checks_status() && !output.success() {
        return Err(Error::Dokku {
            kind: DokkuErrorKind::classify(output.status, &output.stderr),
            command: cmd.to_string(),
            status: output.status,
            message: cmd.mask_secrets(&output.message()),
        });
    }
    Ok(output)
}
