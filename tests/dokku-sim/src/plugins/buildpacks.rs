//! The `buildpacks` plugin (plugins/buildpacks, Go): the app's ordered buildpack list (the
//! property list `buildpacks/<app>/buildpacks`), `set-property stack` and the report.

use crate::command_property_set::{GoProperties, go_command_property_set, parse_go_set_args};
use crate::invocation::Invocation;
use crate::legacy_report::{LegacyLayout, Renderer, computed, run_versioned_report, same};
use crate::output::{Failure, Outcome};
use crate::pflag::{ParsedFlags, parse_flags};
use crate::property_report::app_property;
use crate::report::{GoReportSpec, GoReportStyle, ReportValues, Subject};
use crate::version::DokkuVersion;

/// `buildpacks:report`.
const REPORT: GoReportSpec = GoReportSpec {
    plugin: "buildpacks",
    report_type: "buildpacks",
    style: GoReportStyle::LEGACY,
    json_since: DokkuVersion::new(0, 23, 1),
};

/// `buildpacks:report` before 0.38.0 (plugins/buildpacks/report.go at v0.33.9 and v0.35.20).
const LEGACY: &[LegacyLayout] = &[
    // The default stack is the main script's DOKKU_IMAGE: `gliderlabs/herokuish:latest-22` in
    // dokku v0.33.x and v0.34.x, `latest-24` from v0.35.0.
    LegacyLayout {
        until: DokkuVersion::new(0, 35, 0),
        renderer: Renderer::Go { trim_prefix: false, uppercase: true },
        fields: &[
            computed("--buildpacks-computed-stack", "stack", "gliderlabs/herokuish:latest-22"),
            same("--buildpacks-global-stack"),
            same("--buildpacks-list"),
            same("--buildpacks-stack"),
        ],
        namespace: "buildpacks",
    },
    LegacyLayout {
        until: DokkuVersion::new(0, 38, 0),
        renderer: Renderer::Go { trim_prefix: false, uppercase: true },
        fields: &[
            same("--buildpacks-computed-stack"),
            same("--buildpacks-global-stack"),
            same("--buildpacks-list"),
            same("--buildpacks-stack"),
        ],
        namespace: "buildpacks",
    },
];

/// buildpacks.go `DefaultProperties` / `GlobalProperties` (for `set-property`).
const PROPERTIES: GoProperties =
    GoProperties { namespace: "buildpacks", properties: &["stack"], global_properties: &["stack"] };

/// The `DOKKU_IMAGE` of the dokku user's environment (`/home/dokku/.dokkurc` defaults), the
/// last fallback of the computed stack.
const DOKKU_IMAGE: &str = "gliderlabs/herokuish:latest-24";

/// Routes `buildpacks:*`.
pub(crate) fn dispatch(inv: &mut Invocation<'_>, sub: &str, args: &[String]) -> Option<Outcome> {
    Some(match sub {
        "report" => run_versioned_report(inv, &REPORT, LEGACY, args, &report_values),
        "set-property" => set_property(inv, args),
        "add" => add(inv, args),
        "set" => set(inv, args),
        "remove" => remove(inv, args),
        "clear" => clear(inv, args),
        "list" => list(inv, args),
        _ => return None,
    })
}

/// The app's buildpack list (`PropertyListGet`).
fn buildpacks(inv: &Invocation<'_>, app: &str) -> Vec<String> {
    app_property(inv, app, "buildpacks", "buildpacks").lines().map(str::to_owned).collect()
}

/// `PropertyListWrite` of the app's list.
fn write_buildpacks(inv: &mut Invocation<'_>, app: &str, list: &[String]) {
    if let Some(state) = inv.state.apps.get_mut(app) {
        state.write_property("buildpacks", "buildpacks", &list.join("\n"));
    }
}

/// pflag's `--index` (an `Int` flag, 0 when absent).
fn index_flag(inv: &mut Invocation<'_>, command: &str, flags: &ParsedFlags) -> Result<i64, Failure> {
    let Some(text) = flags.value("index") else {
        return Ok(0);
    };
    text.parse::<i64>().map_err(|_| {
        inv.out.err_line(&format!(
            "invalid argument \"{text}\" for \"--index\" flag: strconv.ParseInt: parsing \"{text}\": invalid syntax"
        ));
        inv.out.err_line(&format!("Usage of {command}:"));
        Failure(2)
    })
}

/// functions.go `validBuildpackURL`: `owner/name` becomes a GitHub heroku-buildpack URL
/// (`heroku-community/` → `heroku/`); otherwise an `http`, `https` or `git` URL of the shape
/// `<scheme>(://|@)<host>(/|:)<owner>/<path>` is kept as given.
fn valid_buildpack_url(buildpack: &str) -> Result<String, String> {
    if buildpack.is_empty() {
        return Err("Must specify a buildpack url or reference".to_owned());
    }
    let word = |part: &str| {
        !part.is_empty() && part.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
    };
    if let Some((owner, name)) = buildpack.split_once('/')
        && word(owner)
        && word(name)
    {
        let owner = if owner == "heroku-community" { "heroku" } else { owner };
        return Ok(format!("https://github.com/{owner}/heroku-buildpack-{name}.git"));
    }
    // The regexp is multi-line (`(?m)`): any line of the value may match.
    if buildpack.lines().any(is_buildpack_url) {
        return Ok(buildpack.to_owned());
    }
    Err(format!("Invalid buildpack specified: {buildpack}"))
}

/// `^(http|https|git)(://|@)([^/:]+)[/:]([^/:]+)/(.+)…$` for one line.
fn is_buildpack_url(line: &str) -> bool {
    let rest = ["https", "http", "git"].iter().find_map(|scheme| line.strip_prefix(scheme));
    let Some(rest) = rest.and_then(|rest| rest.strip_prefix("://").or_else(|| rest.strip_prefix('@'))) else {
        return false;
    };
    let Some(host_end) = rest.find(['/', ':']) else {
        return false;
    };
    if host_end == 0 {
        return false;
    }
    let after_host = &rest[host_end + 1..];
    let Some(owner_end) = after_host.find(['/', ':']) else {
        return false;
    };
    owner_end > 0 && after_host[owner_end..].starts_with('/') && after_host.len() > owner_end + 1
}

/// `CommandAdd`: inserts before the 1-based `--index`, or appends (`PropertyListAdd`).
fn add(inv: &mut Invocation<'_>, args: &[String]) -> Outcome {
    let flags = parse_flags(inv, "buildpacks:add", args, &[], &["index"])?;
    let index = index_flag(inv, "buildpacks:add", &flags)?;
    let app = flags.arg(0);
    super::verify_app_go(inv, &app)?;
    let buildpack = valid_buildpack_url(&flags.arg(1)).map_err(|error| inv.out.fail(&error))?;
    let value = buildpack.trim().to_owned();
    let current = buildpacks(inv, &app);
    let mut list = Vec::with_capacity(current.len() + 1);
    for (position, line) in current.iter().enumerate() {
        if index != 0 && i64::try_from(position).is_ok_and(|p| p == index - 1) {
            list.push(value.clone());
        }
        list.push(line.clone());
    }
    if index == 0 || usize::try_from(index).is_ok_and(|i| i > current.len()) {
        list.push(value);
    }
    write_buildpacks(inv, &app, &list);
    Ok(())
}

/// `CommandSet`: one buildpack replaces the one at the 1-based `--index` (the first by
/// default) or is appended past the end (`PropertyListSet`); `--replace` writes the whole
/// ordered list (`setBuildpackList`).
fn set(inv: &mut Invocation<'_>, args: &[String]) -> Outcome {
    let flags = parse_flags(inv, "buildpacks:set", args, &["replace"], &["index"])?;
    let index = index_flag(inv, "buildpacks:set", &flags)?;
    let app = flags.arg(0);
    super::verify_app_go(inv, &app)?;
    let given: Vec<String> = flags.positionals.iter().skip(1).cloned().collect();
    if flags.has("replace") {
        if index != 0 {
            return Err(inv.out.fail("The --index flag cannot be used with --replace"));
        }
        if given.is_empty() {
            return Err(inv
                .out
                .fail("Must specify at least one buildpack, use buildpacks:clear to remove all buildpacks"));
        }
        let mut validated = Vec::with_capacity(given.len());
        for buildpack in &given {
            validated.push(valid_buildpack_url(buildpack).map_err(|error| inv.out.fail(&error))?);
        }
        write_buildpacks(inv, &app, &validated);
        return Ok(());
    }
    if given.len() > 1 {
        return Err(inv.out.fail("Setting multiple buildpacks requires the --replace flag"));
    }
    let Some(first) = given.first() else {
        return Err(inv.out.fail("Must specify a buildpack"));
    };
    let buildpack = valid_buildpack_url(first).map_err(|error| inv.out.fail(&error))?;
    let position = if index > 0 { index - 1 } else { index };
    let mut list = buildpacks(inv, &app);
    match usize::try_from(position) {
        Ok(position) if position < list.len() => list[position] = buildpack.trim().to_owned(),
        // A negative index matches no line and is not past the end: nothing changes.
        Err(_) => {}
        Ok(_) => list.push(buildpack.trim().to_owned()),
    }
    write_buildpacks(inv, &app, &list);
    Ok(())
}

/// `CommandRemove`: by URL (normalised like `add`) or by 1-based `--index`, not both.
fn remove(inv: &mut Invocation<'_>, args: &[String]) -> Outcome {
    let flags = parse_flags(inv, "buildpacks:remove", args, &[], &["index"])?;
    let index = index_flag(inv, "buildpacks:remove", &flags)?;
    let app = flags.arg(0);
    super::verify_app_go(inv, &app)?;
    let given = flags.arg(1);
    if index != 0 && !given.is_empty() {
        return Err(inv.out.fail("Please choose either index or Buildpack, but not both"));
    }
    if index == 0 && given.is_empty() {
        return Err(inv.out.fail("Must specify a buildpack to remove, either by index or URL"));
    }
    let normalised = valid_buildpack_url(&given);
    if index == 0
        && let Err(error) = &normalised
    {
        return Err(inv.out.fail(error));
    }
    let mut list = buildpacks(inv, &app);
    if list.is_empty() {
        return Err(inv.out.fail(&format!(
            "No buildpacks were found, next release on {app} will detect buildpack normally"
        )));
    }
    let buildpack = if index != 0 {
        let found = usize::try_from(index - 1).ok().and_then(|position| list.get(position));
        match found {
            Some(value) => value.clone(),
            None => return Err(inv.out.fail("Index not found")),
        }
    } else {
        let value = normalised.unwrap_or_default();
        if !list.contains(&value) {
            return Err(inv.out.fail("Value not found"));
        }
        value
    };
    inv.out.info1_quiet(&format!("Removing {buildpack}"));
    list.retain(|line| *line != buildpack);
    write_buildpacks(inv, &app, &list);
    Ok(())
}

/// `CommandClear`: deletes the list.
fn clear(inv: &mut Invocation<'_>, args: &[String]) -> Outcome {
    let flags = parse_flags(inv, "buildpacks:clear", args, &[], &[])?;
    let app = flags.arg(0);
    super::verify_app_go(inv, &app)?;
    if let Some(state) = inv.state.apps.get_mut(&app) {
        state.set_property("buildpacks", "buildpacks", "");
    }
    Ok(())
}

/// `CommandList`.
fn list(inv: &mut Invocation<'_>, args: &[String]) -> Outcome {
    let flags = parse_flags(inv, "buildpacks:list", args, &[], &[])?;
    let app = flags.arg(0);
    super::verify_app_go(inv, &app)?;
    inv.out.info1_quiet(&format!("{app} buildpack urls"));
    for buildpack in buildpacks(inv, &app) {
        inv.out.verbose(&buildpack);
    }
    Ok(())
}

/// `CommandSetProperty`: `common.CommandPropertySet`; a changed stack fires `post-stack-set`,
/// whose repo plugin handler purges the build cache (`docker volume rm -f cache-<app>`,
/// silent when there is no such volume, as on the simulated host).
fn set_property(inv: &mut Invocation<'_>, args: &[String]) -> Outcome {
    let call = parse_go_set_args(inv, "buildpacks:set-property", args)?;
    go_command_property_set(inv, &PROPERTIES, &call)
}

/// report.go: the global block has only the global stack; app blocks add the app's stack,
/// the computed stack (app, global, the app's `DOKKU_IMAGE` config var, the environment's
/// `DOKKU_IMAGE`) and the comma-joined list. Not modelled: the deprecation warning Dokku
/// prints on stderr when the config var is what decides.
fn report_values(inv: &Invocation<'_>, subject: Subject<'_>) -> ReportValues {
    let mut values = ReportValues::default();
    let global = inv.state.global_property("buildpacks", "stack");
    values.set("--buildpacks-global-stack", global.clone());
    if let Subject::App(app) = subject {
        let own = app_property(inv, app, "buildpacks", "stack");
        let config_image =
            inv.state.apps.get(app).and_then(|a| a.config.get("DOKKU_IMAGE").cloned()).unwrap_or_default();
        let computed = if !own.is_empty() {
            own.clone()
        } else if !global.is_empty() {
            global
        } else if !config_image.is_empty() {
            config_image
        } else {
            DOKKU_IMAGE.to_owned()
        };
        values.set("--buildpacks-stack", own);
        values.set("--buildpacks-computed-stack", computed);
        values.set("--buildpacks-list", buildpacks(inv, app).join(","));
    }
    values
}
