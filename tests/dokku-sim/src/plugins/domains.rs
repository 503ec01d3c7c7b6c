//! The `domains` plugin: app and global VHOST files and the `NO_VHOST` switch.

use super::{first_arg, ports, verify_app_bash};
use crate::invocation::Invocation;
use crate::legacy_report::{LegacyLayout, Renderer, app_only, run_versioned_report, same};
use crate::nginx_build;
use crate::output::Outcome;
use crate::report::{GoReportSpec, GoReportStyle, ReportValues, Subject};
use crate::version::DokkuVersion;

/// `domains:report`.
const REPORT: GoReportSpec = GoReportSpec {
    plugin: "domains",
    report_type: "domains",
    style: GoReportStyle::PORTED,
    json_since: DokkuVersion::new(0, 38, 0),
};

/// `domains:report` before the Go port: bash `cmd-domains-report-single` (plugins/domains/
/// internal-functions v0.33.0 to v0.37.10), the one bash report with a `--global` block then.
const LEGACY: &[LegacyLayout] = &[LegacyLayout {
    until: DokkuVersion::new(0, 38, 0),
    renderer: Renderer::Bash { noun: "domains", global_scope: true, empty_info_fails: false },
    fields: &[
        app_only("--domains-app-enabled"),
        app_only("--domains-app-vhosts"),
        same("--domains-global-enabled"),
        same("--domains-global-vhosts"),
    ],
    namespace: "domains",
}];

/// Routes `domains:*`.
pub(crate) fn dispatch(inv: &mut Invocation<'_>, sub: &str, args: &[String]) -> Option<Outcome> {
    Some(match sub {
        "add" => add(inv, args),
        "set" => set(inv, args),
        "remove" => remove(inv, args),
        "clear" => clear(inv, args),
        "reset" => reset(inv, args),
        "enable" => enable_command(inv, args),
        "disable" => disable_command(inv, args),
        "add-global" => add_global(inv, args),
        "set-global" => set_global(inv, args),
        "remove-global" => remove_global(inv, args),
        "clear-global" => clear_global(inv),
        "report" => run_versioned_report(inv, &REPORT, LEGACY, args, &report_values),
        _ => return None,
    })
}

/// `is_valid_hostname`: lower-cased, `^[a-z0-9\.\*-]*[a-z0-9\*-]$`, or exactly `_`.
pub(crate) fn is_valid_hostname(hostname: &str) -> bool {
    let lower = hostname.to_lowercase();
    if lower == "_" {
        return true;
    }
    let allowed = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '*' | '-');
    match lower.chars().last() {
        Some(last) => lower.chars().all(allowed) && last != '.',
        None => false,
    }
}

/// `is_app_vhost_enabled`: false only when the app's `NO_VHOST` is `1`.
pub(crate) fn is_app_vhost_enabled(inv: &Invocation<'_>, app: &str) -> bool {
    inv.state.apps.get(app).and_then(|a| a.config.get("NO_VHOST")).is_none_or(|value| value != "1")
}

/// `is_global_vhost_enabled`: some line of the global VHOST file is a valid hostname.
pub(crate) fn is_global_vhost_enabled(inv: &Invocation<'_>) -> bool {
    global_vhost_lines(inv).iter().any(|line| is_valid_hostname(line))
}

/// Lines of the global VHOST file.
fn global_vhost_lines(inv: &Invocation<'_>) -> Vec<String> {
    inv.state.global_vhosts.clone().unwrap_or_default()
}

/// `get_default_vhosts`: `<app>.<vhost>` for every non-IP global vhost (the app name itself
/// when it contains a dot).
fn default_vhosts(inv: &Invocation<'_>, app: &str) -> Vec<String> {
    if !is_global_vhost_enabled(inv) {
        return Vec::new();
    }
    global_vhost_lines(inv)
        .iter()
        .filter(|vhost| !looks_like_ip(vhost))
        .map(|vhost| {
            if app.contains('.') {
                app.replace('/', "-")
            } else {
                format!("{}.{vhost}", app.replace('/', "-"))
            }
        })
        .collect()
}

/// A rough IPv4/IPv6 literal test (Dokku's regexes, simplified).
fn looks_like_ip(text: &str) -> bool {
    let ipv4 = text.split('.').count() == 4 && text.split('.').all(|p| p.parse::<u8>().is_ok());
    ipv4 || (text.contains(':') && text.chars().all(|c| c.is_ascii_hexdigit() || c == ':'))
}

/// The app's domains as `domains-list` returns them (empty when vhosts are disabled).
pub(crate) fn app_domains(inv: &Invocation<'_>, app: &str) -> Vec<String> {
    if !is_app_vhost_enabled(inv, app) {
        return Vec::new();
    }
    inv.state
        .apps
        .get(app)
        .and_then(|a| a.vhosts.clone())
        .unwrap_or_default()
        .into_iter()
        .filter(|line| !line.is_empty())
        .collect()
}

/// Sets `NO_VHOST` without output (`DOKKU_QUIET_OUTPUT=1 config_set`).
fn set_no_vhost(inv: &mut Invocation<'_>, app: &str, value: &str) {
    if let Some(state) = inv.state.apps.get_mut(app) {
        state.config.insert("NO_VHOST".to_string(), value.to_string());
    }
}

/// The domains `post-create` trigger (`domains_setup`).
pub(crate) fn setup_new_app(inv: &mut Invocation<'_>, app: &str) {
    if !is_app_vhost_enabled(inv, app) {
        inv.out.info1("App virtual host support disabled, skipping domain setup");
        return;
    }
    let has_file = inv.state.apps.get(app).is_some_and(|a| a.vhosts.is_some());
    if has_file {
        return;
    }
    let defaults = default_vhosts(inv, app);
    if defaults.is_empty() {
        inv.out.info1_quiet("Global server virtual host not set, disabling app vhost...");
        disable_vhosts(inv, app);
    } else {
        inv.out.info1_quiet("Creating new app virtual host file...");
        if let Some(state) = inv.state.apps.get_mut(app) {
            state.vhosts = Some(defaults);
        }
    }
}

/// `disable_app_vhost <app> --no-restart`: nginx's `pre-disable-vhost`, the VHOST file goes,
/// `NO_VHOST=1`, and `post-domains-update` rebuilds the proxy config.
fn disable_vhosts(inv: &mut Invocation<'_>, app: &str) {
    ports::before_vhost_change(inv, app, false);
    let had_file = inv.state.apps.get_mut(app).and_then(|a| a.vhosts.take()).is_some();
    if had_file {
        inv.out.info1("App virtual host support disabled");
    }
    set_no_vhost(inv, app, "1");
    nginx_build::build(inv, app);
}

/// `domains_enable <app> --no-restart` as `domains:add`/`domains:set` call it: the VHOST file is
/// replaced by the default vhosts, nginx's `pre-enable-vhost` drops the proxy ports,
/// `NO_VHOST=0`, and the proxy config is rebuilt.
fn enable_vhosts(inv: &mut Invocation<'_>, app: &str) {
    let defaults = default_vhosts(inv, app);
    if let Some(state) = inv.state.apps.get_mut(app) {
        if state.vhosts.is_none() {
            state.vhosts = Some(Vec::new());
        }
        if !defaults.is_empty() {
            state.vhosts = Some(defaults);
        }
    }
    ports::before_vhost_change(inv, app, true);
    set_no_vhost(inv, app, "0");
    nginx_build::build(inv, app);
}

/// `plugn trigger post-domains-update <app> <action>`: the plugins implementing it run in
/// name order, so letsencrypt's reminder comes before nginx-vhosts' config build.
fn post_domains_update(inv: &mut Invocation<'_>, app: &str, action: &str) {
    super::letsencrypt::post_domains_update(inv, action);
    nginx_build::build(inv, app);
}

/// The `domains-enable <app> false` trigger (nginx-vhosts' `proxy-enable` runs it):
/// `domains_enable <app> --no-restart` touches the VHOST file, then enables vhosts unless they
/// already are.
pub(crate) fn enable_without_restart(inv: &mut Invocation<'_>, app: &str) {
    if let Some(state) = inv.state.apps.get_mut(app) {
        state.vhosts.get_or_insert_with(Vec::new);
    }
    if is_app_vhost_enabled(inv, app) {
        inv.out.info1(&format!("Domains (VHOST) support is already enabled for app ({app})"));
        return;
    }
    enable_vhosts(inv, app);
}

/// The `domains-disable <app> false` trigger (nginx-vhosts' `proxy-disable` runs it):
/// `disable_app_vhost <app> --no-restart`, whether or not vhosts are enabled.
pub(crate) fn disable_without_restart(inv: &mut Invocation<'_>, app: &str) {
    disable_vhosts(inv, app);
}

/// Fails unless every domain is a valid hostname.
fn validate_domains(inv: &mut Invocation<'_>, domains: &[String]) -> Outcome {
    for domain in domains {
        if !is_valid_hostname(domain) {
            return Err(inv.out.fail(&format!("{domain} is invalid. exiting...")));
        }
    }
    Ok(())
}

/// `domains:add <app> <domain>...`.
fn add(inv: &mut Invocation<'_>, args: &[String]) -> Outcome {
    let app = first_arg(args);
    if args.len() < 2 {
        return Err(inv
            .out
            .fail(&format!("Please specify a domain name. Usage: dokku {app}  <domain> [<domain> ...]")));
    }
    verify_app_bash(inv, &app)?;
    let domains = &args[1..];
    validate_domains(inv, domains)?;
    for domain in domains {
        let state = inv.state.apps.get_mut(&app).expect("verified above");
        let lines = state.vhosts.get_or_insert_with(Vec::new);
        if lines.contains(domain) {
            inv.out.info1(&format!("Skipping: {domain} already added to {app}"));
        } else {
            lines.push(domain.clone());
            inv.out.info1(&format!("Added {domain} to {app}"));
        }
    }
    if !is_app_vhost_enabled(inv, &app) {
        enable_vhosts(inv, &app);
    }
    post_domains_update(inv, &app, "add");
    Ok(())
}

/// `domains:set <app> <domain>...`.
fn set(inv: &mut Invocation<'_>, args: &[String]) -> Outcome {
    let app = first_arg(args);
    verify_app_bash(inv, &app)?;
    let domains = &args[1..];
    validate_domains(inv, domains)?;
    if let Some(state) = inv.state.apps.get_mut(&app) {
        state.vhosts = Some(domains.to_vec());
    }
    inv.out.info1(&format!("Set {} for {app}", domains.join(" ")));
    if !is_app_vhost_enabled(inv, &app) {
        enable_vhosts(inv, &app);
    }
    post_domains_update(inv, &app, "set");
    Ok(())
}

/// `domains:remove <app> <domain>...`.
fn remove(inv: &mut Invocation<'_>, args: &[String]) -> Outcome {
    let app = first_arg(args);
    verify_app_bash(inv, &app)?;
    for domain in &args[1..] {
        if let Some(state) = inv.state.apps.get_mut(&app) {
            state.vhosts.get_or_insert_with(Vec::new).retain(|line| line != domain);
        }
        inv.out.info1(&format!("Removed {domain} from {app}"));
    }
    nginx_build::build(inv, &app);
    Ok(())
}

/// `domains:clear <app>|--all`.
fn clear(inv: &mut Invocation<'_>, args: &[String]) -> Outcome {
    let target = first_arg(args);
    let apps: Vec<String> = if target == "--all" {
        inv.state.apps.keys().cloned().collect()
    } else {
        verify_app_bash(inv, &target)?;
        vec![target]
    };
    for app in apps {
        if let Some(state) = inv.state.apps.get_mut(&app) {
            state.vhosts = None;
        }
        nginx_build::build(inv, &app);
        inv.out.info1(&format!("Cleared domains in {app}"));
    }
    Ok(())
}

/// `domains:reset <app>`.
fn reset(inv: &mut Invocation<'_>, args: &[String]) -> Outcome {
    let app = first_arg(args);
    verify_app_bash(inv, &app)?;
    if let Some(state) = inv.state.apps.get_mut(&app) {
        state.vhosts = None;
    }
    nginx_build::build(inv, &app);
    inv.out.info1(&format!("Cleared domains in {app}"));
    setup_new_app(inv, &app);
    nginx_build::build(inv, &app);
    inv.out.info1(&format!("Reset domains for {app}"));
    Ok(())
}

/// `domains:enable <app>|--all`.
fn enable_command(inv: &mut Invocation<'_>, args: &[String]) -> Outcome {
    let app = first_arg(args);
    // Dokku's existence guard is inverted: `--all` is checked as an app name.
    if app == "--all" {
        return Err(inv.out.app_missing(&app));
    }
    if !inv.app_exists(&app) {
        return Err(inv
            .out
            .fail(&format!("touch: cannot touch '/home/dokku/{app}/VHOST': No such file or directory")));
    }
    if is_app_vhost_enabled(inv, &app) {
        inv.out.info1(&format!("Domains (VHOST) support is already enabled for app ({app})"));
        return Ok(());
    }
    enable_vhosts(inv, &app);
    Ok(())
}

/// `domains:disable <app>|--all`.
fn disable_command(inv: &mut Invocation<'_>, args: &[String]) -> Outcome {
    let app = first_arg(args);
    if app == "--all" {
        return Err(inv.out.app_missing(&app));
    }
    if !inv.app_exists(&app) {
        return Err(inv
            .out
            .fail(&format!("touch: cannot touch '/home/dokku/{app}/VHOST': No such file or directory")));
    }
    if !is_app_vhost_enabled(inv, &app) {
        inv.out.info1(&format!("Domains (VHOST) support is already disabled for app ({app})"));
        return Ok(());
    }
    // `domains_disable` touches the VHOST file first, so `disable_app_vhost` always finds it.
    if let Some(state) = inv.state.apps.get_mut(&app) {
        state.vhosts.get_or_insert_with(Vec::new);
    }
    disable_vhosts(inv, &app);
    Ok(())
}

/// `domains:add-global <domain>...`.
fn add_global(inv: &mut Invocation<'_>, args: &[String]) -> Outcome {
    validate_domains(inv, args)?;
    for domain in args {
        let lines = inv.state.global_vhosts.get_or_insert_with(Vec::new);
        if lines.contains(domain) {
            inv.out.info1(&format!("Skipping {domain}: already added"));
        } else {
            lines.push(domain.clone());
            inv.out.info1(&format!("Added {domain}"));
        }
    }
    Ok(())
}

/// `domains:set-global <domain>...`.
fn set_global(inv: &mut Invocation<'_>, args: &[String]) -> Outcome {
    validate_domains(inv, args)?;
    inv.state.global_vhosts = Some(args.to_vec());
    inv.out.info1(&format!("Set {}", args.join(" ")));
    Ok(())
}

/// `domains:remove-global <domain>...`.
fn remove_global(inv: &mut Invocation<'_>, args: &[String]) -> Outcome {
    for domain in args {
        inv.state.global_vhosts.get_or_insert_with(Vec::new).retain(|line| line != domain);
        inv.out.info1(&format!("Removed {domain}"));
    }
    Ok(())
}

/// `domains:clear-global`.
fn clear_global(inv: &mut Invocation<'_>) -> Outcome {
    inv.out.info1("Clearing global domains");
    inv.state.global_vhosts = Some(Vec::new());
    Ok(())
}

/// `domains:report` values.
fn report_values(inv: &Invocation<'_>, subject: Subject<'_>) -> ReportValues {
    let mut values = ReportValues::default();
    let global_enabled = is_global_vhost_enabled(inv);
    values.set("--domains-global-enabled", global_enabled.to_string());
    let global_vhosts = if global_enabled { global_vhost_lines(inv).join(" ") } else { String::new() };
    values.set("--domains-global-vhosts", global_vhosts);
    if let Subject::App(app) = subject {
        values.set("--domains-app-enabled", is_app_vhost_enabled(inv, app).to_string());
        values.set("--domains-app-vhosts", app_domains(inv, app).join(" "));
    }
    values
}
