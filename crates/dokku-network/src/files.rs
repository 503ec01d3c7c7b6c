//! Network settings from Dokku's files (root fast path), pure: the values `network:report`
//! prints, got from the property files its Go code reads (`plugins/network/report.go` at
//! v0.38.27), then read by the same parser as the report's.
//!
//! Every setting is `PropertyGet("network", app, key)`, raw (the attach lists comma-joined as
//! `CommandSet` writes them), and `global-<key>` the `--global` one. The `computed-*` values
//! and `web-listeners` (the running containers' addresses) are not built: the parser drops them
//! as derived. The networks themselves are Docker's state, not Dokku's files: `network:list`
//! still reads them, one command for the whole server.
//!
//! No apps:create trigger writes a network property at v0.38.27 (`plugins/network/triggers.go`
//! has no post-create; only `install` gives existing apps a `bind-all-interfaces`).

use dokku_core::file_snapshot::FileSnapshot;
use dokku_core::text::{ReportSubject, ReportValues};

/// The property namespace of the network plugin.
const NAMESPACE: &str = "network";
/// The settings with a global value (`GlobalProperties` in `plugins/network/network.go`).
const GLOBAL_KEYS: &[&str] =
    &["attach-post-create", "attach-post-deploy", "bind-all-interfaces", "initial-network", "tld"];
/// The app settings (`DefaultProperties`).
const APP_KEYS: &[&str] = &[
    "attach-post-create",
    "attach-post-deploy",
    "bind-all-interfaces",
    "initial-network",
    "static-web-listener",
    "tld",
];

/// The values `network:report <app>` prints but the derived ones (`app`: `None` for
/// `network:report --global`).
pub fn report_values_from_files(files: &FileSnapshot, app: Option<&str>) -> ReportValues {
    let property = |subject: &str, key: &str| files.property_or_empty(NAMESPACE, subject, key);
    let globals = files.global_report_values(NAMESPACE, GLOBAL_KEYS);
    let Some(app) = app else {
        return ReportValues { subject: ReportSubject::Global, values: globals };
    };
    let own = APP_KEYS.iter().map(|key| ((*key).to_owned(), property(app, key)));
    ReportValues { subject: ReportSubject::App(app.to_owned()), values: own.chain(globals).collect() }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::{app_network_from_values, global_from_values, global_warning};

    #[test]
    fn settings_and_global_settings_are_the_raw_properties() {
        let files = FileSnapshot::parse(
            "/c/network/--global/initial-network\0backend-net\n/c/network/--global/bind-all-interfaces\0false\n\
             /c/network/a/attach-post-deploy\0backend-net,other-net\n/c/network/a/bind-all-interfaces\0true\n\
             /c/network/a/static-web-listener\x00127.0.0.1:5000\n",
            "/c",
        );
        let (a, warning) = app_network_from_values(report_values_from_files(&files, Some("a"))).unwrap();
        assert!(warning.is_none());
        assert_eq!(a.attach_post_deploy, ["backend-net", "other-net"]);
        assert!(a.attach_post_create.is_empty() && a.initial_network.is_none());
        assert_eq!(
            (a.bind_all_interfaces, a.static_web_listener.as_deref()),
            (Some(true), Some("127.0.0.1:5000"))
        );
        let (b, _) = app_network_from_values(report_values_from_files(&files, Some("b"))).unwrap();
        assert_eq!(b.bind_all_interfaces, None);
        let global_values = report_values_from_files(&files, None);
        assert!(global_warning(&global_values).is_none());
        let global = global_from_values(&global_values).unwrap();
        assert_eq!(
            (global.initial_network.as_deref(), global.bind_all_interfaces),
            (Some("backend-net"), Some(false))
        );
        assert!(global.app_name.is_none() && global.tld.is_none());
    }
}
