//! Records → commands: creation, the converging diff and document checks, pure.

use std::collections::BTreeMap;

use crate::Command;
use crate::diffing::pair_by;
use crate::plugin::{Change, DiffOptions, PluginDiff};

use super::record::PropertyRecord;
use super::spec::{Effect, PropertyPluginSpec};

/// `<plugin>:set <app|--global> <key> [<value>]`: the value as a secret argument when the
/// property is one; no value unsets it.
pub fn set_command(spec: &PropertyPluginSpec, app: Option<&str>, key: &str, value: Option<&str>) -> Command {
    let cmd = Command::dokku(spec.set_subcommand()).arg(app.unwrap_or("--global")).arg(key).writes(app);
    match value {
        Some(value) if spec.is_secret(key) => cmd.secret_arg("", value),
        Some(value) => cmd.arg(value),
        None => cmd,
    }
}

/// The commands that recreate `records` on an empty server: global values first, then each
/// app's, every key in key order.
pub fn create_commands(spec: &PropertyPluginSpec, records: &[PropertyRecord]) -> Vec<Command> {
    let globals = records.iter().filter(|r| r.app_name.is_none());
    let apps = records.iter().filter(|r| r.app_name.is_some());
    let mut commands = Vec::new();
    for record in globals.chain(apps) {
        for key in record.keys() {
            commands.push(set_command(spec, record.app_name.as_deref(), key, record.value(key)));
        }
        if let Some(app) = record.app_name.as_deref() {
            for (name, value) in &record.labels {
                commands.push(super::labels::add_command(spec, app, name, value));
            }
        }
    }
    commands
}

/// Problems with one record of a document, each naming its field.
pub fn validate(spec: &PropertyPluginSpec, record: &PropertyRecord) -> Vec<(String, String)> {
    let mut problems = Vec::new();
    let on_app = record.app_name.is_some();
    if let Some(app) = record.app_name.as_deref().filter(|a| !crate::app_name::is_valid(a)) {
        problems.push(("app_name".to_owned(), crate::app_name::invalid_message(app)));
    }
    let fields = record
        .properties
        .keys()
        .map(|k| ("properties", k))
        .chain(record.secrets.keys().map(|k| ("secrets", k)));
    for (field, key) in fields.chain(record.unread.iter().map(|k| ("unread", k))) {
        let place = format!("{field}.{key}");
        match spec.scope(key) {
            None => problems.push((place, format!("`{key}` is not a {} property", spec.namespace))),
            Some(scope) if !scope.allows(on_app) => problems.push((
                place,
                format!(
                    "`{key}` can only be set {}",
                    if on_app { "globally (a record without app_name)" } else { "per app" }
                ),
            )),
            Some(_) if field == "properties" && spec.is_secret(key) => {
                problems.push((place, format!("`{key}` is a secret: put it under `secrets`")));
            }
            Some(_) if field == "secrets" && !spec.is_secret(key) => {
                problems.push((place, format!("`{key}` is not a secret: put it under `properties`")));
            }
            Some(_) => {}
        }
    }
    if !record.labels.is_empty() && (!spec.labels || !on_app) {
        let whose = if spec.labels { " globally" } else { "" };
        problems.push(("labels".to_owned(), format!("{} keeps no labels{whose}", spec.namespace)));
    }
    for (name, value) in &record.labels {
        let place = format!("labels.{name}");
        if name.is_empty() || name.contains(['=', ' ', '\n']) {
            problems.push((place, "a label name is one word without `=`".to_owned()));
        } else if value.is_empty() || value.contains(['\n', '\r', '\\']) {
            // Dokku stores labels through `echo -e`: a backslash would come back changed.
            problems.push((place, "a label value is one non-empty line without backslashes".to_owned()));
        }
    }
    for (key, value) in record
        .properties
        .iter()
        .map(|(k, v)| (k, v.as_str()))
        .chain(record.secrets.iter().map(|(k, v)| (k, v.expose().as_str())))
    {
        if value.contains(['\n', '\r']) {
            problems.push((format!("properties.{key}"), "a property value is one line".to_owned()));
        }
    }
    problems
}

/// What a plan changes for one subject, for the restart/rebuild lists.
#[derive(Default)]
struct Effects {
    restart: bool,
    rebuild: bool,
    service: bool,
}

impl Effects {
    fn add(&mut self, effect: Effect) {
        match effect {
            Effect::Restart => self.restart = true,
            Effect::Rebuild => self.rebuild = true,
            Effect::Service => self.service = true,
            Effect::Immediate => {}
        }
    }
}

/// Sets each key of `wanted` that `now` lacks or holds otherwise, and (with `prune`) unsets
/// each key only `now` has. A secret the server has but did not show (`unread`) is left alone
/// with a note: it cannot be compared, and re-sending it on every apply is no convergence.
fn subject_diff(
    spec: &PropertyPluginSpec,
    now: &PropertyRecord,
    wanted: &PropertyRecord,
    prune: bool,
    plan: &mut PluginDiff,
) -> Effects {
    let app = wanted.app_name.as_deref();
    let whose = app.map_or_else(|| "--global".to_owned(), |a| format!("app {a}"));
    let mut effects = Effects::default();
    let mut keys: Vec<&str> = wanted.keys().into_iter().collect();
    if prune {
        keys.extend(now.keys().into_iter().filter(|k| wanted.value(k).is_none()));
        keys.extend(now.unread.iter().map(String::as_str).filter(|k| wanted.value(k).is_none()));
        keys.sort_unstable();
        keys.dedup();
    }
    for key in keys {
        let (old, new) = (now.value(key), wanted.value(key));
        if now.unread.contains(key) {
            if new.is_some() {
                plan.notes.push(format!(
                    "{}: {whose}: `{key}` is set on the server but not shown to this connection; \
                     left as it is (connect as root to compare it)",
                    spec.namespace
                ));
                continue;
            }
        } else if old == new {
            continue;
        }
        plan.commands.push(set_command(spec, app, key, new));
        let change = Change::new(app, key, old.map(str::to_owned), new.map(str::to_owned));
        plan.changes.push(if spec.is_secret(key) { change.secret() } else { change });
        effects.add(spec.effect(key));
    }
    if let Some(app) = app {
        // Labels reach the web containers at the next deploy: a rebuild.
        for (name, value) in &wanted.labels {
            let held = now.labels.get(name);
            if held != Some(value) {
                plan.commands.push(super::labels::add_command(spec, app, name, value));
                plan.changes.push(Change::new(
                    Some(app),
                    format!("label {name}"),
                    held.cloned(),
                    Some(value.clone()),
                ));
                effects.rebuild = true;
            }
        }
        if prune {
            for (name, value) in now.labels.iter().filter(|(name, _)| !wanted.labels.contains_key(*name)) {
                plan.commands.push(super::labels::remove_command(spec, app, name));
                plan.changes.push(Change::new(Some(app), format!("label {name}"), Some(value.clone()), None));
                effects.rebuild = true;
            }
        }
    }
    effects
}

/// The converging plan: global values first, then the apps in document order. A document
/// without a global record leaves the server's global values alone, even with prune (it was
/// exported for some apps only). Apps whose settings changed, or who inherit a changed global
/// value, are listed for a restart or a rebuild as the property needs.
pub fn diff(
    spec: &PropertyPluginSpec,
    current: &[PropertyRecord],
    desired: &[PropertyRecord],
    options: &DiffOptions,
) -> PluginDiff {
    let mut plan = PluginDiff::default();
    let last_global =
        |records: &[PropertyRecord]| records.iter().rev().find(|r| r.app_name.is_none()).cloned();
    let mut global_effects = Effects::default();
    let mut changed_globals: Vec<String> = Vec::new();
    if let Some(wanted) = last_global(desired) {
        let now = last_global(current).unwrap_or_default();
        let before = plan.changes.len();
        global_effects = subject_diff(spec, &now, &wanted, options.prune, &mut plan);
        changed_globals = plan.changes[before..].iter().map(|c| c.subject.clone()).collect();
    }
    let now_apps: Vec<PropertyRecord> = current.iter().filter(|r| r.app_name.is_some()).cloned().collect();
    let wanted_apps: Vec<PropertyRecord> = desired.iter().filter(|r| r.app_name.is_some()).cloned().collect();
    let paired = pair_by(&now_apps, &wanted_apps, |r| r.app_name.clone());
    let mut per_app: BTreeMap<String, Effects> = BTreeMap::new();
    for wanted in &paired.added {
        let effects =
            subject_diff(spec, &PropertyRecord::new(wanted.app_name.as_deref()), wanted, false, &mut plan);
        per_app.insert(wanted.app_name.clone().unwrap_or_default(), effects);
    }
    for (now, wanted) in &paired.both {
        let effects = subject_diff(spec, now, wanted, options.prune, &mut plan);
        per_app.insert(wanted.app_name.clone().unwrap_or_default(), effects);
    }
    if options.prune && !options.prune_apps {
        for now in &paired.removed {
            let effects =
                subject_diff(spec, now, &PropertyRecord::new(now.app_name.as_deref()), true, &mut plan);
            per_app.insert(now.app_name.clone().unwrap_or_default(), effects);
        }
    }
    // An app that does not set a changed global key itself inherits the change.
    for wanted in &wanted_apps {
        if changed_globals.iter().any(|key| wanted.value(key).is_none()) {
            let effects = per_app.entry(wanted.app_name.clone().unwrap_or_default()).or_default();
            effects.restart |= global_effects.restart;
            effects.rebuild |= global_effects.rebuild;
        }
    }
    for (app, effects) in per_app {
        if effects.rebuild {
            plan.rebuild.push(app.clone());
        }
        if effects.restart {
            plan.restart.push(app);
        }
    }
    if global_effects.service {
        plan.notes.push(format!(
            "{}: server-wide settings changed; they take effect when the {} service is restarted",
            spec.namespace, spec.namespace
        ));
    }
    plan
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::DokkuVersion;
    use crate::property_plugin::{PrefixedProperty, Property, Scope};
    use crate::reports::{ReportForm, ReportSpec};
    use crate::{DokkuVersion as V, Secret};

    static SPEC: PropertyPluginSpec = PropertyPluginSpec {
        key: "shipper",
        namespace: "shipper",
        report: ReportSpec {
            subcommand: "shipper:report",
            type_prefix: "shipper",
            form: ReportForm::Bulk,
            json_since: V::new(0, 38, 0),
        },
        properties: &[
            Property::new("max-size").effect(Effect::Restart),
            Property::new("sink").secret().effect(Effect::Restart),
            Property::new("image").global_only().effect(Effect::Service),
            Property::new("build-dir").effect(Effect::Rebuild),
        ],
        prefixed: &[PrefixedProperty {
            prefix: "token-",
            scope: Scope::GlobalOnly,
            effect: Effect::Service,
            bare_until: None,
        }],
        read_only: &[],
        requires: &["apps"],
        since: DokkuVersion::new(0, 0, 0),
        mask: Some(crate::property_plugin::Mask::Replaced("*******")),
        counted_list: None,
        labels: true,
        renamed: &[],
    };

    fn record(app: Option<&str>, plain: &[(&str, &str)], secret: &[(&str, &str)]) -> PropertyRecord {
        let mut r = PropertyRecord::new(app);
        r.properties = plain.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect();
        r.secrets = secret.iter().map(|(k, v)| ((*k).to_owned(), Secret::new((*v).to_owned()))).collect();
        r
    }

    #[test]
    fn creation_sets_globals_then_apps_with_secrets_masked() {
        let records = [
            record(Some("a"), &[("max-size", "20m")], &[("sink", "http://u:tok@x")]),
            record(None, &[("image", "vector:1 a=b")], &[("token-CF", "cf t")]),
        ];
        let lines: Vec<String> = create_commands(&SPEC, &records).iter().map(ToString::to_string).collect();
        assert_eq!(
            lines,
            [
                "dokku shipper:set --global image 'vector:1 a=b'",
                "dokku shipper:set --global token-CF ***",
                "dokku shipper:set a max-size 20m",
                "dokku shipper:set a sink ***",
            ]
        );
    }

    #[test]
    fn diff_sets_what_differs_unsets_only_with_prune_and_lists_effects() {
        let current = [
            record(None, &[("image", "old")], &[]),
            record(Some("a"), &[("max-size", "10m"), ("build-dir", "x")], &[]),
        ];
        let desired = [
            record(None, &[("image", "new")], &[]),
            record(Some("a"), &[("max-size", "20m")], &[("sink", "s")]),
        ];
        let plan = diff(&SPEC, &current, &desired, &DiffOptions::default());
        assert_eq!(
            plan.command_lines(),
            [
                "dokku shipper:set --global image new",
                "dokku shipper:set a max-size 20m",
                "dokku shipper:set a sink ***"
            ]
        );
        assert_eq!(plan.restart, ["a"]);
        assert!(plan.rebuild.is_empty());
        assert!(plan.changes.iter().any(|c| c.subject == "sink" && c.secret));
        assert_eq!(plan.notes.len(), 1, "the global image needs a service restart: {:?}", plan.notes);
        let pruned = diff(&SPEC, &current, &desired, &DiffOptions::PRUNE);
        assert!(pruned.command_lines().contains(&"dokku shipper:set a build-dir".to_owned()));
        assert_eq!(pruned.rebuild, ["a"]);
        // Converged: nothing.
        assert!(diff(&SPEC, &desired, &desired, &DiffOptions::PRUNE).commands.is_empty());
    }

    #[test]
    fn a_masked_secret_is_not_resent_but_noted() {
        let mut now = record(None, &[], &[]);
        now.unread.insert("token-CF".to_owned());
        let wanted = record(None, &[], &[("token-CF", "cf")]);
        let plan = diff(&SPEC, &[now.clone()], &[wanted], &DiffOptions::default());
        assert!(plan.commands.is_empty());
        assert_eq!(plan.notes.len(), 1);
        assert!(!plan.notes[0].contains("cf"), "{:?}", plan.notes);
        // With prune and no value in the document, it is unset.
        let plan = diff(&SPEC, &[now], &[record(None, &[], &[])], &DiffOptions::PRUNE);
        assert_eq!(plan.command_lines(), ["dokku shipper:set --global token-CF"]);
    }

    #[test]
    fn validation_names_unknown_keys_scopes_and_secret_placement() {
        let bad = record(Some("a"), &[("nope", "1"), ("image", "x"), ("sink", "s")], &[("max-size", "1")]);
        let fields: Vec<String> = validate(&SPEC, &bad).into_iter().map(|(f, _)| f).collect();
        assert_eq!(fields, ["properties.image", "properties.nope", "properties.sink", "secrets.max-size"]);
        assert!(validate(&SPEC, &record(None, &[("image", "x")], &[("token-A", "t")])).is_empty());
    }

    #[test]
    fn labels_are_added_changed_and_removed_only_with_prune() {
        let labeled = |pairs: &[(&str, &str)]| {
            let mut r = record(Some("a"), &[], &[]);
            r.labels = pairs.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect();
            r
        };
        let now = [labeled(&[("x.tls", "internal"), ("old", "1")])];
        let wanted = [labeled(&[("x.tls", "acme"), ("x.header", "X-A b=c")])];
        let plan = diff(&SPEC, &now, &wanted, &DiffOptions::default());
        assert_eq!(
            plan.command_lines(),
            ["dokku shipper:labels:add a x.header 'X-A b=c'", "dokku shipper:labels:add a x.tls acme"]
        );
        assert_eq!(plan.rebuild, ["a"]);
        let pruned = diff(&SPEC, &now, &wanted, &DiffOptions::PRUNE);
        assert!(pruned.command_lines().contains(&"dokku shipper:labels:remove a old".to_owned()));
        assert!(diff(&SPEC, &wanted, &wanted, &DiffOptions::PRUNE).commands.is_empty());
        assert_eq!(create_commands(&SPEC, &wanted).len(), 2);
        let bad = labeled(&[("a=b", "1"), ("ok", "c:\\d")]);
        let fields: Vec<String> = validate(&SPEC, &bad).into_iter().map(|(f, _)| f).collect();
        assert_eq!(fields, ["labels.a=b", "labels.ok"]);
    }
}
