//! What Dokku's bash reads from standard input when it is a pipe: `[[ -p /dev/stdin ]]`, then
//! `IFS= read -r VAR` (one line as is, without its newline; a last line without one counts).
//!
//! Only a pipe counts: a terminal, `/dev/null` or a socket is not read, exactly as `-p` decides
//! on the real server (so over SSH it depends on what sshd gives the forced command, here as
//! there).

use std::io::BufRead;
use std::os::unix::fs::FileTypeExt;

/// `[[ -p /dev/stdin ]]`.
pub(crate) fn is_pipe() -> bool {
    std::fs::metadata("/dev/stdin").is_ok_and(|meta| meta.file_type().is_fifo())
}

/// `IFS= read -r line`: the first line, without waiting for the end of the input.
pub(crate) fn read_line() -> String {
    let mut line = Vec::new();
    let _ = std::io::stdin().lock().read_until(b'\n', &mut line);
    if line.last() == Some(&b'\n') {
        line.pop();
    }
    String::from_utf8_lossy(&line).into_owned()
}
