//! Pure parsers: `letsencrypt:report` (text and `--format json`), `letsencrypt:list` and
//! `letsencrypt:cron-job` into [`LetsEncrypt`] records.
//!
//! Report shapes by plugin version: before 0.20 only `active`, `autorenew`, `email` and
//! `expiration`; 0.20 adds `dns-provider`, `graceperiod`, `lego-docker-args` and `server`, each
//! with its `global-` and `computed-` twins; 0.24 replaces `lego-docker-args` with `lego-args`
//! and `lego-docker-options` and adds `--global` and `--format json`; 0.25 adds one
//! `[computed-|global-]dns-provider-<ENV_VAR>` line per credential that is set.

use std::collections::BTreeMap;

use dokku_core::DokkuVersion;
use dokku_core::reports::{ReportForm, ReportSpec, unknown_fields_warning};
use dokku_core::text::{
    ReportSubject, ReportValues, TextError, report_values_from_json, report_values_from_text,
};
use dokku_core::timestamp;
use time::Duration;

use crate::model::{LetsEncrypt, is_dns_provider_var, is_property};

mod list_table;
pub use list_table::{LetsencryptListRow, dhms_duration, parse_letsencrypt_list};

/// How `letsencrypt:report` is read: by measured cost (bulk 5.3 s for 30 apps, about 0.3 s +
/// 0.17 s per app; one app 0.37–0.41 s), so in bulk from two apps on. Always as text: `--format json` and `--global` arrived with the
/// plugin's own 0.24.0 release, which the Dokku version says nothing about, while the text form
/// is understood by every plugin version; hence a `json_since` no Dokku release reaches.
pub const REPORT: ReportSpec = ReportSpec {
    subcommand: "letsencrypt:report",
    type_prefix: "letsencrypt",
    form: ReportForm::ByCost { bulk_base: 0.3, bulk_per_app: 0.17, one_app: 0.39 },
    json_since: DokkuVersion::new(u32::MAX, 0, 0),
};

/// What the plugin prints instead of a credential under `LETSENCRYPT_REPORT_SANITIZE=true`.
const MASKED: &str = "****";

/// Builds an app's [`LetsEncrypt`] record from its report values, with warnings for the user.
///
/// The global and computed values every app report repeats are dropped here: the global ones
/// belong to the global record ([`global_from_values`]), and computed ones are derived.
pub fn app_from_values(mut values: ReportValues) -> Result<(LetsEncrypt, Vec<String>), String> {
    let app = values.app().ok_or("a letsencrypt report block without an app name")?.to_owned();
    let mut record = LetsEncrypt::new(Some(app.clone()));
    let mut warnings = Vec::new();
    record.enabled = bool_value(&app, "active", values.take("active"))?;
    record.expires_at = timestamp::from_unix_text(&values.take("expiration").unwrap_or_default())
        .map_err(|e| format!("app {app}: expiration: {e}"))?;
    let grace = match values.take("computed-graceperiod").filter(|v| !v.is_empty()) {
        Some(v) => Some(v.parse::<i64>().map_err(|_| format!("app {app}: computed-graceperiod is {v:?}"))?),
        None => None,
    };
    record.renewals_at = renewal(record.expires_at, grace);
    // Before plugin 0.20 (no computed values) `email` showed the app's DOKKU_LETSENCRYPT_EMAIL
    // environment variable, which the config plugin exports; it is not a property.
    let legacy = values.get("computed-email").is_none();
    if legacy {
        values.discard(|k| k == "email");
    }
    let keys: Vec<String> = values.values.iter().map(|(k, _)| k.clone()).filter(|k| is_property(k)).collect();
    for key in keys {
        let value = values.take(&key).unwrap_or_default();
        insert_option(&mut record, &format!("app {app}"), key, value, &mut warnings);
    }
    // The auto-renew flag is global state (the cron job), exported in the global record; global
    // and computed values are inherited or derived, never this app's own settings.
    values.discard(|k| k == "autorenew" || k.starts_with("global-") || k.starts_with("computed-"));
    warnings.extend(unknown_fields_warning("letsencrypt", &values));
    record.extra = values.values.into_iter().collect();
    Ok((record, warnings))
}

/// Builds the global record from the `global-*` values of a report: the `--global` report
/// (plugin 0.24.0 and later), or any app's report, which repeats them. `enabled` (the cron job)
/// is left false: see [`autorenew`] and [`parse_cron_job_status`].
///
/// In a `--global` report every key is `global-*`; anything else is kept in `extra` with a
/// warning. In an app's report the other keys belong to the app and are ignored here.
pub fn global_from_values(values: &ReportValues) -> (LetsEncrypt, Vec<String>) {
    let mut record = LetsEncrypt::new(None);
    let mut warnings = Vec::new();
    let mut rest = values.clone();
    let keys: Vec<String> = values.values.iter().map(|(k, _)| k.clone()).collect();
    for key in keys {
        if let Some(property) = key.strip_prefix("global-").filter(|p| is_property(p)) {
            let value = rest.take(&key).unwrap_or_default();
            insert_option(&mut record, "global", property.to_owned(), value, &mut warnings);
        }
    }
    if values.app().is_none() {
        warnings.extend(unknown_fields_warning("letsencrypt", &rest));
        record.extra = rest.values.into_iter().collect();
    }
    (record, warnings)
}

/// Whether the auto-renew cron job is installed, as an app's report says (`None` when absent).
pub fn autorenew(values: &ReportValues) -> Option<bool> {
    values.get("autorenew").map(|v| v == "true")
}

/// Reads `letsencrypt:cron-job` (no flag, plugin 0.25 and later): whether the auto-renew job is
/// installed, or `None` when the output is not the status message.
pub fn parse_cron_job_status(text: &str) -> Option<bool> {
    if text.contains("Auto-renew cron job is not enabled") {
        Some(false)
    } else if text.contains("Auto-renew cron job is enabled") {
        Some(true)
    } else {
        None
    }
}

/// Each listed app's grace period in seconds, from `letsencrypt:list`: the time before expiry
/// minus the time before renewal. Only differences of the printed durations are used, so the
/// result depends neither on when the list was printed nor on the server's time zone (the
/// printed expiry is in the server's local time, which pydokku mistook for the client's).
pub fn grace_periods_from_list(text: &str) -> Result<BTreeMap<String, i64>, TextError> {
    Ok(parse_letsencrypt_list(text)?
        .into_iter()
        .map(|row| (row.app, row.time_before_expiry_secs - row.time_before_renewal_secs))
        .collect())
}

/// The renewal time: the expiry minus the grace period.
pub fn renewal(
    expires_at: Option<timestamp::Timestamp>,
    grace_secs: Option<i64>,
) -> Option<timestamp::Timestamp> {
    expires_at?.checked_sub(Duration::seconds(grace_secs?))
}

fn bool_value(app: &str, key: &str, value: Option<String>) -> Result<bool, String> {
    match value.as_deref() {
        Some("true") => Ok(true),
        Some("false" | "") | None => Ok(false),
        Some(other) => Err(format!("app {app}: `{key}` is {other:?}, expected true or false")),
    }
}

fn insert_option(
    record: &mut LetsEncrypt,
    whose: &str,
    key: String,
    value: String,
    warnings: &mut Vec<String>,
) {
    if value.is_empty() {
        return;
    }
    if is_dns_provider_var(&key) && value == MASKED {
        warnings.push(format!(
            "letsencrypt: {whose}: {key} is masked by LETSENCRYPT_REPORT_SANITIZE and is not exported"
        ));
        return;
    }
    record.options.insert(key, value);
}

fn to_error(e: String) -> TextError {
    TextError::new(0, "a letsencrypt report with valid values", &e)
}

/// Parses `letsencrypt:report [<app>|--global]` text into records, with warnings.
pub fn parse_report_text(text: &str) -> Result<(Vec<LetsEncrypt>, Vec<String>), TextError> {
    let mut records = Vec::new();
    let mut warnings = Vec::new();
    for values in report_values_from_text(text, REPORT.type_prefix)? {
        let (record, warning) = match values.subject {
            ReportSubject::App(_) => app_from_values(values).map_err(to_error)?,
            _ => global_from_values(&values),
        };
        records.push(record);
        warnings.extend(warning);
    }
    Ok((records, warnings))
}

/// Parses `letsencrypt:report <app> --format json` (plugin 0.24.0 and later).
pub fn parse_report_json(app: &str, text: &str) -> Result<(LetsEncrypt, Vec<String>), TextError> {
    let values = report_values_from_json(text, ReportSubject::App(app.to_owned()), REPORT.type_prefix)?;
    app_from_values(values).map_err(to_error)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cron_job_status_messages() {
        assert_eq!(parse_cron_job_status("=====> Auto-renew cron job is enabled\n"), Some(true));
        assert_eq!(parse_cron_job_status("=====> Auto-renew cron job is not enabled\n"), Some(false));
        assert_eq!(parse_cron_job_status(""), None);
    }

    #[test]
    fn renewal_is_expiry_minus_grace() {
        let expires = timestamp::from_unix_text("1736287254").ok().flatten();
        let renews = renewal(expires, Some(2_592_000)).map(|t| timestamp::to_rfc3339(&t));
        assert_eq!(renews.as_deref(), Some("2024-12-08T22:00:54Z"));
        assert_eq!(renewal(expires, None), None);
    }
}
