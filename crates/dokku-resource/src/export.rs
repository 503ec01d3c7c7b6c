//! Export and apply glue: the resource plugin as the engine sees it.

use dokku_core::plugin::{DiffOptions, ExportScope, Exported, Plugin, PluginDiff};
use dokku_core::reports::read_app_reports;
use dokku_core::{Client, Command, Error};

use crate::commands::{CLEAR, parse_error};
use crate::files::resources_from_files;
use crate::model::{Kind, RESOURCES, Resources};
use crate::parse::{REPORT, app_from_values};
use crate::quantity::docker_accepts;

/// The resource plugin for the export/apply engine.
#[derive(Clone, Copy, Debug, Default)]
pub struct ResourcePlugin;

impl Plugin for ResourcePlugin {
    const KEY: &'static str = "resource";
    const DOKKU_NAME: &'static str = "resource";
    const REQUIRES: &'static [&'static str] = &["apps"];
    type Record = Resources;

    async fn export(client: &Client, scope: &ExportScope) -> Result<Exported<Resources>, Error> {
        let mut exported = Exported::default();
        // As root, the property store's files: no command.
        if let Some(files) = scope.files.as_deref() {
            for app in &scope.apps {
                let (record, warning) = resources_from_files(files, app);
                exported.warnings.extend(warning);
                if !record.is_empty() {
                    exported.records.push(record);
                }
            }
            return Ok(exported);
        }
        for values in read_app_reports(client, &REPORT, &scope.apps, &scope.version).await? {
            let (record, warning) = app_from_values(values).map_err(|e| parse_error(&e))?;
            exported.warnings.extend(warning);
            // An empty record says what no record says (nothing set): the document leaves it out.
            if !record.is_empty() {
                exported.records.push(record);
            }
        }
        Ok(exported)
    }

    fn longest_read(apps: usize) -> f64 {
        REPORT.form.longest_command(apps)
    }

    fn validate(record: &Resources) -> Vec<(String, String)> {
        let mut problems = Vec::new();
        if !dokku_core::app_name::is_valid(&record.app_name) {
            problems.push(("app_name".to_owned(), dokku_core::app_name::invalid_message(&record.app_name)));
        }
        for kind in Kind::ALL {
            let field = match kind {
                Kind::Limit => "limits",
                Kind::Reserve => "reservations",
            };
            for (process, values) in record.of(kind) {
                let valid_type = !process.is_empty()
                    && !process.starts_with('-')
                    && !process.contains(char::is_whitespace);
                if !valid_type {
                    problems.push((format!("{field}.{process}"), "not a process type".to_owned()));
                }
                for (resource, value) in values {
                    let place = format!("{field}.{process}.{resource}");
                    if !RESOURCES.contains(&resource.as_str()) {
                        problems.push((
                            place,
                            format!("`{resource}` is not a resource (one of {})", RESOURCES.join(", ")),
                        ));
                    } else if value.is_empty() || value.contains(char::is_whitespace) || value == CLEAR {
                        problems.push((
                            place,
                            format!("{value:?} is not a value (non-empty, no spaces, not `clear`)"),
                        ));
                    } else if !docker_accepts(resource, value) {
                        problems.push((
                            place,
                            format!("{value:?} is not a size Docker reads (Dokku appends `m` to a memory value only without b, k, m, g, KB, MB, GB or B)"),
                        ));
                    }
                }
            }
        }
        problems
    }

    /// One command per app, kind and process type.
    fn apply_commands(records: &[Resources]) -> Vec<Command> {
        crate::create::commands(records)
    }

    fn diff(current: &[Resources], desired: &[Resources], options: &DiffOptions) -> PluginDiff {
        crate::diff::diff(current, desired, options)
    }
}
