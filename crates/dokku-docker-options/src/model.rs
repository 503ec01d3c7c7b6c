//! The docker-options record: one app's stored docker options, per phase and per process type.

use std::collections::BTreeMap;
use std::fmt;

use dokku_core::{DokkuVersion, MASK};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// One stored docker option, as Dokku keeps it: one flag with its values, in Dokku's canonical
/// shell-quoted form (`--ulimit nofile=12288:12288`, `-e 'GREETING=hello world'`).
///
/// The value of an environment variable or build argument (`-e`, `--env`, `--build-arg`
/// `KEY=value`) is a secret: `Debug` and `Display` print it as `***`, and
/// [`DockerOption::expose`] is the only way to the full text. In a document such an option is
/// an object whose `value` is a secret (see `document_form.rs`), so an export's main file
/// never holds it.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DockerOption(String);

/// The flags whose `KEY=value` carries a value to keep secret.
const VALUE_FLAGS: [&str; 3] = ["--build-arg", "--env", "-e"];

impl DockerOption {
    /// Wraps one option's text.
    pub fn new(text: impl Into<String>) -> Self {
        Self(text.into())
    }

    /// The full text, secrets included: only for sending to Dokku or where the user asked.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// The byte offset from which the text is secret (the value after `KEY=`), if any.
    pub fn secret_from(&self) -> Option<usize> {
        let text = self.0.as_str();
        for flag in VALUE_FLAGS {
            let Some(rest) = text.strip_prefix(flag) else { continue };
            let value_start = match rest.chars().next() {
                Some(' ') => text.len() - rest.trim_start_matches(' ').len(),
                Some('=') if flag.starts_with("--") => flag.len() + 1,
                // `-eKEY=value`: the short flag glued to its value.
                Some(c) if flag == "-e" && c != '-' => flag.len(),
                _ => continue,
            };
            return text[value_start..].find('=').map(|eq| value_start + eq + 1);
        }
        None
    }

    /// The text with any secret value replaced by the mask.
    pub fn masked(&self) -> String {
        match self.secret_from() {
            Some(at) => format!("{}{MASK}", &self.0[..at]),
            None => self.0.clone(),
        }
    }

    /// What two options must share to be the same option: their shell words (Dokku matches
    /// stored options that way), or the exact text when the quoting does not parse.
    pub fn comparison_key(&self) -> String {
        crate::shell_words::literal_words(&self.0).map_or_else(|| self.0.clone(), |words| words.join("\u{0}"))
    }

    /// The option's flag (`--ulimit`, `-e`), without any `=value`.
    pub fn flag(&self) -> &str {
        let word = self.0.split(' ').next().unwrap_or_default();
        word.split_once('=').map_or(word, |(flag, _)| flag)
    }

    /// The plugin that owns this option on `version`, when it is not a docker-options setting of
    /// the user's: service links (`--link dokku.<service>.<name>…`, the service plugins), the
    /// restart policy (`--restart=`, kept by ps in the deploy phase before 0.38.9) and volume
    /// mounts (`-v`/`--volume`, kept by storage before 0.38.0).
    pub fn owner(&self, version: &DokkuVersion) -> Option<&'static str> {
        let value = self.0[self.flag().len()..].trim_start_matches(['=', ' ']);
        match self.flag() {
            "--link" if value.starts_with("dokku.") => Some("a service plugin (link)"),
            "--restart" if *version < DokkuVersion::new(0, 38, 9) => Some("ps (restart policy)"),
            "-v" | "--volume" if *version < DokkuVersion::new(0, 38, 0) => Some("storage (mount)"),
            _ => None,
        }
    }
}

impl fmt::Debug for DockerOption {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.masked())
    }
}

impl fmt::Display for DockerOption {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.masked())
    }
}

/// A phase of docker options.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Phase {
    /// `docker build` / the builder's containers.
    Build,
    /// The app's deployed containers.
    Deploy,
    /// `dokku run` and cron containers.
    Run,
}

impl Phase {
    /// Every phase, in Dokku's order.
    pub const ALL: [Self; 3] = [Self::Build, Self::Deploy, Self::Run];

    /// The word Dokku takes.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Build => "build",
            Self::Deploy => "deploy",
            Self::Run => "run",
        }
    }
}

/// Where a list of options applies: a phase for every process (`process` `None`), or the deploy
/// phase of one process type (Dokku 0.38.0 and later).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Scope {
    /// The phase.
    pub phase: Phase,
    /// The process type, for a process-scoped deploy list.
    pub process: Option<String>,
}

impl fmt::Display for Scope {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.process {
            Some(process) => write!(f, "{}.{process}", self.phase.as_str()),
            None => f.write_str(self.phase.as_str()),
        }
    }
}

/// One app's docker options. Each list is a multiset: the same option twice is two entries
/// (Dokku keeps duplicates and sorts each list, so order carries nothing).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct DockerOptions {
    /// The app.
    pub app_name: String,
    /// Options of the build phase.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub build: Vec<DockerOption>,
    /// Options of the deploy phase, for every process type.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub deploy: Vec<DockerOption>,
    /// Options of the run phase.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub run: Vec<DockerOption>,
    /// Deploy-phase options of one process type, by process type (Dokku 0.38.0 and later).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub deploy_processes: BTreeMap<String, Vec<DockerOption>>,
    /// Report fields this version of the model does not know, kept verbatim.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub extra: BTreeMap<String, String>,
}

impl DockerOptions {
    /// An empty record for `app`.
    pub fn new(app: &str) -> Self {
        Self { app_name: app.to_owned(), ..Self::default() }
    }

    /// Whether the record holds nothing (no option, no unknown field): export leaves such
    /// records out, as a document without a record means the same.
    pub fn is_empty(&self) -> bool {
        self.scopes().is_empty() && self.extra.is_empty()
    }

    /// Every non-empty list with its scope, in scope order (`build`, `deploy`, `deploy.<type>`…,
    /// `run`).
    pub fn scopes(&self) -> Vec<(Scope, &[DockerOption])> {
        let phases = [(Phase::Build, &self.build), (Phase::Deploy, &self.deploy), (Phase::Run, &self.run)];
        let mut scopes: Vec<(Scope, &[DockerOption])> = phases
            .into_iter()
            .map(|(phase, list)| (Scope { phase, process: None }, list.as_slice()))
            .collect();
        scopes.extend(self.deploy_processes.iter().map(|(process, list)| {
            (Scope { phase: Phase::Deploy, process: Some(process.clone()) }, list.as_slice())
        }));
        scopes.retain(|(_, list)| !list.is_empty());
        scopes.sort_by(|a, b| a.0.cmp(&b.0));
        scopes
    }

    /// The list of `scope` (empty when there is none).
    pub fn list(&self, scope: &Scope) -> &[DockerOption] {
        match (&scope.process, scope.phase) {
            (Some(process), _) => self.deploy_processes.get(process).map_or(&[], Vec::as_slice),
            (None, Phase::Build) => &self.build,
            (None, Phase::Deploy) => &self.deploy,
            (None, Phase::Run) => &self.run,
        }
    }

    /// The list of `scope`, to fill.
    pub fn list_mut(&mut self, scope: &Scope) -> &mut Vec<DockerOption> {
        match (&scope.process, scope.phase) {
            (Some(process), _) => self.deploy_processes.entry(process.clone()).or_default(),
            (None, Phase::Build) => &mut self.build,
            (None, Phase::Deploy) => &mut self.deploy,
            (None, Phase::Run) => &mut self.run,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn env_and_build_arg_values_are_masked() {
        let cases = [
            ("--build-arg NPM_TOKEN=npm-secret", "--build-arg NPM_TOKEN=***"),
            ("-e MODE=web worker", "-e MODE=***"),
            ("--env=KEY=a=b", "--env=KEY=***"),
            ("-eKEY=v", "-eKEY=***"),
            ("-e 'GREETING=hello world'", "-e 'GREETING=***"),
            ("-e PASSTHROUGH", "-e PASSTHROUGH"),
            ("--env-file /etc/app.env", "--env-file /etc/app.env"),
            ("--ulimit nofile=12288:12288", "--ulimit nofile=12288:12288"),
        ];
        for (text, masked) in cases {
            let option = DockerOption::new(text);
            assert_eq!(option.masked(), masked, "{text}");
            assert_eq!(format!("{option}"), masked);
            assert_eq!(format!("{option:?}"), masked);
        }
    }

    #[test]
    fn options_other_plugins_own_depend_on_the_version() {
        let old = DokkuVersion::new(0, 37, 4);
        let new = DokkuVersion::new(0, 38, 27);
        let link = DockerOption::new("--link dokku.postgres.db:dokku-postgres-db");
        assert!(link.owner(&old).is_some() && link.owner(&new).is_some());
        assert!(DockerOption::new("--link my-container:alias").owner(&new).is_none());
        let restart = DockerOption::new("--restart=on-failure:10");
        assert!(restart.owner(&DokkuVersion::new(0, 38, 8)).is_some());
        assert!(restart.owner(&DokkuVersion::new(0, 38, 9)).is_none());
        let mount = DockerOption::new("-v /var/lib/dokku/data/storage/x:/data");
        assert!(mount.owner(&old).is_some() && mount.owner(&new).is_none());
    }
}
