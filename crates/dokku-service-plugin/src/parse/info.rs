//! `<type>:info <service>` (`service_info`): the text form and the single-flag forms.
//!
//! The text form is a header `=====> <service> <type> service information` (absent without a
//! TTY) and one `dokku_log_verbose "$(printf "%-20s %-25s" "${key^}" "${value}")"` line per
//! flag: seven spaces, the label (`Config dir:`, with its colon) padded to 20 columns, a space,
//! the value padded to 25 columns.
//! A single-flag form (`--dsn`, `--config-options`, …) prints the bare value and a newline.

use std::collections::BTreeMap;

use dokku_core::Secret;
use dokku_core::text::{INFO2_MARKER, TextError};

use crate::spec::{DsnUser, ServiceSpec};

/// What `<type>:info` says about a service.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct ServiceInfo {
    /// `--config-dir`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub config_dir: Option<String>,
    /// `--config-options` (the `CONFIG_OPTIONS` file).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub config_options: Option<String>,
    /// `--data-dir`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub data_dir: Option<String>,
    /// `--dsn`: the URL with the password (a secret).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dsn: Option<Secret<String>>,
    /// `--exposed-ports`: the host ports, in the plugin's container port order.
    pub exposed_ports: Vec<String>,
    /// `--id`: the container id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// `--internal-ip`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub internal_ip: Option<String>,
    /// `--initial-network`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub initial_network: Option<String>,
    /// `--links`: the linked apps.
    pub links: Vec<String>,
    /// `--post-create-network`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub post_create_network: Option<String>,
    /// `--post-start-network`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub post_start_network: Option<String>,
    /// `--service-root`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub service_root: Option<String>,
    /// `--status`: the container's state (`running`, `exited`, `missing`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    /// `--version`: the image the container runs (`postgres:18.4`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    /// Fields this version does not know (`flag` → value).
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub extra: BTreeMap<String, String>,
}

/// The label column's width (`%-20s`).
const LABEL_WIDTH: usize = 20;
/// `dokku_log_verbose`'s indent.
const INDENT: &str = "       ";

/// Parses the text form of `<type>:info <service>`.
///
/// Errors name the line and show only its label: a value may be the DSN.
pub fn parse_info(text: &str) -> Result<ServiceInfo, TextError> {
    let mut info = ServiceInfo::default();
    let mut seen_field = false;
    for (i, line) in text.lines().enumerate() {
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.trim().is_empty() {
            continue;
        }
        if !seen_field && line.starts_with(INFO2_MARKER) && line.ends_with(" service information") {
            continue;
        }
        let label_area = line.get(..INDENT.len() + LABEL_WIDTH).unwrap_or(line);
        let fields = line
            .strip_prefix(INDENT)
            .and_then(|rest| Some((rest.get(..LABEL_WIDTH)?, rest.get(LABEL_WIDTH..)?)))
            .filter(|(label, rest)| !label.starts_with(' ') && (rest.is_empty() || rest.starts_with(' ')));
        let Some((label, rest)) = fields else {
            return Err(TextError::new(
                i + 1,
                "a 7-space indented, 20-column label and its value",
                label_area,
            ));
        };
        seen_field = true;
        // `cut -f1 -d' '` of `--<flag>: <value>` keeps the colon: `Config dir:`.
        let key = label.trim_end().trim_end_matches(':').to_lowercase().replace(' ', "-");
        let value = rest.get(1..).unwrap_or_default().trim_end();
        set_field(&mut info, &key, value).map_err(|expected| TextError::new(i + 1, expected, label_area))?;
    }
    Ok(info)
}

/// Stores one `flag` (without `--`) of the text form.
fn set_field(info: &mut ServiceInfo, key: &str, value: &str) -> Result<(), &'static str> {
    let text = || (!value.is_empty()).then(|| value.to_owned());
    match key {
        "config-dir" => info.config_dir = text(),
        "config-options" => info.config_options = text(),
        "data-dir" => info.data_dir = text(),
        "dsn" => info.dsn = text().map(Secret::new),
        "exposed-ports" => info.exposed_ports = parse_exposed_ports(value)?,
        "id" => info.id = text(),
        "internal-ip" => info.internal_ip = text(),
        "initial-network" => info.initial_network = text(),
        "links" => info.links = parse_info_links(value),
        "post-create-network" => info.post_create_network = text(),
        "post-start-network" => info.post_start_network = text(),
        "service-root" => info.service_root = text(),
        "status" => info.status = text(),
        "version" => info.version = text(),
        other => {
            info.extra.insert(other.to_owned(), value.to_owned());
        }
    }
    Ok(())
}

/// `--exposed-ports` (`service_exposed_ports`): `-`, or `<container>-><host> ` per port; gives
/// the host sides in order.
pub fn parse_exposed_ports(value: &str) -> Result<Vec<String>, &'static str> {
    let value = value.trim();
    if value == "-" || value.is_empty() {
        return Ok(Vec::new());
    }
    value
        .split_whitespace()
        .map(|pair| match pair.split_once("->") {
            Some((_, host)) if !host.is_empty() => Ok(host.to_owned()),
            _ => Err("exposed ports as `<container>-><host>` pairs"),
        })
        .collect()
}

/// `--links` (`service_linked_apps`): `-`, or the apps separated by spaces.
pub fn parse_info_links(value: &str) -> Vec<String> {
    let value = value.trim();
    if value == "-" {
        return Vec::new();
    }
    value.split_whitespace().map(str::to_owned).collect()
}

/// The password in a DSN as `service_url` prints it for `service`, or `None` when the DSN does
/// not have that shape (or the service has no password). Any scheme is accepted.
pub fn password_from_dsn(spec: &ServiceSpec, service: &str, dsn: &str) -> Option<String> {
    let (_, body) = dsn.split_once("://")?;
    let body = body.split_once('?').map_or(body, |(b, _)| b);
    let prefix = match spec.dsn_user {
        DsnUser::Fixed(user) => format!("{user}:"),
        DsnUser::ServiceName => format!("{service}:"),
        DsnUser::PasswordOnly => ":".to_owned(),
        DsnUser::Anonymous => return None,
    };
    let empty = spec.dsn_body(service, Some(""));
    let suffix = empty.strip_prefix(&prefix)?;
    body.strip_prefix(&prefix)?.strip_suffix(suffix).map(str::to_owned)
}
