//! Reports as Dokku printed them before today's shape: the bash `cmd-<plugin>-report-single`
//! functions (every plugin that was ported to Go in 0.38.22, and docker-options and storage
//! before their own ports) and Go's `common.ReportSingleApp` before 0.38.0 (no `--global` scope).
//!
//! A plugin declares, per range of versions, which fields its report printed and where each
//! value comes from ([`LegacyLayout`]); the values themselves are the plugin's report values of
//! today wherever the meaning did not change, so only the differences are written down.

use std::collections::BTreeMap;

use crate::go_json::{GoValue, go_object};
use crate::invocation::Invocation;
use crate::output::Outcome;
use crate::report::{
    GoReportSpec, ReportArgsError, ReportValues, Subject, go_index_panic, parse_report_args, run_go_report,
    uppercase_first,
};
use crate::version::DokkuVersion;

/// Where one field of an older report takes its value from.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Source {
    /// The field of today's report with the same flag.
    Same,
    /// Another field of today's report (the old field printed what today's computed one does).
    Field(&'static str),
    /// The app's property (`fn-plugin-property-get <ns> $APP <p> <default>`): the default
    /// when unset.
    AppOr(&'static str, &'static str),
    /// The global property (`fn-plugin-property-get <ns> --global <p> <default>`).
    GlobalOr(&'static str, &'static str),
    /// The app's property, else the global one, else `default` (bash `fn-<p>-computed-<key>`).
    Computed(&'static str, &'static str),
    /// The app's property, else its default log file `/var/log/nginx/<app>-<suffix>.log`
    /// (openresty-vhosts' `fn-openresty-access-log-path`, whose log root is nginx's).
    AppOrLog(&'static str, &'static str),
    /// The global property, else the app's default log file `/var/log/nginx/<app>-<suffix>.log`
    /// (nginx-vhosts' `GlobalAccessLogPath`/`GlobalErrorLogPath`).
    GlobalOrLog(&'static str, &'static str),
    /// The global property, else the `FROM` image of the plugin's Dockerfile at this version:
    /// `(first version, image)` pairs, oldest first.
    GlobalOrImage(&'static str, &'static [(DokkuVersion, &'static str)]),
    /// Every field of today's report whose flag starts with the field's flag (ps's
    /// `--status-<type>-<n>`).
    Prefixed,
}

/// Which report blocks print a field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Blocks {
    /// App blocks and (where the report has a `--global` scope) the global block.
    All,
    /// App blocks only.
    App,
}

/// One field of an older report.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Field {
    /// The flag (`--checks-wait-to-retire`).
    pub(crate) flag: &'static str,
    /// Where its value comes from.
    pub(crate) source: Source,
    /// Which blocks print it.
    pub(crate) blocks: Blocks,
}

/// A field with today's value under the same flag.
pub(crate) const fn same(flag: &'static str) -> Field {
    Field { flag, source: Source::Same, blocks: Blocks::All }
}

/// A field printed only in app blocks (bash reports with a `--global` scope).
pub(crate) const fn app_only(flag: &'static str) -> Field {
    Field { flag, source: Source::Same, blocks: Blocks::App }
}

/// A field whose value today's report prints under `today`.
pub(crate) const fn from(flag: &'static str, today: &'static str) -> Field {
    Field { flag, source: Source::Field(today), blocks: Blocks::All }
}

/// A field printing the app's property, or `default`.
pub(crate) const fn app_or(flag: &'static str, property: &'static str, default: &'static str) -> Field {
    Field { flag, source: Source::AppOr(property, default), blocks: Blocks::All }
}

/// A field printing the global property, or `default`.
pub(crate) const fn global_or(flag: &'static str, property: &'static str, default: &'static str) -> Field {
    Field { flag, source: Source::GlobalOr(property, default), blocks: Blocks::All }
}

/// A field printing the app's property, else the global one, else `default`.
pub(crate) const fn computed(flag: &'static str, property: &'static str, default: &'static str) -> Field {
    Field { flag, source: Source::Computed(property, default), blocks: Blocks::All }
}

/// A field printing the app's property, else the app's default log file.
pub(crate) const fn app_or_log(flag: &'static str, property: &'static str, suffix: &'static str) -> Field {
    Field { flag, source: Source::AppOrLog(property, suffix), blocks: Blocks::All }
}

/// A field printing the global property, else the app's default nginx log file.
pub(crate) const fn global_or_log(flag: &'static str, property: &'static str, suffix: &'static str) -> Field {
    Field { flag, source: Source::GlobalOrLog(property, suffix), blocks: Blocks::All }
}

/// A field printing the global image, else the plugin Dockerfile's `FROM` at this version.
pub(crate) const fn global_or_image(
    flag: &'static str,
    images: &'static [(DokkuVersion, &'static str)],
) -> Field {
    global_or_image_of(flag, "image", images)
}

/// A field printing the global `property`, else a Dockerfile's `FROM` at this version.
pub(crate) const fn global_or_image_of(
    flag: &'static str,
    property: &'static str,
    images: &'static [(DokkuVersion, &'static str)],
) -> Field {
    Field { flag, source: Source::GlobalOrImage(property, images), blocks: Blocks::All }
}

/// Today's fields whose flags start with `prefix`.
pub(crate) const fn prefixed(prefix: &'static str) -> Field {
    Field { flag: prefix, source: Source::Prefixed, blocks: Blocks::All }
}

/// How an older report was implemented, which decides its order, padding and arguments.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Renderer {
    /// A bash `report-single` function: fields in declaration order, `printf "%-30s %-25s"`,
    /// text only (`--format` is taken for an info flag).
    Bash {
        /// The header's noun (`ssl` for certs, `docker options`).
        noun: &'static str,
        /// `<plugin>:report --global` prints a `Global <noun> information` block (domains);
        /// elsewhere `--global` is an info flag.
        global_scope: bool,
        /// An info flag whose value is empty fails with `not deployed` (exit 1) rather than
        /// printing nothing.
        empty_info_fails: bool,
    },
    /// Go's `common.ReportSingleApp` before 0.38.0: `--global` is an info flag.
    Go {
        /// `trimPrefix`: labels and JSON keys lose `--<type>-` (resource), else `--`.
        trim_prefix: bool,
        /// `uppercaseFirstCharacter`.
        uppercase: bool,
    },
}

/// What a report printed for the versions before `until`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct LegacyLayout {
    /// The first version that no longer prints it this way.
    pub(crate) until: DokkuVersion,
    /// Its implementation.
    pub(crate) renderer: Renderer,
    /// Its fields, in declaration order (bash prints them so; Go sorts them). Empty for a
    /// report whose fields are today's (resource: one per stored property).
    pub(crate) fields: &'static [Field],
    /// The plugin's property namespace (for [`Source::AppOr`] and [`Source::GlobalOr`]).
    pub(crate) namespace: &'static str,
}

/// The layout `version` printed, if it is older than all of today's shape.
fn layout_for(layouts: &'static [LegacyLayout], version: DokkuVersion) -> Option<&'static LegacyLayout> {
    layouts.iter().filter(|layout| version < layout.until).min_by_key(|layout| layout.until)
}

/// Runs a `:report` command as `inv.version` printed it: an older layout when one applies,
/// today's report otherwise.
pub(crate) fn run_versioned_report(
    inv: &mut Invocation<'_>,
    spec: &GoReportSpec,
    layouts: &'static [LegacyLayout],
    args: &[String],
    values: &dyn Fn(&Invocation<'_>, Subject<'_>) -> ReportValues,
) -> Outcome {
    match layout_for(layouts, inv.version) {
        None => run_go_report(inv, spec, args, values),
        Some(layout) => match layout.renderer {
            Renderer::Bash { noun, global_scope, empty_info_fails } => {
                let shape = BashShape { noun, global_scope, empty_info_fails };
                run_bash(inv, layout, &shape, args, values)
            }
            Renderer::Go { trim_prefix, uppercase } => {
                run_old_go(inv, spec, layout, trim_prefix, uppercase, args, values)
            }
        },
    }
}

/// The fields of one block, in declaration order.
fn block(
    inv: &Invocation<'_>,
    layout: &LegacyLayout,
    subject: Subject<'_>,
    values: &dyn Fn(&Invocation<'_>, Subject<'_>) -> ReportValues,
) -> Vec<(String, String)> {
    let today = values(inv, subject);
    if layout.fields.is_empty() {
        return today.flags.into_iter().collect();
    }
    let mut fields = Vec::new();
    for field in layout.fields {
        if field.blocks == Blocks::App && !matches!(subject, Subject::App(_)) {
            continue;
        }
        if let Source::Prefixed = field.source {
            fields.extend(
                today
                    .flags
                    .iter()
                    .filter(|(flag, _)| flag.starts_with(field.flag))
                    .map(|(f, v)| (f.clone(), v.clone())),
            );
            continue;
        }
        fields.push({
            let value = match field.source {
                Source::Prefixed => String::new(),
                Source::Same => today.flags.get(field.flag).cloned().unwrap_or_default(),
                Source::Field(other) => today.flags.get(other).cloned().unwrap_or_default(),
                Source::AppOr(property, default) => {
                    let raw = match subject {
                        Subject::App(app) => inv
                            .state
                            .apps
                            .get(app)
                            .map(|a| a.property(layout.namespace, property))
                            .unwrap_or_default(),
                        Subject::Global => inv.state.global_property(layout.namespace, property),
                    };
                    if raw.is_empty() { default.to_string() } else { raw }
                }
                Source::GlobalOr(property, default) => {
                    let raw = inv.state.global_property(layout.namespace, property);
                    if raw.is_empty() { default.to_string() } else { raw }
                }
                Source::Computed(property, default) => {
                    let own = match subject {
                        Subject::App(app) => inv
                            .state
                            .apps
                            .get(app)
                            .map(|a| a.property(layout.namespace, property))
                            .unwrap_or_default(),
                        Subject::Global => String::new(),
                    };
                    let global = inv.state.global_property(layout.namespace, property);
                    [own, global].into_iter().find(|v| !v.is_empty()).unwrap_or_else(|| default.to_string())
                }
                Source::AppOrLog(property, suffix) => match subject {
                    Subject::App(app) => {
                        let raw = inv
                            .state
                            .apps
                            .get(app)
                            .map(|a| a.property(layout.namespace, property))
                            .unwrap_or_default();
                        if raw.is_empty() { format!("/var/log/nginx/{app}-{suffix}.log") } else { raw }
                    }
                    Subject::Global => String::new(),
                },
                Source::GlobalOrLog(property, suffix) => {
                    let raw = inv.state.global_property(layout.namespace, property);
                    match subject {
                        Subject::App(app) if raw.is_empty() => format!("/var/log/nginx/{app}-{suffix}.log"),
                        _ => raw,
                    }
                }
                Source::GlobalOrImage(property, images) => {
                    let raw = inv.state.global_property(layout.namespace, property);
                    if raw.is_empty() { image_at(images, inv.version).to_string() } else { raw }
                }
            };
            (field.flag.to_string(), value)
        });
    }
    fields
}

/// The image of the newest `(first version, image)` pair not after `version`.
fn image_at(images: &[(DokkuVersion, &'static str)], version: DokkuVersion) -> &'static str {
    images.iter().rev().find(|(since, _)| version >= *since).or(images.first()).map_or("", |(_, image)| image)
}

/// A bash report's header and argument handling.
struct BashShape {
    noun: &'static str,
    global_scope: bool,
    empty_info_fails: bool,
}

/// `cmd-<plugin>-report`: `APP="$1" INFO_FLAG="$2"`; a first argument starting with `--` is
/// the info flag; no app means every app (`dokku_apps`, which fails when there is none), each
/// block's failure ignored (`| tee || true`).
fn run_bash(
    inv: &mut Invocation<'_>,
    layout: &LegacyLayout,
    shape: &BashShape,
    args: &[String],
    values: &dyn Fn(&Invocation<'_>, Subject<'_>) -> ReportValues,
) -> Outcome {
    let mut app = args.first().cloned().unwrap_or_default();
    let mut info_flag = args.get(1).cloned().unwrap_or_default();
    if shape.global_scope && app == "--global" {
        return bash_block(inv, layout, shape, Subject::Global, &info_flag, values);
    }
    if app.starts_with("--") {
        info_flag = std::mem::take(&mut app);
    }
    if !app.is_empty() {
        if !inv.app_exists(&app) {
            return Err(inv.out.app_missing(&app));
        }
        return bash_block(inv, layout, shape, Subject::App(&app), &info_flag, values);
    }
    let apps: Vec<String> = inv.state.apps.keys().cloned().collect();
    if apps.is_empty() {
        return Err(inv.out.fail("You haven't deployed any applications yet"));
    }
    for app in apps {
        // `| tee || true`: a failing block does not stop the loop.
        let _ = bash_block(inv, layout, shape, Subject::App(&app), &info_flag, values);
    }
    Ok(())
}

/// `cmd-<plugin>-report-single`.
fn bash_block(
    inv: &mut Invocation<'_>,
    layout: &LegacyLayout,
    shape: &BashShape,
    subject: Subject<'_>,
    info_flag: &str,
    values: &dyn Fn(&Invocation<'_>, Subject<'_>) -> ReportValues,
) -> Outcome {
    let mut fields = block(inv, layout, subject, values);
    if let Some((name, value)) = crate::settings::new_report_field() {
        let prefix = layout.fields.first().map_or("", |f| f.flag);
        let plugin = prefix.trim_start_matches("--").split('-').next().unwrap_or_default();
        fields.push((format!("--{plugin}-{name}"), value));
    }
    if !info_flag.is_empty() {
        let mut matched = false;
        let mut printed = false;
        for (flag, value) in &fields {
            if flag == info_flag {
                matched = true;
                if !value.is_empty() {
                    inv.out.line(value);
                    printed = true;
                }
            }
        }
        if !matched {
            let valid: String = fields.iter().map(|(flag, _)| format!(" {flag}")).collect();
            return Err(inv.out.fail(&format!("Invalid flag passed, valid flags:{valid}")));
        }
        if !printed && shape.empty_info_fails {
            return Err(inv.out.fail("not deployed"));
        }
        return Ok(());
    }
    let header = match subject {
        Subject::App(app) => format!("{app} {} information", shape.noun),
        Subject::Global => format!("Global {} information", shape.noun),
    };
    inv.out.info2_quiet(&header);
    for (flag, value) in &fields {
        // `key="$(echo "${flag#--}" | cut -f1 -d' ' | tr - ' ')"`: the label keeps its colon.
        let label = uppercase_first(&format!("{}:", flag.trim_start_matches("--").replace('-', " ")));
        inv.out.verbose(&format!("{label:<30} {value:<25}"));
    }
    Ok(())
}

/// Go's report subcommand before 0.38.0 (`ParseReportArgs` returned the info flags, `--global`
/// among them; `--format` took the next word) and `ReportSingleApp` of v0.35.20
/// plugins/common/common.go.
fn run_old_go(
    inv: &mut Invocation<'_>,
    spec: &GoReportSpec,
    layout: &LegacyLayout,
    trim_prefix: bool,
    uppercase: bool,
    args: &[String],
    values: &dyn Fn(&Invocation<'_>, Subject<'_>) -> ReportValues,
) -> Outcome {
    let parsed = match parse_report_args(args) {
        Ok(parsed) => parsed,
        Err(ReportArgsError::DanglingFormat) => return Err(go_index_panic(inv)),
    };
    if parsed.too_many_flags {
        return Ok(());
    }
    let mut info_flag = parsed.info_flag.clone().unwrap_or_default();
    if parsed.global {
        if !info_flag.is_empty() {
            // Two info flags: the flag error is dropped, nothing is printed.
            return Ok(());
        }
        info_flag = "--global".to_string();
    }
    let format = parsed.format.clone().unwrap_or_else(|| "stdout".to_string());
    if format == "json" && !inv.version.at_least_version(spec.json_since) {
        let fields = block(inv, layout, Subject::Global, values);
        let keys: Vec<&str> = fields.iter().map(|(flag, _)| flag.as_str()).collect();
        return Err(inv.out.fail(&format!("Invalid flag passed, valid flags: {}", keys.join(", "))));
    }
    let style = OldGoStyle { report_type: spec.report_type, trim_prefix, uppercase };
    match parsed.app.clone() {
        Some(app) => {
            crate::plugins::verify_app_go(inv, &app)?;
            old_go_block(inv, layout, &style, &app, &info_flag, &format, values)
        }
        None => {
            let apps: Vec<String> = inv.state.apps.keys().cloned().collect();
            if apps.is_empty() {
                inv.out.warn("You haven't deployed any applications yet");
                return Ok(());
            }
            for app in apps {
                old_go_block(inv, layout, &style, &app, &info_flag, &format, values)?;
            }
            Ok(())
        }
    }
}

/// The old Go report's key shape.
struct OldGoStyle {
    report_type: &'static str,
    trim_prefix: bool,
    uppercase: bool,
}

/// One block of the old `ReportSingleApp`.
fn old_go_block(
    inv: &mut Invocation<'_>,
    layout: &LegacyLayout,
    style: &OldGoStyle,
    app: &str,
    info_flag: &str,
    format: &str,
    values: &dyn Fn(&Invocation<'_>, Subject<'_>) -> ReportValues,
) -> Outcome {
    let mut fields: BTreeMap<String, String> =
        block(inv, layout, Subject::App(app), values).into_iter().collect();
    if let Some((name, value)) = crate::settings::new_report_field() {
        fields.insert(format!("--{}-{name}", style.report_type), value);
    }
    if format != "stdout" && !info_flag.is_empty() {
        return Err(inv.out.fail("--format flag cannot be specified when specifying an info flag"));
    }
    let prefix = if style.trim_prefix { format!("--{}-", style.report_type) } else { "--".to_string() };
    if format == "json" {
        let map: BTreeMap<String, GoValue> = fields
            .iter()
            .map(|(flag, value)| {
                (flag.strip_prefix(&prefix).unwrap_or(flag).to_string(), GoValue::Text(value.clone()))
            })
            .collect();
        inv.out.line(&go_object(&map));
        return Ok(());
    }
    if info_flag.is_empty() {
        let width = fields.keys().map(String::len).max().unwrap_or(0).max(31);
        inv.out.info2_quiet(&format!("{app} {} information", style.report_type));
        for (flag, value) in &fields {
            let mut label = flag.strip_prefix(&prefix).unwrap_or(flag).replace(['-', '.'], " ");
            if style.uppercase {
                label = uppercase_first(&label);
            }
            let label = format!("{label}:");
            let padding = width.saturating_sub(label.len());
            inv.out.verbose(&format!("{label}{}{value}", " ".repeat(padding)));
        }
        return Ok(());
    }
    match fields.get(info_flag) {
        Some(value) => {
            inv.out.line(value);
            Ok(())
        }
        None => {
            let keys: Vec<&str> = fields.keys().map(String::as_str).collect();
            Err(inv.out.fail(&format!("Invalid flag passed, valid flags: {}", keys.join(", "))))
        }
    }
}
