//! Export and apply glue: the redirect plugin as the engine sees it.

use dokku_core::plugin::{DiffOptions, ExportScope, Exported, Plugin, PluginDiff};
use dokku_core::{Client, Command, Error};
use futures_util::future::try_join_all;

use crate::commands::{Redirects, builders};
use crate::files::redirects_from_files;
use crate::model::{REDIRECT_CODES, Redirect};

/// The redirect plugin for the export/apply engine.
///
/// Without the plugin installed `redirect <app>` fails with
/// [`DokkuErrorKind::PluginNotInstalled`](dokku_core::DokkuErrorKind::PluginNotInstalled), which
/// export returns as is: the engine decides to skip the plugin with a warning.
#[derive(Clone, Copy, Debug, Default)]
pub struct RedirectPlugin;

impl Plugin for RedirectPlugin {
    const KEY: &'static str = "redirect";
    const DOKKU_NAME: &'static str = "redirect";
    const REQUIRES: &'static [&'static str] = &["apps", "domains"];
    type Record = Redirect;

    /// Every redirect of every app in scope: as root, from each app's `REDIRECTS` file in the
    /// snapshot (no command); otherwise app by app (the plugin has no global settings and no
    /// bulk listing, so one `redirect <app>` per app, in parallel).
    async fn export(client: &Client, scope: &ExportScope) -> Result<Exported<Redirect>, Error> {
        let per_app = match scope.files.as_deref() {
            Some(files) => scope
                .apps
                .iter()
                .map(|app| redirects_from_files(files, app))
                .collect::<Result<Vec<_>, _>>()
                .map_err(dokku_core::file_snapshot::unreadable)?,
            None => {
                let redirects = Redirects::new(client);
                try_join_all(scope.apps.iter().map(|app| redirects.list(app))).await?
            }
        };
        let mut exported = Exported::default();
        for redirect in per_app.into_iter().flatten() {
            if !REDIRECT_CODES.contains(&redirect.code) {
                // The plugin stores any code it is given; apply will refuse this one.
                exported.warnings.push(format!(
                    "redirect: app {}: {} uses HTTP status {}, which is not a redirect status (301, 302, 307, 308)",
                    redirect.app_name, redirect.source, redirect.code
                ));
            }
            exported.records.push(redirect);
        }
        Ok(exported)
    }

    fn validate(record: &Redirect) -> Vec<(String, String)> {
        let mut errors = Vec::new();
        if record.app_name.trim().is_empty() {
            errors.push(("app_name".into(), "an app name is required".into()));
        }
        for (field, value) in [("source", &record.source), ("destination", &record.destination)] {
            if let Some(problem) = domain_problem(value) {
                errors.push((field.into(), format!("{value:?} {problem}")));
            }
        }
        if !REDIRECT_CODES.contains(&record.code) {
            errors.push(("code".into(), format!("{} is not one of 301, 302, 307, 308", record.code)));
        }
        errors
    }

    /// One `redirect:set` per record, in document order.
    fn apply_commands(records: &[Redirect]) -> Vec<Command> {
        records.iter().map(|r| builders::set(&r.app_name, &r.source, &r.destination, r.code)).collect()
    }

    fn diff(current: &[Redirect], desired: &[Redirect], options: &DiffOptions) -> PluginDiff {
        crate::diff::diff(current, desired, options)
    }
}

/// Why a source or destination cannot be stored: the plugin keeps `src:dest:code` lines and
/// reads them back split on `:` and blanks.
fn domain_problem(value: &str) -> Option<&'static str> {
    if value.is_empty() {
        Some("is empty")
    } else if value.contains(':') {
        Some("contains `:`, the separator of the plugin's REDIRECTS file")
    } else if value.chars().any(char::is_whitespace) {
        Some("contains whitespace")
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn redirect(source: &str, destination: &str, code: u16) -> Redirect {
        Redirect { app_name: "app1".into(), source: source.into(), destination: destination.into(), code }
    }

    #[test]
    fn each_record_becomes_one_set_with_its_code() {
        let commands = RedirectPlugin::apply_commands(&[redirect("old.example.com", "new.example.com", 308)]);
        let argv: Vec<Vec<&str>> = commands.iter().map(Command::argv_exposed).collect();
        assert_eq!(argv, vec![vec!["redirect:set", "app1", "old.example.com", "new.example.com", "308"]]);
    }

    #[test]
    fn validation_names_the_bad_fields() {
        assert!(RedirectPlugin::validate(&redirect("a.example.com", "b.example.com/path", 302)).is_empty());
        let fields: Vec<String> = RedirectPlugin::validate(&redirect("a b", "x:80", 200))
            .into_iter()
            .map(|(field, _)| field)
            .collect();
        assert_eq!(fields, ["source", "destination", "code"]);
    }
}
