//! Creation: the commands that recreate records on an empty server.

use dokku_core::Command;

use crate::commands::builders;
use crate::model::{ProxyGlobal, ProxyRecord};

/// The commands that recreate `records` on an empty server, in order (the diff uses them for
/// records the server lacks, the [`Plugin`](dokku_core::plugin::Plugin) impl for a whole document).
pub(crate) fn commands(records: &[ProxyRecord]) -> Vec<Command> {
    let mut globals = Vec::new();
    let mut apps = Vec::new();
    for record in records {
        match record {
            ProxyRecord::Global(global) => globals.extend(global_commands(global)),
            ProxyRecord::App(proxy) => {
                let app = Some(proxy.app_name.as_str());
                if let Some(proxy_type) = &proxy.app_type {
                    apps.push(builders::set_type(app, proxy_type));
                }
                // Disabling (with the app's own type in force) before the ports: Dokku's
                // `proxy:disable` drops a stored proxy port, so a port set before it is lost.
                if !proxy.enabled {
                    apps.push(builders::disable(app));
                }
                if let Some(port) = proxy.proxy_port {
                    apps.push(builders::set(app, "proxy-port", Some(&port.to_string())));
                }
                if let Some(port) = proxy.proxy_ssl_port {
                    apps.push(builders::set(app, "proxy-ssl-port", Some(&port.to_string())));
                }
            }
        }
    }
    globals.extend(apps);
    globals
}

fn global_commands(global: &ProxyGlobal) -> Vec<Command> {
    let mut commands = Vec::new();
    if let Some(proxy_type) = &global.global_type {
        commands.push(builders::set_type(None, proxy_type));
    }
    if let Some(port) = global.global_proxy_port {
        commands.push(builders::set(None, "proxy-port", Some(&port.to_string())));
    }
    if let Some(port) = global.global_proxy_ssl_port {
        commands.push(builders::set(None, "proxy-ssl-port", Some(&port.to_string())));
    }
    commands
}
