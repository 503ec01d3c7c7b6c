//! The [`Plugin`] every property plugin shares: a crate declares a [`PropertyPlugin`], and
//! [`Properties`] of it is what the engine runs.

use std::marker::PhantomData;

use crate::plugin::{DiffOptions, ExportScope, Exported, Plugin, PluginDiff};
use crate::reports::read_app_reports;
use crate::{Client, Command, Error};

use super::plan::{create_commands, diff, validate};
use super::read::{app_record, global_record};
use super::record::PropertyRecord;
use super::spec::PropertyPluginSpec;

/// A property plugin's declaration (one per plugin crate).
pub trait PropertyPlugin: Send + Sync + 'static {
    /// The plugin's list key in the export document.
    const KEY: &'static str;
    /// The name Dokku gives the plugin (`plugin:list`, `<name>:set`).
    const DOKKU_NAME: &'static str;
    /// Document keys of the plugins whose records must be applied first.
    const REQUIRES: &'static [&'static str] = &["apps"];
    /// What it has and how it reads and writes.
    fn spec() -> &'static PropertyPluginSpec;
}

/// The export/apply engine's view of property plugin `P`.
pub struct Properties<P>(PhantomData<fn() -> P>);

impl<P> std::fmt::Debug for Properties<P> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Properties")
    }
}

fn parse_error(spec: &PropertyPluginSpec, message: String) -> Error {
    Error::Config(format!("{}:report: {message}", spec.dokku_name))
}

/// Reads the records of `spec` for `scope`: the app reports in the spec's form, and the global
/// values from the first app's report (each repeats them, so no command is spent on them) or,
/// with no app in scope or a text report that masks secrets, from `--global` (as JSON from
/// 0.38.0, which shows them). What a report still masks is read as root from Dokku's property
/// files, or recorded as unread.
pub async fn export_properties(
    client: &Client,
    spec: &PropertyPluginSpec,
    scope: &ExportScope,
) -> Result<Exported<PropertyRecord>, Error> {
    let mut exported = Exported::default();
    if scope.version < spec.since {
        return Ok(exported);
    }
    let reports = read_app_reports(client, &spec.report, &scope.apps, &scope.version).await?;
    if scope.system {
        let from_global_report;
        let masked_text = spec.mask.is_some() && scope.version.all_reports_have_json();
        let values = match reports.first().filter(|_| !masked_text) {
            Some(first) => first,
            None => {
                from_global_report =
                    crate::reports::read_global_report(client, &spec.report, &scope.version).await?;
                &from_global_report
            }
        };
        let (global, warning) = global_record(spec, values, &scope.version);
        exported.warnings.extend(warning);
        if !global.is_empty() {
            exported.records.push(global);
        }
    }
    for values in reports {
        let (record, warning) = app_record(spec, values, &scope.version).map_err(|e| parse_error(spec, e))?;
        exported.warnings.extend(warning);
        // An app with nothing set has nothing to apply: leaving it out keeps documents small
        // and means the same (only `--prune` acts on apps without a record).
        if !record.is_empty() {
            exported.records.push(record);
        }
    }
    read_masked_secrets(client, spec, scope, &mut exported).await?;
    Ok(exported)
}

/// `cat` of one property file (root only; an absent file reads as empty).
fn read_property_file(client: &Client, spec: &PropertyPluginSpec, app: Option<&str>, key: &str) -> Command {
    let path = client.layout().in_lib_root(&format!(
        "config/{}/{}/{key}",
        spec.dokku_name,
        app.unwrap_or("--global")
    ));
    Command::system("cat").arg(path).allow_failure()
}

/// Fills in the secrets the reports masked, from Dokku's property files, where this connection
/// can read them; otherwise warns once which values are left unread.
async fn read_masked_secrets(
    client: &Client,
    spec: &PropertyPluginSpec,
    scope: &ExportScope,
    exported: &mut Exported<PropertyRecord>,
) -> Result<(), Error> {
    let unread: Vec<(usize, String)> = exported
        .records
        .iter()
        .enumerate()
        .flat_map(|(at, record)| record.unread.iter().map(move |key| (at, key.clone())))
        .collect();
    if unread.is_empty() {
        return Ok(());
    }
    if !scope.can_run_system_commands {
        exported.warnings.push(format!(
            "{}: {} secret value(s) are masked in the report and need root to read; recorded as \
             `unread` (apply takes them from the secrets file or a reference)",
            spec.dokku_name,
            unread.len()
        ));
        return Ok(());
    }
    for (at, key) in unread {
        let record = &mut exported.records[at];
        let out = client.output(&read_property_file(client, spec, record.app_name.as_deref(), &key)).await?;
        if out.success() {
            // Dokku writes property files without a trailing newline; a hand-edited one may have one.
            let value = out.stdout.trim_end_matches('\n').to_owned();
            record.unread.remove(&key);
            if !value.is_empty() {
                record.secrets.insert(key, crate::Secret::new(value));
            }
        }
    }
    Ok(())
}

impl<P: PropertyPlugin> Plugin for Properties<P> {
    const KEY: &'static str = P::KEY;
    const DOKKU_NAME: &'static str = P::DOKKU_NAME;
    const REQUIRES: &'static [&'static str] = P::REQUIRES;
    type Record = PropertyRecord;

    async fn export(client: &Client, scope: &ExportScope) -> Result<Exported<PropertyRecord>, Error> {
        export_properties(client, P::spec(), scope).await
    }

    fn longest_read(apps: usize) -> f64 {
        P::spec().report.form.longest_command(apps)
    }

    fn validate(record: &PropertyRecord) -> Vec<(String, String)> {
        validate(P::spec(), record)
    }

    fn apply_commands(records: &[PropertyRecord]) -> Vec<Command> {
        create_commands(P::spec(), records)
    }

    fn diff(current: &[PropertyRecord], desired: &[PropertyRecord], options: &DiffOptions) -> PluginDiff {
        diff(P::spec(), current, desired, options)
    }
}
