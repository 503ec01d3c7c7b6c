//! Export and apply glue: the docker-options plugin as the engine sees it.

use dokku_core::ownership::OwnedValue;
use dokku_core::plugin::{DiffOptions, ExportScope, Exported, Plugin, PluginDiff};
use dokku_core::reports::read_app_reports;
use dokku_core::{Client, Command, DokkuVersion, Error};

use crate::commands::parse_error;
use crate::files::options_from_files;
use crate::model::{DockerOption, DockerOptions};
use crate::parse::{REPORT, app_from_values, split_joined};

/// The docker-options plugin for the export/apply engine.
#[derive(Clone, Copy, Debug, Default)]
pub struct DockerOptionsPlugin;

impl Plugin for DockerOptionsPlugin {
    const KEY: &'static str = "docker_options";
    const DOKKU_NAME: &'static str = "docker-options";
    const REQUIRES: &'static [&'static str] = &["apps"];
    type Record = DockerOptions;

    async fn export(client: &Client, scope: &ExportScope) -> Result<Exported<DockerOptions>, Error> {
        let mut exported = Exported::default();
        // As root on Dokku 0.38 and later, the property lists: no command.
        if let Some(files) = scope.files.as_deref().filter(|_| scope.version >= DokkuVersion::new(0, 38, 0)) {
            for app in &scope.apps {
                let (record, warnings) = options_from_files(files, app, &scope.version);
                exported.warnings.extend(warnings);
                if !record.is_empty() {
                    exported.records.push(record);
                }
            }
            return Ok(exported);
        }
        for values in read_app_reports(client, &REPORT, &scope.apps, &scope.version).await? {
            let (record, warnings) = app_from_values(values, &scope.version).map_err(|e| parse_error(&e))?;
            exported.warnings.extend(warnings);
            // An empty record says what no record says (no options): the document leaves it out.
            if !record.is_empty() {
                exported.records.push(record);
            }
        }
        Ok(exported)
    }

    fn validate(record: &DockerOptions) -> Vec<(String, String)> {
        let mut problems = Vec::new();
        if !dokku_core::app_name::is_valid(&record.app_name) {
            problems.push(("app_name".to_owned(), dokku_core::app_name::invalid_message(&record.app_name)));
        }
        let lists = [("build", &record.build), ("deploy", &record.deploy), ("run", &record.run)];
        let lists = lists.into_iter().map(|(field, list)| (field.to_owned(), list)).chain(
            record
                .deploy_processes
                .iter()
                .map(|(process, list)| (format!("deploy_processes.{process}"), list)),
        );
        for (field, list) in lists {
            for (i, option) in list.iter().enumerate() {
                if let Some(message) = option_problem(option) {
                    problems.push((format!("{field}[{i}]"), message));
                }
            }
        }
        for process in record.deploy_processes.keys() {
            let valid = !process.is_empty()
                && process.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
            if !valid {
                problems.push((
                    format!("deploy_processes.{process}"),
                    "a process type is letters, digits, '-' and '_'".to_owned(),
                ));
            }
        }
        problems
    }

    /// One `docker-options:add` per occurrence, app by app.
    fn apply_commands(records: &[DockerOptions]) -> Vec<Command> {
        crate::create::commands(records)
    }

    fn diff(current: &[DockerOptions], desired: &[DockerOptions], options: &DiffOptions) -> PluginDiff {
        crate::diff::diff(current, desired, options)
    }

    /// An option another plugin writes and recreates is named by its text, its phases by the
    /// scopes. (Service links are left out already by [`DockerOption::owner`]; this covers any
    /// owner that says which options are its own.)
    fn release_owned(records: &mut Vec<DockerOptions>, owned: &[OwnedValue]) {
        for record in records.iter_mut() {
            let app = record.app_name.clone();
            let mine: Vec<(&OwnedValue, String)> = owned
                .iter()
                .filter(|o| o.is_held_by(Self::KEY, Some(&app)))
                .map(|o| (o, DockerOption::new(o.item.clone()).comparison_key()))
                .collect();
            if mine.is_empty() {
                continue;
            }
            for (phase, list) in
                [("build", &mut record.build), ("deploy", &mut record.deploy), ("run", &mut record.run)]
            {
                list.retain(|option| {
                    let key = option.comparison_key();
                    !mine.iter().any(|(o, k)| o.in_scope(phase) && *k == key)
                });
            }
        }
        records.retain(|r| !r.is_empty());
    }
}

/// Why `option` could not be stored as one entry and read back unchanged (masked in the message).
fn option_problem(option: &DockerOption) -> Option<String> {
    let text = option.expose();
    let shown = option.masked();
    if !text.starts_with('-') || text.len() < 2 {
        return Some(format!("{shown:?} is not a docker option (it starts with '-')"));
    }
    if text.contains(['\n', '\r']) || text != text.trim() {
        return Some(format!("{shown:?} has a line break or surrounding whitespace"));
    }
    if split_joined(text).len() != 1 {
        return Some(format!("{shown:?} holds more than one flag: Dokku would store each as its own entry"));
    }
    if matches!(option.flag(), "--process") {
        return Some("`--process` scopes an option: put the option under deploy_processes".to_owned());
    }
    // Whatever the version, a service link belongs to its service plugin.
    option.owner(&DokkuVersion::new(u32::MAX, 0, 0)).map(|owner| {
        format!("{shown:?} belongs to {owner}: it is not exported or applied as a docker option")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn options_another_plugin_owns_leave_in_their_phases_only() {
        let mut record = DockerOptions::new("web");
        record.build = vec![DockerOption::new("--link c:alias"), DockerOption::new("--cpus 1")];
        record.run = vec![DockerOption::new("--link  c:alias")];
        let mut other = DockerOptions::new("api");
        other.build = vec![DockerOption::new("--link c:alias")];
        let owned = OwnedValue {
            owner: "custom".into(),
            holder: "docker_options".into(),
            app: Some("web".into()),
            item: "--link c:alias".into(),
            scopes: vec!["build".into()],
        };
        let mut records = vec![record, other];
        DockerOptionsPlugin::release_owned(&mut records, &[owned]);
        assert_eq!(records[0].build, [DockerOption::new("--cpus 1")]);
        assert_eq!(records[0].run.len(), 1, "not owned in the run phase");
        assert_eq!(records[1].build.len(), 1, "another app's");
    }

    #[test]
    fn options_are_one_flag_each() {
        for ok in
            ["--ulimit nofile=12288:12288", "-e 'A=b c'", "-e MODE=web worker", "--cpus 0.5", "--link db:db"]
        {
            assert_eq!(option_problem(&DockerOption::new(ok)), None, "{ok}");
        }
        for bad in [
            "nope",
            "--a 1 --b 2",
            "--process web",
            "--link dokku.redis.cache:redis",
            " --cpus 1",
            "-e X=1\n",
        ] {
            assert!(option_problem(&DockerOption::new(bad)).is_some(), "{bad}");
        }
        let secret = option_problem(&DockerOption::new("--build-arg T=s3cret --x"));
        assert!(secret.is_some_and(|m| !m.contains("s3cret")));
    }
}
