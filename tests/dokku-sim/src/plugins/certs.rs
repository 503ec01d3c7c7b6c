//! The `certs` plugin (plugins/certs): the Go report, and the bash `certs:add`/`certs:update`
//! (one script), `certs:remove` and `certs:show` around an app's `tls/server.crt` and
//! `tls/server.key`.

use std::io::{IsTerminal, Read};

use crate::invocation::Invocation;
use crate::legacy_report::{LegacyLayout, Renderer, run_versioned_report, same};
use crate::openssl_x509::CertificateFile;
use crate::output::Outcome;
use crate::report::{GoReportSpec, GoReportStyle, ReportValues, Subject};
use crate::state::TlsPair;
use crate::version::DokkuVersion;

/// `certs:report`.
const REPORT: GoReportSpec = GoReportSpec {
    plugin: "certs",
    report_type: "ssl",
    style: GoReportStyle::PORTED,
    json_since: DokkuVersion::new(0, 38, 0),
};

/// `certs:report` before the Go port: bash `cmd-certs-report-single` (plugins/certs/
/// internal-functions v0.33.0 to v0.37.10: `$APP ssl information`, declaration order).
const LEGACY: &[LegacyLayout] = &[LegacyLayout {
    until: DokkuVersion::new(0, 38, 0),
    renderer: Renderer::Bash { noun: "ssl", global_scope: false, empty_info_fails: true },
    fields: &[
        same("--ssl-dir"),
        same("--ssl-enabled"),
        same("--ssl-hostnames"),
        same("--ssl-expires-at"),
        same("--ssl-issuer"),
        same("--ssl-starts-at"),
        same("--ssl-subject"),
        same("--ssl-verified"),
    ],
    namespace: "certs",
}];

/// Routes `certs:*`.
pub(crate) fn dispatch(inv: &mut Invocation<'_>, sub: &str, args: &[String]) -> Option<Outcome> {
    Some(match sub {
        "report" => run_versioned_report(inv, &REPORT, LEGACY, args, &report_values),
        "add" | "update" => add(inv, args),
        "remove" => remove(inv, args),
        "show" => show(inv, args),
        _ => return None,
    })
}

/// Positional word `index`, empty when absent (`$2`, `$3`, …).
fn word(args: &[String], index: usize) -> String {
    args.get(index).cloned().unwrap_or_default()
}

/// subcommands/add `cmd-certs-set` `<app> [<crt-file> <key-file>]`: both files named (and
/// readable) is a file import; otherwise standard input, unless it is a terminal, is a tar
/// archive that must hold exactly one file whose path matches `.crt$` and one matching `.key$`
/// (grep regexps: any character before `crt`/`key`; hidden paths are skipped). Then
/// `fn-certs-set` installs them and fires `post-certs-update` and `post-domains-update`.
fn add(inv: &mut Invocation<'_>, args: &[String]) -> Outcome {
    let app = word(args, 0);
    super::verify_app_bash(inv, &app)?;
    let (crt_file, key_file) = (word(args, 1), word(args, 2));
    let pair = if !crt_file.is_empty() && !key_file.is_empty() {
        // is_file_import
        let Ok(crt) = std::fs::read_to_string(&crt_file) else {
            return Err(inv.out.fail("CRT file specified not found, please check file paths"));
        };
        let Ok(key) = std::fs::read_to_string(&key_file) else {
            return Err(inv.out.fail("KEY file specified not found, please check file paths"));
        };
        TlsPair { crt, key }
    } else if !std::io::stdin().is_terminal() {
        let mut archive = Vec::new();
        let _ = std::io::stdin().read_to_end(&mut archive);
        let files = crate::tar_extract::regular_files(&archive);
        let visible = |path: &str| !path.split('/').any(|part| part.starts_with('.'));
        let matching = |suffix: &str| -> Vec<String> {
            files
                .iter()
                .filter(|file| visible(&file.path))
                .filter(|file| file.path.len() > suffix.len() && file.path.ends_with(suffix))
                .map(|file| String::from_utf8_lossy(&file.contents).into_owned())
                .collect()
        };
        let crts = matching("crt");
        let keys = matching("key");
        let crt = match crts.as_slice() {
            [] => return Err(inv.out.fail("Tar archive is missing .crt file")),
            [crt] => crt.clone(),
            _ => return Err(inv.out.fail("Tar archive contains more than one .crt file")),
        };
        let key = match keys.as_slice() {
            [] => return Err(inv.out.fail("Tar archive is missing .key file")),
            [key] => key.clone(),
            _ => return Err(inv.out.fail("Tar archive contains more than one .key file")),
        };
        TlsPair { crt, key }
    } else {
        return Err(inv.out.fail("Tar archive containing server.crt and server.key expected on stdin"));
    };
    if let Some(state) = inv.state.apps.get_mut(&app) {
        state.tls = Some(pair);
    }
    post_certs_update(inv, &app);
    // post-domains-update: nginx-vhosts rebuilds the app's config, which with a certificate
    // uses the SSL template. Not modelled: nothing is printed or rebuilt here.
    Ok(())
}

/// ports' `TriggerPostCertsUpdate`: drop a default `proxy-port` 80 / `proxy-ssl-port` 443,
/// and, unless an `https:443` mapping exists, add `https:443:<port>` for every `http:80`
/// mapping.
fn post_certs_update(inv: &mut Invocation<'_>, app: &str) {
    let Some(state) = inv.state.apps.get_mut(app) else {
        return;
    };
    if state.property("proxy", "proxy-port") == "80" {
        state.set_property("proxy", "proxy-port", "");
    }
    if state.property("proxy", "proxy-ssl-port") == "443" {
        state.set_property("proxy", "proxy-ssl-port", "");
    }
    let stored = state.property("ports", "map");
    let mut maps: Vec<String> = stored.split_whitespace().map(str::to_owned).collect();
    if maps.iter().any(|map| map.starts_with("https:443:")) {
        return;
    }
    let added: Vec<String> = maps
        .iter()
        .filter_map(|map| map.strip_prefix("http:80:"))
        .map(|container| format!("https:443:{container}"))
        .collect();
    if added.is_empty() {
        return;
    }
    maps.extend(added);
    maps.sort();
    maps.dedup();
    state.set_property("ports", "map", &maps.join(" "));
}

/// subcommands/remove and `fn-certs-remove`, then ports' `TriggerPostCertsRemove` (drops
/// `proxy-ssl-port` and the `https:443` mappings) and the nginx rebuild of
/// `post-domains-update`.
fn remove(inv: &mut Invocation<'_>, args: &[String]) -> Outcome {
    let app = word(args, 0);
    super::verify_app_bash(inv, &app)?;
    let Some(state) = inv.state.apps.get_mut(&app) else {
        return Err(inv.out.fail("An app-specific SSL endpoint is not defined"));
    };
    if state.tls.take().is_none() {
        return Err(inv.out.fail("An app-specific SSL endpoint is not defined"));
    }
    state.set_property("proxy", "proxy-ssl-port", "");
    let stored = state.property("ports", "map");
    let kept: Vec<&str> = stored.split_whitespace().filter(|map| !map.starts_with("https:443:")).collect();
    state.set_property("ports", "map", &kept.join(" "));
    inv.out.info1(&format!("Removing SSL endpoint from {app}"));
    crate::nginx_build::build(inv, &app);
    Ok(())
}

/// subcommands/show `<app> crt|key`: the file, as `cat` prints it.
fn show(inv: &mut Invocation<'_>, args: &[String]) -> Outcome {
    let app = word(args, 0);
    super::verify_app_bash(inv, &app)?;
    let kind = word(args, 1);
    if kind != "key" && kind != "crt" {
        return Err(inv.out.fail("specify either 'key' or 'crt'"));
    }
    let Some(pair) = inv.state.apps.get(&app).and_then(|a| a.tls.clone()) else {
        return Err(inv.out.fail(&format!("{app} doesn't have an SSL endpoint defined")));
    };
    inv.out.raw(if kind == "crt" { &pair.crt } else { &pair.key });
    Ok(())
}

/// report.go: the directory and whether a pair is installed, and what `openssl` reads from
/// the certificate (`reportSSL*`).
fn report_values(inv: &Invocation<'_>, subject: Subject<'_>) -> ReportValues {
    let mut values = ReportValues::default();
    let Subject::App(app) = subject else {
        return values;
    };
    values.set("--ssl-dir", format!("/home/dokku/{app}/tls"));
    let pair = inv.state.apps.get(app).and_then(|a| a.tls.clone());
    values.set("--ssl-enabled", if pair.is_some() { "true" } else { "false" });
    let fields =
        pair.and_then(|pair| CertificateFile::new(&pair.crt).ok()).map(|file| certificate_fields(&file));
    let fields = fields.unwrap_or_default();
    values.set("--ssl-expires-at", fields.expires_at);
    values.set("--ssl-hostnames", fields.hostnames);
    values.set("--ssl-issuer", fields.issuer);
    values.set("--ssl-starts-at", fields.starts_at);
    values.set("--ssl-subject", fields.subject);
    values.set("--ssl-verified", fields.verified);
    values
}

/// The certificate values of the report.
#[derive(Debug, Default)]
struct CertificateFields {
    expires_at: String,
    hostnames: String,
    issuer: String,
    starts_at: String,
    subject: String,
    verified: String,
}

/// The `reportSSL*` functions over openssl's output.
fn certificate_fields(file: &CertificateFile) -> CertificateFields {
    let text = file.openssl(&["x509", "-in", "{}", "-noout", "-text"]);
    let line_with = |needle: &str| text.lines().find(|line| line.contains(needle)).map(str::to_owned);
    let expires_at = line_with("Not After :")
        .and_then(|line| line.split(" : ").nth(1).map(str::to_owned))
        .unwrap_or_default();
    let starts_at = line_with("Not Before:")
        .and_then(|line| line.split(": ").nth(1).map(str::to_owned))
        .unwrap_or_default();
    let issuer = line_with("Issuer:")
        .map(|line| line.replacen("Issuer: ", "", 1).trim_start_matches([' ', '\t']).to_owned())
        .unwrap_or_default();
    // formatSSLSubject
    let compat = file.openssl(&["x509", "-in", "{}", "-noout", "-subject", "-nameopt", "compat"]);
    let compat = compat.trim();
    let compat = compat.strip_prefix("subject=").unwrap_or(compat).trim();
    let subject = compat.strip_prefix('/').unwrap_or(compat).replace('/', "; ");
    // sslHostnames: the RFC2253 subject's CN and every SAN DNS entry, sorted, unique.
    let rfc2253 = file.openssl(&["x509", "-in", "{}", "-noout", "-subject", "-nameopt", "RFC2253"]);
    let rfc2253 = rfc2253.trim();
    let rfc2253 = rfc2253.strip_prefix("subject=").unwrap_or(rfc2253);
    let mut hostnames: Vec<String> = rfc2253
        .split([',', '/'])
        .filter_map(|rdn| rdn.split_once('='))
        .find(|(key, _)| key.trim() == "CN")
        .map(|(_, value)| value.trim().to_owned())
        .filter(|cn| !cn.is_empty())
        .into_iter()
        .collect();
    let lines: Vec<&str> = text.lines().collect();
    for (index, line) in lines.iter().enumerate() {
        if line.contains("509v3 Subject Alternative Name:")
            && let Some(next) = lines.get(index + 1)
        {
            for name in next.split(',') {
                let name = name.trim().trim_start_matches("DNS:").trim();
                if !name.is_empty() {
                    hostnames.push(name.to_owned());
                }
            }
        }
    }
    hostnames.sort();
    hostnames.dedup();
    // reportSSLVerified: the last stdout line of `openssl verify`, after its first colon.
    let verify = file.openssl(&["verify", "-verbose", "-purpose", "sslserver", "{}"]);
    let verdict =
        verify.trim_end_matches('\n').lines().last().and_then(|line| line.split(':').nth(1)).map(str::trim);
    let verified = if verdict == Some("OK") { "verified by a certificate authority" } else { "self signed" };
    CertificateFields {
        expires_at,
        hostnames: hostnames.join(" "),
        issuer,
        starts_at,
        subject,
        verified: verified.to_owned(),
    }
}
