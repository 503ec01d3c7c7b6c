//! The `buildpacks` plugin's report.

use crate::invocation::Invocation;
use crate::output::Outcome;
use crate::property_report::{add_triplets, app_property, triplet};
use crate::property_set::{PropertySetSpec, run_property_set};
use crate::report::{GoReportSpec, GoReportStyle, ReportValues, Subject, run_go_report};
use crate::version::DokkuVersion;

/// `buildpacks:report`.
const REPORT: GoReportSpec = GoReportSpec {
    plugin: "buildpacks",
    report_type: "buildpacks",
    style: GoReportStyle::LEGACY,
    json_since: DokkuVersion::new(0, 23, 1),
};

/// `buildpacks:set-property`.
const SET: PropertySetSpec = PropertySetSpec {
    namespace: "buildpacks",
    keys: &["stack"],
    global_keys: &["stack"],
    noun: "property",
    verify_app: true,
};

/// Routes `buildpacks:*`.
pub(crate) fn dispatch(inv: &mut Invocation<'_>, sub: &str, args: &[String]) -> Option<Outcome> {
    Some(match sub {
        "report" => run_go_report(inv, &REPORT, args, &report_values),
        "set-property" => run_property_set(inv, &SET, args),
        "add" | "set" | "remove" | "clear" | "list" => manage(inv, sub, args),
        _ => return None,
    })
}

/// `buildpacks:report` values.
fn report_values(inv: &Invocation<'_>, subject: Subject<'_>) -> ReportValues {
    let mut values = ReportValues::default();
    add_triplets(
        inv,
        subject,
        "buildpacks",
        "buildpacks",
        &[triplet("stack", "gliderlabs/herokuish:latest-24")],
        &mut values,
    );
    if let Subject::App(app) = subject {
        values.set("--buildpacks-list", app_property(inv, app, "buildpacks", "list"));
    }
    values
}

/// `buildpacks:add|set|remove|clear|list`: the app's buildpack URLs, stored comma-separated.
fn manage(inv: &mut Invocation<'_>, sub: &str, args: &[String]) -> Outcome {
    let flags = crate::pflag::parse_flags(inv, &format!("buildpacks:{sub}"), args, &["replace"], &["index"])?;
    let app = flags.arg(0);
    super::verify_app_go(inv, &app)?;
    let stored = app_property(inv, &app, "buildpacks", "list");
    let mut list: Vec<String> = stored.split(',').filter(|b| !b.is_empty()).map(str::to_string).collect();
    let urls: Vec<String> = flags.positionals.iter().skip(1).cloned().collect();
    let index = flags.value("index").and_then(|i| i.parse::<usize>().ok());
    match sub {
        "list" => {
            inv.out.info1_quiet(&format!("{app} buildpack urls"));
            for url in &list {
                inv.out.verbose(url);
            }
            return Ok(());
        }
        "clear" => list.clear(),
        "add" | "set" => {
            if urls.is_empty() {
                return Err(inv.out.fail("Must specify a buildpack"));
            }
            if sub == "set" && flags.has("replace") {
                list = urls;
            } else if urls.len() > 1 {
                return Err(inv.out.fail("Setting multiple buildpacks requires the --replace flag"));
            } else if sub == "set" {
                let position = index.unwrap_or(1).max(1) - 1;
                if position < list.len() {
                    list[position] = urls[0].clone();
                } else {
                    list.push(urls[0].clone());
                }
            } else {
                let position = index.map_or(list.len(), |i| i.max(1) - 1).min(list.len());
                list.insert(position, urls[0].clone());
            }
        }
        _ => {
            if index.is_some() && !urls.is_empty() {
                return Err(inv.out.fail("Please choose either index or Buildpack, but not both"));
            }
            if list.is_empty() {
                return Err(inv.out.fail(&format!(
                    "No buildpacks were found, next release on {app} will detect buildpack normally"
                )));
            }
            match (index, urls.first()) {
                (Some(i), _) if i >= 1 && i <= list.len() => {
                    list.remove(i - 1);
                }
                (None, Some(url)) => list.retain(|b| b != url),
                _ => {
                    return Err(inv.out.fail("Must specify a buildpack to remove, either by index or URL"));
                }
            }
        }
    }
    if let Some(state) = inv.state.apps.get_mut(&app) {
        state.set_property("buildpacks", "list", &list.join(","));
    }
    Ok(())
}
