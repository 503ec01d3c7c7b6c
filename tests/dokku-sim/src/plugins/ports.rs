//! The `ports` plugin: `scheme:host-port:container-port` mappings.

use std::fmt;

use super::verify_app_go;
use crate::invocation::Invocation;
use crate::legacy_report::{LegacyLayout, Renderer, run_versioned_report, same};
use crate::nginx_build;
use crate::output::Outcome;
use crate::pflag::parse_flags;
use crate::report::{GoReportSpec, GoReportStyle, ReportValues, Subject};
use crate::version::DokkuVersion;

/// `ports:report`.
const REPORT: GoReportSpec = GoReportSpec {
    plugin: "ports",
    report_type: "ports",
    style: GoReportStyle::LEGACY,
    json_since: DokkuVersion::new(0, 31, 0),
};

/// `ports:report` before 0.38.0 (plugins/ports/report.go at v0.33.9 and v0.35.20): no JSON
/// copies of the maps.
const LEGACY: &[LegacyLayout] = &[LegacyLayout {
    until: DokkuVersion::new(0, 38, 0),
    renderer: Renderer::Go { trim_prefix: false, uppercase: true },
    fields: &[same("--ports-map"), same("--ports-map-detected")],
    namespace: "ports",
}];

/// One port mapping.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PortMap {
    /// `http`, `https`, `tcp`, `udp` or `__internal__` (a bare host port).
    pub(crate) scheme: String,
    /// Port on the host.
    pub(crate) host_port: u32,
    /// Port in the container.
    pub(crate) container_port: u32,
}

impl fmt::Display for PortMap {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}", self.scheme, self.host_port, self.container_port)
    }
}

impl PortMap {
    /// Go's `json.Marshal` of the struct (fields in declaration order).
    fn json(&self) -> String {
        format!(
            "{{\"container_port\":{},\"host_port\":{},\"scheme\":{}}}",
            self.container_port,
            self.host_port,
            crate::go_json::go_string(&self.scheme)
        )
    }
}

/// Routes `ports:*`.
pub(crate) fn dispatch(inv: &mut Invocation<'_>, sub: &str, args: &[String]) -> Option<Outcome> {
    Some(match sub {
        "list" => list(inv, args),
        "add" => change(inv, "ports:add", args),
        "set" => change(inv, "ports:set", args),
        "remove" => change(inv, "ports:remove", args),
        "clear" => clear(inv, args),
        "report" => run_versioned_report(inv, &REPORT, LEGACY, args, &report_values),
        _ => return None,
    })
}

/// Go's `strconv.Atoi` error text.
fn atoi(text: &str) -> Result<i64, String> {
    let digits = text.strip_prefix(['+', '-']).unwrap_or(text);
    if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit()) {
        return Err(format!("strconv.Atoi: parsing \"{text}\": invalid syntax"));
    }
    text.parse::<i64>().map_err(|_| format!("strconv.Atoi: parsing \"{text}\": value out of range"))
}

/// `parsePortMapString`.
pub(crate) fn parse_port_maps(text: &str) -> Result<Vec<PortMap>, String> {
    let mut maps = Vec::new();
    for word in text.trim().split(' ') {
        let parts: Vec<&str> = word.splitn(3, ':').collect();
        if parts.len() == 1 {
            let host = atoi(word).map_err(|e| format!("Invalid port map {word} [err={e}]"))?;
            if !(0..65536).contains(&host) {
                return Err(format!("Invalid port map {word} [hostPort={host}]"));
            }
            maps.push(PortMap {
                scheme: "__internal__".to_string(),
                host_port: u32::try_from(host).unwrap_or(0),
                container_port: 0,
            });
            continue;
        }
        if parts.len() != 3 {
            return Err(format!("Invalid port map {word} [len={}]", parts.len()));
        }
        let host = atoi(parts[1]).map_err(|e| format!("Invalid port map {word} [err={e}]"))?;
        let container = atoi(parts[2]).map_err(|e| format!("Invalid port map {word} [err={e}]"))?;
        if !(0..65536).contains(&host) {
            return Err(format!("Invalid port map {word} [hostPort={host}]"));
        }
        if !(0..65536).contains(&container) {
            return Err(format!("Invalid port map {word} [containerPort={container}]"));
        }
        maps.push(PortMap {
            scheme: parts[0].to_string(),
            host_port: u32::try_from(host).unwrap_or(0),
            container_port: u32::try_from(container).unwrap_or(0),
        });
    }
    Ok(maps)
}

/// The configured mappings (`ports` property `map`).
pub(crate) fn port_maps(inv: &Invocation<'_>, app: &str) -> Vec<PortMap> {
    let stored = inv.state.apps.get(app).map(|a| a.property("ports", "map")).unwrap_or_default();
    if stored.is_empty() {
        return Vec::new();
    }
    parse_port_maps(&stored).unwrap_or_default()
}

/// Stores mappings, sorted and de-duplicated as Dokku's property list ends up.
fn store_port_maps(inv: &mut Invocation<'_>, app: &str, maps: &[PortMap]) {
    let mut words: Vec<String> = maps.iter().map(ToString::to_string).collect();
    words.sort();
    words.dedup();
    if let Some(state) = inv.state.apps.get_mut(app) {
        state.set_property("ports", "map", &words.join(" "));
    }
}

/// The app's proxy port (`proxy` property `proxy-port`), 0 when unset.
fn proxy_port(inv: &Invocation<'_>, app: &str) -> u32 {
    inv.state
        .apps
        .get(app)
        .map(|a| a.property("proxy", "proxy-port"))
        .and_then(|p| p.parse().ok())
        .unwrap_or(0)
}

/// The global proxy port, 0 when unset.
fn global_proxy_port(inv: &Invocation<'_>) -> u32 {
    inv.state.global_property("proxy", "proxy-port").parse().unwrap_or(0)
}

/// `getDetectedPortMaps` for an app that was never deployed: `http:<proxy port>:5000`.
pub(crate) fn detected_port_maps(inv: &Invocation<'_>, app: &str) -> Vec<PortMap> {
    let mut base = proxy_port(inv, app);
    if base == 0 {
        base = global_proxy_port(inv);
    }
    if base == 0 {
        base = 80;
    }
    vec![PortMap { scheme: "http".to_string(), host_port: base, container_port: 5000 }]
}

/// The mappings the proxy uses (`ports-get`): configured ones, else detected ones.
pub(crate) fn effective_port_maps(inv: &Invocation<'_>, app: &str) -> Vec<PortMap> {
    let configured = port_maps(inv, app);
    if configured.is_empty() { detected_port_maps(inv, app) } else { configured }
}

/// The `ports-configure` trigger run by every proxy build (`initializeProxyPort`): an app
/// without a proxy port gets the global one (80 by default), or, without vhosts, a random free
/// port, announced on stdout.
pub(crate) fn configure(inv: &mut Invocation<'_>, app: &str) {
    if proxy_port(inv, app) != 0 {
        return;
    }
    let mut port = if super::domains::is_app_vhost_enabled(inv, app) {
        global_proxy_port(inv)
    } else {
        inv.out.info1("No port set, setting to random open high port");
        let port = available_port();
        inv.out.info1(&format!("Random port {port}"));
        port
    };
    if port == 0 {
        port = 80;
    }
    if let Some(state) = inv.state.apps.get_mut(app) {
        state.set_property("proxy", "proxy-port", &port.to_string());
    }
}

/// nginx-vhosts' `pre-enable-vhost` (`enabling`) and `pre-disable-vhost` triggers: the proxy
/// ports are dropped (when disabling, only the defaults 80/443), and mappings on the default
/// ports are cleared.
pub(crate) fn before_vhost_change(inv: &mut Invocation<'_>, app: &str, enabling: bool) {
    if super::proxy_type(inv, app) != "nginx" {
        return;
    }
    let maps = effective_port_maps(inv, app);
    let Some(state) = inv.state.apps.get_mut(app) else {
        return;
    };
    let port = state.property("proxy", "proxy-port");
    let ssl_port = state.property("proxy", "proxy-ssl-port");
    if enabling || port == "80" {
        state.set_property("proxy", "proxy-port", "");
    }
    if enabling || ssl_port == "443" {
        state.set_property("proxy", "proxy-ssl-port", "");
    }
    let on_default_ports = maps.iter().any(|map| {
        (map.scheme == "http" && map.host_port == 80) || (map.scheme == "https" && map.host_port == 443)
    });
    if on_default_ports {
        state.set_property("ports", "map", "");
    }
}

/// A free TCP port >= 1025, found the way Go's `getAvailablePort` does (bind port 0).
fn available_port() -> u32 {
    for _ in 0..16 {
        if let Ok(listener) = std::net::TcpListener::bind("127.0.0.1:0")
            && let Ok(address) = listener.local_addr()
            && address.port() >= 1025
        {
            return u32::from(address.port());
        }
    }
    0
}

/// `ports:list <app>`: a columnize table whose header row sorts first.
fn list(inv: &mut Invocation<'_>, args: &[String]) -> Outcome {
    let flags = parse_flags(inv, "ports:list", args, &[], &[])?;
    let app = flags.arg(0);
    verify_app_go(inv, &app)?;
    let maps = port_maps(inv, &app);
    if maps.is_empty() {
        return Err(inv.out.fail("No port mappings configured for app"));
    }
    let mut lines: Vec<String> = maps.iter().map(ToString::to_string).collect();
    if !inv.out.quiet {
        lines.push("-----> scheme:host port:container port".to_string());
    }
    lines.sort();
    let rows: Vec<Vec<String>> =
        lines.iter().map(|line| line.split(':').map(str::to_string).collect()).collect();
    inv.out.info1_quiet(&format!("Port mappings for {app}"));
    for line in crate::columnize::columnize(&rows, "    ") {
        inv.out.line(&line);
    }
    Ok(())
}

/// `ports:add|set|remove <app> <map>...`.
fn change(inv: &mut Invocation<'_>, command: &str, args: &[String]) -> Outcome {
    let flags = parse_flags(inv, command, args, &[], &[])?;
    let app = flags.arg(0);
    verify_app_go(inv, &app)?;
    let words = &flags.positionals[1..];
    if words.is_empty() {
        return Err(inv.out.fail("No port mapping specified"));
    }
    let maps = parse_port_maps(&words.join(" ")).map_err(|e| inv.out.fail(&e))?;
    let existing = port_maps(inv, &app);
    let result = match command {
        "ports:add" => reuses_scheme_host_port(&maps)
            .map_err(|e| format!("Error validating new port mappings: {e}"))
            .and_then(|()| {
                let mut all = existing.clone();
                all.extend(maps.iter().cloned());
                reuses_scheme_host_port(&all)
                    .map_err(|e| format!("Error validating all port mappings: {e}"))
                    .map(|()| all)
            }),
        "ports:set" => reuses_scheme_host_port(&maps)
            .map_err(|e| format!("Error validating port mappings: {e}"))
            .map(|()| maps.clone()),
        _ => Ok(existing
            .into_iter()
            .filter(|map| {
                !maps.iter().any(|removed| {
                    if removed.scheme == "__internal__" {
                        removed.host_port == map.host_port
                    } else {
                        removed == map
                    }
                })
            })
            .collect()),
    };
    let new_maps = result.map_err(|e| inv.out.fail(&e))?;
    store_port_maps(inv, &app, &new_maps);
    nginx_build::build(inv, &app);
    Ok(())
}

/// `reusesSchemeHostPort`.
fn reuses_scheme_host_port(maps: &[PortMap]) -> Result<(), String> {
    let mut seen = std::collections::BTreeSet::new();
    for map in maps {
        let key = format!("{}:{}", map.scheme, map.host_port);
        if !seen.insert(key.clone()) {
            return Err(format!("The same scheme:host-port is being reused: {key}"));
        }
    }
    Ok(())
}

/// `ports:clear <app>`.
fn clear(inv: &mut Invocation<'_>, args: &[String]) -> Outcome {
    let flags = parse_flags(inv, "ports:clear", args, &[], &[])?;
    let app = flags.arg(0);
    verify_app_go(inv, &app)?;
    store_port_maps(inv, &app, &[]);
    nginx_build::build(inv, &app);
    Ok(())
}

/// Go's `json.Marshal` of a port map slice (`null` when empty).
fn maps_json(maps: &[PortMap]) -> String {
    if maps.is_empty() {
        return "null".to_string();
    }
    let items: Vec<String> = maps.iter().map(PortMap::json).collect();
    format!("[{}]", items.join(","))
}

/// Space-joined `scheme:host:container` words.
fn maps_text(maps: &[PortMap]) -> String {
    maps.iter().map(ToString::to_string).collect::<Vec<_>>().join(" ")
}

/// `ports:report` values.
fn report_values(inv: &Invocation<'_>, subject: Subject<'_>) -> ReportValues {
    let mut values = ReportValues::default();
    let Subject::App(app) = subject else {
        return values;
    };
    let maps = port_maps(inv, app);
    let detected = detected_port_maps(inv, app);
    values.set("--ports-map", maps_text(&maps));
    values.set("--ports-map-json", maps_json(&maps));
    values.set("--ports-map-detected", maps_text(&detected));
    values.set("--ports-map-detected-json", maps_json(&detected));
    values
}
