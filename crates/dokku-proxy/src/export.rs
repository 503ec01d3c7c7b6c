//! Export and apply glue: the proxy plugin as the engine sees it.

use dokku_core::plugin::{DiffOptions, ExportScope, Exported, Plugin, PluginDiff};
use dokku_core::reports::{read_app_reports, read_global_values};
use dokku_core::{Client, Command, DokkuVersion, Error};

use crate::commands::parse_error;
use crate::files::report_values_from_files;
use crate::model::ProxyRecord;
use crate::parse::{REPORT, global_from_values_at, proxy_from_values};

/// The first version whose proxy ports are properties (`proxy:set <app> proxy-port`) and whose
/// report prints every proxy property raw: the files give what its report gives.
const FILES_SINCE: DokkuVersion = DokkuVersion::new(0, 38, 8);

/// The proxy plugin for the export/apply engine.
#[derive(Clone, Copy, Debug, Default)]
pub struct ProxyPlugin;

impl Plugin for ProxyPlugin {
    const KEY: &'static str = "proxy";
    const DOKKU_NAME: &'static str = "proxy";
    // After domains and ports: their commands make Dokku store a proxy port (the
    // `ports-configure` trigger), which this plugin's commands then set or unset as the
    // document says.
    const REQUIRES: &'static [&'static str] = &["apps", "domains", "ports"];
    type Record = ProxyRecord;

    async fn export(client: &Client, scope: &ExportScope) -> Result<Exported<ProxyRecord>, Error> {
        // As root, from 0.38.8 (every setting a raw property, printed raw), the property files:
        // no command.
        if let Some(files) = scope.files.as_deref().filter(|_| scope.version >= FILES_SINCE) {
            let mut exported = Exported::default();
            if scope.system {
                let values = report_values_from_files(files, None);
                let (global, warning) =
                    global_from_values_at(&values, &scope.version).map_err(parse_error)?;
                exported.warnings.extend(warning);
                if !global.is_empty() {
                    exported.records.push(ProxyRecord::Global(global));
                }
            }
            for app in &scope.apps {
                let (proxy, warning) =
                    proxy_from_values(report_values_from_files(files, Some(app))).map_err(parse_error)?;
                exported.warnings.extend(warning);
                exported.records.push(ProxyRecord::App(proxy));
            }
            return Ok(exported);
        }
        let reports = read_app_reports(client, &REPORT, &scope.apps, &scope.version).await?;
        let mut exported = Exported::default();
        if scope.system {
            let global = read_global_values(client, &REPORT, &scope.version, &reports)
                .await?
                .map(|g| global_from_values_at(g.values(), &scope.version))
                .transpose()
                .map_err(parse_error)?;
            if let Some((global, warning)) = global {
                exported.warnings.extend(warning);
                if !global.is_empty() {
                    exported.records.push(ProxyRecord::Global(global));
                }
            }
        }
        for values in reports {
            let (proxy, warning) = proxy_from_values(values).map_err(parse_error)?;
            exported.warnings.extend(warning);
            exported.records.push(ProxyRecord::App(proxy));
        }
        Ok(exported)
    }

    fn validate(record: &ProxyRecord) -> Vec<(String, String)> {
        let bad_type = |t: &Option<String>| {
            t.as_deref().is_some_and(|t| t.is_empty() || t.contains(|c: char| c.is_whitespace() || c == ':'))
        };
        match record {
            ProxyRecord::App(proxy) if proxy.app_name.is_empty() => {
                vec![("app_name".into(), "is empty".into())]
            }
            ProxyRecord::App(proxy) if bad_type(&proxy.app_type) => {
                vec![("app_type".into(), format!("{:?} is not a proxy type", proxy.app_type))]
            }
            ProxyRecord::Global(global) if bad_type(&global.global_type) => {
                vec![("global_type".into(), format!("{:?} is not a proxy type", global.global_type))]
            }
            _ => Vec::new(),
        }
    }

    /// Global settings first, then per app: its type, its ports, and `proxy:disable` when
    /// disabled (a new app's proxy is enabled already). Nothing rebuilds the proxy config:
    /// Dokku does that at the next deploy.
    fn apply_commands(records: &[ProxyRecord]) -> Vec<Command> {
        crate::create::commands(records)
    }

    fn diff(current: &[ProxyRecord], desired: &[ProxyRecord], options: &DiffOptions) -> PluginDiff {
        crate::diff::diff(current, desired, options)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Proxy, ProxyGlobal};

    #[test]
    fn globals_first_and_only_real_settings() {
        let app = |name: &str, enabled: bool, app_type: Option<&str>| {
            ProxyRecord::App(Proxy {
                app_name: name.into(),
                enabled,
                app_type: app_type.map(str::to_owned),
                proxy_port: None,
                proxy_ssl_port: None,
                extra: Default::default(),
            })
        };
        let records = [
            app("a", true, None),
            app("b", false, Some("caddy")),
            ProxyRecord::Global(ProxyGlobal { global_type: Some("nginx".into()), ..Default::default() }),
        ];
        let lines: Vec<String> =
            ProxyPlugin::apply_commands(&records).iter().map(|c| c.argv_masked().join(" ")).collect();
        assert_eq!(lines, ["proxy:set --global nginx", "proxy:set b caddy", "proxy:disable b"]);
        // A stored port comes after the disable, which would drop it.
        let mut c = Proxy {
            app_name: "c".into(),
            enabled: false,
            app_type: None,
            proxy_port: Some(8080),
            proxy_ssl_port: None,
            extra: Default::default(),
        };
        c.app_type = None;
        let lines: Vec<String> = ProxyPlugin::apply_commands(&[ProxyRecord::App(c)])
            .iter()
            .map(|c| c.argv_masked().join(" "))
            .collect();
        assert_eq!(lines, ["proxy:disable c", "proxy:set c proxy-port 8080"]);
    }

    #[test]
    fn a_pydokku_app_record_reads_without_its_global_type() -> Result<(), serde_json::Error> {
        let record: ProxyRecord = serde_json::from_str(
            r#"{"app_name":"a","enabled":true,"global_type":"nginx","app_type":"xxx"}"#,
        )?;
        assert!(
            matches!(record, ProxyRecord::App(Proxy { ref app_type, .. }) if app_type.as_deref() == Some("xxx"))
        );
        let global: ProxyRecord = serde_json::from_str(r#"{"global_type":"caddy"}"#)?;
        assert!(matches!(global, ProxyRecord::Global(_)));
        Ok(())
    }
}
