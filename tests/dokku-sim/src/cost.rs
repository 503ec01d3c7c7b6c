//! The optional cost model (`DOKKU_SIM_COSTS=<table>`): each invocation holds one of the
//! simulated server's cores as long as the real server's CPU would be busy with it, so
//! benchmarks on the simulator reward the command forms that are cheap on Dokku.
//!
//! The table is plain text, one row per command form, `#` starts a comment line:
//!
//! ```text
//! <form><TAB><base seconds><TAB><per-app seconds>[<TAB><where the numbers come from>]
//! ports:report --format json<TAB>0.2<TAB>0.85<TAB>measured alone, Go plugn
//! ports:report <app> --format json<TAB>0.95<TAB>0<TAB>measured alone, Go plugn
//! ```
//!
//! (Rows without a tab are split at whitespace, the last two words being the numbers.)
//!
//! The form of an invocation is its command name followed by its arguments, where an argument
//! naming an existing app becomes `<app>`, `--global` and flags (`--format json`, `--deployed`)
//! stay, and other values are dropped. The most specific row wins: the full form, then the form
//! with only its subject and `--format json`, then the subject alone (a `--global` subject also
//! tries `<app>`: a global report reads only the global properties), then the bare command. The
//! per-app seconds are multiplied by the number of apps only for forms without a subject (the
//! bulk forms, whose cost grows with the server).
//!
//! Dokku runs bash, plugn and Go binaries for every trigger, so a real server is CPU-bound: a
//! command beyond the core count in flight waits for a core instead of running beside the
//! others. [`CpuBudget`] models that across the simulator's processes.

use std::collections::BTreeMap;
use std::fs::{File, OpenOptions};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Seconds of one table row.
#[derive(Debug, Clone, PartialEq)]
pub struct Cost {
    /// Fixed cost.
    pub base: f64,
    /// Added once per app on the server, for bulk forms.
    pub per_app: f64,
    /// Where the numbers come from (the table's comment column).
    pub source: String,
}

/// A loaded cost table.
#[derive(Debug, Default, Clone)]
pub struct CostTable {
    rows: BTreeMap<String, Cost>,
}

/// What an invocation's arguments name, for its form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Subject {
    /// No app and no `--global`: a bulk form.
    None,
    /// An existing app.
    App,
    /// `--global`.
    Global,
}

/// The form of one invocation: its command, subject and flags.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Form {
    command: String,
    subject: Subject,
    json: bool,
    flags: Vec<String>,
}

impl Form {
    /// The form of `argv` (command first); `is_app` says whether a word names an existing app.
    pub fn of(argv: &[String], is_app: &dyn Fn(&str) -> bool) -> Self {
        let command = argv.first().cloned().unwrap_or_default();
        let mut subject = Subject::None;
        let mut json = false;
        let mut flags = Vec::new();
        let mut words = argv.iter().skip(1).peekable();
        while let Some(word) = words.next() {
            if word == "--format" {
                json = words.next().is_some_and(|f| f == "json");
            } else if word == "--global" {
                subject = Subject::Global;
            } else if word.starts_with("--") {
                flags.push(word.clone());
            } else if subject == Subject::None && is_app(word) {
                subject = Subject::App;
            }
        }
        Self { command, subject, json, flags }
    }

    /// Whether the form names no app and no `--global` (its cost grows with the apps).
    pub fn is_bulk(&self) -> bool {
        self.subject == Subject::None
    }

    fn text(&self, subject: Subject, json: bool, flags: bool) -> String {
        let mut text = self.command.clone();
        match subject {
            Subject::None => {}
            Subject::App => text.push_str(" <app>"),
            Subject::Global => text.push_str(" --global"),
        }
        if flags {
            for flag in &self.flags {
                text.push(' ');
                text.push_str(flag);
            }
        }
        if json {
            text.push_str(" --format json");
        }
        text
    }

    /// The table rows that may describe this form, most specific first.
    fn candidates(&self) -> Vec<String> {
        let mut subjects = vec![self.subject];
        if self.subject == Subject::Global {
            subjects.push(Subject::App);
        }
        let mut out = Vec::new();
        for subject in subjects {
            out.push(self.text(subject, self.json, true));
            out.push(self.text(subject, self.json, false));
            out.push(self.text(subject, false, false));
        }
        out.push(self.command.clone());
        out.dedup();
        out
    }
}

impl std::fmt::Display for Form {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text(self.subject, self.json, true))
    }
}

impl CostTable {
    /// Parses a table; malformed rows are skipped.
    pub fn parse(text: &str) -> Self {
        let mut rows = BTreeMap::new();
        for line in text.lines() {
            if line.trim_start().starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let (form, base, per_app, source) = if line.contains('\t') {
                let mut fields = line.split('\t').map(str::trim);
                let form = fields.next().unwrap_or_default().to_owned();
                let base = fields.next().unwrap_or_default();
                let per_app = fields.next().unwrap_or_default();
                (form, base, per_app, fields.next().unwrap_or_default().to_owned())
            } else {
                let words: Vec<&str> = line.split_whitespace().collect();
                if words.len() < 3 {
                    continue;
                }
                let (form_words, numbers) = words.split_at(words.len() - 2);
                (form_words.join(" "), numbers[0], numbers[1], String::new())
            };
            let (Ok(base), Ok(per_app)) = (base.parse(), per_app.parse()) else {
                continue;
            };
            rows.insert(form, Cost { base, per_app, source });
        }
        Self { rows }
    }

    /// Loads the table named by `DOKKU_SIM_COSTS`, if set and readable.
    pub fn from_env() -> Option<Self> {
        let path = std::env::var("DOKKU_SIM_COSTS").ok()?;
        let text = std::fs::read_to_string(path).ok()?;
        Some(Self::parse(&text))
    }

    /// The row describing `form`, if any.
    pub fn row(&self, form: &Form) -> Option<&Cost> {
        form.candidates().iter().find_map(|c| self.rows.get(c))
    }

    /// How long `form` keeps one core busy with `app_count` apps on the server.
    pub fn cost(&self, form: &Form, app_count: usize) -> Duration {
        let Some(cost) = self.row(form) else {
            return Duration::ZERO;
        };
        let per_app = if form.is_bulk() { cost.per_app } else { 0.0 };
        #[allow(clippy::cast_precision_loss)]
        let seconds = cost.base + per_app * app_count as f64;
        Duration::from_secs_f64(seconds.max(0.0))
    }

    /// How long `argv` keeps one core busy; `is_app` says whether a word names an existing app.
    pub fn cost_of(&self, argv: &[String], is_app: &dyn Fn(&str) -> bool, app_count: usize) -> Duration {
        self.cost(&Form::of(argv, is_app), app_count)
    }

    /// [`Self::cost_of`] for a command name and whether it names an app (or `--global`).
    pub fn delay(&self, command: &str, names_app: bool, app_count: usize) -> Duration {
        let argv: Vec<String> =
            if names_app { vec![command.to_owned(), "app".to_owned()] } else { vec![command.to_owned()] };
        self.cost_of(&argv, &|w| w == "app", app_count)
    }
}

/// The simulated server's cores, shared by every invocation on one simulator root.
///
/// `DOKKU_SIM_CORES=<n>` (environment or `settings.env`; default 2, the core count of the host
/// the cost table was measured on; 0 = no limit) lock files `$DOKKU_SIM_ROOT/cpu/core-<i>`. An
/// invocation with a cost takes the first free one (an exclusive `flock`), holds it while it
/// sleeps its cost, and releases it when it exits (the kernel drops the lock with the file).
/// With no free core it polls every few milliseconds. So at most `n` commands burn "CPU" at
/// once and the rest queue, the way a CPU-bound server behaves (a real one time-slices instead
/// of queueing, which changes each command's wall time but not when the last one finishes).
#[derive(Debug)]
pub struct CpuBudget {
    dir: PathBuf,
    cores: usize,
}

/// One held core; dropping it frees the core.
#[derive(Debug)]
pub struct Core {
    _file: Option<File>,
}

impl CpuBudget {
    /// The budget of the simulator at `root`, with `DOKKU_SIM_CORES` cores.
    pub fn of(root: &Path) -> Self {
        let cores =
            crate::settings::setting("DOKKU_SIM_CORES").and_then(|c| c.trim().parse().ok()).unwrap_or(2);
        Self { dir: root.join("cpu"), cores }
    }

    /// Waits for a free core and takes it.
    pub fn acquire(&self) -> Core {
        if self.cores == 0 || std::fs::create_dir_all(&self.dir).is_err() {
            return Core { _file: None };
        }
        loop {
            for i in 0..self.cores {
                let path = self.dir.join(format!("core-{i}"));
                let Ok(file) = OpenOptions::new().create(true).truncate(false).write(true).open(&path) else {
                    return Core { _file: None };
                };
                if file.try_lock().is_ok() {
                    return Core { _file: Some(file) };
                }
            }
            std::thread::sleep(Duration::from_millis(3));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn argv(words: &[&str]) -> Vec<String> {
        words.iter().map(|w| (*w).to_owned()).collect()
    }

    #[test]
    fn bulk_forms_grow_with_apps() {
        let table = CostTable::parse("ports:report 0.1 0.5\nports:report <app> 0.08 0\n");
        assert_eq!(table.delay("ports:report", false, 4), Duration::from_secs_f64(2.1));
        assert_eq!(table.delay("ports:report", true, 4), Duration::from_secs_f64(0.08));
        assert_eq!(table.delay("apps:list", false, 4), Duration::ZERO);
    }

    #[test]
    fn the_most_specific_row_wins() {
        let table = CostTable::parse(
            "ps:report\t0.2\t0.5\tbulk\nps:report <app> --format json\t0.52\t0\tmeasured\n\
             ps:report <app>\t0.4\t0\ttext\nps:report <app> --deployed\t0.1\t0\tone field\n",
        );
        let is_app = |w: &str| w == "web";
        let cost = |words: &[&str]| table.cost_of(&argv(words), &is_app, 10).as_secs_f64();
        assert!((cost(&["ps:report", "web", "--format", "json"]) - 0.52).abs() < 1e-9);
        assert!((cost(&["ps:report", "web"]) - 0.4).abs() < 1e-9);
        assert!((cost(&["ps:report", "web", "--deployed"]) - 0.1).abs() < 1e-9);
        assert!((cost(&["ps:report", "--global", "--format", "json"]) - 0.52).abs() < 1e-9, "like one app");
        assert!((cost(&["ps:report"]) - 5.2).abs() < 1e-9);
        assert_eq!(
            Form::of(&argv(&["storage:list", "web", "--format", "json"]), &is_app).to_string(),
            "storage:list <app> --format json"
        );
        let row = table.row(&Form::of(&argv(&["ps:report"]), &is_app)).unwrap();
        assert_eq!(row.source, "bulk");
    }
}
