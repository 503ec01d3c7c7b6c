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

/// One app's record from its report; the warning names the fields the spec does not know
/// (kept in `extra`). `global-` keys are left to [`global_record`].
pub fn app_record(
    spec: &PropertyPluginSpec,
    mut values: ReportValues,
    version: &DokkuVersion,
) -> Result<(PropertyRecord, Option<String>), String> {
    let app = values.app().ok_or_else(|| format!("a {} report block without an app name", spec.namespace))?;
    let mut record = PropertyRecord::new(Some(app));
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
