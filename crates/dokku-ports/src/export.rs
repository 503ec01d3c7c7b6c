//! Export and apply glue: the ports plugin as the engine sees it.

use dokku_core::plugin::{DiffOptions, ExportScope, Exported, Plugin, PluginDiff};
use dokku_core::reports::read_global_report;
use dokku_core::{Client, Command, Error};
use futures_util::future::try_join_all;

use crate::commands::{app_ports, builders, parse_error};
use crate::model::Port;
use crate::parse::{REPORT, ports_from_files, ports_from_values, uses_proxy_ports};

/// The ports plugin for the export/apply engine.
#[derive(Clone, Copy, Debug, Default)]
pub struct PortsPlugin;

impl Plugin for PortsPlugin {
    const KEY: &'static str = "ports";
    const DOKKU_NAME: &'static str = "ports";
    const REQUIRES: &'static [&'static str] = &["apps", "domains"];
    type Record = Port;

    async fn export(client: &Client, scope: &ExportScope) -> Result<Exported<Port>, Error> {
        let mut exported = Exported::default();
        // As root on a tested layout, the maps come from the property store: no command. Dokku
        // 0.38.27 keeps no global map (its global report prints no field), so none is there.
        if let Some(files) = scope.files.as_deref().filter(|_| !uses_proxy_ports(&scope.version)) {
            for app in &scope.apps {
                exported.records.extend(ports_from_files(files, app).map_err(parse_error)?);
            }
            return Ok(exported);
        }
        // Global mappings come only from the real global report (0.38 and later accept
        // `--global`); pydokku took the first app's detected ports instead. Up to 0.38.27 the
        // global report is empty, so this yields nothing, but a future global map is not lost.
        if scope.system && scope.version.all_reports_have_json() {
            let values = read_global_report(client, &REPORT, &scope.version).await?;
            let (ports, warning) = ports_from_values(values).map_err(parse_error)?;
            exported.records.extend(ports);
            exported.warnings.extend(warning);
        }
        // One app's mappings, by the cheapest command that prints them in Dokku's order:
        // `ports:report <app> --ports-map` runs only the report function of that one field (a
        // read of the `map` property; 0.14 s with a bash plugn), where the full
        // `ports:report <app>` also computes the detected ports through the proxy triggers
        // (0.95 s with Go plugn, DOKKU_COSTS.md) for a value the document leaves out. Before 0.31
        // the table of `proxy:ports <app>` holds them.
        let per_app =
            try_join_all(scope.apps.iter().map(|app| app_ports(client, app, &scope.version))).await?;
        exported.records.extend(per_app.into_iter().flatten());
        Ok(exported)
    }

    fn validate(record: &Port) -> Vec<(String, String)> {
        let mut problems = Vec::new();
        if record.scheme.is_empty() || !record.scheme.chars().all(|c| c.is_ascii_alphanumeric()) {
            problems.push((
                "scheme".into(),
                format!("{:?} is not a scheme (http, https, tcp, udp, grpc…)", record.scheme),
            ));
        }
        if record.app_name.is_some() && record.container_port.is_none() {
            problems.push((
                "container_port".into(),
                "is required: Dokku only accepts `scheme:host-port:container-port` mappings".into(),
            ));
        }
        if record.app_name.as_deref() == Some("") {
            problems.push(("app_name".into(), "is empty (leave it out for a global mapping)".into()));
        }
        problems
    }

    /// One `ports:set <app> <map>…` per app, apps in first-seen order, mappings in record order.
    ///
    /// Global mappings are skipped: Dokku has no global port map to set (no `ports:set
    /// --global` exists up to 0.38.27), and the ones in pydokku documents were an app's detected
    /// ports, which Dokku recomputes itself. The `ports:*` form needs Dokku 0.31 or later on the
    /// target; [`builders::proxy_ports_set`] is the older form.
    fn apply_commands(records: &[Port]) -> Vec<Command> {
        let mut by_app: Vec<(&str, Vec<String>)> = Vec::new();
        for port in records {
            let Some(app) = port.app_name.as_deref() else { continue };
            match by_app.iter_mut().find(|(a, _)| *a == app) {
                Some((_, tokens)) => tokens.push(port.token()),
                None => by_app.push((app, vec![port.token()])),
            }
        }
        by_app.iter().map(|(app, tokens)| builders::set(app, tokens)).collect()
    }

    fn diff(current: &[Port], desired: &[Port], options: &DiffOptions) -> PluginDiff {
        crate::diff::diff(current, desired, options)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn port(app: Option<&str>, scheme: &str, host: u16, container: Option<u16>) -> Port {
        Port {
            scheme: scheme.into(),
            host_port: host,
            app_name: app.map(str::to_owned),
            container_port: container,
        }
    }

    #[test]
    fn apply_groups_by_app_in_order_and_skips_globals() {
        let records = [
            port(None, "http", 80, Some(5000)),
            port(Some("b"), "http", 80, Some(5001)),
            port(Some("a"), "http", 80, Some(5000)),
            port(Some("b"), "https", 443, Some(5001)),
        ];
        let argv: Vec<Vec<String>> =
            PortsPlugin::apply_commands(&records).iter().map(|c| c.argv_masked()).collect();
        assert_eq!(argv.len(), 2);
        assert_eq!(argv[0].join(" "), "ports:set b http:80:5001 https:443:5001");
        assert_eq!(argv[1].join(" "), "ports:set a http:80:5000");
    }

    #[test]
    fn validate_names_the_field() {
        let problems = PortsPlugin::validate(&port(Some("a"), "http", 80, None));
        assert_eq!(problems.first().map(|(f, _)| f.as_str()), Some("container_port"));
        assert!(PortsPlugin::validate(&port(None, "http", 80, None)).is_empty());
        assert_eq!(PortsPlugin::validate(&port(Some("a"), "", 80, Some(1)))[0].0, "scheme");
    }
}
