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

/// The first Dokku with `<proxy>:labels:*`.
const LABELS_SINCE: crate::DokkuVersion = crate::DokkuVersion::new(0, 37, 0);

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
    Error::Config(format!("{}:report: {message}", spec.namespace))
}

/// Reads the records of `spec` for `scope`: the app reports in the spec's form, and the global
/// values from the first app's report (each repeats them, so no command is spent on them) or,
/// with no app in scope, from `--global` (Dokku 0.38 and later; older servers without apps show
/// none, which a warning says). A secret the text report masks is read through its
/// own info flag.
pub async fn export_properties(
    client: &Client,
    spec: &PropertyPluginSpec,
    scope: &ExportScope,
) -> Result<Exported<PropertyRecord>, Error> {
    let mut exported = Exported::default();
    if scope.version < spec.since {
        return Ok(exported);
    }
    // The files hold every stored value, masked secrets and labels included. Cron's task list
    // is computed from the deployed app.json, which only its report counts.
    if let Some(files) = scope.files.as_deref()
        && spec.counted_list.is_none()
    {
        return Ok(super::files::export_from_files(spec, files, scope));
    }
    let reports = read_app_reports(client, &spec.report, &scope.apps, &scope.version).await?;
    // Before 0.38.0 `--global` was an info flag (no app: "You haven't deployed any applications
    // yet"), so a server without apps shows no global values.
    let global_values = match reports.first() {
        Some(first) => Some(std::borrow::Cow::Borrowed(first)),
        None if scope.system && scope.version.all_reports_have_json() => Some(std::borrow::Cow::Owned(
            crate::reports::read_global_report(client, &spec.report, &scope.version).await?,
        )),
        None => {
            if scope.system {
                exported.warnings.push(format!(
                    "{}: Dokku {} prints global values only in app reports, and there are no apps: not exported",
                    spec.namespace, scope.version
                ));
            }
            None
        }
    };
    if scope.system
        && let Some(values) = global_values
    {
        let (global, warning) = global_record(spec, &values, &scope.version);
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
    read_masked_secrets(client, spec, &mut exported).await?;
    if let Some(list) = spec.counted_list {
        read_counted_lists(client, list, &mut exported).await?;
    }
    if spec.labels && scope.version >= LABELS_SINCE {
        super::labels::read_labels(client, spec, scope, &mut exported).await?;
    }
    Ok(exported)
}

/// `<plugin>:report <app|--global> --<type>-[global-]<key>`: one value, printed raw even where
/// the full text report masks it (Dokku passes the info flag to its masking).
fn read_one_value(spec: &PropertyPluginSpec, app: Option<&str>, key: &str) -> Command {
    let flag = match app {
        Some(_) => format!("--{}-{key}", spec.report.type_prefix),
        None => format!("--{}-global-{key}", spec.report.type_prefix),
    };
    Command::dokku(spec.report.subcommand).arg(app.unwrap_or("--global")).arg(flag)
}

/// Replaces the secrets the text reports masked with their values, read one by one through
/// their info flags (cheap single-value reads, no root needed). Dokku prints the value and a
/// newline; a value that comes back masked or empty stays `unread`, with a warning.
async fn read_masked_secrets(
    client: &Client,
    spec: &PropertyPluginSpec,
    exported: &mut Exported<PropertyRecord>,
) -> Result<(), Error> {
    let unread: Vec<(usize, String)> = exported
        .records
        .iter()
        .enumerate()
        .flat_map(|(at, record)| record.unread.iter().map(move |key| (at, key.clone())))
        .collect();
    let reads = unread.iter().map(|(at, key)| {
        let cmd = read_one_value(spec, exported.records[*at].app_name.as_deref(), key);
        async move { client.stdout(&cmd).await }
    });
    let values = futures_util::future::try_join_all(reads).await?;
    let mut still_unread = 0;
    for ((at, key), value) in unread.into_iter().zip(values) {
        let value = value.strip_suffix('\n').unwrap_or(&value).to_owned();
        let record = &mut exported.records[at];
        if value.is_empty() || spec.mask.is_some_and(|mask| mask.hides(&value)) {
            still_unread += 1;
            continue;
        }
        record.unread.remove(&key);
        record.secrets.insert(key, crate::Secret::new(value));
    }
    if still_unread > 0 {
        exported.warnings.push(format!(
            "{}: {still_unread} secret value(s) stay masked; recorded as `unread` (apply takes them \
             from the secrets file or a reference)",
            spec.namespace
        ));
    }
    Ok(())
}

/// Replaces each counted list's count (put there by the report reading) with the list itself,
/// one `<list> <app> --format json` per app that has entries.
async fn read_counted_lists(
    client: &Client,
    list: super::spec::CountedList,
    exported: &mut Exported<PropertyRecord>,
) -> Result<(), Error> {
    let apps: Vec<(usize, String)> = exported
        .records
        .iter()
        .enumerate()
        .filter(|(_, r)| r.info.contains_key(list.info_key))
        .filter_map(|(at, r)| r.app_name.clone().map(|app| (at, app)))
        .collect();
    let reads = apps.iter().map(|(_, app)| {
        let cmd = Command::dokku(list.subcommand).args([app.as_str(), "--format", "json"]);
        async move { client.stdout(&cmd).await }
    });
    let lists = futures_util::future::try_join_all(reads).await?;
    for ((at, app), text) in apps.into_iter().zip(lists) {
        let value: serde_json::Value = serde_json::from_str(text.trim()).map_err(|e| {
            Error::Config(format!("{} {app} --format json: not a JSON list: {e}", list.subcommand))
        })?;
        exported.records[at].info.insert(list.info_key.to_owned(), value);
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
