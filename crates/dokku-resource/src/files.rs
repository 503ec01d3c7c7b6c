//! Resources from Dokku's property store (root fast path), pure: what `resource:report` prints,
//! got from the files its Go code reads.
//!
//! `ReportSingleApp` (`plugins/resource/resource.go` at v0.38.27) prints one field per file of
//! `$DOKKU_LIB_ROOT/config/resource/<app>/` (`PropertyGetAll`), keyed by the file's name
//! (`<process type>.<limit|reserve>.<resource>`, as `setResourceType` writes it with
//! `PropertyWrite`) and valued by its raw content. The same pairs go through the report parser.

use dokku_core::file_snapshot::FileSnapshot;
use dokku_core::text::{ReportSubject, ReportValues, canonical_key};

use crate::model::Resources;
use crate::parse::app_from_values;

/// The property store's directory of the plugin.
const NAMESPACE: &str = "resource";

/// The record `resource:report <app>` gives, with the warning the parser gives for fields it
/// does not know (kept in `extra`, as on the report path).
pub fn resources_from_files(files: &FileSnapshot, app: &str) -> (Resources, Option<String>) {
    let mut values = ReportValues { subject: ReportSubject::App(app.to_owned()), values: Vec::new() };
    // The report keys are canonical (`.` as `-`), and a report keeps a key's first field; the
    // JSON report's keys come sorted (Go's `json.Marshal` of a map), as the files do here.
    for (name, content) in files.properties(NAMESPACE, app) {
        let key = canonical_key(name);
        if !values.values.iter().any(|(known, _)| *known == key) {
            values.values.push((key, content.to_owned()));
        }
    }
    app_from_values(values).unwrap_or_else(|_| (Resources::new(app), None))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_file_is_one_value_of_one_process_type() {
        let files = FileSnapshot::parse(
            "/c/resource/a/web.limit.memory\x00512m\n/c/resource/a/web.limit.cpu\x001.5\n\
             /c/resource/a/_default_.reserve.memory-swap\x00-1\n\
             /c/resource/a/worker.reserve.memory\x00256m\n/c/resource/a/web.limit.disk\x001g\n\
             /c/resource/b/web.limit.memory\x00\n/c/docker-options/a/web.limit.cpu\x002\n",
            "/c",
        );
        let (a, warning) = resources_from_files(&files, "a");
        let web = &a.limits["web"];
        assert_eq!((web["memory"].as_str(), web["cpu"].as_str()), ("512m", "1.5"));
        assert_eq!(a.reservations["_default_"]["memory-swap"], "-1");
        assert_eq!(a.reservations["worker"]["memory"], "256m");
        // A file no resource names is an unknown report field, kept and warned about.
        assert_eq!(a.extra.get("web-limit-disk").map(String::as_str), Some("1g"));
        assert!(warning.is_some_and(|w| w.contains("web-limit-disk")));
        // An empty file is a value the report prints empty: nothing set.
        assert!(resources_from_files(&files, "b").0.is_empty());
        assert!(resources_from_files(&files, "c").0.is_empty());
    }
}
