//! What `openssl` says about a certificate, for the certs report: Dokku's report.go runs the
//! host's `openssl x509` and `openssl verify` on `server.crt` and picks lines out of their
//! output, and so does the simulator, on a temporary copy of the stored certificate. Without an
//! `openssl` binary every answer is empty, as Dokku's would be.

use std::path::PathBuf;
use std::process::Command;

/// A certificate written to a temporary file for the duration of the queries.
pub(crate) struct CertificateFile {
    path: PathBuf,
}

impl CertificateFile {
    /// Writes `pem` to a fresh temporary file.
    pub(crate) fn new(pem: &str) -> std::io::Result<Self> {
        use std::sync::atomic::{AtomicUsize, Ordering};
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let name =
            format!("dokku-sim-{}-{}-server.crt", std::process::id(), NEXT.fetch_add(1, Ordering::Relaxed));
        let path = std::env::temp_dir().join(name);
        std::fs::write(&path, pem)?;
        Ok(Self { path })
    }

    /// The stdout of `openssl <args…>` with the certificate path substituted for `{}`.
    pub(crate) fn openssl(&self, args: &[&str]) -> String {
        let path = self.path.to_string_lossy().into_owned();
        let args: Vec<String> =
            args.iter().map(|arg| if *arg == "{}" { path.clone() } else { (*arg).to_owned() }).collect();
        Command::new("openssl")
            .args(&args)
            .output()
            .map(|output| String::from_utf8_lossy(&output.stdout).into_owned())
            .unwrap_or_default()
    }
}

impl Drop for CertificateFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
    }
}
