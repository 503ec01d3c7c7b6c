//! Reports → records: the raw values of a property plugin's report, pure.
//!
//! Every report of these plugins prints three keys per property: the app's own value, the
//! `global-` value and the `computed-` one Dokku derives. Only the first two are state: the
//! computed value is dropped, a value equal to what the report prints for an unset property is
//! unset (see [`Unset`]), and a secret the report masks is recorded as set but unread.

use crate::reports::unknown_fields_warning;
use crate::text::ReportValues;
use crate::{DokkuVersion, Secret};

use super::record::PropertyRecord;
use super::spec::{PropertyPluginSpec, Scope, Unset, before};

/// Keys Dokku derives from the stored ones.
const COMPUTED_PREFIX: &str = "computed-";
/// Keys holding the `--global` value (in app reports too, repeated).
const GLOBAL_PREFIX: &str = "global-";

/// Files `value` under `key` in `record`: a secret as a secret (or as unread, when the report
/// printed the plugin's mask), anything else as plain text.
fn keep(spec: &PropertyPluginSpec, record: &mut PropertyRecord, key: &str, value: String) {
    if !spec.is_secret(key) {
        record.properties.insert(key.to_owned(), value);
    } else if spec.mask.is_some_and(|mask| mask.hides(&value)) {
        record.unread.insert(key.to_owned());
    } else {
        record.secrets.insert(key.to_owned(), Secret::new(value));
    }
}

/// Whether `key`, printed bare, is a global-only value that `version`'s reports print so.
fn bare_global(spec: &PropertyPluginSpec, key: &str, version: &DokkuVersion) -> bool {
    match (spec.property(key), spec.prefixed(key)) {
        (Some(property), _) => property.scope == Scope::GlobalOnly && before(version, property.bare_until),
        (None, Some(family)) => family.scope == Scope::GlobalOnly && before(version, family.bare_until),
        (None, None) => false,
    }
}

/// `values` with the keys `version` printed under an older name renamed to today's.
fn current_names(spec: &PropertyPluginSpec, values: &ReportValues, version: &DokkuVersion) -> ReportValues {
    let mut renamed = values.clone();
    for (old, new, since) in spec.renamed {
        if before(version, Some(*since)) {
            for (key, _) in &mut renamed.values {
                if key == old {
                    *key = (*new).to_owned();
                }
            }
        }
    }
    renamed
}

/// One app's record from its report; the warning names the fields the spec does not know
/// (kept in `extra`). `global-` keys are left to [`global_record`].
pub fn app_record(
    spec: &PropertyPluginSpec,
    values: ReportValues,
    version: &DokkuVersion,
) -> Result<(PropertyRecord, Option<String>), String> {
    let mut values = current_names(spec, &values, version);
    let app = values.app().ok_or_else(|| format!("a {} report block without an app name", spec.namespace))?;
    let mut record = PropertyRecord::new(Some(app));
    // The count says whether the list is worth a command: most apps have no entries.
    if let Some(list) = spec.counted_list {
        let count = values.get(list.count_key).and_then(|n| n.trim().parse::<u64>().ok()).unwrap_or(0);
        if count > 0 {
            record.info.insert(list.info_key.to_owned(), serde_json::Value::from(count));
        }
    }
    values.discard(|k| {
        k.starts_with(COMPUTED_PREFIX) || k.starts_with(GLOBAL_PREFIX) || spec.read_only.contains(&k)
    });
    let mut unknown = ReportValues { subject: values.subject.clone(), values: Vec::new() };
    for (key, value) in std::mem::take(&mut values.values) {
        let unset = match (spec.property(&key), spec.prefixed(&key)) {
            (Some(property), _) if property.exists_in(version) && property.scope.allows(true) => {
                property.app_unset
            }
            // A global-only property has no app value of its own.
            (Some(_), _) => continue,
            (None, Some(family)) if family.scope.allows(true) => Unset::Empty,
            (None, Some(_)) => continue,
            (None, None) => {
                unknown.values.push((key, value));
                continue;
            }
        };
        if !unset.reads_as_unset(&value, version) {
            keep(spec, &mut record, &key, value);
        }
    }
    let warning = unknown_fields_warning(spec.namespace, &unknown);
    record.extra = unknown.values.into_iter().collect();
    Ok((record, warning))
}

/// The server-wide record from the `global-` keys of a `--global` report or of any app's
/// report (which repeats them); the warning names unknown `global-` fields (kept in `extra`).
pub fn global_record(
    spec: &PropertyPluginSpec,
    values: &ReportValues,
    version: &DokkuVersion,
) -> (PropertyRecord, Option<String>) {
    let values = &current_names(spec, values, version);
    let mut record = PropertyRecord::new(None);
    let mut unknown = ReportValues { subject: values.subject.clone(), values: Vec::new() };
    for (key, value) in &values.values {
        let key = match key.strip_prefix(GLOBAL_PREFIX) {
            Some(key) => key,
            // Older reports printed some global-only values under the bare key.
            None if bare_global(spec, key, version) => key.as_str(),
            None => continue,
        };
        let unset = match (spec.property(key), spec.prefixed(key)) {
            (Some(property), _) if property.scope.allows(false) => property.global_unset,
            (Some(_), _) => continue,
            (None, Some(family)) if family.scope.allows(false) => Unset::Empty,
            (None, Some(_)) => continue,
            (None, None) => {
                unknown.values.push((format!("{GLOBAL_PREFIX}{key}"), value.clone()));
                continue;
            }
        };
        if !unset.reads_as_unset(value, version) {
            keep(spec, &mut record, key, value.clone());
        }
    }
    let warning = unknown_fields_warning(spec.namespace, &unknown);
    record.extra = unknown.values.into_iter().collect();
    (record, warning)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::property_plugin::{Mask, PrefixedProperty, Property};
    use crate::reports::{ReportForm, ReportSpec};
    use crate::text::ReportSubject;

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
            Property::new("path").global_shows_until("file.json", 0, 38, 6),
            Property::new("log-level")
                .global_only()
                .bare_until(0, 38, 6)
                .global_shows_until("ERROR", 0, 38, 6),
            Property::new("password").global_only().secret(),
        ],
        prefixed: &[PrefixedProperty {
            prefix: "token-",
            scope: Scope::GlobalOnly,
            effect: crate::property_plugin::Effect::Service,
            bare_until: Some((0, 38, 27)),
        }],
        read_only: &["detected"],
        requires: &[],
        since: DokkuVersion::new(0, 0, 0),
        mask: Some(Mask::Replaced("*******")),
        counted_list: None,
        labels: false,
        renamed: &[("selected", "path", (0, 38, 3)), ("global-selected", "global-path", (0, 38, 3))],
    };

    fn app(pairs: &[(&str, &str)]) -> ReportValues {
        ReportValues {
            subject: ReportSubject::App("a".into()),
            values: pairs.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect(),
        }
    }

    #[test]
    fn raw_reports_keep_every_explicit_value_and_drop_derived_ones() {
        let v = DokkuVersion::new(0, 38, 27);
        let values = app(&[
            ("path", "app.json"),
            ("computed-path", "app.json"),
            ("global-path", "file.json"),
            ("global-log-level", "ERROR"),
            ("global-password", "*******"),
            ("global-token-CF_X", "t"),
            ("detected", "dockerfile"),
            ("shiny", "new"),
        ]);
        let (record, warning) = app_record(&SPEC, values.clone(), &v).unwrap_or_default();
        assert_eq!(record.properties.get("path").map(String::as_str), Some("app.json"));
        assert_eq!(record.extra.get("shiny").map(String::as_str), Some("new"));
        assert!(warning.is_some_and(|w| w.contains("shiny")));
        let (global, _) = global_record(&SPEC, &values, &v);
        // A raw report: a value equal to the old default is an explicit setting.
        assert_eq!(global.properties.get("path").map(String::as_str), Some("file.json"));
        assert_eq!(global.properties.get("log-level").map(String::as_str), Some("ERROR"));
        assert!(global.unread.contains("password"));
        assert_eq!(global.secrets.get("token-CF_X").map(|s| s.expose().as_str()), Some("t"));
    }

    #[test]
    fn older_reports_resolve_defaults_print_bare_globals_and_old_names() {
        let v = DokkuVersion::new(0, 38, 2);
        let values = app(&[
            ("selected", "x.json"),
            ("global-selected", "file.json"),
            ("log-level", "DEBUG"),
            ("token-CF_X", "t"),
        ]);
        let (record, warning) = app_record(&SPEC, values.clone(), &v).unwrap_or_default();
        assert_eq!(record.properties.get("path").map(String::as_str), Some("x.json"));
        assert!(!record.properties.contains_key("log-level") && warning.is_none(), "{record:?}");
        let (global, _) = global_record(&SPEC, &values, &v);
        // `file.json` is what an unset global printed then; DEBUG was set; the token is bare.
        assert!(!global.properties.contains_key("path"));
        assert_eq!(global.properties.get("log-level").map(String::as_str), Some("DEBUG"));
        assert_eq!(global.secrets.get("token-CF_X").map(|s| s.expose().as_str()), Some("t"));
        let (resolved, _) = global_record(&SPEC, &app(&[("log-level", "ERROR")]), &v);
        assert!(resolved.is_empty(), "{resolved:?}");
    }

    #[test]
    fn a_counted_list_is_marked_for_reading_only_when_it_has_entries() {
        static COUNTED: PropertyPluginSpec = PropertyPluginSpec {
            key: "cron",
            namespace: "cron",
            report: ReportSpec {
                subcommand: "cron:report",
                type_prefix: "cron",
                form: ReportForm::Bulk,
                json_since: DokkuVersion::new(0, 38, 0),
            },
            properties: &[],
            prefixed: &[],
            read_only: &["task-count"],
            requires: &[],
            since: DokkuVersion::new(0, 0, 0),
            mask: None,
            counted_list: Some(crate::property_plugin::CountedList {
                count_key: "task-count",
                subcommand: "cron:list",
                info_key: "tasks",
            }),
            labels: false,
            renamed: &[],
        };
        let v = DokkuVersion::new(0, 38, 27);
        let (none, _) = app_record(&COUNTED, app(&[("task-count", "0")]), &v).unwrap_or_default();
        assert!(none.info.is_empty() && none.extra.is_empty(), "{none:?}");
        let (two, _) = app_record(&COUNTED, app(&[("task-count", "2")]), &v).unwrap_or_default();
        assert_eq!(two.info.get("tasks"), Some(&serde_json::Value::from(2u64)));
    }
}
