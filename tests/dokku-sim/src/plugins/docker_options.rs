//! The `docker-options` plugin (plugins/docker-options, Go since 0.38.25): extra `docker`
//! arguments per phase, for every container (`_default_`) or, in the deploy phase, per
//! process type.
//!
//! Options live as property lists `docker-options/<app>/<process>.<phase>`
//! (`propertyKey`), one option per line, kept sorted bytewise (`sort.Strings`) with
//! duplicates: `add` appends without checking, `remove` drops every equal entry and leaves an
//! existing-but-empty list behind (`PropertyListWrite` of nothing), which still makes a process
//! type show in the report; `clear` deletes the lists.

use super::docker_option_words::{options_equal, split_option_string};
use crate::invocation::Invocation;
use crate::legacy_report::{LegacyLayout, Renderer, run_versioned_report, same};
use crate::output::{Failure, Outcome};
use crate::report::{GoReportSpec, GoReportStyle, ReportValues, Subject};
use crate::version::DokkuVersion;

/// `docker-options:report`.
const REPORT: GoReportSpec = GoReportSpec {
    plugin: "docker-options",
    report_type: "docker-options",
    style: GoReportStyle::LEGACY,
    json_since: DokkuVersion::new(0, 38, 0),
};

/// `docker-options:report` before its Go port in 0.38.0: bash
/// `cmd-docker-options-report-single` (plugins/docker-options/internal-functions v0.33.0 to
/// v0.37.10: `$APP docker options information`).
const LEGACY: &[LegacyLayout] = &[LegacyLayout {
    until: DokkuVersion::new(0, 38, 0),
    renderer: Renderer::Bash { noun: "docker options", global_scope: false, empty_info_fails: false },
    fields: &[same("--docker-options-build"), same("--docker-options-deploy"), same("--docker-options-run")],
    namespace: "docker-options",
}];

/// internal-functions.go `availablePhases`.
const PHASES: &[&str] = &["build", "deploy", "run"];

/// dockeroptions.go `DefaultProcessType`.
const DEFAULT_PROCESS: &str = "_default_";

/// The property namespace.
const NAMESPACE: &str = "docker-options";

/// Routes `docker-options:*`.
pub(crate) fn dispatch(inv: &mut Invocation<'_>, sub: &str, args: &[String]) -> Option<Outcome> {
    Some(match sub {
        "add" => change(inv, "add", args),
        "remove" => change(inv, "remove", args),
        "clear" => clear(inv, args),
        "list" => list(inv, args),
        "report" => report(inv, args),
        _ => return None,
    })
}

/// The stored options of one `<process>.<phase>` list (`GetDockerOptionsForProcessPhase`:
/// trimmed, blank lines dropped).
fn stored_options(inv: &Invocation<'_>, app: &str, process: &str, phase: &str) -> Vec<String> {
    let stored = inv.state.apps.get(app).map(|a| a.property(NAMESPACE, &format!("{process}.{phase}")));
    stored
        .unwrap_or_default()
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .map(str::to_owned)
        .collect()
}

/// `writeDockerOptionsForProcessPhase` (the list exists afterwards, even when empty).
fn write_options(inv: &mut Invocation<'_>, app: &str, process: &str, phase: &str, options: &[String]) {
    if let Some(state) = inv.state.apps.get_mut(app) {
        state.write_property(NAMESPACE, &format!("{process}.{phase}"), &options.join("\n"));
    }
}

/// The process types with a list of their own (`ListProcessTypesWithOptions`: property keys
/// `<process>.<phase>` with a valid phase, `_default_` excluded), sorted.
fn process_types_with_options(inv: &Invocation<'_>, app: &str) -> Vec<String> {
    let Some(properties) = inv.state.apps.get(app).and_then(|a| a.properties.get(NAMESPACE)) else {
        return Vec::new();
    };
    let mut processes: Vec<String> = properties
        .keys()
        .filter_map(|key| key.rsplit_once('.'))
        .filter(|(process, phase)| {
            !process.is_empty() && PHASES.contains(phase) && *process != DEFAULT_PROCESS
        })
        .map(|(process, _)| process.to_owned())
        .collect();
    processes.sort();
    processes.dedup();
    processes
}

/// `parsePhases`: an empty argument is no phase at all.
fn parse_phases(inv: &mut Invocation<'_>, argument: &str) -> Result<Vec<String>, Failure> {
    if argument.is_empty() {
        return Ok(Vec::new());
    }
    let phases: Vec<String> = argument.split(',').map(str::to_owned).collect();
    if phases.iter().any(|phase| !PHASES.contains(&phase.as_str())) {
        return Err(inv.out.fail("Phase(s) must be one of [build deploy run]"));
    }
    Ok(phases)
}

/// `ValidateProcessFlag`.
fn validate_process_flag(inv: &mut Invocation<'_>, processes: &[String], phases: &[String]) -> Outcome {
    if processes.is_empty() {
        return Ok(());
    }
    for process in processes {
        if process.is_empty() {
            return Err(inv.out.fail("--process value must not be empty"));
        }
        if process == DEFAULT_PROCESS {
            return Err(inv.out.fail("\"_default_\" is reserved and cannot be used as a --process value"));
        }
    }
    if let Some(phase) = phases.iter().find(|phase| *phase != "deploy") {
        let quoted = crate::go_quote::go_quote(phase);
        return Err(inv.out.fail(&format!("--process is only supported for the deploy phase, got {quoted}")));
    }
    Ok(())
}

/// The leading flags of `add`/`remove`/`clear` (pflag with `SetInterspersed(false)`: flags
/// end at the first positional word) and the positional words after them.
struct LeadingFlags {
    /// `--process` values (a pflag `StringSlice`: repeatable, comma-separated).
    processes: Vec<String>,
    /// The words from the first positional on.
    positionals: Vec<String>,
}

/// Parses [`LeadingFlags`]; an unknown flag is pflag's `ExitOnError` failure.
fn leading_flags(inv: &mut Invocation<'_>, command: &str, args: &[String]) -> Result<LeadingFlags, Failure> {
    let mut processes = Vec::new();
    let mut index = 0;
    while index < args.len() {
        let word = &args[index];
        if word == "--" {
            index += 1;
            break;
        }
        if !word.starts_with('-') || word == "-" {
            break;
        }
        let value = if word == "--process" {
            index += 1;
            match args.get(index) {
                Some(value) => value.clone(),
                None => {
                    inv.out.err_line("flag needs an argument: --process");
                    inv.out.err_line(&format!("Usage of {command}:"));
                    return Err(Failure(2));
                }
            }
        } else if let Some(value) = word.strip_prefix("--process=") {
            value.to_owned()
        } else {
            // Any other flag: reuse the pflag model's error output.
            crate::pflag::parse_flags(inv, command, std::slice::from_ref(word), &[], &["process"])?;
            return Err(Failure(2));
        };
        // A StringSlice value is comma-separated; an empty one adds nothing.
        if !value.is_empty() {
            processes.extend(value.split(',').map(str::to_owned));
        }
        index += 1;
    }
    Ok(LeadingFlags { processes, positionals: args[index..].to_vec() })
}

/// `CommandAdd` / `CommandRemove`: `[--process P]... <app> <phases> <option words...>`.
fn change(inv: &mut Invocation<'_>, sub: &str, args: &[String]) -> Outcome {
    let flags = leading_flags(inv, &format!("docker-options:{sub}"), args)?;
    let word = |index: usize| flags.positionals.get(index).cloned().unwrap_or_default();
    let app = word(0);
    super::verify_app_go(inv, &app)?;
    let phases = parse_phases(inv, &word(1))?;
    let option_words = flags.positionals.get(2..).unwrap_or_default().join(" ");
    let split = split_option_string(&option_words).map_err(|error| inv.out.fail(&error))?;
    if split.options.is_empty() {
        let message = if sub == "add" {
            "Please specify docker options to add to the phase"
        } else {
            "Please specify docker options to remove from the phase"
        };
        return Err(inv.out.fail(message));
    }
    // dedupeProcesses: flags first, then the ones lifted from the option words.
    let mut processes: Vec<String> = Vec::new();
    for process in flags.processes.into_iter().chain(split.processes) {
        if !processes.contains(&process) {
            processes.push(process);
        }
    }
    validate_process_flag(inv, &processes, &phases)?;
    // WarnIfProcessNotInProcfile needs a deployed Procfile, which the simulated host never has.
    let scopes = if processes.is_empty() { vec![DEFAULT_PROCESS.to_owned()] } else { processes };
    for option in &split.options {
        for process in &scopes {
            for phase in &phases {
                let mut options = stored_options(inv, &app, process, phase);
                if sub == "add" {
                    options.push(option.clone());
                } else {
                    options.retain(|stored| !options_equal(stored, option));
                }
                options.sort();
                write_options(inv, &app, process, phase, &options);
            }
        }
    }
    Ok(())
}

/// `CommandClear`: `[--process P]... <app> [<phases>]`.
fn clear(inv: &mut Invocation<'_>, args: &[String]) -> Outcome {
    let flags = leading_flags(inv, "docker-options:clear", args)?;
    let word = |index: usize| flags.positionals.get(index).cloned().unwrap_or_default();
    let app = word(0);
    super::verify_app_go(inv, &app)?;
    let phase_argument = word(1);
    if flags.processes.is_empty() {
        // clearDefaultScope
        let phases = if phase_argument.is_empty() {
            inv.out.info1(&format!("Clearing docker-options for {app} on all phases"));
            PHASES.iter().map(|phase| (*phase).to_owned()).collect()
        } else {
            let phases = parse_phases(inv, &phase_argument)?;
            for phase in &phases {
                inv.out.info1(&format!("Clearing docker-options for {app} on phase {phase}"));
            }
            phases
        };
        for phase in phases {
            delete_options(inv, &app, DEFAULT_PROCESS, &phase);
        }
        return Ok(());
    }
    let mut phases = parse_phases(inv, &phase_argument)?;
    if phases.is_empty() {
        phases.push("deploy".to_owned());
    }
    validate_process_flag(inv, &flags.processes, &phases)?;
    for process in &flags.processes {
        for phase in &phases {
            inv.out
                .info1(&format!("Clearing docker-options for {app} on phase {phase} for process {process}"));
            delete_options(inv, &app, process, phase);
        }
    }
    Ok(())
}

/// `PropertyDelete` of one list.
fn delete_options(inv: &mut Invocation<'_>, app: &str, process: &str, phase: &str) {
    if let Some(state) = inv.state.apps.get_mut(app) {
        state.set_property(NAMESPACE, &format!("{process}.{phase}"), "");
    }
}

/// `CommandList`: `<app> --phase <phase> [--process <type>]`, one option per line.
fn list(inv: &mut Invocation<'_>, args: &[String]) -> Outcome {
    let flags = crate::pflag::parse_flags(inv, "docker-options:list", args, &[], &["process", "phase"])?;
    let app = flags.arg(0);
    super::verify_app_go(inv, &app)?;
    let phase = flags.value("phase").unwrap_or_default().to_owned();
    if phase.is_empty() {
        return Err(inv.out.fail("--phase is required"));
    }
    if !PHASES.contains(&phase.as_str()) {
        return Err(inv.out.fail("Phase must be one of [build deploy run]"));
    }
    let process = flags.value("process").unwrap_or_default().to_owned();
    if !process.is_empty() {
        if process == DEFAULT_PROCESS {
            return Err(inv.out.fail("\"_default_\" is reserved and cannot be used as a --process value"));
        }
        if phase != "deploy" {
            let quoted = crate::go_quote::go_quote(&phase);
            return Err(inv
                .out
                .fail(&format!("--process is only supported for the deploy phase, got {quoted}")));
        }
    }
    let scope = if process.is_empty() { DEFAULT_PROCESS } else { process.as_str() };
    for option in stored_options(inv, &app, scope, &phase) {
        inv.out.line(&option);
    }
    Ok(())
}

/// `docker-options:report`, which rejects several info flags with a message.
fn report(inv: &mut Invocation<'_>, args: &[String]) -> Outcome {
    let flags = args.iter().filter(|a| a.starts_with("--") && *a != "--format" && *a != "--global");
    // Only the Go report (0.38.0 on) checks this; the bash one took the second word.
    if inv.version.at_least(0, 38, 0) && flags.count() > 1 {
        return Err(inv.out.fail("docker-options:report command allows only a single flag"));
    }
    run_versioned_report(inv, &REPORT, LEGACY, args, &report_values)
}

/// report.go `ReportSingleApp` and `buildJSONReportData`: the three default-scope phases
/// (apps only) and one `deploy.<process>` key per process type with a list, each joined with
/// spaces, plus the JSON-only `*-list` arrays.
fn report_values(inv: &Invocation<'_>, subject: Subject<'_>) -> ReportValues {
    let mut values = ReportValues::default();
    let Subject::App(app) = subject else {
        return values;
    };
    for phase in PHASES {
        let mut options = stored_options(inv, app, DEFAULT_PROCESS, phase);
        if *phase == "deploy" && !inv.version.at_least(0, 38, 9) {
            // Before 0.38.9 the restart policy was a deploy option: ps's post-create trigger
            // added `--restart=on-failure:10` and `ps:set <app> restart-policy` replaced it
            // (plugins/ps/triggers.go `TriggerPostCreate` at v0.35.20).
            let policy =
                inv.state.apps.get(app).map(|a| a.property("ps", "restart-policy")).unwrap_or_default();
            let policy = if policy.is_empty() { "on-failure:10".to_string() } else { policy };
            options.insert(0, format!("--restart={policy}"));
        }
        if !inv.version.at_least(0, 38, 0) && *phase != "build" {
            // Before 0.38.0 storage mounts were `-v` lines of the deploy and run option files
            // (plugins/storage/functions at v0.35.20), printed with the others; the simulator
            // puts them after the options it keeps apart.
            if let Some(state) = inv.state.apps.get(app) {
                options.extend(state.mounts.iter().map(|m| format!("-v {}", super::storage::mount_text(m))));
            }
        }
        let mut joined = options.join(" ");
        if !inv.version.at_least(0, 38, 0) && !joined.is_empty() {
            // bash `fn-docker-options`: `tr '\n' ' '` leaves a trailing space.
            joined.push(' ');
        }
        values.set(&format!("--docker-options-{phase}"), joined);
        values.json_lists.insert(format!("{phase}-list"), options);
    }
    for process in process_types_with_options(inv, app) {
        let options = stored_options(inv, app, &process, "deploy");
        values.set(&format!("--docker-options-deploy.{process}"), options.join(" "));
        values.json_lists.insert(format!("deploy.{process}-list"), options);
    }
    values
}
