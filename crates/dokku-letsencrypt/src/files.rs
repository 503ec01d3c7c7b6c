//! The letsencrypt report from Dokku's files (root fast path), pure: the values
//! `cmd-letsencrypt-report-single` prints (dokku-letsencrypt 0.25.1, `command-functions`),
//! computed from the files its functions read (`internal-functions`), then read by the same
//! parsers as the report ([`app_from_values`](crate::app_from_values),
//! [`global_from_values`](crate::global_from_values)), so both paths give the same records.
//!
//! - properties: `$DOKKU_LIB_ROOT/config/letsencrypt/<app|--global>/<key>`
//!   (`fn-plugin-property-get-default`); the `computed-` values fall back from the app to the
//!   global value, `server` maps `default`/`staging` to the ACME directories and `graceperiod`
//!   defaults to 30 days (`fn-letsencrypt-computed-*`); `dns-provider` `none` computes to
//!   nothing; `dns-provider-<VAR>` rows exist for every such key set on either level
//!   (`fn-letsencrypt-report-add-dns-provider-keys`);
//! - `autorenew`: whether `$DOKKU_LIB_ROOT/data/letsencrypt/--global/autorenew` exists
//!   (`fn-letsencrypt-is-autorenew-enabled`);
//! - `expiration`: the `notAfter` of `$DOKKU_ROOT/<app>/tls/server.letsencrypt.crt`, else of
//!   `tls/server.crt`, in Unix seconds (`fn-letsencrypt-expiration`);
//! - `active` (`fn-letsencrypt-is-active`): SSL is enabled (`tls/server.crt` and `server.key`
//!   exist, `is_ssl_enabled`) and the installed certificate (`server.letsencrypt.crt`, else
//!   `server.crt`) is the one in the plugin's current lego directory
//!   (`letsencrypt/certs/current` → `certificates/<first domain>.crt` when the `.pem` beside it
//!   exists, else `fullchain.pem`). The plugin compares SHA-1 sums of the files; the snapshot
//!   holds their text, so the texts are compared.

use dokku_core::env_file::{read_env_file, relative_path};
use dokku_core::file_snapshot::FileSnapshot;
use dokku_core::pem_certificate::not_after;
use dokku_core::text::{ReportSubject, ReportValues};

use crate::model::DNS_PROVIDER_VAR_PREFIX;

/// The property store's directory of the plugin.
const PLUGIN: &str = "letsencrypt";
/// The subject directory of the global values.
const GLOBAL: &str = "--global";
/// `fn-letsencrypt-computed-server`'s directory for no server or `default`.
const PRODUCTION_SERVER: &str = "https://acme-v02.api.letsencrypt.org/directory";
/// `fn-letsencrypt-computed-server`'s directory for `staging`.
const STAGING_SERVER: &str = "https://acme-staging-v02.api.letsencrypt.org/directory";
/// `fn-letsencrypt-computed-graceperiod`'s default: 30 days in seconds.
const DEFAULT_GRACEPERIOD: &str = "2592000";
/// The auto-renew marker under `$DOKKU_LIB_ROOT/data`.
const AUTORENEW_MARKER: &str = "letsencrypt/--global/autorenew";
/// The properties the report prints in its fixed rows, in printed order.
const FIXED: [&str; 6] =
    ["dns-provider", "email", "graceperiod", "lego-args", "lego-docker-options", "server"];

/// What the report prints for the global values (`letsencrypt:report --global`).
pub fn global_values_from_files(files: &FileSnapshot) -> ReportValues {
    let global = files.properties(PLUGIN, GLOBAL);
    let get = |key: &str| global.get(key).map_or("", |v| v.trim()).to_owned();
    let mut values: Vec<(String, String)> =
        FIXED.iter().map(|key| (format!("global-{key}"), get(key))).collect();
    for (key, value) in dns_provider_vars(&global) {
        let value = value.trim();
        if !value.is_empty() {
            values.push((format!("global-{key}"), value.to_owned()));
        }
    }
    ReportValues { subject: ReportSubject::Global, values }
}

/// Whether the auto-renew cron job is installed (`fn-letsencrypt-is-autorenew-enabled`): the
/// marker file exists.
pub fn autorenew_from_files(files: &FileSnapshot) -> bool {
    files.data_file(AUTORENEW_MARKER).is_some()
}

/// What the report prints for `app` (`letsencrypt:report <app>`).
pub fn app_values_from_files(files: &FileSnapshot, app: &str) -> ReportValues {
    let own_values = files.properties(PLUGIN, app);
    let global_values = files.properties(PLUGIN, GLOBAL);
    let own = |key: &str| own_values.get(key).map_or("", |v| v.trim()).to_owned();
    let global = |key: &str| global_values.get(key).map_or("", |v| v.trim()).to_owned();
    let computed = |key: &str| if own(key).is_empty() { global(key) } else { own(key) };
    let computed_server = match computed("server").as_str() {
        "" | "default" => PRODUCTION_SERVER.to_owned(),
        "staging" => STAGING_SERVER.to_owned(),
        other => other.to_owned(),
    };
    let computed_graceperiod = Some(computed("graceperiod"))
        .filter(|v| !v.is_empty())
        .unwrap_or_else(|| DEFAULT_GRACEPERIOD.to_owned());
    let computed_dns_provider = match (own("dns-provider").as_str(), global("dns-provider").as_str()) {
        ("none", _) | ("", "none") => String::new(),
        ("", global) => global.to_owned(),
        (own, _) => own.to_owned(),
    };
    let mut values = vec![
        ("active".to_owned(), is_active(files, app).to_string()),
        ("autorenew".to_owned(), autorenew_from_files(files).to_string()),
    ];
    for key in FIXED {
        let computed_value = match key {
            "dns-provider" => computed_dns_provider.clone(),
            "graceperiod" => computed_graceperiod.clone(),
            "server" => computed_server.clone(),
            _ => computed(key),
        };
        // The report prints the expiration between the email and the grace period rows.
        if key == "graceperiod" {
            values.push(("expiration".to_owned(), expiration(files, app)));
        }
        values.push((format!("computed-{key}"), computed_value));
        values.push((format!("global-{key}"), global(key)));
        values.push((key.to_owned(), own(key)));
    }
    let globals = dns_provider_vars(&global_values);
    let owns = dns_provider_vars(&own_values);
    let keys: std::collections::BTreeSet<&str> = globals.keys().chain(owns.keys()).copied().collect();
    for key in keys {
        let own = owns.get(key).map_or("", |v| v.trim());
        let global = globals.get(key).map_or("", |v| v.trim());
        let computed = if own.is_empty() { global } else { own };
        for (prefix, value) in [("computed-", computed), ("global-", global), ("", own)] {
            if !value.is_empty() {
                values.push((format!("{prefix}{key}"), value.to_owned()));
            }
        }
    }
    ReportValues { subject: ReportSubject::App(app.to_owned()), values }
}

/// The `dns-provider-<VAR>` properties of one level, by key (sorted).
fn dns_provider_vars<'a>(
    properties: &std::collections::BTreeMap<&'a str, &'a str>,
) -> std::collections::BTreeMap<&'a str, &'a str> {
    properties
        .iter()
        .filter(|(key, _)| key.starts_with(DNS_PROVIDER_VAR_PREFIX))
        .map(|(key, value)| (*key, *value))
        .collect()
}

/// The certificate the app serves, as the plugin reads it: the letsencrypt copy when there is
/// one, else Dokku's.
fn installed_certificate<'a>(files: &'a FileSnapshot, app: &str) -> Option<&'a str> {
    files
        .dokku_root_file(&format!("{app}/tls/server.letsencrypt.crt"))
        .or_else(|| files.dokku_root_file(&format!("{app}/tls/server.crt")))
}

/// `fn-letsencrypt-expiration`: the installed certificate's `notAfter` in Unix seconds, or
/// nothing without a certificate.
fn expiration(files: &FileSnapshot, app: &str) -> String {
    installed_certificate(files, app)
        .and_then(not_after)
        .map(|t| t.unix_timestamp().to_string())
        .unwrap_or_default()
}

/// `fn-letsencrypt-is-active`.
fn is_active(files: &FileSnapshot, app: &str) -> bool {
    let tls = |name: &str| files.dokku_root_file(&format!("{app}/tls/{name}")).is_some();
    if !(tls("server.crt") && tls("server.key")) {
        return false;
    }
    let Some(current) = files.dokku_root_file(&format!("{app}/letsencrypt/certs/current")) else {
        return false;
    };
    // `current` links to the lego directory of the current configuration (`ln -nsf
    // "$config_dir"` in `fn-letsencrypt-symlink-certs`), a sibling named by its hash.
    let Some(hash) = current.trim_end_matches('/').rsplit('/').next().filter(|h| !h.is_empty()) else {
        return false;
    };
    let dir = format!("{app}/letsencrypt/certs/{hash}");
    let domain = first_domain(files, app).replacen('*', "_", 1);
    let issued = if files.dokku_root_file(&format!("{dir}/certificates/{domain}.pem")).is_some() {
        // A missing `.crt` is `cat` failing into `sha1sum`: the sum of nothing.
        files.dokku_root_file(&format!("{dir}/certificates/{domain}.crt")).unwrap_or_default()
    } else if let Some(chain) = files.dokku_root_file(&format!("{dir}/fullchain.pem")) {
        chain
    } else {
        return false;
    };
    installed_certificate(files, app).unwrap_or_default() == issued
}

/// `fn-letsencrypt-app-domains … | xargs | awk '{print $1}'`: the first word of the app's
/// `VHOST` lines other than `_`, when the app's vhosts are enabled (`NO_VHOST` is not `1` in its
/// `ENV`, `is_app_vhost_enabled`).
fn first_domain(files: &FileSnapshot, app: &str) -> String {
    let no_vhost = files
        .file(&relative_path(Some(app)))
        .and_then(|text| read_env_file(text).ok())
        .and_then(|env| env.vars.into_iter().find(|(key, _)| key == "NO_VHOST"))
        .is_some_and(|(_, value)| value == "1");
    if no_vhost {
        return String::new();
    }
    files
        .dokku_root_file(&format!("{app}/VHOST"))
        .unwrap_or_default()
        .split('\n')
        .filter(|line| *line != "_")
        .flat_map(str::split_whitespace)
        .next()
        .unwrap_or_default()
        .to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    const CERTS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../dokku-certs/test_data/generated");

    fn certificate(name: &str) -> String {
        std::fs::read_to_string(format!("{CERTS}/{name}")).unwrap_or_else(|e| panic!("{name}: {e}"))
    }

    /// A snapshot of whole files (`<path>` → content) under `/h`, `/l/config` and `/l/data`.
    fn snapshot(files: &[(&str, &str)]) -> FileSnapshot {
        let output: String = files
            .iter()
            .flat_map(|(path, content)| {
                let lines: Vec<&str> = if content.is_empty() { vec![""] } else { content.lines().collect() };
                lines.into_iter().map(move |line| format!("{path}\0{line}\n"))
            })
            .collect();
        FileSnapshot::parse_all_roots(&output, "/l/config", Some("/h"), Some("/l/data"))
    }

    fn value<'a>(values: &'a ReportValues, key: &str) -> &'a str {
        values.get(key).unwrap_or_else(|| panic!("no {key} in {values:?}"))
    }

    #[test]
    fn computed_values_fall_back_to_the_global_ones_and_the_defaults() {
        let files = snapshot(&[
            ("/l/config/letsencrypt/--global/email", "ops@example.com"),
            ("/l/config/letsencrypt/--global/server", "staging"),
            ("/l/config/letsencrypt/--global/dns-provider", "none"),
            ("/l/config/letsencrypt/--global/dns-provider-TOKEN", "global-token"),
            ("/l/config/letsencrypt/a/graceperiod", "86400"),
            ("/l/config/letsencrypt/a/dns-provider-ZONE", "zone-a"),
            ("/l/config/letsencrypt/b/dns-provider", "cloudflare"),
            ("/l/config/letsencrypt/b/server", "https://acme.example/dir"),
        ]);
        let a = app_values_from_files(&files, "a");
        assert_eq!(value(&a, "computed-email"), "ops@example.com");
        assert_eq!(value(&a, "email"), "");
        assert_eq!(value(&a, "computed-server"), STAGING_SERVER);
        assert_eq!(value(&a, "computed-graceperiod"), "86400");
        assert_eq!(value(&a, "computed-dns-provider"), "");
        assert_eq!(value(&a, "global-dns-provider"), "none");
        let rows: Vec<&str> = a.values.iter().map(|(k, _)| k.as_str()).skip(21).collect();
        assert_eq!(
            rows,
            [
                "computed-dns-provider-TOKEN",
                "global-dns-provider-TOKEN",
                "computed-dns-provider-ZONE",
                "dns-provider-ZONE"
            ]
        );
        let b = app_values_from_files(&files, "b");
        assert_eq!(value(&b, "computed-dns-provider"), "cloudflare");
        assert_eq!(value(&b, "computed-server"), "https://acme.example/dir");
        assert_eq!(value(&b, "computed-graceperiod"), DEFAULT_GRACEPERIOD);
        let global = global_values_from_files(&files);
        assert_eq!(global.subject, ReportSubject::Global);
        assert_eq!(value(&global, "global-dns-provider-TOKEN"), "global-token");
        assert!(global.values.iter().all(|(key, _)| key.starts_with("global-")));
    }

    #[test]
    fn autorenew_is_the_marker_file() {
        let on = snapshot(&[("/l/data/letsencrypt/--global/autorenew", "")]);
        assert_eq!(value(&app_values_from_files(&on, "a"), "autorenew"), "true");
        assert_eq!(value(&app_values_from_files(&snapshot(&[]), "a"), "autorenew"), "false");
    }

    #[test]
    fn expiration_is_the_installed_certificates_not_after() {
        let app = certificate("app.crt");
        // `openssl x509 -enddate` says `notAfter=Nov 30 09:02:31 2036 GMT`.
        let files = snapshot(&[("/h/a/tls/server.crt", &app)]);
        assert_eq!(value(&app_values_from_files(&files, "a"), "expiration"), "2111648551");
        assert_eq!(value(&app_values_from_files(&files, "b"), "expiration"), "");
        let bad = snapshot(&[("/h/a/tls/server.crt", "not a certificate")]);
        assert_eq!(value(&app_values_from_files(&bad, "a"), "expiration"), "");
    }

    /// An app whose lego directory `abc` issued `issued` for `a.example.com`, with `installed`
    /// as its certificate.
    fn issued_app(installed: &str, issued: &str, extra: &[(&str, &str)]) -> FileSnapshot {
        let mut files = vec![
            ("/h/a/VHOST", "_\na.example.com\nwww.a.example.com"),
            ("/h/a/tls/server.crt", installed),
            ("/h/a/tls/server.key", ""),
            ("/h/a/letsencrypt/certs/current", "/h/a/letsencrypt/certs/abc"),
            ("/h/a/letsencrypt/certs/abc/certificates/a.example.com.pem", ""),
            ("/h/a/letsencrypt/certs/abc/certificates/a.example.com.crt", issued),
        ];
        files.extend_from_slice(extra);
        snapshot(&files)
    }

    #[test]
    fn active_when_the_installed_certificate_is_the_current_issued_one() {
        let (app, other) = (certificate("app.crt"), certificate("other.crt"));
        let active = |files: &FileSnapshot| value(&app_values_from_files(files, "a"), "active").to_owned();
        assert_eq!(active(&issued_app(&app, &app, &[])), "true");
        assert_eq!(active(&issued_app(&other, &app, &[])), "false");
        // The letsencrypt copy is the one compared when it exists.
        assert_eq!(active(&issued_app(&other, &app, &[("/h/a/tls/server.letsencrypt.crt", &app)])), "true");
        // Vhosts disabled: no domain, so no issued file to compare with.
        assert_eq!(active(&issued_app(&app, &app, &[("/l/config/a/ENV", "NO_VHOST=1")])), "false");
        let without_key = snapshot(&[
            ("/h/a/tls/server.crt", &app),
            ("/h/a/letsencrypt/certs/current", "abc"),
            ("/h/a/letsencrypt/certs/abc/fullchain.pem", &app),
        ]);
        assert_eq!(active(&without_key), "false");
    }

    #[test]
    fn a_legacy_fullchain_counts_when_there_is_no_pem() {
        let app = certificate("app.crt");
        let files = snapshot(&[
            ("/h/a/VHOST", "a.example.com"),
            ("/h/a/tls/server.crt", &app),
            ("/h/a/tls/server.key", ""),
            ("/h/a/letsencrypt/certs/current", "abc/"),
            ("/h/a/letsencrypt/certs/abc/fullchain.pem", &app),
        ]);
        assert_eq!(value(&app_values_from_files(&files, "a"), "active"), "true");
    }
}
