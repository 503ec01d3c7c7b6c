//! An app's cron tasks from its deployed `app.json` and the property store, pure: what
//! `cron:list <app> --format json` prints, as `FetchCronTasks` (`plugins/cron/cron.go` at
//! v0.38.27) computes it, where that can be decided here.
//!
//! Per `cron` entry, in order: one without a command or a schedule is skipped; the schedule must
//! parse with robfig/cron v3.0.1's parser (five fields or a descriptor), the command with
//! mvdan.cc/sh's word parser, and the first entry failing either makes the list an error. The
//! schedule check is reproduced for ASCII schedules without a time zone or `@every`; the
//! command check only for commands that are plain words (letters, digits, `_./:=@%+,-`) and
//! simple quotes, which that parser certainly reads. Anything else is left to `cron:list`.

use dokku_core::file_snapshot::FileSnapshot;
use serde_json::{Map, Value};

use crate::app_json::{CronEntry, Reading, read};

/// The app's tasks as far as the files tell.
#[derive(Clone, Debug, PartialEq)]
pub enum DeployedTasks {
    /// Certainly none: the report counts 0 and the report path reads no list.
    None,
    /// Exactly what `cron:list <app> --format json` prints (a non-empty list).
    Known(Value),
    /// Only Dokku can tell: ask `cron:list`.
    Ask,
}

/// cron.go `MaintenancePropertyPrefix`.
const TASK_MAINTENANCE_PREFIX: &str = "maintenance.";

/// `FetchCronTasks` for `app` from the snapshot.
pub fn deployed_tasks(files: &FileSnapshot, app: &str) -> DeployedTasks {
    let Some(text) = files.deployed_app_json(app).filter(|text| !text.trim().is_empty()) else {
        // `GetAppJSON`: no file, or a blank one (`ReadAppJSON`), is an empty `AppJSON`.
        return DeployedTasks::None;
    };
    let entries = match read(text) {
        Reading::Entries(entries) => entries,
        // An error before any entry: the report counts none.
        Reading::Unreadable => return DeployedTasks::None,
        Reading::Unsure => return DeployedTasks::Ask,
    };
    let own = files.properties("cron", app);
    let global = files.properties("cron", "--global");
    // `reportComputedMaintenance`: the app's `true`, else the global value (default `false`).
    let app_in_maintenance = own.get("maintenance").is_some_and(|v| *v == "true")
        || global.get("maintenance").is_some_and(|v| *v == "true");
    let mut tasks = Vec::new();
    for entry in entries {
        if entry.command.is_empty() || entry.schedule.is_empty() {
            continue;
        }
        if schedule_parses(&entry.schedule) != Some(true) || !command_certainly_parses(&entry.command) {
            return DeployedTasks::Ask;
        }
        let id = base36_lower(format!("{app}==={}==={}", entry.command, entry.schedule).as_bytes());
        let mut in_maintenance = entry.maintenance;
        if let Some(value) = own.get(format!("{TASK_MAINTENANCE_PREFIX}{id}").as_str()) {
            match parse_go_bool(value) {
                Some(true) => in_maintenance = true,
                Some(false) => {}
                None => return DeployedTasks::Ask,
            }
        }
        let Some(task) = task_json(app, &id, &entry, in_maintenance, app_in_maintenance) else {
            return DeployedTasks::Ask;
        };
        tasks.push(task);
    }
    if tasks.is_empty() { DeployedTasks::None } else { DeployedTasks::Known(Value::Array(tasks)) }
}

/// One task as `json.Marshal` prints `cron.CronTask` (fields in declaration order, `global`
/// omitted when false); `None` for a concurrency policy Dokku refuses.
fn task_json(app: &str, id: &str, entry: &CronEntry, task: bool, app_wide: bool) -> Option<Value> {
    let policy = match entry.concurrency_policy.as_str() {
        "" => "allow",
        policy @ ("allow" | "forbid" | "replace") => policy,
        _ => return None,
    };
    let mut fields = Map::new();
    fields.insert("id".into(), id.into());
    fields.insert("app".into(), app.into());
    fields.insert("command".into(), entry.command.as_str().into());
    fields.insert("schedule".into(), entry.schedule.as_str().into());
    fields.insert("concurrency_policy".into(), policy.into());
    fields.insert("app-in-maintenance".into(), app_wide.into());
    fields.insert("task-in-maintenance".into(), task.into());
    fields.insert("maintenance".into(), (app_wide || task).into());
    Some(Value::Object(fields))
}

/// go-base36 v0.2.0 `EncodeToStringLc`: each leading zero byte as `0`, then the big-endian
/// number in base 36, lower case.
fn base36_lower(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 36] = b"0123456789abcdefghijklmnopqrstuvwxyz";
    let zeros = bytes.iter().take_while(|b| **b == 0).count();
    let mut number: Vec<u8> = bytes[zeros..].to_vec();
    let mut digits = Vec::new();
    while !number.is_empty() {
        let mut remainder = 0u32;
        let mut quotient = Vec::with_capacity(number.len());
        for byte in &number {
            let value = remainder * 256 + u32::from(*byte);
            let digit = u8::try_from(value / 36).unwrap_or(u8::MAX);
            remainder = value % 36;
            if !quotient.is_empty() || digit != 0 {
                quotient.push(digit);
            }
        }
        digits.push(DIGITS[remainder as usize]);
        number = quotient;
    }
    let mut text = "0".repeat(zeros);
    text.extend(digits.iter().rev().map(|d| char::from(*d)));
    text
}

/// Go's `strconv.ParseBool`.
fn parse_go_bool(text: &str) -> Option<bool> {
    match text {
        "1" | "t" | "T" | "TRUE" | "true" | "True" => Some(true),
        "0" | "f" | "F" | "FALSE" | "false" | "False" => Some(false),
        _ => None,
    }
}

/// A field's bounds and names (robfig/cron v3.0.1 `spec.go`).
struct Bounds {
    min: u64,
    max: u64,
    names: &'static [&'static str],
}

const MINUTES: Bounds = Bounds { min: 0, max: 59, names: &[] };
const HOURS: Bounds = Bounds { min: 0, max: 23, names: &[] };
const DAYS_OF_MONTH: Bounds = Bounds { min: 1, max: 31, names: &[] };
/// `jan` is 1.
const MONTHS: Bounds = Bounds {
    min: 1,
    max: 12,
    names: &["", "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"],
};
/// `sun` is 0.
const DAYS_OF_WEEK: Bounds =
    Bounds { min: 0, max: 6, names: &["sun", "mon", "tue", "wed", "thu", "fri", "sat"] };

/// Whether robfig/cron v3.0.1's `Parser.Parse` with `Minute | Hour | Dom | Month | Dow |
/// Descriptor` (as `FetchCronTasks` builds it) accepts `spec`; `None` where this does not
/// decide (non-ASCII, a `TZ=`/`CRON_TZ=` prefix, `@every`).
fn schedule_parses(spec: &str) -> Option<bool> {
    if !spec.is_ascii() || spec.starts_with("TZ=") || spec.starts_with("CRON_TZ=") {
        return None;
    }
    if spec.is_empty() {
        return Some(false);
    }
    if spec.starts_with('@') {
        // `parseDescriptor`: exact names, or `@every <duration>`.
        if spec.starts_with("@every ") {
            return None;
        }
        return Some(matches!(
            spec,
            "@yearly" | "@annually" | "@monthly" | "@weekly" | "@daily" | "@midnight" | "@hourly"
        ));
    }
    // `strings.Fields`: Go's ASCII white space includes the vertical tab.
    let fields: Vec<&str> =
        spec.split([' ', '\t', '\n', '\x0B', '\x0C', '\r']).filter(|f| !f.is_empty()).collect();
    let bounds = [MINUTES, HOURS, DAYS_OF_MONTH, MONTHS, DAYS_OF_WEEK];
    Some(fields.len() == bounds.len() && fields.iter().zip(&bounds).all(|(field, b)| field_parses(field, b)))
}

/// `getField`: comma-separated ranges, empty ones skipped (`strings.FieldsFunc`).
fn field_parses(field: &str, bounds: &Bounds) -> bool {
    field.split(',').filter(|r| !r.is_empty()).all(|expr| range_parses(expr, bounds))
}

/// `getRange`.
fn range_parses(expr: &str, bounds: &Bounds) -> bool {
    let range_and_step: Vec<&str> = expr.split('/').collect();
    let low_and_high: Vec<&str> = range_and_step[0].split('-').collect();
    let (start, mut end) = if low_and_high[0] == "*" || low_and_high[0] == "?" {
        (bounds.min, bounds.max)
    } else {
        let Some(start) = int_or_name(low_and_high[0], bounds) else { return false };
        let end = match low_and_high.len() {
            1 => start,
            2 => match int_or_name(low_and_high[1], bounds) {
                Some(end) => end,
                None => return false,
            },
            _ => return false,
        };
        (start, end)
    };
    let step = match range_and_step.len() {
        1 => 1,
        2 => {
            let Some(step) = non_negative_int(range_and_step[1]) else { return false };
            // "N/step" means "N-max/step".
            if low_and_high.len() == 1 {
                end = bounds.max;
            }
            step
        }
        _ => return false,
    };
    start >= bounds.min && end <= bounds.max && start <= end && step > 0
}

/// `parseIntOrName`: a name (any case), else `mustParseInt`.
fn int_or_name(expr: &str, bounds: &Bounds) -> Option<u64> {
    let lower = expr.to_ascii_lowercase();
    match bounds.names.iter().position(|name| !name.is_empty() && *name == lower) {
        Some(at) => u64::try_from(at).ok(),
        None => non_negative_int(expr),
    }
}

/// `mustParseInt`: `strconv.Atoi` (an optional sign, decimal digits, fits 64 bits), not negative.
fn non_negative_int(expr: &str) -> Option<u64> {
    expr.parse::<i64>().ok().and_then(|n| u64::try_from(n).ok())
}

/// Whether mvdan.cc/sh v3.13.1's `shell.Fields` certainly reads `command` (`ValidateCronCommand`):
/// words of letters, digits and `_./:=@%+,-`, separated by spaces or tabs, with single-quoted
/// parts (no newline) and double-quoted parts without `\`, `$` or backticks. Nothing in such a
/// command is an operator, an expansion, a glob or a comment. `false` means "not decided here".
fn command_certainly_parses(command: &str) -> bool {
    let mut chars = command.chars();
    while let Some(c) = chars.next() {
        let closing = match c {
            '\'' => '\'',
            '"' => '"',
            c if c.is_ascii_alphanumeric() || "_./:=@%+,- \t".contains(c) => continue,
            _ => return false,
        };
        let plain = |c: char| c != '\n' && (closing == '\'' || !matches!(c, '\\' | '$' | '`'));
        let closed = chars.by_ref().try_for_each(|c| match c {
            c if c == closing => Err(true),
            c if plain(c) => Ok(()),
            _ => Err(false),
        });
        if closed != Err(true) {
            return false;
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn snapshot(app_json: &str, properties: &str) -> FileSnapshot {
        let mut output: String =
            app_json.lines().map(|line| format!("/l/data/app-json/a/app.json\0{line}\n")).collect();
        output.push_str(properties);
        FileSnapshot::parse_all_roots(&output, "/l/config", None, Some("/l/data"))
    }

    #[test]
    fn ids_are_go_base36_of_the_app_command_and_schedule() {
        assert_eq!(base36_lower(b""), "");
        assert_eq!(base36_lower(&[0, 0, 1]), "001");
        assert_eq!(base36_lower(&[255]), "73");
        assert_eq!(base36_lower(&[1, 0]), "74");
        assert_eq!(base36_lower(b"a===x===@daily").len(), 22);
    }

    #[test]
    fn schedules_parse_as_robfig_cron_parses_them() {
        for valid in [
            "5 4 * * *",
            "*/15 0-23/2 1,15 jan-DEC mon-fri",
            "0 0 1 1 sun",
            "? * * * 6",
            "30 12 * * 3/2",
            "@daily",
            "1,,2 * * * *",
        ] {
            assert_eq!(schedule_parses(valid), Some(true), "{valid}");
        }
        for invalid in [
            "",
            "* * * *",
            "* * * * * *",
            "60 * * * *",
            "* * * * 7",
            "* * 0 * *",
            "5-1 * * * *",
            "*/0 * * * *",
            "1-2-3 * * * *",
            "a * * * *",
            "@reboot",
            "@daily ",
        ] {
            assert_eq!(schedule_parses(invalid), Some(false), "{invalid}");
        }
        for unsure in ["@every 1h", "TZ=UTC 0 0 * * *", "0 0 * * * é"] {
            assert_eq!(schedule_parses(unsure), None, "{unsure}");
        }
    }

    #[test]
    fn only_plain_commands_are_decided_here() {
        for plain in [
            "python manage.py clearsessions",
            "bin/rails runner 'Foo.bar(1) && x'",
            "echo \"a b\"",
            "x --opt=1,2",
        ] {
            assert!(command_certainly_parses(plain), "{plain}");
        }
        for other in ["a && b", "echo $HOME", "ls *", "echo 'open", "echo \"$x\"", "a | b", "a # c", "~/x"] {
            assert!(!command_certainly_parses(other), "{other}");
        }
    }

    #[test]
    fn tasks_are_what_cron_list_prints() {
        let app_json = "{\"cron\": [\n{\"command\": \"python job.py\", \"schedule\": \"@daily\"},\n\
                        {\"command\": \"\", \"schedule\": \"@hourly\"},\n\
                        {\"command\": \"bin/sync\", \"schedule\": \"*/5 * * * *\", \"concurrency_policy\": \"forbid\", \"maintenance\": true}\n]}";
        let id = base36_lower(b"a===python job.py===@daily");
        let switch = format!("/l/config/cron/a/maintenance.{id}\0true\n");
        let DeployedTasks::Known(tasks) = deployed_tasks(&snapshot(app_json, &switch), "a") else {
            panic!("tasks expected")
        };
        let expected = serde_json::json!([
            {"id": id, "app": "a", "command": "python job.py", "schedule": "@daily",
             "concurrency_policy": "allow", "app-in-maintenance": false, "task-in-maintenance": true,
             "maintenance": true},
            {"id": base36_lower(b"a===bin/sync===*/5 * * * *"), "app": "a", "command": "bin/sync",
             "schedule": "*/5 * * * *", "concurrency_policy": "forbid", "app-in-maintenance": false,
             "task-in-maintenance": true, "maintenance": true},
        ]);
        assert_eq!(serde_json::to_string(&tasks).ok(), serde_json::to_string(&expected).ok());
        // The global switch puts every task in maintenance.
        let global = "/l/config/cron/--global/maintenance\0true\n";
        let DeployedTasks::Known(tasks) = deployed_tasks(&snapshot(app_json, global), "a") else {
            panic!("tasks expected")
        };
        assert_eq!(tasks[0]["app-in-maintenance"], true);
        assert_eq!(tasks[0]["task-in-maintenance"], false);
    }

    #[test]
    fn what_the_files_cannot_decide_is_asked() {
        assert_eq!(deployed_tasks(&snapshot("", ""), "a"), DeployedTasks::None);
        assert_eq!(deployed_tasks(&snapshot(r#"{"cron": []}"#, ""), "a"), DeployedTasks::None);
        assert_eq!(deployed_tasks(&snapshot(r#"{"cron": "x"}"#, ""), "a"), DeployedTasks::None);
        let entries = [
            r#"{"cron": [{"command": "a && b", "schedule": "@daily"}]}"#,
            r#"{"cron": [{"command": "a", "schedule": "@every 1h"}]}"#,
            r#"{"cron": [{"command": "a", "schedule": "61 * * * *"}]}"#,
            r#"{"cron": [{"command": "a", "schedule": "@daily", "concurrency_policy": "never"}]}"#,
            "{\"cron\": [{\"command\": \"a\", \"schedule\": \"@daily\"}], // jsonc\n}",
        ];
        for text in entries {
            assert_eq!(deployed_tasks(&snapshot(text, ""), "a"), DeployedTasks::Ask, "{text}");
        }
        let id = base36_lower(b"a===a===@daily");
        let bad_switch = format!("/l/config/cron/a/maintenance.{id}\0maybe\n");
        let text = r#"{"cron": [{"command": "a", "schedule": "@daily"}]}"#;
        assert_eq!(deployed_tasks(&snapshot(text, &bad_switch), "a"), DeployedTasks::Ask);
    }
}
