//! Pure parsers: `network:report` (text and JSON) into [`AppNetwork`] records, and
//! `network:list`/`network:info` into [`Network`] records.

use std::collections::BTreeMap;

use dokku_core::reports::{ReportForm, ReportSpec, unknown_fields_warning};
use dokku_core::text::{
    ReportSubject, ReportValues, TextError, parse_name_list, report_values_from_json, report_values_from_text,
};
use dokku_core::{DokkuVersion, timestamp};
use serde_json::{Map, Value};

use crate::model::{AppNetwork, Network};

/// How `network:report` is read: the bulk text form is cheap (0.08–0.24 s for 30 apps on a
/// measured 0.38.27) and names each app, while the no-app JSON form does not say which app an
/// object belongs to. The per-app JSON form exists since 0.23.1.
pub const REPORT: ReportSpec = ReportSpec {
    subcommand: "network:report",
    type_prefix: "network",
    form: ReportForm::Bulk,
    json_since: DokkuVersion::new(0, 23, 1),
};

/// The first version whose `network:list` and `network:info` accept `--format json`.
pub const LIST_JSON_SINCE: DokkuVersion = DokkuVersion::new(0, 35, 3);

/// Values Dokku derives from the others or from running containers: dropped on purpose.
fn is_derived(key: &str) -> bool {
    key.starts_with("computed-") || key == "web-listeners"
}

/// The raw global values, repeated in every app's report and exported once globally.
fn is_global(key: &str) -> bool {
    key.starts_with("global-")
}

/// Dokku stores several networks comma-joined; empty means none.
fn network_list(value: Option<&str>) -> Vec<String> {
    value.unwrap_or_default().split(',').map(str::trim).filter(|n| !n.is_empty()).map(str::to_owned).collect()
}

fn non_empty(value: Option<&str>) -> Option<String> {
    value.filter(|v| !v.is_empty()).map(str::to_owned)
}

fn parse_bool(whose: &str, key: &str, value: Option<&str>) -> Result<Option<bool>, String> {
    match value {
        None | Some("") => Ok(None),
        Some("true") => Ok(Some(true)),
        Some("false") => Ok(Some(false)),
        Some(other) => Err(format!("{whose}: `{key}` is {other:?}, expected true or false")),
    }
}

/// Builds an app's [`AppNetwork`] from its report values; returns what the model did not know
/// as a warning.
pub fn app_network_from_values(mut values: ReportValues) -> Result<(AppNetwork, Option<String>), String> {
    let name = values.app().ok_or("a network report block without an app name")?.to_owned();
    let whose = format!("app {name}");
    let mut take = |key: &str| values.take(key);
    let settings = AppNetwork {
        attach_post_create: network_list(take("attach-post-create").as_deref()),
        attach_post_deploy: network_list(take("attach-post-deploy").as_deref()),
        bind_all_interfaces: parse_bool(
            &whose,
            "bind-all-interfaces",
            take("bind-all-interfaces").as_deref(),
        )?,
        initial_network: non_empty(take("initial-network").as_deref()),
        static_web_listener: non_empty(take("static-web-listener").as_deref()),
        tld: non_empty(take("tld").as_deref()),
        app_name: Some(name),
        extra: BTreeMap::new(),
    };
    values.discard(|k| is_derived(k) || is_global(k));
    let warning = unknown_fields_warning("network", &values);
    Ok((AppNetwork { extra: values.values.into_iter().collect(), ..settings }, warning))
}

/// The global settings (`app_name` absent) from a `--global` report or from any app's report,
/// which repeats them. Keys other than `global-*` are ignored here.
pub fn global_from_values(values: &ReportValues) -> Result<AppNetwork, String> {
    let get = |key: &str| values.get(key);
    Ok(AppNetwork {
        attach_post_create: network_list(get("global-attach-post-create")),
        attach_post_deploy: network_list(get("global-attach-post-deploy")),
        bind_all_interfaces: parse_bool(
            "global",
            "global-bind-all-interfaces",
            get("global-bind-all-interfaces"),
        )?,
        initial_network: non_empty(get("global-initial-network")),
        tld: non_empty(get("global-tld")),
        ..AppNetwork::default()
    })
}

/// The first version whose reports print the raw global `bind-all-interfaces`; before it an
/// unset value printed its default `false` (`PropertyGetDefault`, plugins/network/report.go at
/// v0.35.20 and v0.38.5).
const RAW_GLOBAL_SINCE: DokkuVersion = DokkuVersion::new(0, 38, 6);

/// [`global_from_values`] as `version` printed them: before 0.38.6 a global
/// `bind-all-interfaces` of `false` is the picture of an unset value and reads as unset.
pub fn global_from_values_at(values: &ReportValues, version: &DokkuVersion) -> Result<AppNetwork, String> {
    let mut global = global_from_values(values)?;
    if *version < RAW_GLOBAL_SINCE && global.bind_all_interfaces == Some(false) {
        global.bind_all_interfaces = None;
    }
    Ok(global)
}

/// A warning for unknown keys of a `--global` report.
pub fn global_warning(values: &ReportValues) -> Option<String> {
    let mut rest = values.clone();
    rest.discard(|k| is_derived(k) || is_global(k));
    unknown_fields_warning("network", &rest)
}

fn to_error(e: String) -> TextError {
    TextError::new(0, "a network report with valid values", &e)
}

/// What a text `network:report` holds.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct NetworkReport {
    /// One record per app block, in printed order.
    pub apps: Vec<AppNetwork>,
    /// The global values as the first block repeats them (`None` without blocks).
    pub global: Option<AppNetwork>,
    /// One line per block with unknown fields.
    pub warnings: Vec<String>,
}

/// Parses `network:report [<app>]` text.
pub fn parse_report_text(text: &str) -> Result<NetworkReport, TextError> {
    let blocks = report_values_from_text(text, REPORT.type_prefix)?;
    let global = blocks.first().map(global_from_values).transpose().map_err(to_error)?;
    let mut report = NetworkReport { global, ..NetworkReport::default() };
    for values in blocks {
        let (settings, warning) = app_network_from_values(values).map_err(to_error)?;
        report.apps.push(settings);
        report.warnings.extend(warning);
    }
    Ok(report)
}

/// Parses `network:report <app> --format json` into the app's and the global settings.
pub fn parse_report_json(
    app: &str,
    text: &str,
) -> Result<(AppNetwork, AppNetwork, Option<String>), TextError> {
    let values = report_values_from_json(text, ReportSubject::App(app.to_owned()), REPORT.type_prefix)?;
    let global = global_from_values(&values).map_err(to_error)?;
    let (settings, warning) = app_network_from_values(values).map_err(to_error)?;
    Ok((settings, global, warning))
}

/// What a JSON network description must be.
const EXPECTED_NETWORK: &str = "a JSON network object with a string `Name`";

/// The fields a JSON network object shares between Dokku's list and Docker's inspect output,
/// read under each source's key names.
pub(crate) struct JsonNetworkFields<'o> {
    pub(crate) object: &'o Map<String, Value>,
    pub(crate) name: String,
    /// What a malformed field is reported as.
    pub(crate) expected: &'static str,
}

impl<'o> JsonNetworkFields<'o> {
    /// The object's `Name` (required).
    pub(crate) fn new(object: &'o Map<String, Value>, expected: &'static str) -> Result<Self, TextError> {
        let name = object
            .get("Name")
            .and_then(Value::as_str)
            .ok_or_else(|| TextError::new(0, expected, "a network without `Name`"))?
            .to_owned();
        Ok(Self { object, name, expected })
    }

    fn bad(&self, what: &str) -> TextError {
        TextError::new(0, self.expected, &format!("network {}: {what}", self.name))
    }

    pub(crate) fn string(&self, key: &str) -> Option<String> {
        self.object.get(key).and_then(Value::as_str).map(str::to_owned)
    }

    pub(crate) fn boolean(&self, key: &str) -> Option<bool> {
        self.object.get(key).and_then(Value::as_bool)
    }

    /// An RFC 3339 time; empty or absent is `None`.
    pub(crate) fn time(&self, key: &str) -> Result<Option<timestamp::Timestamp>, TextError> {
        match self.string(key).filter(|t| !t.is_empty()) {
            Some(text) => timestamp::parse_rfc3339(&text).map(Some).map_err(|e| self.bad(&e)),
            None => Ok(None),
        }
    }

    /// The labels; `None` when the object has none (absent or `null`).
    pub(crate) fn labels(&self, key: &str) -> Result<Option<BTreeMap<String, String>>, TextError> {
        match self.object.get(key) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::Object(map)) => {
                Ok(Some(map.iter().map(|(k, v)| (k.clone(), json_text(v))).collect()))
            }
            Some(other) => Err(self.bad(&format!("`{key}` is {other}"))),
        }
    }

    /// Every field not in `known`, as JSON text, and the warning naming them.
    pub(crate) fn extra(&self, known: &[&str], source: &str) -> (BTreeMap<String, String>, Option<String>) {
        let extra: BTreeMap<String, String> = self
            .object
            .iter()
            .filter(|(k, _)| !known.contains(&k.as_str()))
            .map(|(k, v)| (k.clone(), json_text(v)))
            .collect();
        let warning = (!extra.is_empty()).then(|| {
            let keys: Vec<&str> = extra.keys().map(String::as_str).collect();
            format!(
                "network: network {}{source}: unknown field(s) kept in `extra`: {}",
                self.name,
                keys.join(", ")
            )
        });
        (extra, warning)
    }
}

/// A JSON value as text: strings as they are, anything else as JSON.
fn json_text(value: &Value) -> String {
    value.as_str().map_or_else(|| value.to_string(), str::to_owned)
}

/// The keys of Dokku's JSON network object the model maps, or drops on purpose: `DokkuManaged`
/// (0.38.22+) says whether `Labels` has Dokku's label.
const LIST_KEYS: &[&str] =
    &["Name", "ID", "CreatedAt", "Driver", "Scope", "Internal", "IPv6", "Labels", "DokkuManaged"];

fn network_from_json(object: &Map<String, Value>) -> Result<(Network, Option<String>), TextError> {
    let fields = JsonNetworkFields::new(object, EXPECTED_NETWORK)?;
    let (extra, warning) = fields.extra(LIST_KEYS, "");
    let network = Network {
        id: fields.string("ID"),
        created_at: fields.time("CreatedAt")?,
        driver: fields.string("Driver"),
        scope: fields.string("Scope"),
        internal: fields.boolean("Internal"),
        ipv6: fields.boolean("IPv6"),
        labels: fields.labels("Labels")?,
        extra,
        name: fields.name,
    };
    Ok((network, warning))
}

fn json_error(e: &serde_json::Error, expected: &'static str) -> TextError {
    TextError::new(e.line(), expected, &e.to_string())
}

/// Parses `network:list --format json` (Dokku 0.35.3 and later), in printed order.
pub fn parse_network_list_json(text: &str) -> Result<(Vec<Network>, Vec<String>), TextError> {
    let items: Vec<Map<String, Value>> =
        serde_json::from_str(text).map_err(|e| json_error(&e, "a JSON array of network objects"))?;
    let mut networks = Vec::with_capacity(items.len());
    let mut warnings = Vec::new();
    for item in &items {
        let (network, warning) = network_from_json(item)?;
        networks.push(network);
        warnings.extend(warning);
    }
    Ok((networks, warnings))
}

/// Parses `network:info <name> --format json` (Dokku 0.35.3 and later).
pub fn parse_network_info_json(text: &str) -> Result<(Network, Option<String>), TextError> {
    let object: Map<String, Value> =
        serde_json::from_str(text).map_err(|e| json_error(&e, EXPECTED_NETWORK))?;
    network_from_json(&object)
}

/// Parses the text `network:list` (names only, in printed order).
pub fn parse_network_list_text(text: &str) -> Result<Vec<Network>, TextError> {
    Ok(parse_name_list(text, NETWORK_LIST_TITLE)?.into_iter().map(Network::named).collect())
}

/// The header of `network:list`'s text form (`=====> Networks`), which `--quiet` drops; the
/// names follow one per line, in the order Dokku printed them (it does not sort).
pub const NETWORK_LIST_TITLE: &str = "Networks";

#[cfg(test)]
mod older_reports {
    use dokku_core::DokkuVersion;
    use dokku_core::text::{ReportSubject, ReportValues};

    use super::global_from_values_at;

    #[test]
    fn an_old_global_false_is_the_default_and_a_new_one_is_explicit() {
        let values = ReportValues {
            subject: ReportSubject::App("a1".to_owned()),
            values: vec![("global-bind-all-interfaces".to_owned(), "false".to_owned())],
        };
        let old = global_from_values_at(&values, &DokkuVersion::new(0, 35, 20)).unwrap_or_default();
        assert_eq!(old.bind_all_interfaces, None);
        let new = global_from_values_at(&values, &DokkuVersion::new(0, 38, 6)).unwrap_or_default();
        assert_eq!(new.bind_all_interfaces, Some(false));
    }
}
