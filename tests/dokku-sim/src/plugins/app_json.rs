//! The `app-json` plugin's report.

use crate::command_property_set::{GoProperties, go_command_property_set, parse_go_set_args};
use crate::invocation::Invocation;
use crate::legacy_report::{LegacyLayout, Renderer, from, global_or, run_versioned_report};
use crate::output::Outcome;
use crate::property_report::{add_triplets, triplet};
use crate::report::{GoReportSpec, GoReportStyle, ReportValues, Subject};
use crate::version::DokkuVersion;

/// `app-json:report`.
const REPORT: GoReportSpec = GoReportSpec {
    plugin: "app-json",
    report_type: "app-json",
    style: GoReportStyle::LEGACY,
    json_since: DokkuVersion::new(0, 25, 0),
};

/// `app-json:report` before 0.38.0 (plugins/app-json/report.go at v0.33.9 and v0.35.20): the
/// `appjson-path` values under the keys `selected`, the global one with its default `app.json`.
const LEGACY: &[LegacyLayout] = &[LegacyLayout {
    until: DokkuVersion::new(0, 38, 0),
    renderer: Renderer::Go { trim_prefix: false, uppercase: true },
    fields: &[
        from("--app-json-computed-selected", "--app-json-computed-appjson-path"),
        global_or("--app-json-global-selected", "appjson-path", "app.json"),
        from("--app-json-selected", "--app-json-appjson-path"),
    ],
    namespace: "app-json",
}];

/// appjson.go `DefaultProperties` / `GlobalProperties` (`CommandSet` is
/// `common.CommandPropertySet`).
const PROPERTIES: GoProperties = GoProperties {
    namespace: "app-json",
    properties: &["appjson-path"],
    global_properties: &["appjson-path"],
};

/// Routes `app-json:*`.
pub(crate) fn dispatch(inv: &mut Invocation<'_>, sub: &str, args: &[String]) -> Option<Outcome> {
    Some(match sub {
        "report" => run_versioned_report(inv, &REPORT, LEGACY, args, &report_values),
        "set" => parse_go_set_args(inv, "app-json:set", args)
            .and_then(|call| go_command_property_set(inv, &PROPERTIES, &call)),
        _ => return None,
    })
}

/// `app-json:report` values.
fn report_values(inv: &Invocation<'_>, subject: Subject<'_>) -> ReportValues {
    let mut values = ReportValues::default();
    add_triplets(inv, subject, "app-json", "app-json", &[triplet("appjson-path", "app.json")], &mut values);
    values
}
