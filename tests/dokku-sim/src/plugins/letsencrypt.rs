//! The third-party `letsencrypt` plugin (dokku/dokku-letsencrypt 0.25.1). Certificates need a
//! Docker engine, which the simulated server does not have, so the plugin never issues one (no
//! app is active); an app's own certificate (`certs:add`) still has an expiration.

use super::first_arg;
use crate::invocation::Invocation;
use crate::output::{Failure, Outcome};
use crate::report::{BashReport, parse_report_args, render_bash_block};

/// The keys `cmd-letsencrypt-set` accepts by name; any `dns-provider-*` key is accepted too.
const KEYS: &[&str] = &["dns-provider", "email", "graceperiod", "server", "lego-args", "lego-docker-options"];

/// The ACME directory `fn-letsencrypt-computed-server` uses for no server or `default`.
const PRODUCTION_SERVER: &str = "https://acme-v02.api.letsencrypt.org/directory";

/// The ACME directory `fn-letsencrypt-computed-server` uses for the `staging` alias.
const STAGING_SERVER: &str = "https://acme-staging-v02.api.letsencrypt.org/directory";

/// The grace period `fn-letsencrypt-computed-graceperiod` falls back to: 30 days in seconds.
const DEFAULT_GRACEPERIOD: &str = "2592000";

/// Routes `letsencrypt:*` when the plugin is installed.
pub(crate) fn dispatch(inv: &mut Invocation<'_>, sub: &str, args: &[String]) -> Option<Outcome> {
    if !super::plugin::is_enabled(inv, "letsencrypt") {
        return None;
    }
    Some(match sub {
        "set" => set(inv, args),
        "report" => report(inv, args),
        "list" => list(inv),
        "active" => active(inv, args),
        "enable" => enable(inv, args),
        "cron-job" => cron_job(inv, args),
        _ => return None,
    })
}

/// The plugin's `post-domains-update` trigger (`post-domains-update` in dokku-letsencrypt
/// 0.25.1): after domains are added or set it reminds the user to (re)issue a certificate.
pub(crate) fn post_domains_update(inv: &mut Invocation<'_>, action: &str) {
    if super::plugin::is_enabled(inv, "letsencrypt") && matches!(action, "add" | "set") {
        inv.out.warn("Please run dokku letsencrypt:enable to add https support to the new domain");
    }
}

/// `letsencrypt:list`: only the header, since no app has a certificate.
fn list(inv: &mut Invocation<'_>) -> Outcome {
    if !inv.out.quiet {
        inv.out.line(&format!(
            "{:<6} {:<18} {:<25} {:<25} {:<25}",
            "----->", "App name", "Certificate Expiry", "Time before expiry", "Time before renewal"
        ));
    }
    Ok(())
}

/// `letsencrypt:active <app>`.
fn active(inv: &mut Invocation<'_>, args: &[String]) -> Outcome {
    let app = first_arg(args);
    super::verify_app_bash(inv, &app)?;
    inv.out.line("false");
    Ok(())
}

/// `letsencrypt:enable <app>`: fails as it does on a host without Docker.
fn enable(inv: &mut Invocation<'_>, args: &[String]) -> Outcome {
    let app = args.iter().find(|a| !a.starts_with('-')).cloned().unwrap_or_default();
    super::verify_app_bash(inv, &app)?;
    inv.out.info2(&format!("Enabling letsencrypt for {app}"));
    inv.out.info1(&format!("Enabling ACME proxy for {app}..."));
    inv.out.info1(&format!("Getting letsencrypt certificate for {app} via HTTP-01"));
    for domain in super::app_domains(inv, &app) {
        inv.out.err_line(&format!("        - Domain '{domain}'"));
    }
    inv.out.info1("Certificate retrieval failed!");
    inv.out.info1(&format!("Disabling ACME proxy for {app}..."));
    inv.out.warn("Failed to setup letsencrypt");
    inv.out.warn("Check log output for further information on failure");
    Err(Failure(1))
}

/// `letsencrypt:cron-job [--add|--remove]`.
fn cron_job(inv: &mut Invocation<'_>, args: &[String]) -> Outcome {
    match args.first().map(String::as_str) {
        None => {
            let enabled = inv.state.letsencrypt_autorenew;
            if enabled {
                inv.out.info2("Auto-renew cron job is enabled");
                inv.out.verbose("Run 'dokku letsencrypt:cron-job --remove' to disable.");
            } else {
                inv.out.info2("Auto-renew cron job is not enabled");
                inv.out.verbose("Run 'dokku letsencrypt:cron-job --add' to enable.");
            }
            Ok(())
        }
        Some("--add") => {
            inv.state.letsencrypt_autorenew = true;
            inv.out.info1("Added cron job to dokku's crontab.");
            Ok(())
        }
        Some("--remove") => {
            inv.state.letsencrypt_autorenew = false;
            inv.out.info1("Removed cron job from dokku's crontab.");
            Ok(())
        }
        Some(flag) => Err(inv
            .out
            .fail(&format!("Invalid flag '{flag}', specify --add, --remove, or no flag to display status."))),
    }
}

/// `letsencrypt:set <app|--global> <key> [<value>]` (`cmd-letsencrypt-set`, command-functions):
/// the value is the third word alone, stored as given (spaces, `=` and all); `dns-provider-*`
/// keys carry the DNS provider's environment.
fn set(inv: &mut Invocation<'_>, args: &[String]) -> Outcome {
    let word = |index: usize| args.get(index).cloned().unwrap_or_default();
    let (app, key, value) = (word(0), word(1), word(2));
    if app != "--global" {
        super::verify_app_bash(inv, &app)?;
    }
    if key.is_empty() {
        return Err(inv.out.fail("No key specified"));
    }
    if !KEYS.contains(&key.as_str()) && !key.starts_with("dns-provider-") {
        return Err(inv.out.fail(
            "Invalid key specified, valid keys include: dns-provider, dns-provider-*, email, graceperiod, server, lego-args, lego-docker-options",
        ));
    }
    if value.is_empty() {
        inv.out.info2_quiet(&format!("Unsetting {key}"));
    } else {
        inv.out.info2_quiet(&format!("Setting {key} to {value}"));
    }
    if app == "--global" {
        inv.state.set_global_property("letsencrypt", &key, &value);
    } else if let Some(state) = inv.state.apps.get_mut(&app) {
        state.set_property("letsencrypt", &key, &value);
    }
    Ok(())
}

/// The report entries of one app, or of the global scope when `app` is `None`
/// (`cmd-letsencrypt-report-single`): the fixed rows, the `dns-provider-*` rows, and for
/// `--global` only the rows whose key has `-global-` (`fn-letsencrypt-report-filter-global`).
fn entries(inv: &Invocation<'_>, app: Option<&str>) -> Vec<(String, String)> {
    let own = |key: &str| {
        app.and_then(|a| inv.state.apps.get(a)).map(|a| a.property("letsencrypt", key)).unwrap_or_default()
    };
    let global = |key: &str| inv.state.global_property("letsencrypt", key);
    let app_or_global = |key: &str| if own(key).is_empty() { global(key) } else { own(key) };
    let computed_server = match app_or_global("server").as_str() {
        "" | "default" => PRODUCTION_SERVER.to_owned(),
        "staging" => STAGING_SERVER.to_owned(),
        other => other.to_owned(),
    };
    let computed_graceperiod = match app_or_global("graceperiod") {
        value if value.is_empty() => DEFAULT_GRACEPERIOD.to_owned(),
        value => value,
    };
    let autorenew = inv.state.letsencrypt_autorenew;
    let mut entries: Vec<(String, String)> = vec![
        ("active".into(), "false".into()),
        ("autorenew".into(), autorenew.to_string()),
        (
            "computed-dns-provider".into(),
            computed_dns_provider(&own("dns-provider"), &global("dns-provider")),
        ),
        ("global-dns-provider".into(), global("dns-provider")),
        ("dns-provider".into(), own("dns-provider")),
        ("computed-email".into(), app_or_global("email")),
        ("global-email".into(), global("email")),
        ("email".into(), own("email")),
        ("expiration".into(), app.map(|a| expiration(inv, a)).unwrap_or_default()),
        ("computed-graceperiod".into(), computed_graceperiod),
        ("global-graceperiod".into(), global("graceperiod")),
        ("graceperiod".into(), own("graceperiod")),
        ("computed-lego-args".into(), app_or_global("lego-args")),
        ("global-lego-args".into(), global("lego-args")),
        ("lego-args".into(), own("lego-args")),
        ("computed-lego-docker-options".into(), app_or_global("lego-docker-options")),
        ("global-lego-docker-options".into(), global("lego-docker-options")),
        ("lego-docker-options".into(), own("lego-docker-options")),
        ("computed-server".into(), computed_server),
        ("global-server".into(), global("server")),
        ("server".into(), own("server")),
    ];
    entries.extend(dns_provider_entries(inv, app));
    entries
        .into_iter()
        .map(|(key, value)| (format!("--letsencrypt-{key}"), value))
        .filter(|(key, _)| app.is_some() || key.contains("-global-"))
        .collect()
}

/// `fn-letsencrypt-expiration`: `date -u -d "<openssl x509 -enddate>" +%s` of the app's
/// certificate (the plugin's own copy, `server.letsencrypt.crt`, never exists here: no
/// certificate is ever issued on a host without Docker, but one added with `certs:add` counts).
fn expiration(inv: &Invocation<'_>, app: &str) -> String {
    let Some(tls) = inv.state.apps.get(app).and_then(|a| a.tls.as_ref()) else {
        return String::new();
    };
    let Ok(file) = crate::openssl_x509::CertificateFile::new(&tls.crt) else {
        return String::new();
    };
    let end = file.openssl(&["x509", "-in", "{}", "-enddate", "-noout"]);
    let end = end.trim().trim_start_matches("notAfter=");
    std::process::Command::new("date")
        .args(["-u", "-d", end, "+%s"])
        .output()
        .map(|out| String::from_utf8_lossy(&out.stdout).trim().to_owned())
        .unwrap_or_default()
}

/// The files the plugin keeps for the state: the auto-renew marker that
/// `fn-letsencrypt-cron-job-add` touches (empty) and `fn-letsencrypt-cron-job-remove` deletes.
/// Its properties are in the property store, written with every other plugin's.
pub(crate) fn letsencrypt_files(state: &crate::state::State) -> Vec<(String, String)> {
    let marker = format!("{}/data/letsencrypt/--global/autorenew", crate::server_files::DOKKU_LIB_ROOT);
    if state.letsencrypt_autorenew { vec![(marker, String::new())] } else { Vec::new() }
}

/// `fn-letsencrypt-computed-dns-provider`: `none` (the app's or the global one) is an explicit
/// opt-out and computes to nothing.
fn computed_dns_provider(own: &str, global: &str) -> String {
    if own == "none" {
        return String::new();
    }
    let value = if own.is_empty() { global } else { own };
    if value == "none" { String::new() } else { value.to_owned() }
}

/// `fn-letsencrypt-report-add-dns-provider-keys`: for every `dns-provider-*` key set globally or
/// on the app (sorted), the computed, global and app rows, each only when not empty. The
/// `letsencrypt:report` command leaves the values readable (only the `report` trigger masks
/// them).
fn dns_provider_entries(inv: &Invocation<'_>, app: Option<&str>) -> Vec<(String, String)> {
    let provider_keys = |properties: Option<&std::collections::BTreeMap<String, String>>| {
        properties
            .map(|props| {
                props
                    .iter()
                    .filter(|(key, _)| key.starts_with("dns-provider-"))
                    .map(|(k, v)| (k.clone(), v.clone()))
            })
            .into_iter()
            .flatten()
            .collect::<std::collections::BTreeMap<String, String>>()
    };
    let globals = provider_keys(inv.state.global_properties.get("letsencrypt"));
    let owns = provider_keys(
        app.and_then(|a| inv.state.apps.get(a)).and_then(|state| state.properties.get("letsencrypt")),
    );
    let keys: std::collections::BTreeSet<&String> = globals.keys().chain(owns.keys()).collect();
    let mut entries = Vec::new();
    for key in keys {
        let own = owns.get(key).cloned().unwrap_or_default();
        let global = globals.get(key).cloned().unwrap_or_default();
        let computed = if own.is_empty() { global.clone() } else { own.clone() };
        for (prefix, value) in [("computed-", computed), ("global-", global), ("", own)] {
            if !value.is_empty() {
                entries.push((format!("{prefix}{key}"), value));
            }
        }
    }
    entries
}

/// `letsencrypt:report [<app>|--global] [<flag>] [--format json]`.
fn report(inv: &mut Invocation<'_>, args: &[String]) -> Outcome {
    let Ok(parsed) = parse_report_args(args) else {
        return Err(inv.out.fail("--format requires a value"));
    };
    let format = parsed.format.clone().unwrap_or_else(|| "stdout".to_string());
    if parsed.global {
        let report = BashReport { plugin: "letsencrypt", subject: "global", entries: entries(inv, None) };
        return render_bash_block(inv, &report, &format, parsed.info_flag.as_deref());
    }
    let apps: Vec<String> = match &parsed.app {
        Some(app) => {
            super::verify_app_bash(inv, app)?;
            vec![app.clone()]
        }
        None => inv.state.apps.keys().cloned().collect(),
    };
    if apps.is_empty() {
        inv.out.warn("You haven't deployed any applications yet");
        return Ok(());
    }
    for app in apps {
        let report = BashReport { plugin: "letsencrypt", subject: &app, entries: entries(inv, Some(&app)) };
        render_bash_block(inv, &report, &format, parsed.info_flag.as_deref())?;
    }
    Ok(())
}
