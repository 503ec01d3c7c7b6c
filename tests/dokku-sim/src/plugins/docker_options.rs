//! The `docker-options` plugin: extra `docker` arguments per phase.

use super::{first_arg, verify_app_bash};
use crate::invocation::Invocation;
use crate::output::Outcome;
use crate::report::{GoReportSpec, GoReportStyle, ReportValues, Subject, run_go_report};
use crate::version::DokkuVersion;

/// `docker-options:report`.
const REPORT: GoReportSpec = GoReportSpec {
    plugin: "docker-options",
    report_type: "docker-options",
    style: GoReportStyle::LEGACY,
    json_since: DokkuVersion::new(0, 38, 0),
};

/// The phases options apply to.
const PHASES: &[&str] = &["build", "deploy", "run"];

/// Routes `docker-options:*`.
pub(crate) fn dispatch(inv: &mut Invocation<'_>, sub: &str, args: &[String]) -> Option<Outcome> {
    Some(match sub {
        "add" => change(inv, args, true),
        "remove" => change(inv, args, false),
        "clear" => clear(inv, args),
        "report" => report(inv, args),
        _ => return None,
    })
}

/// Parses a comma list of phases, failing on unknown ones.
fn phases(inv: &mut Invocation<'_>, list: &str) -> Result<Vec<String>, crate::output::Failure> {
    let mut parsed = Vec::new();
    for phase in list.split(',') {
        if !PHASES.contains(&phase) {
            return Err(inv.out.fail(&format!("Phase {phase} not in build,deploy,run")));
        }
        parsed.push(phase.to_string());
    }
    Ok(parsed)
}

/// `docker-options:add|remove <app> <phases> <option...>`.
fn change(inv: &mut Invocation<'_>, args: &[String], add: bool) -> Outcome {
    let app = first_arg(args);
    verify_app_bash(inv, &app)?;
    let Some(phase_list) = args.get(1) else {
        return Err(inv.out.fail("Please specify a phase (build,deploy,run)"));
    };
    let phases = phases(inv, phase_list)?;
    let option = args[2..].join(" ");
    if option.is_empty() {
        return Err(inv.out.fail("Please specify docker options"));
    }
    let state = inv.state.apps.get_mut(&app).expect("verified above");
    for phase in phases {
        let options = state.docker_options.entry(phase).or_default();
        if add {
            if !options.contains(&option) {
                options.push(option.clone());
            }
        } else {
            options.retain(|existing| *existing != option);
        }
    }
    Ok(())
}

/// `docker-options:clear <app> [<phases>]`.
fn clear(inv: &mut Invocation<'_>, args: &[String]) -> Outcome {
    let app = first_arg(args);
    verify_app_bash(inv, &app)?;
    let phases = match args.get(1) {
        Some(list) => phases(inv, list)?,
        None => PHASES.iter().map(|p| (*p).to_string()).collect(),
    };
    let state = inv.state.apps.get_mut(&app).expect("verified above");
    for phase in phases {
        state.docker_options.remove(&phase);
        inv.out.info1(&format!("Clearing docker-options for phase {phase}"));
    }
    Ok(())
}

/// `docker-options:report`, which rejects several info flags with a message.
fn report(inv: &mut Invocation<'_>, args: &[String]) -> Outcome {
    let flags = args.iter().filter(|a| a.starts_with("--") && *a != "--format" && *a != "--global");
    if flags.count() > 1 {
        return Err(inv.out.fail("docker-options:report command allows only a single flag"));
    }
    run_go_report(inv, &REPORT, args, &report_values)
}

/// `docker-options:report` values, with the JSON-only `*-list` arrays.
fn report_values(inv: &Invocation<'_>, subject: Subject<'_>) -> ReportValues {
    let mut values = ReportValues::default();
    let Subject::App(app) = subject else {
        return values;
    };
    for phase in PHASES {
        let options =
            inv.state.apps.get(app).and_then(|a| a.docker_options.get(*phase).cloned()).unwrap_or_default();
        values.set(&format!("--docker-options-{phase}"), options.join(" "));
        values.json_lists.insert(format!("{phase}-list"), options);
    }
    values
}
