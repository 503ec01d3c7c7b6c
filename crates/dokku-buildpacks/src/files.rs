//! Buildpacks from Dokku's property store (root fast path), pure: what `buildpacks:report`
//! prints, got from the files its Go code reads (`plugins/buildpacks/report.go` at v0.38.27).
//!
//! - the app's list is the property list `buildpacks/<app>/buildpacks` (`reportList`:
//!   `PropertyListGet`, one URL per line), in order;
//! - the app's stack is `buildpacks/<app>/stack` (`reportStack`: `PropertyGetDefault`, raw);
//! - the global stack is `buildpacks/--global/stack` (`reportGlobalStack`).
//!
//! The computed stack (app, global, the app's `DOKKU_IMAGE`, the environment's) is derived and
//! the report parser drops it, so it is not computed here.

use dokku_core::file_snapshot::FileSnapshot;
use dokku_core::text::{ReportSubject, ReportValues};

use crate::model::{BuildpackUrl, Buildpacks};
use crate::parse::{app_from_values, global_from_values};

/// The property store's directory of the plugin.
const NAMESPACE: &str = "buildpacks";
/// The subject directory of the server-wide values.
const GLOBAL: &str = "--global";

/// The values the report prints for `subject` from its files, under the report's keys.
fn report_values(files: &FileSnapshot, subject: ReportSubject) -> ReportValues {
    let global_stack = files.properties(NAMESPACE, GLOBAL).get("stack").copied().unwrap_or_default();
    let mut values = vec![("global-stack".to_owned(), global_stack.to_owned())];
    if let ReportSubject::App(app) = &subject {
        let own = files.properties(NAMESPACE, app);
        values.push(("stack".to_owned(), own.get("stack").copied().unwrap_or_default().to_owned()));
    }
    ReportValues { subject, values }
}

/// The record `buildpacks:report` gives for `app` (`None`: the global one). The stacks go
/// through the report parser; the list is built from the file's lines directly: the report
/// joins them with commas (a URL holding one comes back in pieces, which is why the report
/// path re-reads such a list with `buildpacks:list`, one line per URL, trimmed, blank lines
/// skipped), while the file has each URL on its own line, which is what `buildpacks:list`
/// prints.
pub fn buildpacks_from_files(files: &FileSnapshot, app: Option<&str>) -> Buildpacks {
    let Some(app) = app else {
        return global_from_values(&report_values(files, ReportSubject::Global)).0;
    };
    let values = report_values(files, ReportSubject::App(app.to_owned()));
    // Only known keys are given, so the parser cannot fail or warn.
    let mut record = app_from_values(values).map(|(record, _)| record).unwrap_or_default();
    record.app_name = Some(app.to_owned());
    let list = files.properties(NAMESPACE, app).get("buildpacks").copied().unwrap_or_default();
    record.buildpacks =
        list.lines().map(str::trim).filter(|url| !url.is_empty()).map(BuildpackUrl::new).collect();
    record
}

#[cfg(test)]
mod tests {
    use super::*;

    fn snapshot(output: &str) -> FileSnapshot {
        FileSnapshot::parse(output, "/c")
    }

    #[test]
    fn lists_keep_their_order_and_commas_and_stacks_come_raw() {
        let files = snapshot(
            "/c/buildpacks/a/buildpacks\0https://github.com/heroku/heroku-buildpack-nodejs.git\n\
             /c/buildpacks/a/buildpacks\0https://x.example/c,d/e.git\n\
             /c/buildpacks/a/buildpacks\0\n\
             /c/buildpacks/a/buildpacks\0https://bot:tok@x.example/a/b.git\n\
             /c/buildpacks/a/stack\0gliderlabs/herokuish:latest-24\n\
             /c/buildpacks/b/stack\0 \n\
             /c/buildpacks/--global/stack\0acme/stack:1\n",
        );
        let a = buildpacks_from_files(&files, Some("a"));
        let urls: Vec<&str> = a.buildpacks.iter().map(BuildpackUrl::expose).collect();
        assert_eq!(
            urls,
            [
                "https://github.com/heroku/heroku-buildpack-nodejs.git",
                "https://x.example/c,d/e.git",
                "https://bot:tok@x.example/a/b.git"
            ]
        );
        assert_eq!(a.stack.as_deref(), Some("gliderlabs/herokuish:latest-24"));
        assert!(a.extra.is_empty() && a.app_name.as_deref() == Some("a"));
        // A blank stack is what the report prints for none.
        let b = buildpacks_from_files(&files, Some("b"));
        assert!(b.is_empty(), "{b:?}");
        let global = buildpacks_from_files(&files, None);
        assert_eq!(global.stack.as_deref(), Some("acme/stack:1"));
        assert!(global.app_name.is_none() && global.buildpacks.is_empty() && global.extra.is_empty());
    }

    #[test]
    fn nothing_stored_is_an_empty_record() {
        let files = snapshot("/c/builder/a/selected\0pack\n");
        assert!(buildpacks_from_files(&files, Some("a")).is_empty());
        assert!(buildpacks_from_files(&files, None).is_empty());
    }
}
