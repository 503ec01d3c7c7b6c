//! The third-party `letsencrypt` plugin (dokku/dokku-letsencrypt 0.25.1). Certificates need a
//! Docker engine, which the simulated server does not have, so no app ever has one.

use super::first_arg;
use crate::invocation::Invocation;
use crate::output::{Failure, Outcome};
use crate::property_set::{PropertySetSpec, run_property_set};
use crate::report::{BashReport, parse_report_args, render_bash_block};

/// `letsencrypt:set`.
const SET: PropertySetSpec = PropertySetSpec {
    namespace: "letsencrypt",
    keys: &["dns-provider", "email", "graceperiod", "lego-args", "lego-docker-options", "server"],
    global_keys: &["dns-provider", "email", "graceperiod", "lego-args", "lego-docker-options", "server"],
    noun: "key",
    verify_app: true,
};

/// Report properties with their computed defaults, in declaration order.
const PROPERTIES: &[(&str, &str)] = &[
    ("dns-provider", ""),
    ("email", ""),
    ("graceperiod", "2592000"),
    ("lego-args", ""),
    ("lego-docker-options", ""),
    ("server", "https://acme-v02.api.letsencrypt.org/directory"),
];

/// Routes `letsencrypt:*` when the plugin is installed.
pub(crate) fn dispatch(inv: &mut Invocation<'_>, sub: &str, args: &[String]) -> Option<Outcome> {
    if !super::plugin::is_enabled(inv, "letsencrypt") {
        return None;
    }
    Some(match sub {
        "set" => run_property_set(inv, &SET, args),
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
            let enabled = inv.state.global_property("letsencrypt", "cron-job") == "true";
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
            inv.state.set_global_property("letsencrypt", "cron-job", "true");
            inv.out.info1("Added cron job to dokku's crontab.");
            Ok(())
        }
        Some("--remove") => {
            inv.state.set_global_property("letsencrypt", "cron-job", "");
            inv.out.info1("Removed cron job from dokku's crontab.");
            Ok(())
        }
        Some(flag) => Err(inv
            .out
            .fail(&format!("Invalid flag '{flag}', specify --add, --remove, or no flag to display status."))),
    }
}

/// The report entries of one app (or of the global scope when `app` is `None`).
fn entries(inv: &Invocation<'_>, app: Option<&str>) -> Vec<(String, String)> {
    let mut entries = Vec::new();
    let own = |key: &str| {
        app.and_then(|a| inv.state.apps.get(a)).map(|a| a.property("letsencrypt", key)).unwrap_or_default()
    };
    if app.is_some() {
        entries.push(("--letsencrypt-active".to_string(), "false".to_string()));
        entries.push(("--letsencrypt-autorenew".to_string(), "false".to_string()));
    }
    for (property, default) in PROPERTIES {
        let global = inv.state.global_property("letsencrypt", property);
        if let Some(_app) = app {
            let value = own(property);
            let computed = if !value.is_empty() {
                value.clone()
            } else if !global.is_empty() {
                global.clone()
            } else {
                (*default).to_string()
            };
            entries.push((format!("--letsencrypt-computed-{property}"), computed));
            entries.push((format!("--letsencrypt-global-{property}"), global));
            entries.push((format!("--letsencrypt-{property}"), value));
            if *property == "email" {
                entries.push(("--letsencrypt-expiration".to_string(), String::new()));
            }
        } else {
            entries.push((format!("--letsencrypt-global-{property}"), global));
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
