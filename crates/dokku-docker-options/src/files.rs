//! Docker options from the property store's files (root fast path), pure.
//!
//! Dokku 0.38 keeps each list as the property `docker-options/<app>/<process>.<phase>`
//! (`propertyKey` in `plugins/docker-options/dockeroptions.go` at v0.38.27), one option per
//! line; `_default_` is the list for every process. The report prints the default lists of
//! the three phases and, per other process type, its deploy list, each option trimmed and
//! empty lines skipped (`GetDockerOptionsForProcessPhase`).

use dokku_core::DokkuVersion;
use dokku_core::file_snapshot::FileSnapshot;

use crate::model::{DockerOption, DockerOptions, Phase};
use crate::parse::leave_to_owners;

/// The process type whose lists apply to every container.
const DEFAULT_PROCESS: &str = "_default_";

/// One app's record as the report path reads it (`version`: which options belong to other
/// plugins), with the warnings about options left to their owners.
pub fn options_from_files(
    files: &FileSnapshot,
    app: &str,
    version: &DokkuVersion,
) -> (DockerOptions, Vec<String>) {
    let mut record = DockerOptions::new(app);
    for (key, content) in files.properties("docker-options", app) {
        let Some((process, phase)) = key.rsplit_once('.') else { continue };
        let Some(phase) = Phase::ALL.into_iter().find(|p| p.as_str() == phase) else { continue };
        if process.is_empty() {
            continue;
        }
        let options: Vec<DockerOption> =
            content.lines().map(str::trim).filter(|o| !o.is_empty()).map(DockerOption::new).collect();
        match (process, phase) {
            (DEFAULT_PROCESS, Phase::Build) => record.build = options,
            (DEFAULT_PROCESS, Phase::Deploy) => record.deploy = options,
            (DEFAULT_PROCESS, Phase::Run) => record.run = options,
            (process, Phase::Deploy) if !options.is_empty() => {
                record.deploy_processes.insert(process.to_owned(), options);
            }
            // The report shows no build or run list of one process type.
            _ => {}
        }
    }
    let warnings = leave_to_owners(&mut record, version).into_iter().collect();
    (record, warnings)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_come_from_the_process_phase_properties() {
        let output = "/c/docker-options/a/_default_.deploy\0--shm-size=1g\n\
                      /c/docker-options/a/_default_.deploy\0  -v /a:/b  \n\
                      /c/docker-options/a/_default_.deploy\0\n\
                      /c/docker-options/a/_default_.build\0--pull\n\
                      /c/docker-options/a/web.deploy\0--memory=1g\n\
                      /c/docker-options/a/web.run\0--cpus=1\n\
                      /c/docker-options/a/migrated-deploy\0true\n";
        let files = FileSnapshot::parse(output, "/c");
        let (record, _) = options_from_files(&files, "a", &DokkuVersion::new(0, 38, 27));
        let texts = |list: &[DockerOption]| list.iter().map(|o| o.expose().to_owned()).collect::<Vec<_>>();
        assert_eq!(texts(&record.build), ["--pull"]);
        assert_eq!(texts(&record.deploy), ["--shm-size=1g", "-v /a:/b"]);
        assert!(record.run.is_empty());
        assert_eq!(record.deploy_processes.keys().collect::<Vec<_>>(), ["web"]);
        assert!(options_from_files(&files, "b", &DokkuVersion::new(0, 38, 27)).0.is_empty());
    }
}
