//! Config variables from the property store's files (root fast path), pure.

use dokku_core::Secret;
use dokku_core::file_snapshot::FileSnapshot;

use crate::model::ConfigVar;
use crate::parse::is_internal;
use dokku_core::env_file::{read_env_file, relative_path};

/// The variables of one scope as `config:export --format json` would print them (Dokku's
/// internal `DOKKU_*` ones left out, as on the report path), plus warnings naming the file for
/// content Dokku would drop. A file godotenv cannot read is an error naming the file: every
/// Dokku config command fails on it too. No value is ever part of a message.
pub fn vars_from_files(
    files: &FileSnapshot,
    config_root: &str,
    app: Option<&str>,
) -> Result<(Vec<ConfigVar>, Vec<String>), String> {
    let relative = relative_path(app);
    let Some(text) = files.file(&relative) else { return Ok((Vec::new(), Vec::new())) };
    let shown = format!("{}/{relative}", config_root.trim_end_matches('/'));
    let read = read_env_file(text).map_err(|e| format!("{shown}: {e}"))?;
    let warnings = read.notes.into_iter().map(|note| format!("{shown}: {note}")).collect();
    let vars = read
        .vars
        .into_iter()
        .filter(|(key, _)| !is_internal(key))
        .map(|(key, value)| ConfigVar { key, value: Secret::new(value), app_name: app.map(str::to_owned) })
        .collect();
    Ok((vars, warnings))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_scope_reads_its_own_file_and_problems_name_it() {
        let output = "/c/a/ENV\0A=\"1\"\n/c/a/ENV\0DOKKU_APP_TYPE=\"x\"\n/c/--global/ENV\0G=\"g\"\n\
                      /c/b/ENV\0B=\"hunter2\n";
        let files = FileSnapshot::parse(output, "/c");
        let (a, warnings) = vars_from_files(&files, "/c", Some("a")).unwrap_or_default();
        assert_eq!(a.len(), 1);
        assert_eq!((a[0].key.as_str(), a[0].value.expose().as_str()), ("A", "1"));
        assert!(warnings.is_empty());
        let (global, _) = vars_from_files(&files, "/c", None).unwrap_or_default();
        assert_eq!(global[0].app_name, None);
        let err = vars_from_files(&files, "/c", Some("b")).err().unwrap_or_default();
        assert!(err.contains("/c/b/ENV") && !err.contains("hunter2"), "{err}");
        assert!(vars_from_files(&files, "/c", Some("none")).is_ok_and(|(v, w)| v.is_empty() && w.is_empty()));
    }
}
