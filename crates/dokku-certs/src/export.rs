//! Export and apply glue: the certs plugin as the engine sees it.

use dokku_core::plugin::{DiffOptions, ExportScope, Exported, Plugin, PluginDiff};
use dokku_core::reports::read_app_reports;
use dokku_core::{Client, Command, Error, Secret};
use futures_util::future::try_join_all;

use crate::commands::{builders, parse_error};
use crate::fingerprint::{first_certificate_der, has_private_key};
use crate::model::Certificate;
use crate::parse::{CertReport, REPORT, app_from_values, names_letsencrypt};
use dokku_core::pem_certificate::issuer_values;

/// What an export says of an app whose certificate Let's Encrypt issued.
fn left_to_letsencrypt(app: &str) -> String {
    format!(
        "certs: app {app}: the certificate Let's Encrypt issued is left to the letsencrypt plugin (not exported)"
    )
}

/// The certs plugin for the export/apply engine.
#[derive(Clone, Copy, Debug, Default)]
pub struct CertsPlugin;

/// Reads one app's certificate and key (`certs:show`).
async fn read_certificate(client: &Client, report: CertReport) -> Result<Certificate, Error> {
    let app = report.app_name.as_str();
    let (certificate, key) = futures_util::future::try_join(
        client.stdout(&builders::show(app, false)),
        client.stdout(&builders::show(app, true)),
    )
    .await?;
    Ok(Certificate {
        app_name: report.app_name.clone(),
        certificate,
        key: Secret::new(key),
        expires_at: report.expires_at,
        hostnames: report.hostnames,
        extra: report.extra,
    })
}

impl Plugin for CertsPlugin {
    const KEY: &'static str = "certs";
    const DOKKU_NAME: &'static str = "certs";
    const REQUIRES: &'static [&'static str] = &["apps"];
    type Record = Certificate;

    async fn export(client: &Client, scope: &ExportScope) -> Result<Exported<Certificate>, Error> {
        let mut exported = Exported::default();
        let mut with_certificate = Vec::new();
        // As root, only the apps with a certificate file are read: Dokku calls SSL enabled only
        // when `$DOKKU_ROOT/<app>/tls/server.crt` and `server.key` exist, and the report of any
        // other app yields nothing to export. An empty `server.crt` prints no line, so it reads
        // as absent (such an app has no certificate to recreate either). A certificate whose
        // issuer names Let's Encrypt is left to the letsencrypt plugin, as on the report path,
        // from the file's own issuer: no report for it.
        let apps: Vec<String> = match scope.files.as_deref() {
            Some(files) => {
                let mut with_file = Vec::new();
                for app in &scope.apps {
                    let Some(certificate) = files.dokku_root_file(&format!("{app}/tls/server.crt")) else {
                        continue;
                    };
                    let enabled = files.dokku_root_file(&format!("{app}/tls/server.key")).is_some();
                    let issued_by_letsencrypt = issuer_values(certificate)
                        .is_some_and(|values| values.iter().any(|value| names_letsencrypt(value)));
                    if enabled && issued_by_letsencrypt {
                        exported.warnings.push(left_to_letsencrypt(app));
                    } else {
                        with_file.push(app.clone());
                    }
                }
                with_file
            }
            None => scope.apps.clone(),
        };
        for values in read_app_reports(client, &REPORT, &apps, &scope.version).await? {
            let (report, warning) = app_from_values(values).map_err(|e| parse_error(&e))?;
            exported.warnings.extend(warning);
            if !report.enabled {
                continue;
            }
            if report.is_letsencrypt() {
                exported.warnings.push(left_to_letsencrypt(&report.app_name));
                continue;
            }
            with_certificate.push(report);
        }
        exported.records =
            try_join_all(with_certificate.into_iter().map(|r| read_certificate(client, r))).await?;
        Ok(exported)
    }

    fn validate(record: &Certificate) -> Vec<(String, String)> {
        let mut problems = Vec::new();
        if !dokku_core::app_name::is_valid(&record.app_name) {
            problems.push(("app_name".to_owned(), dokku_core::app_name::invalid_message(&record.app_name)));
        }
        if first_certificate_der(&record.certificate).is_none() {
            problems.push(("certificate".to_owned(), "no PEM `CERTIFICATE` block that decodes".to_owned()));
        }
        if !has_private_key(record.key.expose()) {
            // The message never quotes the key.
            problems.push(("key".to_owned(), "no PEM `PRIVATE KEY` block".to_owned()));
        }
        problems
    }

    /// One `certs:add` per app.
    fn apply_commands(records: &[Certificate]) -> Vec<Command> {
        crate::create::commands(records)
    }

    fn diff(current: &[Certificate], desired: &[Certificate], options: &DiffOptions) -> PluginDiff {
        crate::diff::diff(current, desired, options)
    }
}
