//! How the engine tells the user what it is doing, without printing itself.

/// Receives progress lines and warnings (the binary prints them on stderr).
pub trait Observer: Sync {
    /// A progress line (`apps: 3 records`).
    fn progress(&self, line: &str);
    /// Something the user must know (skipped plugins, unknown fields, missing access).
    fn warn(&self, line: &str);
}

/// An observer that keeps everything, for tests.
#[derive(Debug, Default)]
pub struct Recorder {
    /// Progress lines.
    pub progress: std::sync::Mutex<Vec<String>>,
    /// Warnings.
    pub warnings: std::sync::Mutex<Vec<String>>,
}

impl Observer for Recorder {
    fn progress(&self, line: &str) {
        if let Ok(mut v) = self.progress.lock() {
            v.push(line.to_owned());
        }
    }

    fn warn(&self, line: &str) {
        if let Ok(mut v) = self.warnings.lock() {
            v.push(line.to_owned());
        }
    }
}
