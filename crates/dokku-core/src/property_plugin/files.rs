//! Property store files → records, pure: what [`read`](super::read) gets from the reports, got
//! from `$DOKKU_LIB_ROOT/config/<plugin>/<app|--global>/<key>` instead (see
//! [`crate::file_snapshot`]).
//!
//! The records must equal the reports' for the same server, so the same rules apply: a key the
//! spec does not declare is the plugin's internal state (no report prints it as a setting) and
//! is left out, a read-only key is dropped, and a value equal to what the report prints for an
//! unset property reads as unset (the report cannot tell them apart, and a document must not
//! depend on how it was read). Secrets come back in clear, so nothing stays `unread`.

use std::collections::BTreeMap;

use crate::file_snapshot::FileSnapshot;
use crate::plugin::{ExportScope, Exported};
use crate::{DokkuVersion, Secret};

use super::record::PropertyRecord;
use super::spec::{PropertyPluginSpec, Unset};

/// The subject directory of the server-wide values.
const GLOBAL: &str = "--global";
/// The proxies' label list (`<proxy>:labels:*`), one `name=value` per line.
const LABELS: &str = "labels";

/// One subject's record from its files (`app`: `None` for `--global`).
pub fn record_from_files(
    spec: &PropertyPluginSpec,
    files: &FileSnapshot,
    app: Option<&str>,
    version: &DokkuVersion,
) -> PropertyRecord {
    let mut record = PropertyRecord::new(app);
    let for_app = app.is_some();
    for (key, value) in files.properties(spec.namespace, app.unwrap_or(GLOBAL)) {
        if spec.labels && key == LABELS {
            if for_app {
                record.labels = labels(value);
            }
            continue;
        }
        if spec.read_only.contains(&key) {
            continue;
        }
        let unset = match (spec.property(key), spec.prefixed(key)) {
            (Some(property), _) if property.exists_in(version) && property.scope.allows(for_app) => {
                if for_app { property.app_unset } else { property.global_unset }
            }
            (None, Some(family)) if family.scope.allows(for_app) => Unset::Empty,
            _ => continue,
        };
        if unset.reads_as_unset(value, version) {
            continue;
        }
        if spec.is_secret(key) {
            record.secrets.insert(key.to_owned(), Secret::new(value.to_owned()));
        } else {
            record.properties.insert(key.to_owned(), value.to_owned());
        }
    }
    record
}

/// Label lines (`name=value`; `#` comments and lines without a name skipped, as Dokku does).
fn labels(text: &str) -> BTreeMap<String, String> {
    text.lines()
        .map(str::trim)
        .filter(|line| !line.starts_with('#'))
        .filter_map(|line| line.split_once('='))
        .filter(|(name, _)| !name.is_empty())
        .map(|(name, value)| (name.to_owned(), value.to_owned()))
        .collect()
}

/// The plugin's records for `scope` from the files: the global record (when `scope.system`),
/// then each app in scope with something set.
pub fn export_from_files(
    spec: &PropertyPluginSpec,
    files: &FileSnapshot,
    scope: &ExportScope,
) -> Exported<PropertyRecord> {
    let mut exported = Exported::default();
    if scope.version < spec.since {
        return exported;
    }
    if scope.system {
        let global = record_from_files(spec, files, None, &scope.version);
        if !global.is_empty() {
            exported.records.push(global);
        }
    }
    for app in &scope.apps {
        let record = record_from_files(spec, files, Some(app), &scope.version);
        if !record.is_empty() {
            exported.records.push(record);
        }
    }
    exported
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::property_plugin::{Mask, PrefixedProperty, Property, Scope};
    use crate::reports::{ReportForm, ReportSpec};

    static SPEC: PropertyPluginSpec = PropertyPluginSpec {
        key: "proxyish",
        namespace: "proxyish",
        report: ReportSpec {
            subcommand: "proxyish:report",
            type_prefix: "proxyish",
            form: ReportForm::Bulk,
            json_since: DokkuVersion::new(0, 38, 0),
        },
        properties: &[
            Property::new("path").global_shows("file.json"),
            Property::new("log-level").global_only(),
            Property::new("password").secret(),
        ],
        prefixed: &[PrefixedProperty {
            prefix: "token-",
            scope: Scope::GlobalOnly,
            effect: crate::property_plugin::Effect::Service,
            bare_until: None,
        }],
        read_only: &["detected"],
        requires: &[],
        since: DokkuVersion::new(0, 0, 0),
        mask: Some(Mask::Replaced("*******")),
        counted_list: None,
        labels: true,
        renamed: &[],
    };

    #[test]
    fn files_give_what_the_reports_give() {
        let v = DokkuVersion::new(0, 38, 27);
        let output = "/c/proxyish/a/path\0app.json\n/c/proxyish/a/password\0hunter2\n\
                      /c/proxyish/a/detected\0x\n/c/proxyish/a/internal-state\0y\n\
                      /c/proxyish/a/log-level\0DEBUG\n/c/proxyish/a/labels\0n=v\n\
                      /c/proxyish/--global/path\0file.json\n/c/proxyish/--global/log-level\0DEBUG\n\
                      /c/proxyish/--global/token-CF_X\0t\n";
        let files = FileSnapshot::parse(output, "/c");
        let app = record_from_files(&SPEC, &files, Some("a"), &v);
        assert_eq!(
            app.properties.into_iter().collect::<Vec<_>>(),
            [("path".to_owned(), "app.json".to_owned())]
        );
        assert_eq!(app.secrets.get("password").map(|s| s.expose().as_str()), Some("hunter2"));
        assert_eq!(app.labels.get("n").map(String::as_str), Some("v"));
        assert!(app.unread.is_empty() && app.extra.is_empty());
        let global = record_from_files(&SPEC, &files, None, &v);
        // `file.json` is what the report prints for an unset global: it reads as unset.
        assert!(!global.properties.contains_key("path"));
        assert_eq!(global.properties.get("log-level").map(String::as_str), Some("DEBUG"));
        assert_eq!(global.secrets.get("token-CF_X").map(|s| s.expose().as_str()), Some("t"));
        assert!(global.labels.is_empty());
    }
}
