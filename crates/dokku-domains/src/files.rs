//! Domains from Dokku's files (root fast path), pure: what `domains:report` prints, got from
//! the files its Go code reads (`plugins/domains/report.go` at v0.38.27).
//!
//! - an app's list is `$DOKKU_ROOT/<app>/VHOST`, whitespace-collapsed;
//! - an app is disabled exactly when its own config has `NO_VHOST=1` (the `config-get` trigger
//!   reads the app's `ENV` only; an unreadable `ENV` reads as no value, so enabled);
//! - the global list is `$DOKKU_ROOT/VHOST`, enabled when some line of it is a valid hostname,
//!   and printed only then.

use dokku_core::env_file::{read_env_file, relative_path};
use dokku_core::file_snapshot::FileSnapshot;

use crate::model::Domain;

/// The record `domains:report` gives for `app` (`None`: the global one).
pub fn domain_from_files(files: &FileSnapshot, app: Option<&str>) -> Domain {
    let Some(app) = app else {
        let content = files.dokku_root_file("VHOST").unwrap_or_default();
        let enabled = content.split('\n').any(valid_hostname);
        let domains = if enabled { words(content) } else { Vec::new() };
        return Domain { enabled, domains, app_name: None, extra: Default::default() };
    };
    let no_vhost = files
        .file(&relative_path(Some(app)))
        .and_then(|text| read_env_file(text).ok())
        .and_then(|env| env.vars.into_iter().find(|(key, _)| key == "NO_VHOST"))
        .is_some_and(|(_, value)| value == "1");
    Domain {
        enabled: !no_vhost,
        domains: words(files.dokku_root_file(&format!("{app}/VHOST")).unwrap_or_default()),
        app_name: Some(app.to_owned()),
        extra: Default::default(),
    }
}

fn words(text: &str) -> Vec<String> {
    text.split_whitespace().map(str::to_owned).collect()
}

/// Dokku's `isValidHostname`: lower-cased, `_` or `^[a-z0-9.*-]*[a-z0-9*-]$`.
fn valid_hostname(line: &str) -> bool {
    let lower = line.to_lowercase();
    let allowed = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '*' | '-');
    lower == "_" || (lower.chars().all(allowed) && lower.chars().last().is_some_and(|c| c != '.'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_come_from_vhost_files_and_the_switch_from_the_app_env() {
        let output = "/h/VHOST\0example.com\n/h/a/VHOST\0a.example.com\n/h/a/VHOST\0www.a.example.com\n\
                      /c/b/ENV\0NO_VHOST=1\n/h/b/VHOST\0b.example.com\n/c/a/ENV\0NO_VHOST=0\n";
        let files = FileSnapshot::parse_roots(output, "/c", Some("/h"));
        let global = domain_from_files(&files, None);
        assert!(global.enabled && global.domains == ["example.com"] && global.app_name.is_none());
        let a = domain_from_files(&files, Some("a"));
        assert!(a.enabled && a.domains == ["a.example.com", "www.a.example.com"]);
        let b = domain_from_files(&files, Some("b"));
        assert!(!b.enabled && b.domains == ["b.example.com"]);
        let none = domain_from_files(&files, Some("c"));
        assert!(none.enabled && none.domains.is_empty());
    }

    #[test]
    fn a_global_file_without_a_valid_name_is_disabled_and_lists_nothing() {
        let files = FileSnapshot::parse_roots("/h/VHOST\0bad.\n/h/VHOST\0bad name\n", "/c", Some("/h"));
        let global = domain_from_files(&files, None);
        assert!(!global.enabled && global.domains.is_empty());
    }
}
