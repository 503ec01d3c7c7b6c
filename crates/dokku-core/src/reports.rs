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
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum ReportForm {
    /// One `<plugin>:report` for all apps (text: the no-app JSON form does not name the apps).
    Bulk,
    /// One `<plugin>:report <app>` per app, in parallel within the client's limit.
    PerApp,
    /// Whichever costs the server less time for this many apps, from measured costs in
    /// seconds: the bulk form (`base + per_app × apps`, one command) against one report per app.
    /// An export reads every plugin at once and keeps all of the client's slots busy, so its
    /// wall time follows the server time of all its commands together, not how fast one
    /// plugin's reads would finish alone.
    ByCost {
        /// Seconds the bulk form costs with no apps.
        bulk_base: f64,
        /// Seconds the bulk form adds per app.
        bulk_per_app: f64,
        /// Seconds one app's report costs.
        one_app: f64,
    },
}

impl ReportForm {
    /// The form to use for `apps` apps.
    pub fn resolve(self, apps: usize) -> ReportForm {
        match self {
            Self::ByCost { bulk_base, bulk_per_app, one_app } => {
                #[allow(clippy::cast_precision_loss)]
                let n = apps as f64;
                if bulk_base + bulk_per_app * n <= one_app * n { Self::Bulk } else { Self::PerApp }
            }
            fixed => fixed,
        }
    }

    /// Seconds the longest single command of this form is expected to take for `apps` apps on
    /// a real server (0 when the form carries no measurement), so that the longest reads can
    /// start first.
    pub fn longest_command(self, apps: usize) -> f64 {
        match self {
            Self::ByCost { bulk_base, bulk_per_app, one_app } => {
                #[allow(clippy::cast_precision_loss)]
                let n = apps as f64;
                match self.resolve(apps) {
                    Self::Bulk => bulk_base + bulk_per_app * n,
                    _ => one_app,
                }
            }
            Self::Bulk | Self::PerApp => 0.0,
        }
    }
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
    match spec.form.resolve(apps.len()) {
        ReportForm::Bulk | ReportForm::ByCost { .. } => {
            let cmd = Command::dokku(spec.subcommand);
            let out = client.stdout(&cmd).await?;
            let blocks = report_values_from_text(&out, spec.type_prefix)
                .map_err(|e| Error::Parse { command: cmd.to_string(), source: Box::new(e) })?;
            let mut by_name: std::collections::HashMap<String, ReportValues> =
                blocks.into_iter().filter_map(|b| b.app().map(str::to_owned).map(|name| (name, b))).collect();
            Ok(apps.iter().filter_map(|app| by_name.remove(app)).collect())
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

/// Where a plugin's global settings were read from.
#[derive(Debug)]
pub enum GlobalValues<'a> {
    /// `<plugin>:report --global` (Dokku 0.38 and later): only the global keys.
    Global(ReportValues),
    /// An app's report, which older Dokku uses to repeat the global values (the same raw values
    /// in every app's, so the first one will do); it also holds that app's own keys.
    RepeatedIn(&'a ReportValues),
}

impl GlobalValues<'_> {
    /// The values.
    pub fn values(&self) -> &ReportValues {
        match self {
            Self::Global(values) => values,
            Self::RepeatedIn(values) => values,
        }
    }

    /// Whether the values come from the global report alone (so unknown keys in it are
    /// unknown global fields, worth a warning).
    pub fn is_global_report(&self) -> bool {
        matches!(self, Self::Global(_))
    }
}

/// Reads a plugin's global settings: with `--global` where the version has it, else from the
/// first of the already-read `app_reports` (`None` when there is none).
pub async fn read_global_values<'a>(
    client: &Client,
    spec: &ReportSpec,
    version: &DokkuVersion,
    app_reports: &'a [ReportValues],
) -> Result<Option<GlobalValues<'a>>, Error> {
    if version.all_reports_have_json() {
        Ok(Some(GlobalValues::Global(read_global_report(client, spec, version).await?)))
    } else {
        Ok(app_reports.first().map(GlobalValues::RepeatedIn))
    }
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

#[cfg(test)]
mod tests {
    use super::ReportForm;

    #[test]
    fn cost_picks_the_faster_form() {
        // maintenance:report as measured on 0.38.27: bulk 0.2 s + 0.02 s per app, 0.18 s per app.
        let form = ReportForm::ByCost { bulk_base: 0.2, bulk_per_app: 0.02, one_app: 0.18 };
        assert_eq!(form.resolve(1), ReportForm::PerApp);
        assert_eq!(form.resolve(3), ReportForm::Bulk);
        assert_eq!(form.resolve(1000), ReportForm::Bulk);
        // ports:report: the bulk form grows by 0.7 s per app; one app costs 0.08 s.
        let ports = ReportForm::ByCost { bulk_base: 0.1, bulk_per_app: 0.7, one_app: 0.08 };
        assert_eq!(ports.resolve(1), ReportForm::PerApp);
        assert_eq!(ports.resolve(30), ReportForm::PerApp);
        assert!((ports.longest_command(30) - 0.08).abs() < 1e-9, "one app's report");
        assert!((form.longest_command(30) - 0.8).abs() < 1e-9, "the bulk report");
        assert!(ReportForm::Bulk.longest_command(30).abs() < 1e-9, "no measurement");
    }
}
