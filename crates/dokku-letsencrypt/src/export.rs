//! Export and apply glue: the letsencrypt plugin as the engine sees it.

use dokku_core::plugin::{DiffOptions, ExportScope, Exported, Plugin, PluginDiff};
use dokku_core::reports::{read_app_reports, read_global_report};
use dokku_core::{Client, Command, DokkuErrorKind, DokkuVersion, Error};

use crate::commands::{Letsencrypt, builders, parse_error};
use crate::files::{app_values_from_files, autorenew_from_files, global_values_from_files};
use crate::model::{LetsEncrypt, clean, is_property};
use crate::parse::{REPORT, app_from_values, autorenew, global_from_values, renewal};

/// The letsencrypt plugin for the export/apply engine.
///
/// Without the plugin installed every `letsencrypt:*` command fails with
/// [`DokkuErrorKind::PluginNotInstalled`], which export returns as is: the engine decides to
/// skip the plugin with a warning.
#[derive(Clone, Copy, Debug, Default)]
pub struct LetsencryptPlugin;

impl Plugin for LetsencryptPlugin {
    const KEY: &'static str = "letsencrypt";
    const DOKKU_NAME: &'static str = "letsencrypt";
    const REQUIRES: &'static [&'static str] = &["apps", "domains", "proxy", "nginx"];
    type Record = LetsEncrypt;

    /// The global record (when `scope.system`), then one record per app in scope that has an
    /// active certificate, a certificate on disk or properties of its own; an app the plugin
    /// never touched has nothing to recreate. pydokku exported only the apps `letsencrypt:list`
    /// shows, losing the properties of apps without a certificate yet.
    ///
    /// As root, the values the reports would print come from the files (`files.rs`): no command.
    async fn export(client: &Client, scope: &ExportScope) -> Result<Exported<LetsEncrypt>, Error> {
        // From 0.38 an app's `ENV` (its `NO_VHOST`, which decides the domain `active` checks) is
        // in the property store the snapshot reads.
        let files = scope.files.as_deref().filter(|_| scope.version >= DokkuVersion::new(0, 38, 0));
        let reports = match files {
            Some(files) => scope.apps.iter().map(|app| app_values_from_files(files, app)).collect(),
            None => read_app_reports(client, &REPORT, &scope.apps, &scope.version).await?,
        };
        let mut exported = Exported::default();
        if scope.system {
            let global_report = match files {
                Some(files) => Some(global_values_from_files(files)),
                None => match read_global_report(client, &REPORT, &scope.version).await {
                    Ok(values) => Some(values),
                    Err(e @ Error::Dokku { kind: DokkuErrorKind::PluginNotInstalled, .. }) => return Err(e),
                    // Before plugin 0.24.0 `--global` is not a report form; app reports repeat
                    // the global values, so they are read there instead.
                    Err(Error::Dokku { .. }) => None,
                    Err(e) => return Err(e),
                },
            };
            let source = global_report.as_ref().filter(|v| !v.values.is_empty()).or(reports.first());
            let (mut global, warnings) =
                source.map(global_from_values).unwrap_or_else(|| (LetsEncrypt::new(None), Vec::new()));
            exported.warnings.extend(warnings);
            global.enabled = match files.map(autorenew_from_files).or_else(|| reports.first().and_then(autorenew)) {
                Some(on) => on,
                None => Letsencrypt::new(client).cron_job_status().await?.unwrap_or_else(|| {
                    exported.warnings.push(
                        "letsencrypt: global: cannot tell whether the auto-renew cron job is installed (no app report, \
                         plugin older than 0.25); exported as not installed"
                            .into(),
                    );
                    false
                }),
            };
            exported.records.push(global);
        }
        let mut apps = Vec::with_capacity(reports.len());
        for values in reports {
            let (record, warnings) = app_from_values(values).map_err(parse_error)?;
            exported.warnings.extend(warnings);
            apps.push(record);
        }
        // Before plugin 0.20 reports have no grace period; the list's two durations give it.
        if apps.iter().any(|r| r.expires_at.is_some() && r.renewals_at.is_none()) {
            let graces = Letsencrypt::new(client).grace_periods().await?;
            for record in &mut apps {
                let grace = record.app_name.as_ref().and_then(|app| graces.get(app)).copied();
                record.renewals_at = record.renewals_at.or(renewal(record.expires_at, grace));
            }
        }
        exported.records.extend(
            apps.into_iter().filter(|r| {
                r.enabled || r.expires_at.is_some() || !r.options.is_empty() || !r.extra.is_empty()
            }),
        );
        Ok(exported)
    }

    fn longest_read(apps: usize) -> f64 {
        REPORT.form.longest_command(apps)
    }

    fn validate(record: &LetsEncrypt) -> Vec<(String, String)> {
        let mut errors = Vec::new();
        if record.app_name.as_deref().is_some_and(|a| a.trim().is_empty()) {
            errors.push((
                "app_name".into(),
                "an app name must not be empty (omit it for the global record)".into(),
            ));
        }
        for (key, value) in &record.options {
            if !is_property(key) {
                errors.push((
                    format!("options.{key}"),
                    "not a letsencrypt property (dns-provider, dns-provider-<ENV_VAR>, email, graceperiod, server, \
                     lego-args, lego-docker-options, lego-docker-args)"
                        .into(),
                ));
            } else if key == "graceperiod" && clean(value).parse::<u64>().is_err() && !clean(value).is_empty()
            {
                errors.push((format!("options.{key}"), format!("{value:?} is not a number of seconds")));
            }
        }
        errors
    }

    /// [`setting_commands`], then [`certificate_commands`]: every property is in place before
    /// the first certificate request, and a failed request stops nothing but itself.
    fn apply_commands(records: &[LetsEncrypt]) -> Vec<Command> {
        let mut commands = setting_commands(records);
        commands.extend(certificate_commands(records));
        commands
    }

    fn diff(current: &[LetsEncrypt], desired: &[LetsEncrypt], options: &DiffOptions) -> PluginDiff {
        crate::diff::diff(current, desired, options)
    }
}

/// The commands that set properties and the cron job: global records first, then the apps in
/// order, each record's properties in key order. Values lose the trailing newline pydokku kept
/// from the raw property files; an empty value is the same as no property and sends nothing.
pub fn setting_commands(records: &[LetsEncrypt]) -> Vec<Command> {
    let globals = records.iter().filter(|r| r.app_name.is_none());
    let apps = records.iter().filter(|r| r.app_name.is_some());
    let mut commands = Vec::new();
    for record in globals.chain(apps) {
        let app = record.app_name.as_deref();
        for (key, value) in &record.options {
            let value = clean(value);
            if !value.is_empty() {
                commands.push(builders::set(app, key, Some(value)));
            }
        }
        if app.is_none() && record.enabled {
            commands.push(builders::cron_job_add());
        }
    }
    commands
}

/// The certificate requests (`letsencrypt:enable`) of the enabled apps, in order. They run last
/// and can fail for reasons outside the document (an app not deployed yet, DNS not pointing at
/// the server), which is why they are a separate list. A disabled app needs nothing: a new app
/// has no certificate (pydokku sent `letsencrypt:disable`, which rebuilds nginx for nothing).
pub fn certificate_commands(records: &[LetsEncrypt]) -> Vec<Command> {
    records.iter().filter(|r| r.enabled).filter_map(|r| r.app_name.as_deref()).map(builders::enable).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(app: Option<&str>, enabled: bool, options: &[(&str, &str)]) -> LetsEncrypt {
        let mut r = LetsEncrypt::new(app.map(str::to_owned));
        r.enabled = enabled;
        r.options = options.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect();
        r
    }

    fn argv(commands: &[Command]) -> Vec<String> {
        commands.iter().map(|c| c.argv_masked().join(" ")).collect()
    }

    #[test]
    fn globals_first_properties_before_certificates() {
        let records = [
            record(Some("a"), true, &[("email", "a@example.com\n")]),
            record(Some("b"), false, &[("dns-provider-TOKEN", "s3cret")]),
            record(None, true, &[("server", "https://acme.example/dir"), ("email", "")]),
        ];
        let commands = LetsencryptPlugin::apply_commands(&records);
        let shown = argv(&commands);
        assert_eq!(shown[0], "letsencrypt:set --global server https://acme.example/dir");
        assert_eq!(shown[1], "letsencrypt:cron-job --add");
        assert_eq!(shown[2], "letsencrypt:set a email a@example.com");
        assert!(
            shown[3].starts_with("letsencrypt:set b dns-provider-TOKEN ") && !shown[3].contains("s3cret")
        );
        assert_eq!(shown[4], "letsencrypt:enable a");
        assert_eq!(shown.len(), 5);
        assert!(builders::requests_certificate(&commands[4]));
        assert!(!commands[..4].iter().any(builders::requests_certificate));
        assert_eq!(commands[3].argv_exposed()[3], "s3cret");
    }

    #[test]
    fn validation_names_the_bad_option() {
        let errors = LetsencryptPlugin::validate(&record(
            Some("a"),
            false,
            &[("colour", "x"), ("graceperiod", "soon")],
        ));
        let fields: Vec<&str> = errors.iter().map(|(f, _)| f.as_str()).collect();
        assert_eq!(fields, ["options.colour", "options.graceperiod"]);
        assert!(LetsencryptPlugin::validate(&record(None, true, &[("graceperiod", "2592000\n")])).is_empty());
    }

    #[test]
    fn a_pydokku_record_with_null_options_reads() {
        let json = r#"{"enabled": true, "app_name": null, "expires_at": null, "renewals_at": null, "options": null}"#;
        let parsed: Result<LetsEncrypt, _> = serde_json::from_str(json);
        assert_eq!(parsed.ok(), Some(record(None, true, &[])));
    }
}
