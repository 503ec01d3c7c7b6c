//! The `logs` plugin (plugins/logs, Go): report (vector sinks redacted in text reports) and
//! `logs:set` with its value checks.

use crate::command_property_set::{GoProperties, go_command_property_set, parse_go_set_args};
use crate::invocation::Invocation;
use crate::legacy_report::{
    LegacyLayout, Renderer, app_or, global_or, global_or_image_of, run_versioned_report, same,
};
use crate::output::Outcome;
use crate::property_report::{add_triplets, global_only, triplet};
use crate::report::{GoReportSpec, GoReportStyle, ReportValues, Subject, parse_report_args};
use crate::version::DokkuVersion;

/// `logs:report`.
const REPORT: GoReportSpec = GoReportSpec {
    plugin: "logs",
    report_type: "logs",
    style: GoReportStyle::LEGACY,
    json_since: DokkuVersion::new(0, 23, 1),
};

/// plugins/logs/Dockerfile's `FROM` (the default vector image) by version, before 0.33.8 the
/// `VectorImage` constant of logs.go.
const IMAGES: &[(DokkuVersion, &str)] = &[
    (DokkuVersion::new(0, 30, 0), "timberio/vector:0.23.X-debian"),
    (DokkuVersion::new(0, 31, 0), "timberio/vector:0.31.X-debian"),
    (DokkuVersion::new(0, 33, 2), "timberio/vector:0.35.X-debian"),
    (DokkuVersion::new(0, 33, 8), "timberio/vector:0.36.0-debian"),
    (DokkuVersion::new(0, 33, 9), "timberio/vector:0.36.1-debian"),
    (DokkuVersion::new(0, 34, 5), "timberio/vector:0.38.0-debian"),
    (DokkuVersion::new(0, 34, 6), "timberio/vector:0.39.0-debian"),
    (DokkuVersion::new(0, 35, 0), "timberio/vector:0.41.1-debian"),
    (DokkuVersion::new(0, 35, 9), "timberio/vector:0.42.0-debian"),
    (DokkuVersion::new(0, 35, 13), "timberio/vector:0.43.1-debian"),
    (DokkuVersion::new(0, 35, 18), "timberio/vector:0.46.1-debian"),
    (DokkuVersion::new(0, 35, 19), "timberio/vector:0.47.0-debian"),
    (DokkuVersion::new(0, 36, 0), "timberio/vector:0.48.0-debian"),
    (DokkuVersion::new(0, 36, 4), "timberio/vector:0.49.0-debian"),
    (DokkuVersion::new(0, 36, 8), "timberio/vector:0.50.0-debian"),
    (DokkuVersion::new(0, 36, 11), "timberio/vector:0.51.0-debian"),
    (DokkuVersion::new(0, 37, 0), "timberio/vector:0.51.1-debian"),
    (DokkuVersion::new(0, 37, 3), "timberio/vector:0.52.0-debian"),
    (DokkuVersion::new(0, 37, 6), "timberio/vector:0.53.0-debian"),
    (DokkuVersion::new(0, 37, 8), "timberio/vector:0.54.0-debian"),
    (DokkuVersion::new(0, 37, 10), "timberio/vector:0.55.0-debian"),
];

/// `logs:report` before 0.38.0 (plugins/logs/report.go at v0.33.9 and v0.35.20): global
/// values with their defaults, the vector image under `vector-global-image`, the app label
/// alias from v0.35.14.
const LEGACY: &[LegacyLayout] = &[
    // Sinks printed raw until v0.37.5 added `<type>://redacted` (plugins/logs/report.go).
    LegacyLayout {
        until: DokkuVersion::new(0, 35, 14),
        renderer: Renderer::Go { trim_prefix: false, uppercase: true },
        fields: &[
            same("--logs-computed-max-size"),
            global_or("--logs-global-max-size", "max-size", "10m"),
            global_or("--logs-global-vector-sink", "vector-sink", ""),
            same("--logs-max-size"),
            global_or_image_of("--logs-vector-global-image", "vector-image", IMAGES),
            app_or("--logs-vector-sink", "vector-sink", ""),
        ],
        namespace: "logs",
    },
    LegacyLayout {
        until: DokkuVersion::new(0, 37, 5),
        renderer: Renderer::Go { trim_prefix: false, uppercase: true },
        fields: &[
            same("--logs-computed-max-size"),
            global_or("--logs-global-max-size", "max-size", "10m"),
            global_or("--logs-global-vector-sink", "vector-sink", ""),
            same("--logs-max-size"),
            global_or_image_of("--logs-vector-global-image", "vector-image", IMAGES),
            app_or("--logs-vector-sink", "vector-sink", ""),
            same("--logs-computed-app-label-alias"),
            global_or("--logs-global-app-label-alias", "app-label-alias", "com.dokku.app-name"),
            same("--logs-app-label-alias"),
        ],
        namespace: "logs",
    },
    LegacyLayout {
        until: DokkuVersion::new(0, 38, 0),
        renderer: Renderer::Go { trim_prefix: false, uppercase: true },
        fields: &[
            same("--logs-computed-max-size"),
            global_or("--logs-global-max-size", "max-size", "10m"),
            same("--logs-global-vector-sink"),
            same("--logs-max-size"),
            global_or_image_of("--logs-vector-global-image", "vector-image", IMAGES),
            same("--logs-vector-sink"),
            same("--logs-computed-app-label-alias"),
            global_or("--logs-global-app-label-alias", "app-label-alias", "com.dokku.app-name"),
            same("--logs-app-label-alias"),
        ],
        namespace: "logs",
    },
];

/// logs.go `DefaultProperties` / `GlobalProperties`.
const PROPERTIES: GoProperties = GoProperties {
    namespace: "logs",
    properties: &["app-label-alias", "max-size", "vector-cron-sink", "vector-sink"],
    global_properties: &[
        "app-label-alias",
        "max-size",
        "vector-cron-sink",
        "vector-image",
        "vector-networks",
        "vector-sink",
    ],
};

/// Where `writeVectorConfig` writes (`common.GetDataDirectory("logs")`).
const VECTOR_CONFIG: &str = "/var/lib/dokku/data/logs/vector.json";

/// Routes `logs:*`.
pub(crate) fn dispatch(inv: &mut Invocation<'_>, sub: &str, args: &[String]) -> Option<Outcome> {
    Some(match sub {
        "report" => report(inv, args),
        "set" => set(inv, args),
        _ => return None,
    })
}

/// subcommands.go `CommandSet`: `validateSetValue` (set.go) first, even before the app
/// check, then `common.CommandPropertySet`; a changed vector property rewrites vector.json.
fn set(inv: &mut Invocation<'_>, args: &[String]) -> Outcome {
    let call = parse_go_set_args(inv, "logs:set", args)?;
    if let Err(error) = validate_set_value(inv, &call.app, &call.property, &call.value) {
        return Err(inv.out.fail(&error));
    }
    go_command_property_set(inv, &PROPERTIES, &call)?;
    if ["app-label-alias", "vector-cron-sink", "vector-sink"].contains(&call.property.as_str()) {
        inv.out.verbose_quiet(&format!("Writing updated vector config to {VECTOR_CONFIG}"));
    }
    Ok(())
}

/// set.go `validateSetValue`.
fn validate_set_value(inv: &Invocation<'_>, app: &str, key: &str, value: &str) -> Result<(), String> {
    match key {
        "app-label-alias" => {
            let valid = value.is_empty()
                || (value.starts_with(|c: char| c.is_ascii_alphanumeric())
                    && value.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-')));
            if !valid {
                return Err("Invalid app-label-alias value, must start with a letter or number and contain only letters, numbers, and any of [_, ., -]".to_owned());
            }
        }
        "max-size" if !value.is_empty() && value != "unlimited" => {
            if !value.ends_with(['k', 'm', 'g']) {
                return Err("Invalid max-size unit measure, value must end in any of [k, m, g]".to_owned());
            }
            if value.len() < 2 {
                return Err(
                    "Invalid max-size value, must be a number followed by a unit of measure [k, m, g]"
                        .to_owned(),
                );
            }
            let number = &value[..value.len() - 1];
            if number.parse::<i64>().is_err() {
                return Err(format!(
                    "Invalid max-size value, unable to convert number to int: strconv.Atoi: parsing {}: invalid syntax",
                    crate::go_quote::go_quote(number)
                ));
            }
        }
        "vector-image" if app != "--global" => {
            return Err("vector-image may only be set globally with --global".to_owned());
        }
        "vector-networks" => {
            if app != "--global" {
                return Err("vector-networks may only be set globally with --global".to_owned());
            }
            if !value.is_empty() {
                for name in value.split(',').map(str::trim) {
                    if name.is_empty() {
                        return Err(
                            "Invalid vector-networks value, empty entry in comma-separated list".to_owned()
                        );
                    }
                    if name == "bridge" {
                        return Err("Invalid vector-networks value, \"bridge\" is not a valid entry for vector-networks".to_owned());
                    }
                    // `docker network inspect <name>`: only networks network:create made exist.
                    if !inv.state.networks.contains_key(name) {
                        return Err(format!("Network {} does not exist", crate::go_quote::go_quote(name)));
                    }
                }
            }
        }
        "vector-sink" | "vector-cron-sink" if !value.is_empty() => {
            sink_type(value)?;
        }
        _ => {}
    }
    Ok(())
}

/// The sink type `SinkValueToConfig` derives: the URL scheme (lower-cased by Go's URL parser)
/// with `-` as `_`; a `sinks` query option is refused. Not modelled: the errors of `url.Parse`
/// and of the query-to-JSON conversion for malformed values.
fn sink_type(value: &str) -> Result<String, String> {
    let (scheme, rest) = match value.split_once(':') {
        Some((scheme, rest))
            if scheme.starts_with(|c: char| c.is_ascii_alphabetic())
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.' | '_')) =>
        {
            (scheme.replace('_', "-").to_lowercase(), rest)
        }
        _ => (String::new(), value),
    };
    let query = rest.split_once('?').map_or("", |(_, query)| query);
    let query = query.split_once('#').map_or(query, |(query, _)| query);
    let sinks_given = query
        .split('&')
        .filter_map(|pair| pair.split_once('='))
        .find(|(key, _)| *key == "sinks")
        .is_some_and(|(_, value)| !value.is_empty());
    if sinks_given {
        return Err("Invalid option sinks".to_owned());
    }
    Ok(scheme.replace('-', "_"))
}

/// report.go `redactedSink`: a sink shows as `<type>://redacted` unless the report is JSON
/// or that very flag was asked for.
fn redacted(value: String, flag: &str, json: bool, info_flag: &str) -> String {
    if value.is_empty() || json || info_flag == flag {
        return value;
    }
    match sink_type(&value) {
        Ok(kind) => format!("{kind}://redacted"),
        Err(_) => String::new(),
    }
}

/// `logs:report`: the triplets, with sinks redacted the way each report function does it
/// (the computed sinks take the app's or the global redaction, keyed to those flags).
fn report(inv: &mut Invocation<'_>, args: &[String]) -> Outcome {
    let parsed = parse_report_args(args).unwrap_or_default();
    let json = parsed.format.as_deref().is_some_and(|format| format != "stdout");
    let info_flag = parsed.info_flag.unwrap_or_default();
    run_versioned_report(inv, &REPORT, LEGACY, args, &|inv, subject| {
        let mut values = report_values(inv, subject);
        for sink in ["vector-sink", "vector-cron-sink"] {
            let own_flag = format!("--logs-{sink}");
            let global_flag = format!("--logs-global-{sink}");
            let own = match subject {
                Subject::App(app) => {
                    inv.state.apps.get(app).map(|a| a.property("logs", sink)).unwrap_or_default()
                }
                Subject::Global => String::new(),
            };
            let global = inv.state.global_property("logs", sink);
            let computed = if own.is_empty() {
                redacted(global.clone(), &global_flag, json, &info_flag)
            } else {
                redacted(own.clone(), &own_flag, json, &info_flag)
            };
            values.set(&format!("--logs-computed-{sink}"), computed);
            values.set(&global_flag, redacted(global, &global_flag, json, &info_flag));
            if matches!(subject, Subject::App(_)) {
                values.set(&own_flag, redacted(own, &own_flag, json, &info_flag));
            }
        }
        values
    })
}

/// `logs:report` values before redaction (the global block has no app keys).
fn report_values(inv: &Invocation<'_>, subject: Subject<'_>) -> ReportValues {
    let mut values = ReportValues::default();
    add_triplets(
        inv,
        subject,
        "logs",
        "logs",
        &[
            triplet("app-label-alias", "com.dokku.app-name"),
            triplet("max-size", "10m"),
            triplet("vector-cron-sink", ""),
            global_only("vector-image", "timberio/vector:0.57.0-debian"),
            global_only("vector-networks", ""),
            triplet("vector-sink", ""),
        ],
        &mut values,
    );
    values
}
