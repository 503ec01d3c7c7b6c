//! Container labels of the proxy plugins (`<proxy>:labels:add|remove|show`, Dokku 0.37.0+):
//! `name=value` pairs per app that Dokku adds to the web containers at deploy. No report shows
//! them: `labels:show` does, one app per command, and as root one `grep` reads every app's file.

use std::collections::BTreeMap;

use crate::plugin::{ExportScope, Exported};
use crate::{Client, Command, Error};

use super::record::PropertyRecord;
use super::spec::PropertyPluginSpec;

/// `<proxy>:labels:add <app> <name> <value>` (Dokku takes exactly one value word).
pub fn add_command(spec: &PropertyPluginSpec, app: &str, name: &str, value: &str) -> Command {
    Command::dokku(format!("{}:labels:add", spec.namespace)).args([app, name, value]).writes(Some(app))
}

/// `<proxy>:labels:remove <app> <name>`.
pub fn remove_command(spec: &PropertyPluginSpec, app: &str, name: &str) -> Command {
    Command::dokku(format!("{}:labels:remove", spec.namespace)).args([app, name]).writes(Some(app))
}

/// Reads `<proxy>:labels:show <app>`: a `=====> <app> <proxy> labels` header, then one indented
/// `name=value` per label (stdout is empty, with a notice on stderr, when there are none).
/// Lines without `=` (Dokku skips comments) are ignored.
pub fn parse_labels_show(text: &str) -> BTreeMap<String, String> {
    text.lines()
        .map(str::trim)
        .filter(|line| !line.starts_with("=====>") && !line.starts_with('#'))
        .filter_map(|line| line.split_once('='))
        .filter(|(name, _)| !name.is_empty())
        .map(|(name, value)| (name.to_owned(), value.to_owned()))
        .collect()
}

/// Reads `grep -rH --include=labels '' <dir>` over `<dir>/<app>/labels` files: each line is
/// `<dir>/<app>/labels:<name>=<value>`. Returns the labels by app.
pub fn parse_label_files(text: &str, dir: &str) -> BTreeMap<String, BTreeMap<String, String>> {
    let mut by_app: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
    let prefix = format!("{}/", dir.trim_end_matches('/'));
    for line in text.lines() {
        let Some(rest) = line.strip_prefix(&prefix) else { continue };
        let Some((app, label)) = rest.split_once("/labels:") else { continue };
        let label = label.trim();
        if label.starts_with('#') {
            continue;
        }
        if let Some((name, value)) = label.split_once('=').filter(|(name, _)| !name.is_empty()) {
            by_app.entry(app.to_owned()).or_default().insert(name.to_owned(), value.to_owned());
        }
    }
    by_app
}

/// Fills in each exported app's labels: as root one `grep` over Dokku's label files, otherwise
/// one `labels:show` per app. Apps whose record was left out (nothing set) get one back when
/// they have labels.
pub(crate) async fn read_labels(
    client: &Client,
    spec: &PropertyPluginSpec,
    scope: &ExportScope,
    exported: &mut Exported<PropertyRecord>,
) -> Result<(), Error> {
    let by_app: BTreeMap<String, BTreeMap<String, String>> = if scope.can_run_system_commands {
        let dir = client.layout().in_lib_root(&format!("config/{}", spec.namespace));
        let cmd = Command::system("grep").args(["-rH", "--include=labels", "", &dir]).allow_failure();
        parse_label_files(&client.output(&cmd).await?.stdout, &dir)
    } else {
        let reads = scope.apps.iter().map(|app| {
            let cmd = Command::dokku(format!("{}:labels:show", spec.namespace)).arg(app);
            async move { client.stdout(&cmd).await.map(|out| (app.clone(), parse_labels_show(&out))) }
        });
        futures_util::future::try_join_all(reads).await?.into_iter().collect()
    };
    for app in &scope.apps {
        let Some(labels) = by_app.get(app).filter(|l| !l.is_empty()) else { continue };
        match exported.records.iter_mut().find(|r| r.app_name.as_deref() == Some(app.as_str())) {
            Some(record) => record.labels = labels.clone(),
            None => {
                let mut record = PropertyRecord::new(Some(app));
                record.labels = labels.clone();
                exported.records.push(record);
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_show_and_label_files_read_alike() {
        let shown = "=====> app1 caddy labels\n       caddy.tls=internal\n       caddy.0.header=X-A b=c\n";
        let files = "/var/lib/dokku/config/caddy/app1/labels:caddy.0.header=X-A b=c\n\
                     /var/lib/dokku/config/caddy/app1/labels:caddy.tls=internal\n\
                     /var/lib/dokku/config/caddy/--global/labels:ignored=1\n";
        let from_show = parse_labels_show(shown);
        assert_eq!(from_show.get("caddy.0.header").map(String::as_str), Some("X-A b=c"));
        let from_files = parse_label_files(files, "/var/lib/dokku/config/caddy");
        assert_eq!(from_files.get("app1"), Some(&from_show));
        assert!(parse_labels_show("").is_empty());
    }
}
