//! Feeding a process's stdin and draining its stdout and stderr at once, for both transports.

use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};

/// Writes `input` to `stdin` (then closes it) while reading `stdout` and `stderr` to the end,
/// concurrently, so that no pipe fills up and blocks the other side.
pub(crate) async fn exchange<I, O, E>(
    stdin: Option<I>,
    input: Option<Vec<u8>>,
    stdout: Option<O>,
    stderr: Option<E>,
) -> std::io::Result<(Vec<u8>, Vec<u8>)>
where
    I: AsyncWrite + Unpin,
    O: AsyncRead + Unpin,
    E: AsyncRead + Unpin,
{
    let feed = async move {
        if let (Some(mut pipe), Some(bytes)) = (stdin, input) {
            // A program that exits without reading its input closes the pipe: not an error.
            let _ = pipe.write_all(&bytes).await;
            let _ = pipe.shutdown().await;
        }
    };
    let (((), out), err) = tokio::join!(async { tokio::join!(feed, read_all(stdout)) }, read_all(stderr));
    Ok((out?, err?))
}

async fn read_all<R: AsyncRead + Unpin>(pipe: Option<R>) -> std::io::Result<Vec<u8>> {
    let mut buf = Vec::new();
    if let Some(mut pipe) = pipe {
        pipe.read_to_end(&mut buf).await?;
    }
    Ok(buf)
}

/// A byte source for a command's stdin, streamed rather than held in memory.
pub type StreamInput = Box<dyn AsyncRead + Send + Unpin>;
/// A byte sink for a command's stdout, streamed rather than held in memory.
pub type StreamOutput = Box<dyn AsyncWrite + Send + Unpin>;

/// What a command's stdin and stdout are connected to.
pub(crate) enum Io {
    /// Stdin from the command's own bytes (if any), stdout captured.
    Captured,
    /// Stdin copied from a reader (if any), stdout copied into a writer; stderr still captured.
    Streamed { input: Option<StreamInput>, output: StreamOutput },
}

impl Io {
    /// Whether the process needs a stdin pipe, given the command's own stdin bytes.
    pub(crate) fn wants_stdin(&self, own_input: bool) -> bool {
        match self {
            Self::Captured => own_input,
            Self::Streamed { input, .. } => input.is_some(),
        }
    }
}

/// Connects a started process's pipes as `io` says: [`exchange`] for captured output, else the
/// reader copied into stdin (then closed) while stdout is copied into the writer (then shut
/// down, so a reader downstream sees the end) and stderr is read. Returns the captured stdout
/// (empty when streamed) and stderr. A writer that fails (its reader is gone) is an error; a
/// process that stops reading its stdin is not (its exit status tells).
pub(crate) async fn connect<I, O, E>(
    io: Io,
    own_input: Option<Vec<u8>>,
    stdin: Option<I>,
    stdout: Option<O>,
    stderr: Option<E>,
) -> std::io::Result<(Vec<u8>, Vec<u8>)>
where
    I: AsyncWrite + Unpin,
    O: AsyncRead + Unpin,
    E: AsyncRead + Unpin,
{
    let (input, mut output) = match io {
        Io::Captured => return exchange(stdin, own_input, stdout, stderr).await,
        Io::Streamed { input, output } => (input, output),
    };
    let feed = async move {
        if let (Some(mut pipe), Some(mut input)) = (stdin, input) {
            let _ = tokio::io::copy(&mut input, &mut pipe).await;
            let _ = pipe.shutdown().await;
        }
    };
    let drain = async move {
        if let Some(mut pipe) = stdout {
            tokio::io::copy(&mut pipe, &mut output).await?;
        }
        output.shutdown().await
    };
    let (((), drained), err) = tokio::join!(async { tokio::join!(feed, drain) }, read_all(stderr));
    drained?;
    Ok((Vec::new(), err?))
}

#[cfg(test)]
mod tests {
    use tokio::io::AsyncReadExt;

    use super::*;

    #[tokio::test]
    async fn streamed_output_reaches_the_writer_and_ends_it() {
        let (writer, mut reader) = tokio::io::duplex(8);
        let io = Io::Streamed { input: None, output: Box::new(writer) };
        let source: &[u8] = b"a stream longer than the pipe's buffer";
        let relay = connect(io, None, None::<tokio::io::DuplexStream>, Some(source), Some(&b"warn"[..]));
        let mut received = Vec::new();
        let (relayed, read) = tokio::join!(relay, reader.read_to_end(&mut received));
        let (out, err) = relayed.unwrap_or_default();
        assert!(read.is_ok());
        assert_eq!((received.as_slice(), out.as_slice(), err.as_slice()), (source, &b""[..], &b"warn"[..]));
    }
}
