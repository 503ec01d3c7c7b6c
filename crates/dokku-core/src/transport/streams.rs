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
