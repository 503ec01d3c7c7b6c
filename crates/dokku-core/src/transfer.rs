//! One command's stdout streamed into another command's stdin, on two servers: how a service's
//! data moves (`<type>:export` on one, `<type>:import` on the other) through the two SSH
//! masters, with no temporary file and a byte count for progress.

use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::task::{Context, Poll};

use tokio::io::AsyncWrite;

use crate::client::Client;
use crate::command::Command;
use crate::error::Error;

/// How much the pipe between the two commands holds before the reading side must catch up.
const PIPE_BUFFER: usize = 1 << 20;

/// Why a transfer failed: which side, and what it said.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum TransferError {
    /// The command producing the data failed (the other side was stopped).
    #[error("the source failed: {0}")]
    Source(Error),
    /// The command consuming the data failed.
    #[error("the target failed: {0}")]
    Target(Error),
}

/// A writer that counts the bytes it passes on.
struct Counted<W> {
    inner: W,
    count: Arc<AtomicU64>,
}

impl<W: AsyncWrite + Unpin> AsyncWrite for Counted<W> {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<std::io::Result<usize>> {
        let polled = Pin::new(&mut self.inner).poll_write(cx, buf);
        if let Poll::Ready(Ok(n)) = &polled {
            self.count.fetch_add(*n as u64, Ordering::Relaxed);
        }
        polled
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.inner).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.inner).poll_shutdown(cx)
    }
}

/// Runs `export` on `source` and `import` on `target` at once, the first's stdout piped into
/// the second's stdin; `moved` counts the bytes as they pass (read it for progress). Returns
/// the bytes moved. When one side fails the other sees its pipe end and stops; the error names
/// the side that failed on its own: a source that exits non-zero, else a failing target (whose
/// end of the pipe going away is also what makes the source's writes fail).
pub async fn transfer(
    source: &Client,
    export: &Command,
    target: &Client,
    import: &Command,
    moved: Arc<AtomicU64>,
) -> Result<u64, TransferError> {
    let (writer, reader) = tokio::io::duplex(PIPE_BUFFER);
    let counted = Counted { inner: writer, count: moved.clone() };
    let produce = source.stream(export, None, Box::new(counted));
    let consume = target.stream(import, Some(Box::new(reader)), Box::new(tokio::io::sink()));
    let (produced, consumed) = tokio::join!(produce, consume);
    match (produced, consumed) {
        (Ok(_), Ok(_)) => Ok(moved.load(Ordering::Relaxed)),
        // The source exited with an error of its own: the target only saw the data end early.
        (Err(e @ Error::Dokku { .. }), _) => Err(TransferError::Source(e)),
        // The source could not write (its reader is gone): the target stopped first.
        (_, Err(e)) => Err(TransferError::Target(e)),
        (Err(e), Ok(_)) => Err(TransferError::Source(e)),
    }
}
