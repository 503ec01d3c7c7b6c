//! Pure parsers: `docker-options:report` (text and `--format json`) and `docker-options:list`
//! into [`DockerOptions`] records.

use dokku_core::DokkuVersion;
use dokku_core::reports::{ReportForm, ReportSpec, unknown_fields_warning};
use dokku_core::text::{
    ReportSubject, ReportValues, TextError, report_values_from_json, report_values_from_text,
};

use crate::model::{DockerOption, DockerOptions, Phase, Scope};

mod joined_options;
pub(crate) use joined_options::split_joined;

/// How `docker-options:report` is read: one app at a time as `--format json`, the only form
/// whose `*-list` arrays give each option exactly (the text report joins a phase's options with
/// spaces; the bulk JSON form names no app). Before 0.38.0 there is only text.
pub const REPORT: ReportSpec = ReportSpec {
    subcommand: "docker-options:report",
    type_prefix: "docker-options",
    form: ReportForm::PerApp,
    json_since: DokkuVersion::new(0, 38, 0),
};

/// The scope a report key (canonical, unprefixed, without `-list`) names.
fn scope_of(key: &str) -> Option<Scope> {
    let phase = |word: &str| Phase::ALL.into_iter().find(|p| p.as_str() == word);
    if let Some(phase) = phase(key) {
        return Some(Scope { phase, process: None });
    }
    let process = key.strip_prefix("deploy-").filter(|p| !p.is_empty())?;
    Some(Scope { phase: Phase::Deploy, process: Some(process.to_owned()) })
}

/// Reads a `*-list` value: a JSON array of strings (`null` from older code means none).
fn list_value(who: &str, key: &str, text: &str) -> Result<Vec<DockerOption>, String> {
    let items: Option<Vec<String>> = serde_json::from_str(text)
        .map_err(|e| format!("{who}: `{key}` is not a JSON array of strings: {e}"))?;
    Ok(items.unwrap_or_default().into_iter().map(DockerOption::new).collect())
}

/// Builds one app's record from its report (`version`: the server's Dokku, which decides which
/// options belong to other plugins). Returns the warnings: unknown report fields (kept in
/// `extra`) and options left to their owning plugin (masked).
pub fn app_from_values(
    mut values: ReportValues,
    version: &DokkuVersion,
) -> Result<(DockerOptions, Vec<String>), String> {
    let name = values.app().ok_or("a docker-options report block without an app name")?.to_owned();
    let who = format!("app {name}");
    let mut record = DockerOptions::new(&name);
    let mut read: Vec<Scope> = Vec::new();
    // The exact arrays first; a joined value is read only where no array came with it.
    let list_keys: Vec<String> = values
        .values
        .iter()
        .filter_map(|(k, _)| {
            k.strip_suffix("-list").filter(|stem| scope_of(stem).is_some()).map(|_| k.clone())
        })
        .collect();
    for key in list_keys {
        let text = values.take(&key).unwrap_or_default();
        let scope = scope_of(key.trim_end_matches("-list")).ok_or_else(|| format!("{who}: `{key}`"))?;
        *record.list_mut(&scope) = list_value(&who, &key, &text)?;
        read.push(scope);
    }
    let joined_keys: Vec<String> =
        values.values.iter().filter(|(k, _)| scope_of(k).is_some()).map(|(k, _)| k.clone()).collect();
    for key in joined_keys {
        let text = values.take(&key).unwrap_or_default();
        let Some(scope) = scope_of(&key) else { continue };
        if !read.contains(&scope) {
            *record.list_mut(&scope) = split_joined(&text);
        }
    }
    record.deploy_processes.retain(|_, list| !list.is_empty());
    let mut warnings: Vec<String> = unknown_fields_warning("docker-options", &values).into_iter().collect();
    record.extra = values.values.into_iter().collect();
    warnings.extend(leave_to_owners(&mut record, version));
    Ok((record, warnings))
}

/// Removes the options another plugin owns on `version`; returns one warning naming them.
pub(crate) fn leave_to_owners(record: &mut DockerOptions, version: &DokkuVersion) -> Option<String> {
    let mut left = Vec::new();
    let mut keep = |scope: String, list: &mut Vec<DockerOption>| {
        list.retain(|option| match option.owner(version) {
            Some(owner) => {
                left.push(format!("{scope} `{option}` ({owner})"));
                false
            }
            None => true,
        });
    };
    keep("build".into(), &mut record.build);
    keep("deploy".into(), &mut record.deploy);
    keep("run".into(), &mut record.run);
    for (process, list) in &mut record.deploy_processes {
        keep(format!("deploy.{process}"), list);
    }
    record.deploy_processes.retain(|_, list| !list.is_empty());
    (!left.is_empty()).then(|| {
        format!(
            "docker-options: app {}: left to the plugins that own them, not exported: {}",
            record.app_name,
            left.join(", ")
        )
    })
}

fn to_error(e: String) -> TextError {
    TextError::new(0, "a docker-options report with valid values", &e)
}

/// Parses `docker-options:report [<app>]` text, one record per app block (`--global` blocks
/// carry nothing: docker options are per app).
pub fn parse_report_text(
    text: &str,
    version: &DokkuVersion,
) -> Result<(Vec<DockerOptions>, Vec<String>), TextError> {
    let mut records = Vec::new();
    let mut warnings = Vec::new();
    for values in report_values_from_text(text, REPORT.type_prefix)? {
        if values.subject == ReportSubject::Global {
            warnings.extend(unknown_fields_warning("docker-options", &values));
            continue;
        }
        let (record, found) = app_from_values(values, version).map_err(to_error)?;
        records.push(record);
        warnings.extend(found);
    }
    Ok((records, warnings))
}

/// Parses `docker-options:report <app> --format json`.
pub fn parse_report_json(
    app: &str,
    text: &str,
    version: &DokkuVersion,
) -> Result<(DockerOptions, Vec<String>), TextError> {
    let values = report_values_from_json(text, ReportSubject::App(app.to_owned()), REPORT.type_prefix)?;
    app_from_values(values, version).map_err(to_error)
}

/// Parses `docker-options:list <app> --phase <phase> [--process <type>]`: one stored option per
/// line, exactly as stored.
pub fn parse_list(text: &str) -> Vec<DockerOption> {
    text.lines().filter(|l| !l.trim().is_empty()).map(DockerOption::new).collect()
}
