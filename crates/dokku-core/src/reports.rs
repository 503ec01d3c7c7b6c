//! Reading a plugin's `:report` for the apps in scope, in the cheapest complete form.
//!
//! Real Dokku commands are uneven: a bulk `ports:report` (no app) can cost a hundred times one
//! app's report, while a bulk `apps:report` costs less than two single ones. Each plugin crate
//! states its choice once, as a [`ReportSpec`]; this module carries it out, preferring
//! `--format json` for per-app reads where the server's version has it (the text and JSON paths
//! give the same [`ReportValues`]).

use futures_util::future::try_join_all;

use crate::text::{ReportSubject, ReportValues, report_values_from_json, report_values_from_text};
use crate::{Client, Command, DokkuVersion, Error};

/// How a plugin's app reports are read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReportForm {
    /// One `<plugin>:report` for all apps (text: the no-app JSON form does not name the apps).
    Bulk,
    /// One `<plugin>:report <app>` per app, in parallel within the client's limit.
    PerApp,
}

/// Where and how a plugin's report is read.
#[derive(Clone, Debug)]
pub struct ReportSpec {
    /// The report subcommand (`ps:report`).
    pub subcommand: &'static str,
    /// The `<type>-` prefix Dokku puts on the plugin's keys (`ps`, `app`, `nginx`).
    pub type_prefix: &'static str,
    /// Bulk or per app, chosen by measured cost.
    pub form: ReportForm,
    /// The first version whose per-app report accepts `--format json`.
    pub json_since: DokkuVersion,
}

impl ReportSpec {
    fn json(&self, version: &DokkuVersion) -> bool {
        version >= &self.json_since
    }

    /// The command reading one app's report in the form this spec prefers on `version`.
    pub fn app_command(&self, app: &str, version: &DokkuVersion) -> Command {
        let cmd = Command::dokku(self.subcommand).arg(app);
        if self.json(version) { cmd.args(["--format", "json"]) } else { cmd }
    }

    /// The command reading the global report (Dokku 0.38 and later accept `--global` everywhere).
    pub fn global_command(&self, version: &DokkuVersion) -> Command {
        let cmd = Command::dokku(self.subcommand).arg("--global");
        if self.json(version) { cmd.args(["--format", "json"]) } else { cmd }
    }
}

/// Reads the reports of `apps` (in that order; apps the server does not report are left out).
pub async fn read_app_reports(
    client: &Client,
    spec: &ReportSpec,
    apps: &[String],
    version: &DokkuVersion,
) -> Result<Vec<ReportValues>, Error> {
    if apps.is_empty() {
        return Ok(Vec::new());
    }
    match spec.form {
        ReportForm::Bulk => {
            let cmd = Command::dokku(spec.subcommand);
            let out = client.stdout(&cmd).await?;
            let blocks = report_values_from_text(&out, spec.type_prefix)
                .map_err(|e| Error::Parse { command: cmd.to_string(), source: Box::new(e) })?;
            let mut by_app: Vec<ReportValues> = Vec::with_capacity(apps.len());
            for app in apps {
                if let Some(block) = blocks.iter().find(|b| b.app() == Some(app.as_str())) {
                    by_app.push(block.clone());
                }
            }
            Ok(by_app)
        }
        ReportForm::PerApp => {
            try_join_all(apps.iter().map(|app| read_one_app(client, spec, app, version))).await
        }
    }
}

/// Reads one app's report.
pub async fn read_one_app(
    client: &Client,
    spec: &ReportSpec,
    app: &str,
    version: &DokkuVersion,
) -> Result<ReportValues, Error> {
    let cmd = spec.app_command(app, version);
    let out = client.stdout(&cmd).await?;
    let parsed = if spec.json(version) {
        report_values_from_json(&out, ReportSubject::App(app.to_owned()), spec.type_prefix)
    } else {
        report_values_from_text(&out, spec.type_prefix).map(|mut blocks| {
            let mut values = if blocks.is_empty() {
                ReportValues { subject: ReportSubject::App(app.to_owned()), values: Vec::new() }
            } else {
                blocks.remove(0)
            };
            values.subject = ReportSubject::App(app.to_owned());
            values
        })
    };
    parsed.map_err(|e| Error::Parse { command: cmd.to_string(), source: Box::new(e) })
}

/// Reads the global report.
pub async fn read_global_report(
    client: &Client,
    spec: &ReportSpec,
    version: &DokkuVersion,
) -> Result<ReportValues, Error> {
    let cmd = spec.global_command(version);
    let out = client.stdout(&cmd).await?;
    let parsed = if spec.json(version) {
        report_values_from_json(&out, ReportSubject::Global, spec.type_prefix)
    } else {
        report_values_from_text(&out, spec.type_prefix).map(|mut blocks| {
            let mut values = if blocks.is_empty() {
                ReportValues { subject: ReportSubject::Global, values: Vec::new() }
            } else {
                blocks.remove(0)
            };
            values.subject = ReportSubject::Global;
            values
        })
    };
    parsed.map_err(|e| Error::Parse { command: cmd.to_string(), source: Box::new(e) })
}

/// A warning naming every report key the model did not take (kept in `extra`, never dropped).
pub fn unknown_fields_warning(plugin: &str, values: &ReportValues) -> Option<String> {
    if values.values.is_empty() {
        return None;
    }
    let keys: Vec<&str> = values.values.iter().map(|(k, _)| k.as_str()).collect();
    let whose = values.app().map_or_else(|| "global".to_owned(), |a| format!("app {a}"));
    Some(format!("{plugin}: {whose}: unknown report field(s) kept in `extra`: {}", keys.join(", ")))
}
