//! The two `:report` renderers of Dokku: the Go one (`common.ReportSingleApp`, every core plugin
//! since 0.38.22) and the bash one (`letsencrypt` and `maintenance` today).

use std::collections::BTreeMap;

use crate::go_json::{GoValue, go_object, go_string, ordered_object};
use crate::invocation::Invocation;
use crate::output::{Failure, Outcome};
use crate::version::DokkuVersion;

/// The arguments of a `<plugin>:report` call, parsed like `common.ParseReportArgs`.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct ReportArgs {
    /// The app, when one was named.
    pub app: Option<String>,
    /// `--global` was given.
    pub global: bool,
    /// The value after `--format` (`stdout` when absent).
    pub format: Option<String>,
    /// The single `--<key>` asked for.
    pub info_flag: Option<String>,
    /// More than one info flag was given: Go reports then silently print nothing.
    pub too_many_flags: bool,
}

/// Why report arguments could not be parsed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportArgsError {
    /// `--format` was the last argument: the Go binary indexes past the end and panics.
    DanglingFormat,
}

/// Parses report arguments: `--format <v>`, `--global`, one `--<flag>`, the first other word
/// is the app.
pub fn parse_report_args(args: &[String]) -> Result<ReportArgs, ReportArgsError> {
    let mut parsed = ReportArgs::default();
    let mut info_flags = Vec::new();
    let mut words = args.iter();
    while let Some(word) = words.next() {
        if word == "--format" {
            let value = words.next().ok_or(ReportArgsError::DanglingFormat)?;
            parsed.format = Some(value.clone());
        } else if word == "--global" {
            parsed.global = true;
        } else if word.starts_with("--") {
            info_flags.push(word.clone());
        } else if parsed.app.is_none() {
            parsed.app = Some(word.clone());
        }
    }
    match info_flags.len() {
        0 => {}
        1 => parsed.info_flag = info_flags.pop(),
        _ => parsed.too_many_flags = true,
    }
    Ok(parsed)
}

/// How a Go report derives its JSON keys and labels.
#[derive(Debug, Clone, Copy)]
pub struct GoReportStyle {
    /// `TrimPrefix`: JSON keys lose `--<type>-`.
    pub trim_prefix: bool,
    /// `EmitLegacyPrefix`: JSON also carries the untrimmed keys.
    pub legacy_prefix: bool,
    /// `UppercaseFirstCharacter` for stdout labels.
    pub uppercase: bool,
}

impl GoReportStyle {
    /// The 17 "legacy" Go plugins: both key shapes in JSON.
    pub const LEGACY: Self = Self { trim_prefix: true, legacy_prefix: true, uppercase: true };
    /// Plugins ported from bash in 0.38.22: trimmed keys only.
    pub const PORTED: Self = Self { trim_prefix: true, legacy_prefix: false, uppercase: true };
}

/// What one plugin's report is and where its JSON form first appeared.
#[derive(Debug, Clone, Copy)]
pub struct GoReportSpec {
    /// The command namespace (`ports` in `ports:report`).
    pub plugin: &'static str,
    /// The report type printed in headers and stripped from JSON keys (`app` for `apps`).
    pub report_type: &'static str,
    /// Key and label derivation.
    pub style: GoReportStyle,
    /// First version whose report accepts `--format json`.
    pub json_since: DokkuVersion,
}

/// Who a report block is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Subject<'a> {
    /// One app.
    App(&'a str),
    /// The `--global` scope.
    Global,
}

/// One report block's values: `--<key>` → value, plus list values only JSON shows.
#[derive(Debug, Default, Clone)]
pub struct ReportValues {
    /// Flag (with leading `--`) to value.
    pub flags: BTreeMap<String, String>,
    /// Extra JSON-only list values (docker-options `*-list`).
    pub json_lists: BTreeMap<String, Vec<String>>,
}

impl ReportValues {
    /// Adds one flag.
    pub fn set(&mut self, flag: &str, value: impl Into<String>) {
        self.flags.insert(flag.to_string(), value.into());
    }
}

/// Runs a Go `:report` command: all apps, one app, `--global`, one flag or JSON.
pub fn run_go_report(
    inv: &mut Invocation<'_>,
    spec: &GoReportSpec,
    args: &[String],
    values: &dyn Fn(&Invocation<'_>, Subject<'_>) -> ReportValues,
) -> Outcome {
    let parsed = match parse_report_args(args) {
        Ok(parsed) => parsed,
        Err(ReportArgsError::DanglingFormat) => return Err(go_index_panic(inv)),
    };
    if parsed.too_many_flags {
        // The flag error is dropped by the Go subcommand: nothing is printed, exit 0.
        return Ok(());
    }
    if parsed.format.is_some() && !inv.version.at_least_version(spec.json_since) {
        // Before JSON support `--format` was taken for an (invalid) info flag: bash reports
        // listed the valid flags space-separated, Go reports comma-separated.
        let values = values(inv, Subject::Global);
        let keys: Vec<&str> = values.flags.keys().map(String::as_str).collect();
        let separator = if spec.style.legacy_prefix { ", " } else { " " };
        return Err(inv.out.fail(&format!("Invalid flag passed, valid flags: {}", keys.join(separator))));
    }
    if parsed.global {
        return render_go_block(inv, spec, &parsed, Subject::Global, values);
    }
    match parsed.app.clone() {
        Some(app) => {
            if !inv.app_exists(&app) {
                return Err(inv.out.app_missing(&app));
            }
            render_go_block(inv, spec, &parsed, Subject::App(&app), values)
        }
        None => {
            let apps: Vec<String> = inv.state.apps.keys().cloned().collect();
            if apps.is_empty() {
                inv.out.warn("You haven't deployed any applications yet");
                return Ok(());
            }
            for app in apps {
                render_go_block(inv, spec, &parsed, Subject::App(&app), values)?;
            }
            Ok(())
        }
    }
}

/// What a Go binary prints when it indexes past the end of its arguments.
pub fn go_index_panic(inv: &mut Invocation<'_>) -> Failure {
    inv.out.err_line("panic: runtime error: index out of range");
    Failure(2)
}

/// Renders one block with `common.ReportSingleApp`'s rules.
fn render_go_block(
    inv: &mut Invocation<'_>,
    spec: &GoReportSpec,
    parsed: &ReportArgs,
    subject: Subject<'_>,
    values: &dyn Fn(&Invocation<'_>, Subject<'_>) -> ReportValues,
) -> Outcome {
    let mut values = values(inv, subject);
    if let Some((name, value)) = crate::settings::new_report_field() {
        values.set(&format!("--{}-{name}", spec.report_type), value);
    }
    let format = parsed.format.as_deref().unwrap_or("stdout");
    let modern_validation = inv.version.at_least(0, 38, 8);
    if format != "stdout" && format != "json" && modern_validation {
        return Err(inv.out.fail(&format!("Format must be \"stdout\" or \"json\": {}", go_string(format))));
    }
    if format == "json" && parsed.info_flag.is_some() {
        return Err(inv.out.fail("--format flag cannot be specified when specifying an info flag"));
    }
    let subject_name = match subject {
        Subject::App(app) => app,
        Subject::Global => "--global",
    };
    if format == "json" {
        let json = go_report_json(spec, &values, inv.version);
        inv.out.line(&json);
        return Ok(());
    }
    if let Some(flag) = &parsed.info_flag {
        return match values.flags.get(flag) {
            Some(value) => {
                inv.out.line(value);
                Ok(())
            }
            None => {
                let keys: Vec<&str> = values.flags.keys().map(String::as_str).collect();
                Err(inv.out.fail(&format!("Invalid flag passed, valid flags: {}", keys.join(", "))))
            }
        };
    }
    let width = values.flags.keys().map(String::len).max().unwrap_or(0).max(31);
    inv.out.info2_quiet(&format!("{subject_name} {} information", spec.report_type));
    for (flag, value) in &values.flags {
        let mut label = flag.trim_start_matches("--").replace(['-', '.'], " ");
        if spec.style.uppercase {
            label = uppercase_first(&label);
        }
        let label = format!("{label}:");
        let padding = width.saturating_sub(label.len());
        inv.out.verbose(&format!("{label}{}{value}", " ".repeat(padding)));
    }
    Ok(())
}

/// The one-line JSON of a Go report block.
fn go_report_json(spec: &GoReportSpec, values: &ReportValues, version: DokkuVersion) -> String {
    let prefix = format!("--{}-", spec.report_type);
    // Before 0.38.8 Go reports used the flag minus `--` as the key, with no trimming.
    let trim = spec.style.trim_prefix && version.at_least(0, 38, 8);
    let mut map = BTreeMap::new();
    for (flag, value) in &values.flags {
        let legacy_key = flag.trim_start_matches("--").to_string();
        match flag.strip_prefix(&prefix) {
            Some(trimmed) if trim => {
                map.insert(trimmed.to_string(), GoValue::Text(value.clone()));
                if spec.style.legacy_prefix {
                    map.insert(legacy_key, GoValue::Text(value.clone()));
                }
            }
            _ => {
                map.insert(legacy_key, GoValue::Text(value.clone()));
            }
        }
    }
    for (key, list) in &values.json_lists {
        map.insert(key.clone(), GoValue::List(list.clone()));
    }
    go_object(&map)
}

/// Go's `UcFirst`.
pub fn uppercase_first(text: &str) -> String {
    let mut characters = text.chars();
    match characters.next() {
        Some(first) => first.to_uppercase().collect::<String>() + characters.as_str(),
        None => String::new(),
    }
}

/// One bash-rendered report block: `(flag, value)` in declaration order.
pub struct BashReport<'a> {
    /// The plugin name (`letsencrypt`).
    pub plugin: &'a str,
    /// `app1` or `global`.
    pub subject: &'a str,
    /// Flags with their values, in declaration order.
    pub entries: Vec<(String, String)>,
}

/// Renders a bash report block (`printf "%-30s %-25s"` lines, or jq JSON, or one value).
pub fn render_bash_block(
    inv: &mut Invocation<'_>,
    report: &BashReport<'_>,
    format: &str,
    info_flag: Option<&str>,
) -> Outcome {
    let mut entries = report.entries.clone();
    if let Some((name, value)) = crate::settings::new_report_field() {
        entries.push((format!("--{}-{name}", report.plugin), value));
    }
    let report = BashReport { plugin: report.plugin, subject: report.subject, entries };
    let report = &report;
    if let Some(flag) = info_flag {
        return match report.entries.iter().find(|(key, _)| key == flag) {
            Some((_, value)) if !value.is_empty() => {
                inv.out.line(value);
                Ok(())
            }
            Some(_) => Err(inv.out.fail("not deployed")),
            None => {
                let keys: Vec<&str> = report.entries.iter().map(|(k, _)| k.as_str()).collect();
                Err(inv.out.fail(&format!("Invalid flag passed, valid flags: {}", keys.join(" "))))
            }
        };
    }
    if format == "json" {
        let prefix = format!("--{}-", report.plugin);
        let pairs: Vec<(String, String)> = report
            .entries
            .iter()
            .map(|(key, value)| {
                let key = key.strip_prefix(&prefix).unwrap_or(key.trim_start_matches("--"));
                (key.to_string(), value.clone())
            })
            .collect();
        inv.out.line(&ordered_object(&pairs));
        return Ok(());
    }
    inv.out.info2_quiet(&format!("{} {} information", report.subject, report.plugin));
    for (key, value) in &report.entries {
        let label = uppercase_first(&key.trim_start_matches("--").replace('-', " "));
        inv.out.verbose(&format!("{:<30} {:<25}", format!("{label}:"), value));
    }
    Ok(())
}
