//! The six builder plugins with one setting each: builder-dockerfile (`dockerfile-path`),
//! builder-herokuish (`allowed`), builder-lambda (`lambdayml-path`), builder-nixpacks
//! (`nixpackstoml-path`), builder-pack (`projecttoml-path`) and builder-railpack
//! (`railpackjson-path`). Each has a Go `report` (`plugins/<name>/report.go`: app, global and
//! computed value, `EmitLegacyPrefix: false`) and a bash `subcommands/set` that verifies the app
//! first and accepts its one key per app and globally.

use crate::command_property_set::{BashAppCheck, BashKeys, bash_property_set, bash_set_args};
use crate::invocation::Invocation;
use crate::output::Outcome;
use crate::report::{GoReportSpec, GoReportStyle, ReportValues, Subject, run_go_report};
use crate::version::DokkuVersion;

/// One builder plugin's setting.
struct BuilderSetting {
    /// Plugin (and property namespace) name.
    plugin: &'static str,
    /// The one key of `VALID_KEYS`.
    key: &'static [&'static str],
    /// The computed value when neither the app nor the global value is set
    /// (`reportComputed*` in report.go).
    default: &'static str,
}

/// The six plugins. builder-herokuish computes `allowed` as `true` on an amd64 host (`dpkg
/// --print-architecture`), which the capture host and the simulated one are.
const SETTINGS: &[BuilderSetting] = &[
    BuilderSetting { plugin: "builder-dockerfile", key: &["dockerfile-path"], default: "Dockerfile" },
    BuilderSetting { plugin: "builder-herokuish", key: &["allowed"], default: "true" },
    BuilderSetting { plugin: "builder-lambda", key: &["lambdayml-path"], default: "lambda.yml" },
    BuilderSetting { plugin: "builder-nixpacks", key: &["nixpackstoml-path"], default: "nixpacks.toml" },
    BuilderSetting { plugin: "builder-pack", key: &["projecttoml-path"], default: "project.toml" },
    BuilderSetting { plugin: "builder-railpack", key: &["railpackjson-path"], default: "railpack.json" },
];

/// Routes `<builder-plugin>:*`; `None` for other namespaces.
pub(crate) fn dispatch(
    inv: &mut Invocation<'_>,
    namespace: &str,
    sub: &str,
    args: &[String],
) -> Option<Outcome> {
    let setting = SETTINGS.iter().find(|setting| setting.plugin == namespace)?;
    Some(match sub {
        "report" => {
            let spec = GoReportSpec {
                plugin: setting.plugin,
                report_type: setting.plugin,
                style: GoReportStyle::PORTED,
                json_since: DokkuVersion::new(0, 38, 0),
            };
            run_go_report(inv, &spec, args, &|inv, subject| report_values(inv, setting, subject))
        }
        "set" => {
            let keys = BashKeys {
                namespace: setting.plugin,
                valid: setting.key,
                global: setting.key,
                global_only: &[],
                listed: setting.key[0],
                global_prefix: None,
                app_check: BashAppCheck::First,
            };
            bash_property_set(inv, &keys, &bash_set_args(args))
        }
        _ => return None,
    })
}

/// `ReportSingleApp`: `--<plugin>-<key>` (apps only), `-global-<key>`, `-computed-<key>`.
fn report_values(inv: &Invocation<'_>, setting: &BuilderSetting, subject: Subject<'_>) -> ReportValues {
    let (plugin, key) = (setting.plugin, setting.key[0]);
    let mut values = ReportValues::default();
    let global = inv.state.global_property(plugin, key);
    let own = match subject {
        Subject::App(app) => inv.state.apps.get(app).map(|a| a.property(plugin, key)).unwrap_or_default(),
        Subject::Global => String::new(),
    };
    let computed = [own.as_str(), global.as_str()]
        .into_iter()
        .find(|value| !value.is_empty())
        .unwrap_or(setting.default)
        .to_owned();
    if matches!(subject, Subject::App(_)) {
        values.set(&format!("--{plugin}-{key}"), own);
    }
    values.set(&format!("--{plugin}-global-{key}"), global);
    values.set(&format!("--{plugin}-computed-{key}"), computed);
    values
}
