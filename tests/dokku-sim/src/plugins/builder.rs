//! The `builder` plugin (plugins/builder, Go): report and `builder:set`.

use crate::command_property_set::{GoProperties, go_command_property_set, parse_go_set_args};
use crate::invocation::Invocation;
use crate::legacy_report::{LegacyLayout, Renderer, run_versioned_report, same};
use crate::output::Outcome;
use crate::property_report::app_property;
use crate::report::{GoReportSpec, GoReportStyle, ReportValues, Subject};
use crate::version::DokkuVersion;

/// `builder:report`.
const REPORT: GoReportSpec = GoReportSpec {
    plugin: "builder",
    report_type: "builder",
    style: GoReportStyle::LEGACY,
    json_since: DokkuVersion::new(0, 24, 0),
};

/// `builder:report` before 0.38.0 (plugins/builder/report.go at v0.33.9 and v0.35.20): no
/// `skip-cleanup` or `detected`.
const LEGACY: &[LegacyLayout] = &[LegacyLayout {
    until: DokkuVersion::new(0, 38, 0),
    renderer: Renderer::Go { trim_prefix: false, uppercase: true },
    fields: &[
        same("--builder-build-dir"),
        same("--builder-computed-build-dir"),
        same("--builder-computed-selected"),
        same("--builder-global-build-dir"),
        same("--builder-global-selected"),
        same("--builder-selected"),
    ],
    namespace: "builder",
}];

/// builder.go's `DefaultProperties` and `GlobalProperties`.
const PROPERTIES: GoProperties = GoProperties {
    namespace: "builder",
    properties: &["build-dir", "detected", "selected", "skip-cleanup"],
    global_properties: &["build-dir", "selected", "skip-cleanup"],
};

/// Routes `builder:*`.
pub(crate) fn dispatch(inv: &mut Invocation<'_>, sub: &str, args: &[String]) -> Option<Outcome> {
    Some(match sub {
        "report" => run_versioned_report(inv, &REPORT, LEGACY, args, &report_values),
        "set" => set(inv, args),
        _ => return None,
    })
}

/// subcommands.go `CommandSet`: `detected` is only warned about, the rest is
/// `common.CommandPropertySet`.
fn set(inv: &mut Invocation<'_>, args: &[String]) -> Outcome {
    let call = parse_go_set_args(inv, "builder:set", args)?;
    if call.property == "detected" {
        inv.out.warn("detected is a read-only property");
        return Ok(());
    }
    go_command_property_set(inv, &PROPERTIES, &call)
}

/// report.go `ReportSingleApp`: the global block has the global values and only the computed
/// `skip-cleanup`; app blocks have all three triplets and `detected`.
fn report_values(inv: &Invocation<'_>, subject: Subject<'_>) -> ReportValues {
    let mut values = ReportValues::default();
    let global = |property: &str| inv.state.global_property("builder", property);
    for property in ["build-dir", "selected", "skip-cleanup"] {
        values.set(&format!("--builder-global-{property}"), global(property));
    }
    let own = |property: &str| match subject {
        Subject::App(app) => app_property(inv, app, "builder", property),
        Subject::Global => String::new(),
    };
    let computed = |property: &str, default: &str| {
        let value = own(property);
        let value = if value.is_empty() { global(property) } else { value };
        if value.is_empty() { default.to_owned() } else { value }
    };
    values.set("--builder-computed-skip-cleanup", computed("skip-cleanup", "false"));
    if matches!(subject, Subject::App(_)) {
        for property in ["build-dir", "selected", "skip-cleanup", "detected"] {
            values.set(&format!("--builder-{property}"), own(property));
        }
        values.set("--builder-computed-build-dir", computed("build-dir", ""));
        values.set("--builder-computed-selected", computed("selected", ""));
    }
    values
}
