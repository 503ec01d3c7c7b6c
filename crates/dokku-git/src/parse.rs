//! Pure parsers: `git:report` text and `--format json` into [`Git`] and [`GitGlobal`] records.

use dokku_core::reports::{ReportForm, ReportSpec, unknown_fields_warning};
use dokku_core::text::{
    ReportSubject, ReportValues, TextError, report_values_from_json, report_values_from_text,
};
use dokku_core::{DokkuVersion, timestamp};

use crate::model::{Git, GitGlobal};

/// How `git:report` is read: the bulk form is cheap (0.19 s for 30 apps against 0.09–0.16 s per
/// app on a measured 0.38.27); `--format json` exists since 0.38.0 (for `--global` reads).
pub const REPORT: ReportSpec = ReportSpec {
    subcommand: "git:report",
    type_prefix: "git",
    form: ReportForm::Bulk,
    json_since: DokkuVersion::new(0, 38, 0),
};

/// The first version whose report prints the app's own deploy branch and keep-git-dir values;
/// before it, Dokku printed the resolved values (default `master` / `false`).
const RAW_VALUES_SINCE: DokkuVersion = DokkuVersion::new(0, 38, 6);

/// The default branch Dokku deploys when none is set.
const DEFAULT_BRANCH: &str = "master";

/// Whether `version` prints resolved (not raw) deploy-branch and keep-git-dir values.
pub fn prints_resolved_values(version: &DokkuVersion) -> bool {
    version < &RAW_VALUES_SINCE
}

/// Values computed by Dokku from the others: the model drops them on purpose.
fn is_computed(key: &str) -> bool {
    key.starts_with("computed-")
}

/// The raw global values, repeated in every app's report and exported once globally.
fn is_global(key: &str) -> bool {
    key.starts_with("global-")
}

fn non_empty(value: Option<String>) -> Option<String> {
    value.filter(|v| !v.is_empty())
}

fn parse_bool(whose: &str, key: &str, value: Option<String>) -> Result<Option<bool>, String> {
    match value.as_deref() {
        None | Some("") => Ok(None),
        Some("true") => Ok(Some(true)),
        Some("false") => Ok(Some(false)),
        Some(other) => Err(format!("{whose}: `{key}` is {other:?}, expected true or false")),
    }
}

fn parse_count(whose: &str, key: &str, value: Option<&str>) -> Result<Option<u64>, String> {
    match value {
        None | Some("") => Ok(None),
        Some(v) => {
            v.parse().map(Some).map_err(|_| format!("{whose}: `{key}` is {v:?}, expected a whole number"))
        }
    }
}

/// Builds a [`Git`] from one app's report values; returns what the model did not know as a
/// warning. `version` decides whether the branch values are raw or resolved.
pub fn git_from_values(
    mut values: ReportValues,
    version: &DokkuVersion,
) -> Result<(Git, Option<String>), String> {
    let name = values.app().ok_or("a git report block without an app name")?.to_owned();
    let whose = format!("app {name}");
    let resolved = prints_resolved_values(version);
    let mut deploy_branch = non_empty(values.take("deploy-branch"));
    let mut keep_git_path = parse_bool(&whose, "keep-git-dir", values.take("keep-git-dir"))?;
    if resolved {
        // An old Dokku printed the app's own branch or, unset, `master` (never the global one:
        // `fn-plugin-property-get "git" "$APP" "deploy-branch" "master"`, plugins/git/
        // internal-functions at v0.35.20 and v0.38.0), and `false` for an unset keep-git-dir:
        // both defaults are taken as not set.
        if deploy_branch.as_deref() == Some(DEFAULT_BRANCH) {
            deploy_branch = None;
        }
        keep_git_path = keep_git_path.filter(|keep| *keep);
    }
    let last_updated_at = timestamp::from_unix_text(&values.take("last-updated-at").unwrap_or_default())
        .map_err(|e| format!("{whose}: last-updated-at: {e}"))?;
    let git = Git {
        deploy_branch,
        keep_git_path,
        // Empty is a value here: Dokku stores an empty name to disable the variable.
        rev_env_var: values.take("rev-env-var"),
        sha: non_empty(values.take("sha")),
        source_image: non_empty(values.take("source-image")),
        last_updated_at,
        extra: Default::default(),
        app_name: name,
    };
    values.discard(|k| is_computed(k) || is_global(k));
    let warning = unknown_fields_warning("git", &values);
    Ok((Git { extra: values.values.into_iter().collect(), ..git }, warning))
}

/// The global settings from a `--global` report or from any app's report (which repeats them).
/// Keys other than the `global-*` and `computed-*` ones are ignored here.
pub fn global_from_values(values: &ReportValues, version: &DokkuVersion) -> Result<GitGlobal, String> {
    let whose = "global";
    let get = |key: &str| values.get(key).filter(|v| !v.is_empty()).map(str::to_owned);
    let mut global = GitGlobal {
        global_deploy_branch: get("global-deploy-branch"),
        global_keep_git_path: parse_bool(whose, "global-keep-git-dir", get("global-keep-git-dir"))?,
        global_archive_max_files: parse_count(
            whose,
            "global-archive-max-files",
            values.get("global-archive-max-files"),
        )?,
        global_archive_max_size: parse_count(
            whose,
            "global-archive-max-size",
            values.get("global-archive-max-size"),
        )?,
    };
    if prints_resolved_values(version) && global.global_deploy_branch.as_deref() == Some(DEFAULT_BRANCH) {
        // Resolved: `master` is what an unset global branch prints.
        global.global_deploy_branch = None;
    }
    Ok(global)
}

/// A warning for unknown keys of a `--global` report.
pub fn global_warning(values: &ReportValues) -> Option<String> {
    let mut rest = values.clone();
    rest.discard(|k| is_computed(k) || is_global(k));
    unknown_fields_warning("git", &rest)
}

fn to_error(e: String) -> TextError {
    TextError::new(0, "a git report with valid values", &e)
}

/// What a text `git:report` holds.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct GitReport {
    /// One record per app block, in printed order.
    pub apps: Vec<Git>,
    /// The global values as the first block repeats them (`None` without blocks).
    pub global: Option<GitGlobal>,
    /// One line per block with unknown fields.
    pub warnings: Vec<String>,
}

/// Parses `git:report [<app>]` text into app records plus the global settings of the first
/// block, with warnings for unknown fields.
pub fn parse_report_text(text: &str, version: &DokkuVersion) -> Result<GitReport, TextError> {
    let blocks = report_values_from_text(text, REPORT.type_prefix)?;
    let global = blocks.first().map(|b| global_from_values(b, version)).transpose().map_err(to_error)?;
    let mut report = GitReport { global, ..GitReport::default() };
    for values in blocks {
        let (git, warning) = git_from_values(values, version).map_err(to_error)?;
        report.apps.push(git);
        report.warnings.extend(warning);
    }
    Ok(report)
}

/// Parses `git:report <app> --format json` (Dokku 0.38.0 and later).
pub fn parse_report_json(
    app: &str,
    text: &str,
    version: &DokkuVersion,
) -> Result<(Git, GitGlobal, Option<String>), TextError> {
    let values = report_values_from_json(text, ReportSubject::App(app.to_owned()), REPORT.type_prefix)?;
    let global = global_from_values(&values, version).map_err(to_error)?;
    let (git, warning) = git_from_values(values, version).map_err(to_error)?;
    Ok((git, global, warning))
}
