//! Export and apply glue: the buildpacks plugin as the engine sees it.

use dokku_core::plugin::{DiffOptions, ExportScope, Exported, Plugin, PluginDiff};
use dokku_core::reports::{read_app_reports, read_global_values};
use dokku_core::{Client, Command, Error};

use crate::commands::{builders, parse_error};
use crate::files::buildpacks_from_files;
use crate::model::{BuildpackUrl, Buildpacks};
use crate::parse::{REPORT, app_from_values, global_from_values, parse_list_text};

/// The buildpacks plugin for the export/apply engine.
#[derive(Clone, Copy, Debug, Default)]
pub struct BuildpacksPlugin;

impl Plugin for BuildpacksPlugin {
    const KEY: &'static str = "buildpacks";
    const DOKKU_NAME: &'static str = "buildpacks";
    const REQUIRES: &'static [&'static str] = &["apps"];
    type Record = Buildpacks;

    async fn export(client: &Client, scope: &ExportScope) -> Result<Exported<Buildpacks>, Error> {
        let mut exported = Exported::default();
        // As root, the property store's files: no command.
        if let Some(files) = scope.files.as_deref() {
            let global = scope.system.then(|| buildpacks_from_files(files, None));
            let apps = scope.apps.iter().map(|app| buildpacks_from_files(files, Some(app)));
            exported.records.extend(global.into_iter().chain(apps).filter(|r| !r.is_empty()));
            return Ok(exported);
        }
        let reports = read_app_reports(client, &REPORT, &scope.apps, &scope.version).await?;
        if scope.system
            && let Some(values) = read_global_values(client, &REPORT, &scope.version, &reports).await?
        {
            let (global, warning) = global_from_values(values.values());
            exported.records.push(global);
            exported.warnings.extend(warning);
        }
        for values in reports {
            let (mut record, warning) = app_from_values(values).map_err(|e| parse_error(&e))?;
            // The report joins the list with commas, so a URL holding one comes back in pieces
            // that are not buildpacks: `buildpacks:list` has each URL on its own line.
            if let Some(app) = record.app_name.as_deref()
                && record.buildpacks.iter().any(|url| url_problem(url).is_some())
            {
                let cmd = builders::list(app);
                let out = client.stdout(&cmd).await?;
                record.buildpacks = parse_list_text(&out)
                    .map_err(|e| Error::Parse { command: cmd.to_string(), source: Box::new(e) })?;
            }
            exported.records.push(record);
            exported.warnings.extend(warning);
        }
        // An empty record says what no record says (nothing set): the document leaves it out.
        exported.records.retain(|r| !r.is_empty());
        Ok(exported)
    }

    fn longest_read(apps: usize) -> f64 {
        REPORT.form.longest_command(apps)
    }

    fn validate(record: &Buildpacks) -> Vec<(String, String)> {
        let mut problems = Vec::new();
        match record.app_name.as_deref() {
            Some(app) if !dokku_core::app_name::is_valid(app) => {
                problems.push(("app_name".to_owned(), dokku_core::app_name::invalid_message(app)));
            }
            None if !record.buildpacks.is_empty() => problems.push((
                "buildpacks".to_owned(),
                "only apps have buildpacks: the global record holds the stack alone".to_owned(),
            )),
            _ => {}
        }
        for (i, url) in record.buildpacks.iter().enumerate() {
            if let Some(message) = url_problem(url) {
                problems.push((format!("buildpacks[{i}]"), message));
            }
        }
        if record.stack.as_deref().is_some_and(|s| s.trim().is_empty() || s.contains(char::is_whitespace)) {
            problems.push(("stack".to_owned(), "must be an image name without spaces".to_owned()));
        }
        problems
    }

    /// Global stack first, then each app's buildpacks in order and its stack.
    fn apply_commands(records: &[Buildpacks]) -> Vec<Command> {
        crate::create::commands(records)
    }

    fn diff(current: &[Buildpacks], desired: &[Buildpacks], options: &DiffOptions) -> PluginDiff {
        crate::diff::diff(current, desired, options)
    }
}

/// Why Dokku would refuse `url`, or why it could not come back unchanged (masked in the message).
fn url_problem(url: &BuildpackUrl) -> Option<String> {
    let stored = url.stored_form();
    let shown = url.masked();
    if stored.contains(char::is_whitespace) {
        return Some(format!("{shown:?} contains whitespace"));
    }
    // Dokku's check: `(http|https|git)` then `://` or `@`, a host, `/` or `:`, and a path.
    let rest = ["https://", "http://", "git://", "git@"].iter().find_map(|p| stored.strip_prefix(p));
    let valid = rest.is_some_and(|rest| {
        rest.find(['/', ':']).is_some_and(|at| {
            at > 0 && rest[at + 1..].split_once('/').is_some_and(|(a, b)| !a.is_empty() && !b.is_empty())
        })
    });
    (!valid).then(|| {
        format!("{shown:?} is not a buildpack Dokku accepts (an http(s)/git URL or `owner/name` shorthand)")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_are_checked_as_dokku_does_and_masked_in_messages() {
        let ok = [
            "https://example.com/a,b/c.git",
            "heroku/nodejs",
            "https://github.com/heroku/heroku-buildpack-nodejs.git",
            "git@github.com:acme/bp.git",
            "https://bot:tok@github.com/acme/bp.git",
        ];
        for url in ok {
            assert_eq!(url_problem(&BuildpackUrl::new(url)), None, "{url}");
        }
        let bad = [
            "nodejs",
            "ftp://example.com/a/b",
            "https://example.com",
            "https://u:tok@x/a b/c.git",
            "b/c.git",
        ];
        for url in bad {
            let problem = url_problem(&BuildpackUrl::new(url));
            assert!(problem.as_deref().is_some_and(|p| !p.contains("tok@")), "{url}: {problem:?}");
        }
    }
}
