//! The six builder plugins with one setting each: builder-dockerfile (`dockerfile-path`),
//! builder-herokuish (`allowed`), builder-lambda (`lambdayml-path`), builder-nixpacks
//! (`nixpackstoml-path`), builder-pack (`projecttoml-path`) and builder-railpack
//! (`railpackjson-path`). Each has a Go `report` (`plugins/<name>/report.go`: app, global and
//! computed value, `EmitLegacyPrefix: false`) and a bash `subcommands/set` that verifies the app
//! first and accepts its one key per app and globally.

use crate::command_property_set::{BashAppCheck, BashKeys, bash_property_set, bash_set_args};
use crate::invocation::Invocation;
use crate::legacy_report::{LegacyLayout, Renderer, computed, global_or, run_versioned_report, same};
use crate::output::Outcome;
use crate::report::{GoReportSpec, GoReportStyle, ReportValues, Subject};
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
    /// The first version that has the plugin.
    since: DokkuVersion,
    /// Its bash reports before the Go port.
    legacy: &'static [LegacyLayout],
}

/// The six plugins. builder-herokuish computes `allowed` as `true` on an amd64 host (`dpkg
/// --print-architecture`), which the capture host and the simulated one are.
const SETTINGS: &[BuilderSetting] = &[
    BuilderSetting {
        plugin: "builder-dockerfile",
        key: &["dockerfile-path"],
        default: "Dockerfile",
        since: DokkuVersion::new(0, 0, 0),
        legacy: DOCKERFILE_LEGACY,
    },
    BuilderSetting {
        plugin: "builder-herokuish",
        key: &["allowed"],
        default: "true",
        since: DokkuVersion::new(0, 0, 0),
        legacy: HEROKUISH_LEGACY,
    },
    BuilderSetting {
        plugin: "builder-lambda",
        key: &["lambdayml-path"],
        default: "lambda.yml",
        since: DokkuVersion::new(0, 0, 0),
        legacy: LAMBDA_LEGACY,
    },
    BuilderSetting {
        plugin: "builder-nixpacks",
        key: &["nixpackstoml-path"],
        default: "nixpacks.toml",
        since: DokkuVersion::new(0, 32, 0),
        legacy: NIXPACKS_LEGACY,
    },
    BuilderSetting {
        plugin: "builder-pack",
        key: &["projecttoml-path"],
        default: "project.toml",
        since: DokkuVersion::new(0, 0, 0),
        legacy: PACK_LEGACY,
    },
    BuilderSetting {
        plugin: "builder-railpack",
        key: &["railpackjson-path"],
        default: "railpack.json",
        since: DokkuVersion::new(0, 37, 0),
        legacy: RAILPACK_LEGACY,
    },
];

/// The bash reports before the Go port (plugins/<name>/internal-functions, the same fields
/// v0.33.0 to v0.37.10): computed, global (with its default), app, in that order.
const DOCKERFILE_LEGACY: &[LegacyLayout] = &[LegacyLayout {
    until: DokkuVersion::new(0, 38, 0),
    renderer: Renderer::Bash { noun: "builder-dockerfile", global_scope: false, empty_info_fails: true },
    fields: &[
        computed("--builder-dockerfile-computed-dockerfile-path", "dockerfile-path", "Dockerfile"),
        global_or("--builder-dockerfile-global-dockerfile-path", "dockerfile-path", "Dockerfile"),
        same("--builder-dockerfile-dockerfile-path"),
    ],
    namespace: "builder-dockerfile",
}];

/// builder-herokuish's global default is empty on amd64 (`fn-builder-herokuish-global-allowed`:
/// `false` only on other architectures), so is the computed value.
const HEROKUISH_LEGACY: &[LegacyLayout] = &[LegacyLayout {
    until: DokkuVersion::new(0, 38, 0),
    renderer: Renderer::Bash { noun: "builder-herokuish", global_scope: false, empty_info_fails: true },
    fields: &[
        computed("--builder-herokuish-computed-allowed", "allowed", ""),
        global_or("--builder-herokuish-global-allowed", "allowed", ""),
        same("--builder-herokuish-allowed"),
    ],
    namespace: "builder-herokuish",
}];

/// builder-lambda.
const LAMBDA_LEGACY: &[LegacyLayout] = &[LegacyLayout {
    until: DokkuVersion::new(0, 38, 0),
    renderer: Renderer::Bash { noun: "builder-lambda", global_scope: false, empty_info_fails: true },
    fields: &[
        computed("--builder-lambda-computed-lambdayml-path", "lambdayml-path", "lambda.yml"),
        global_or("--builder-lambda-global-lambdayml-path", "lambdayml-path", "lambda.yml"),
        same("--builder-lambda-lambdayml-path"),
    ],
    namespace: "builder-lambda",
}];

/// builder-nixpacks, with a `no-cache` triplet until v0.37.0.
const NIXPACKS_LEGACY: &[LegacyLayout] = &[
    LegacyLayout {
        until: DokkuVersion::new(0, 37, 0),
        renderer: Renderer::Bash { noun: "builder-nixpacks", global_scope: false, empty_info_fails: true },
        fields: &[
            computed("--builder-nixpacks-computed-nixpackstoml-path", "nixpackstoml-path", "nixpacks.toml"),
            global_or("--builder-nixpacks-global-nixpackstoml-path", "nixpackstoml-path", "nixpacks.toml"),
            same("--builder-nixpacks-nixpackstoml-path"),
            computed("--builder-nixpacks-computed-no-cache", "no-cache", "false"),
            global_or("--builder-nixpacks-global-no-cache", "no-cache", "false"),
            same("--builder-nixpacks-no-cache"),
        ],
        namespace: "builder-nixpacks",
    },
    LegacyLayout {
        until: DokkuVersion::new(0, 38, 0),
        renderer: Renderer::Bash { noun: "builder-nixpacks", global_scope: false, empty_info_fails: true },
        fields: &[
            computed("--builder-nixpacks-computed-nixpackstoml-path", "nixpackstoml-path", "nixpacks.toml"),
            global_or("--builder-nixpacks-global-nixpackstoml-path", "nixpackstoml-path", "nixpacks.toml"),
            same("--builder-nixpacks-nixpackstoml-path"),
        ],
        namespace: "builder-nixpacks",
    },
];

/// builder-pack.
const PACK_LEGACY: &[LegacyLayout] = &[LegacyLayout {
    until: DokkuVersion::new(0, 38, 0),
    renderer: Renderer::Bash { noun: "builder-pack", global_scope: false, empty_info_fails: true },
    fields: &[
        computed("--builder-pack-computed-projecttoml-path", "projecttoml-path", "project.toml"),
        global_or("--builder-pack-global-projecttoml-path", "projecttoml-path", "project.toml"),
        same("--builder-pack-projecttoml-path"),
    ],
    namespace: "builder-pack",
}];

/// builder-railpack (v0.37.0).
const RAILPACK_LEGACY: &[LegacyLayout] = &[LegacyLayout {
    until: DokkuVersion::new(0, 38, 0),
    renderer: Renderer::Bash { noun: "builder-railpack", global_scope: false, empty_info_fails: true },
    fields: &[
        computed("--builder-railpack-computed-railpackjson-path", "railpackjson-path", "railpack.json"),
        global_or("--builder-railpack-global-railpackjson-path", "railpackjson-path", "railpack.json"),
        same("--builder-railpack-railpackjson-path"),
    ],
    namespace: "builder-railpack",
}];

/// Routes `<builder-plugin>:*`; `None` for other namespaces.
pub(crate) fn dispatch(
    inv: &mut Invocation<'_>,
    namespace: &str,
    sub: &str,
    args: &[String],
) -> Option<Outcome> {
    let setting = SETTINGS.iter().find(|setting| setting.plugin == namespace)?;
    // A plugin the version did not ship: no `commands` answers, "is not a dokku command".
    if !inv.version.at_least_version(setting.since) {
        return None;
    }
    Some(match sub {
        "report" => {
            let spec = GoReportSpec {
                plugin: setting.plugin,
                report_type: setting.plugin,
                style: GoReportStyle::PORTED,
                json_since: DokkuVersion::new(0, 38, 0),
            };
            run_versioned_report(inv, &spec, setting.legacy, args, &|inv, subject| {
                report_values(inv, setting, subject)
            })
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
