//! Maintenance mode from Dokku's files (root fast path), pure: what `maintenance:report` prints,
//! got from the files the plugin's bash reads (dokku-maintenance 0.10.1, the release a Dokku
//! 0.38.27 server installs; every release since 0.7 decides `enabled` the same way).
//!
//! - `enabled` is `true` exactly when `$DOKKU_ROOT/<app>/nginx.conf.d/maintenance.conf` exists
//!   (`fn-maintenance-enabled` in `internal-functions`); `maintenance:enable` copies the plugin's
//!   non-empty nginx template there, so the snapshot, which keeps files that hold a line, has it;
//! - `custom-page-sha256` is the property `maintenance/<app>/custom-page-sha256`
//!   (`cmd-maintenance-report-single` reads it with `fn-plugin-property-get`; plugin 0.9.1+,
//!   absent before, which reads the same: empty).
//!
//! The pairs go through the report parser, which turns a set checksum into its warning.

use dokku_core::file_snapshot::FileSnapshot;
use dokku_core::text::{ReportSubject, ReportValues};

use crate::model::Maintenance;
use crate::parse::maintenance_from_values;

/// The nginx include whose presence is maintenance mode, relative to the app's directory.
const NGINX_INCLUDE: &str = "nginx.conf.d/maintenance.conf";

/// The record `maintenance:report <app>` gives, with the parser's warnings.
pub fn maintenance_from_files(files: &FileSnapshot, app: &str) -> (Maintenance, Vec<String>) {
    let enabled = files.dokku_root_file(&format!("{app}/{NGINX_INCLUDE}")).is_some();
    let checksum =
        files.properties("maintenance", app).get("custom-page-sha256").copied().unwrap_or_default();
    let values = ReportValues {
        subject: ReportSubject::App(app.to_owned()),
        values: vec![
            ("enabled".to_owned(), enabled.to_string()),
            ("custom-page-sha256".to_owned(), checksum.to_owned()),
        ],
    };
    // Only known keys with valid values are given, so the parser cannot fail.
    maintenance_from_values(values).unwrap_or_else(|_| {
        (Maintenance { app_name: app.to_owned(), enabled, extra: Default::default() }, Vec::new())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_nginx_include_is_the_switch_and_a_custom_page_is_named() {
        let output = "/h/a/nginx.conf.d/maintenance.conf\0location @maintenance {\n\
                      /h/b/nginx.conf.d/other.conf\0x\n/c/maintenance/b/custom-page-sha256\0abc123\n";
        let files = FileSnapshot::parse_roots(output, "/c", Some("/h"));
        let (a, warnings) = maintenance_from_files(&files, "a");
        assert!(a.enabled && a.app_name == "a" && a.extra.is_empty() && warnings.is_empty());
        let (b, warnings) = maintenance_from_files(&files, "b");
        assert!(!b.enabled && b.extra.is_empty());
        assert!(warnings.len() == 1 && warnings[0].contains("abc123"), "{warnings:?}");
        assert!(!maintenance_from_files(&files, "c").0.enabled);
    }
}
