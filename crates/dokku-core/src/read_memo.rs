//! Identical reads inside one export are sent once.
//!
//! Several plugins need the same value: a service plugin reads the variables of each linked app
//! with the very `config:export --format json <app>` the config plugin sends. On a real server
//! every command costs CPU (bash, plugn and Go binaries per trigger), so the second read is
//! pure waste. While a [`MemoizedReads`] guard is alive, a command without stdin and without a
//! write scope is run once, and every caller, concurrent ones included, gets that one output.
//! The guard is opened only around an export, where nothing writes, and the memory is
//! forgotten when the last guard goes, so a later read (after an apply) sees the server again.

use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use tokio::sync::OnceCell;

use crate::command::Command;
use crate::transport::Output;

/// The memory of reads of one client.
#[derive(Debug, Default)]
pub(crate) struct ReadMemo {
    /// Open guards; reads are remembered while it is above zero.
    guards: AtomicUsize,
    outputs: Mutex<HashMap<Command, Arc<OnceCell<Output>>>>,
}

impl ReadMemo {
    /// The slot holding `cmd`'s output, when reads are remembered and `cmd` is a read.
    pub(crate) fn slot(&self, cmd: &Command) -> Option<Arc<OnceCell<Output>>> {
        let is_read = cmd.write_scope().is_none() && cmd.stdin_exposed().is_none();
        if !is_read || self.guards.load(Ordering::Acquire) == 0 {
            return None;
        }
        let mut outputs = self.outputs.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        Some(Arc::clone(outputs.entry(cmd.clone()).or_default()))
    }

    fn open(&self) {
        self.guards.fetch_add(1, Ordering::AcqRel);
    }

    fn close(&self) {
        if self.guards.fetch_sub(1, Ordering::AcqRel) == 1 {
            self.outputs.lock().unwrap_or_else(std::sync::PoisonError::into_inner).clear();
        }
    }
}

/// While alive, the client sends each distinct read once (see the module docs).
#[must_use = "reads are remembered only while the guard lives"]
#[derive(Debug)]
pub struct MemoizedReads<'a> {
    memo: &'a ReadMemo,
}

impl<'a> MemoizedReads<'a> {
    pub(crate) fn new(memo: &'a ReadMemo) -> Self {
        memo.open();
        Self { memo }
    }
}

impl Drop for MemoizedReads<'_> {
    fn drop(&mut self) {
        self.memo.close();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_are_remembered_only_inside_a_guard_and_writes_never() {
        let memo = ReadMemo::default();
        let read = Command::dokku("config:export").args(["--format", "json", "app1"]);
        assert!(memo.slot(&read).is_none(), "no guard: nothing remembered");
        let guard = MemoizedReads::new(&memo);
        let first = memo.slot(&read);
        let again = memo.slot(&read.clone());
        assert!(matches!((&first, &again), (Some(a), Some(b)) if Arc::ptr_eq(a, b)));
        let write = Command::dokku("config:set").arg("app1").writes(Some("app1"));
        assert!(memo.slot(&write).is_none());
        assert!(memo.slot(&Command::dokku("registry:login").stdin("pw")).is_none());
        drop(guard);
        assert!(memo.slot(&read).is_none());
        let _guard = MemoizedReads::new(&memo);
        let fresh = memo.slot(&read);
        assert!(
            matches!((&first, &fresh), (Some(a), Some(b)) if !Arc::ptr_eq(a, b)),
            "forgotten after the last guard"
        );
    }
}
