//! Export and apply glue: the domains plugin as the engine sees it.

use dokku_core::plugin::{DiffOptions, ExportScope, Exported, Plugin, PluginDiff};
use dokku_core::reports::{read_app_reports, read_global_report};
use dokku_core::{Client, Command, DokkuVersion, Error};

use crate::files::domain_from_files;
use crate::model::Domain;
use crate::parse::{REPORT, app_from_values, global_from_values};

/// The domains plugin for the export/apply engine.
#[derive(Clone, Copy, Debug, Default)]
pub struct DomainsPlugin;

fn parse_error(message: String) -> Error {
    Error::Parse { command: "domains:report".into(), source: message.into() }
}

impl Plugin for DomainsPlugin {
    const KEY: &'static str = "domains";
    const DOKKU_NAME: &'static str = "domains";
    const REQUIRES: &'static [&'static str] = &["apps"];
    type Record = Domain;

    async fn export(client: &Client, scope: &ExportScope) -> Result<Exported<Domain>, Error> {
        let mut exported = Exported::default();
        // As root on Dokku 0.38 and later (the app `ENV` in the store), the files: no command.
        if let Some(files) = scope.files.as_deref().filter(|_| scope.version >= DokkuVersion::new(0, 38, 0)) {
            let subjects = scope.system.then_some(None).into_iter();
            let subjects = subjects.chain(scope.apps.iter().map(|app| Some(app.as_str())));
            exported.records.extend(subjects.map(|app| domain_from_files(files, app)));
            return Ok(exported);
        }
        if scope.system {
            let values = read_global_report(client, &REPORT, &scope.version).await?;
            let (global, warning) = global_from_values(values).map_err(parse_error)?;
            exported.records.push(global);
            exported.warnings.extend(warning);
        }
        for values in read_app_reports(client, &REPORT, &scope.apps, &scope.version).await? {
            let (domain, warning) = app_from_values(values).map_err(parse_error)?;
            exported.records.push(domain);
            exported.warnings.extend(warning);
        }
        Ok(exported)
    }

    fn longest_read(apps: usize) -> f64 {
        REPORT.form.longest_command(apps)
    }

    fn validate(record: &Domain) -> Vec<(String, String)> {
        let mut problems = Vec::new();
        for (i, domain) in record.domains.iter().enumerate() {
            if !valid_domain(domain) {
                problems.push((
                    format!("domains[{i}]"),
                    format!("{domain:?} is not a domain name Dokku accepts (letters, digits, '.', '-', '*', or exactly '_')"),
                ));
            }
        }
        if record.app_name.as_deref().is_some_and(|app| app.is_empty() || app.starts_with('-')) {
            problems.push(("app_name".into(), format!("{:?} is not an app name", record.app_name)));
        }
        problems
    }

    /// Global record first, then the apps in document order. Each list is set exactly (an empty
    /// one included, see [`crate::builders::set_none`]); a disabled app gets its list first and is then
    /// disabled, so its domains survive (pydokku skipped the list of a disabled app). The global
    /// `enabled` flag is derived by Dokku from the global list and is not applied.
    fn apply_commands(records: &[Domain]) -> Vec<Command> {
        crate::create::commands(records)
    }

    fn diff(current: &[Domain], desired: &[Domain], options: &DiffOptions) -> PluginDiff {
        crate::diff::diff(current, desired, options)
    }
}

/// Dokku's rule for domain names: lower-cased, `^[a-z0-9\.\*-]*[a-z0-9\*-]$`, or exactly `_`.
fn valid_domain(domain: &str) -> bool {
    let lower = domain.to_ascii_lowercase();
    let allowed = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '*' | '-');
    lower == "_" || (lower.chars().all(allowed) && lower.chars().last().is_some_and(|c| c != '.'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn domains_follow_dokku() {
        assert!(valid_domain("app1.example.com") && valid_domain("*.example.com") && valid_domain("_"));
        assert!(valid_domain("App.Example.COM"));
        assert!(
            !valid_domain("bad_domain!") && !valid_domain("") && !valid_domain("a.") && !valid_domain("a b")
        );
    }
}
