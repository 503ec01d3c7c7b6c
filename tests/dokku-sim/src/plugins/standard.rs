//! `00_dokku-standard`: `url` and `urls`.

use super::{first_arg, verify_app_bash};
use crate::invocation::Invocation;
use crate::output::Outcome;

/// Routes `url` and `urls` (`report` needs the real host and is not simulated).
pub(crate) fn dispatch(inv: &mut Invocation<'_>, command: &str, args: &[String]) -> Option<Outcome> {
    Some(match command {
        "url" => urls(inv, args, true),
        "urls" => urls(inv, args, false),
        _ => return None,
    })
}

/// `url <app>` / `urls <app>`: `http://<domain>` per app domain.
fn urls(inv: &mut Invocation<'_>, args: &[String], first_only: bool) -> Outcome {
    let app = first_arg(args);
    verify_app_bash(inv, &app)?;
    let domains = super::app_domains(inv, &app);
    let port = super::effective_port_maps(inv, &app)
        .into_iter()
        .find(|map| map.scheme == "http")
        .map_or(80, |map| map.host_port);
    let suffix = if port == 80 { String::new() } else { format!(":{port}") };
    let urls: Vec<String> = if domains.is_empty() {
        vec![format!("http://{}{suffix}", hostname())]
    } else {
        domains.iter().map(|d| format!("http://{d}{suffix}")).collect()
    };
    for url in urls.iter().take(if first_only { 1 } else { urls.len() }) {
        inv.out.line(url);
    }
    Ok(())
}

/// The simulated server's host name.
fn hostname() -> String {
    std::fs::read_to_string("/etc/hostname")
        .map(|name| name.trim().to_string())
        .unwrap_or_else(|_| "localhost".to_string())
}
