//! nginx settings from Dokku's files (root fast path), pure: the values `nginx:report` prints,
//! got from the property files its Go code reads (`plugins/nginx-vhosts/report.go` and
//! `nginx_vhosts.go` at v0.38.27), then read by the same parser as the report's.
//!
//! - `<prop>`: `PropertyGet("nginx", app, prop)`, raw; `global-<prop>`: the `--global` one, raw;
//! - `computed-<prop>` (app, else global, else a default, some of which depend on the machine's
//!   page size) is not built: the parser drops every computed value of a known property, and
//!   every property the report prints is known ([`PROPERTY_KEYS`]);
//! - `last-visited-at` is the modification time of the app's own `access-log-path` file
//!   (`reportLastVisitedAt`; empty when unset, `off`, `/dev/null`, missing or not a regular
//!   file): not in any property file, so the export asks `stat` once for every such path
//!   ([`access_logs_to_stat`], `dokku_core::file_times`).

use std::collections::BTreeMap;

use dokku_core::file_snapshot::FileSnapshot;
use dokku_core::text::{ReportSubject, ReportValues};

use crate::model::PROPERTY_KEYS;

/// The property namespace of the nginx-vhosts plugin.
const NAMESPACE: &str = "nginx";
/// The property whose file `last-visited-at` dates.
const ACCESS_LOG_PATH: &str = "access-log-path";

/// The app's own access log path when `reportLastVisitedAt` would stat it.
fn access_log<'a>(files: &'a FileSnapshot, app: &str) -> Option<&'a str> {
    files.property(NAMESPACE, app, ACCESS_LOG_PATH).filter(|path| !matches!(*path, "off" | "/dev/null"))
}

/// The access log files to date: one per app of `apps` that set its own, in app order.
pub fn access_logs_to_stat(files: &FileSnapshot, apps: &[String]) -> Vec<String> {
    let mut paths: Vec<String> =
        apps.iter().filter_map(|app| access_log(files, app)).map(str::to_owned).collect();
    paths.sort();
    paths.dedup();
    paths
}

/// The values `nginx:report <app>` prints, but the computed ones (`app`: `None` for
/// `nginx:report --global`); `modified` maps an access log path to its modification time.
pub fn report_values_from_files(
    files: &FileSnapshot,
    app: Option<&str>,
    modified: &BTreeMap<String, String>,
) -> ReportValues {
    let property = |subject: &str, key: &str| files.property_or_empty(NAMESPACE, subject, key);
    let globals = files.global_report_values(NAMESPACE, PROPERTY_KEYS);
    let Some(app) = app else {
        return ReportValues { subject: ReportSubject::Global, values: globals };
    };
    let own = PROPERTY_KEYS.iter().map(|key| ((*key).to_owned(), property(app, key)));
    let last_visited =
        access_log(files, app).and_then(|path| modified.get(path)).cloned().unwrap_or_default();
    let values = own.chain(globals).chain([("last-visited-at".to_owned(), last_visited)]).collect();
    ReportValues { subject: ReportSubject::App(app.to_owned()), values }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::{GlobalValues, block_from_values};

    fn snapshot() -> FileSnapshot {
        FileSnapshot::parse(
            "/c/nginx/--global/hsts\0false\n/c/nginx/--global/x-forwarded-port-value\0$server_port\n\
             /c/nginx/a/client-max-body-size\x0020m\n/c/nginx/a/proxy-buffers\x008 4k\n\
             /c/nginx/a/access-log-path\0/var/log/a.log\n/c/nginx/b/access-log-path\0off\n\
             /c/nginx/c/access-log-path\0/var/log/c.log\n",
            "/c",
        )
    }

    #[test]
    fn own_and_global_values_are_the_raw_properties() {
        let files = snapshot();
        let modified = BTreeMap::from([("/var/log/a.log".to_owned(), "1736745546".to_owned())]);
        let block =
            block_from_values(report_values_from_files(&files, Some("a"), &modified), GlobalValues::Raw)
                .unwrap();
        assert!(block.warning.is_none());
        let app = block.app.unwrap();
        assert_eq!(app.client_max_body_size.as_deref(), Some("20m"));
        assert_eq!(app.proxy_buffers.as_deref(), Some("8 4k"));
        assert_eq!(app.access_log_path.as_deref(), Some("/var/log/a.log"));
        assert!(app.last_visited_at.is_some() && app.hsts.is_none());
        assert_eq!(block.global.hsts, Some(false));
        assert_eq!(block.global.x_forwarded_port_value.as_deref(), Some("$server_port"));
        let c = block_from_values(report_values_from_files(&files, Some("c"), &modified), GlobalValues::Raw)
            .unwrap();
        assert!(c.app.unwrap().last_visited_at.is_none());
        let global =
            block_from_values(report_values_from_files(&files, None, &modified), GlobalValues::Raw).unwrap();
        assert!(global.app.is_none() && global.warning.is_none() && global.global.hsts == Some(false));
    }

    #[test]
    fn only_real_access_logs_are_dated() {
        let files = snapshot();
        let apps = ["a", "b", "c", "d"].map(str::to_owned);
        assert_eq!(access_logs_to_stat(&files, &apps), ["/var/log/a.log", "/var/log/c.log"]);
    }
}
