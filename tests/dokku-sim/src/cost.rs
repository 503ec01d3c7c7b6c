//! The optional cost model (`DOKKU_SIM_COSTS=<table>`): the simulator sleeps as long as the real
//! server would take, so benchmarks on it reward the command forms that are cheap on Dokku.
//!
//! The table is plain text, one row per command form, `#` starts a comment:
//!
//! ```text
//! <form><TAB or spaces><base seconds><TAB or spaces><per-app seconds>
//! ports:report        0.10  0.50
//! ports:report <app>  0.08  0
//! ```
//!
//! The form of an invocation is the command name, followed by ` <app>` when any argument names
//! an existing app. A row for the exact form wins, else the row for the bare command. The
//! per-app seconds are multiplied by the number of apps only for forms without `<app>` (the bulk
//! forms whose cost grows with the server).

use std::collections::BTreeMap;
use std::time::Duration;

/// Seconds of one table row.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Cost {
    /// Fixed cost.
    pub base: f64,
    /// Added once per app on the server, for bulk forms.
    pub per_app: f64,
}

/// A loaded cost table.
#[derive(Debug, Default, Clone)]
pub struct CostTable {
    rows: BTreeMap<String, Cost>,
}

impl CostTable {
    /// Parses a table; malformed rows are skipped.
    pub fn parse(text: &str) -> Self {
        let mut rows = BTreeMap::new();
        for line in text.lines() {
            let line = line.split('#').next().unwrap_or("").trim();
            let words: Vec<&str> = line.split_whitespace().collect();
            if words.len() < 3 {
                continue;
            }
            let (form_words, numbers) = words.split_at(words.len() - 2);
            let (Ok(base), Ok(per_app)) = (numbers[0].parse(), numbers[1].parse()) else {
                continue;
            };
            rows.insert(form_words.join(" "), Cost { base, per_app });
        }
        Self { rows }
    }

    /// Loads the table named by `DOKKU_SIM_COSTS`, if set and readable.
    pub fn from_env() -> Option<Self> {
        let path = std::env::var("DOKKU_SIM_COSTS").ok()?;
        let text = std::fs::read_to_string(path).ok()?;
        Some(Self::parse(&text))
    }

    /// How long `command` takes, given whether it names an app and how many apps exist.
    pub fn delay(&self, command: &str, names_app: bool, app_count: usize) -> Duration {
        let form = if names_app { format!("{command} <app>") } else { command.to_string() };
        let Some(cost) = self.rows.get(&form).or_else(|| self.rows.get(command)) else {
            return Duration::ZERO;
        };
        let per_app = if names_app { 0.0 } else { cost.per_app };
        #[allow(clippy::cast_precision_loss)]
        let seconds = cost.base + per_app * app_count as f64;
        Duration::from_secs_f64(seconds.max(0.0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bulk_forms_grow_with_apps() {
        let table = CostTable::parse("ports:report 0.1 0.5\nports:report <app> 0.08 0\n");
        assert_eq!(table.delay("ports:report", false, 4), Duration::from_secs_f64(2.1));
        assert_eq!(table.delay("ports:report", true, 4), Duration::from_secs_f64(0.08));
        assert_eq!(table.delay("apps:list", false, 4), Duration::ZERO);
    }
}
