//! Apps from Dokku's files (root fast path), pure: the values `apps:report` prints, got from
//! the files its Go code reads (`plugins/apps/report.go` and `functions.go` at v0.38.27), then
//! read by the same parser as the report's.
//!
//! - `created-at`: `PropertyListGet("apps", app, "created-at")` joined with `,` (one line, the
//!   Unix time `createApp` wrote);
//! - `deploy-source`, `deploy-source-metadata`: the app's raw properties;
//! - `global-disable-autocreation`: the `--global` property;
//! - `locked`: whether `$DOKKU_LIB_ROOT/data/apps/<app>/.deploy.lock` exists (`appIsLocked`);
//! - `dir`: `AppRoot`, `$DOKKU_ROOT/<app>` with the `DOKKU_ROOT` Dokku runs with. The app's
//!   `pre-receive` hook, which `fn-git-create-hook` (`plugins/git/internal-functions`) writes at
//!   apps:create, names that root (`DOKKU_ROOT="<root>" dokku git-hook <app>`); without a hook,
//!   the root this export reads from.

use dokku_core::file_snapshot::FileSnapshot;
use dokku_core::server_layout::ServerLayout;
use dokku_core::text::{ReportSubject, ReportValues};

/// The property namespace of the apps plugin.
const NAMESPACE: &str = "apps";
/// The subject directory of the server-wide values.
const GLOBAL: &str = "--global";
/// How the git hook passes Dokku's root to `dokku git-hook`.
const HOOK_ROOT: &str = "DOKKU_ROOT=\"";

/// The `DOKKU_ROOT` the app's `pre-receive` hook names, if it has one.
fn hook_root<'a>(files: &'a FileSnapshot, app: &str) -> Option<&'a str> {
    let hook = files.dokku_root_file(&format!("{app}/hooks/pre-receive"))?;
    let (_, rest) = hook.split_once(HOOK_ROOT)?;
    rest.split_once('"').map(|(root, _)| root).filter(|root| root.starts_with('/'))
}

/// The values `apps:report <app>` prints; `layout` is where the files were read.
pub fn report_values_from_files(files: &FileSnapshot, app: &str, layout: &ServerLayout) -> ReportValues {
    let property = |subject: &str, key: &str| files.property(NAMESPACE, subject, key).unwrap_or_default();
    let root = hook_root(files, app).unwrap_or_else(|| layout.dokku_root()).trim_end_matches('/');
    let locked = files.deploy_locked(app);
    let values = [
        ("created-at", property(app, "created-at").replace('\n', ",")),
        ("deploy-source", property(app, "deploy-source").to_owned()),
        ("deploy-source-metadata", property(app, "deploy-source-metadata").to_owned()),
        ("dir", format!("{root}/{app}")),
        ("global-disable-autocreation", property(GLOBAL, "disable-autocreation").to_owned()),
        ("locked", locked.to_string()),
    ];
    let values = values.into_iter().map(|(k, v)| (k.to_owned(), v)).collect();
    ReportValues { subject: ReportSubject::App(app.to_owned()), values }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::{app_from_values, global_from_values};

    #[test]
    fn an_app_reads_from_its_properties_lock_and_hook() {
        let layout = ServerLayout::new("/sim/fs/home/dokku", "/sim/fs/var/lib/dokku").unwrap();
        let output = "/c/apps/a/created-at\x001736745546\n/c/apps/a/deploy-source\0git\n\
                      /c/apps/--global/disable-autocreation\0true\n\
                      /sim/fs/home/dokku/a/hooks/pre-receive\0#!/usr/bin/env bash\n\
                      /sim/fs/home/dokku/a/hooks/pre-receive\0cat | DOKKU_ROOT=\"/home/dokku\" dokku git-hook a\n\
                      /sim/fs/var/lib/dokku/data/apps/a/.deploy.lock\0\n";
        let data = layout.in_lib_root("data");
        let files = FileSnapshot::parse_all_roots(output, "/c", Some(layout.dokku_root()), Some(&data));
        let a = report_values_from_files(&files, "a", &layout);
        assert_eq!(global_from_values(&a).map(|g| g.disable_autocreation), Some(true));
        let (a, warning) = app_from_values(a).unwrap();
        assert!(warning.is_none());
        assert_eq!((a.path.as_str(), a.locked), ("/home/dokku/a", true));
        assert_eq!(a.created_at.map(|t| t.unix_timestamp()), Some(1_736_745_546));
        assert_eq!((a.deploy_source.as_deref(), a.deploy_source_metadata), (Some("git"), None));
        let (b, _) = app_from_values(report_values_from_files(&files, "b", &layout)).unwrap();
        assert_eq!((b.path.as_str(), b.locked, b.created_at), ("/sim/fs/home/dokku/b", false, None));
    }
}
