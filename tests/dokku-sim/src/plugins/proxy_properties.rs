//! The report values of the caddy, haproxy, openresty and traefik plugins (their Go
//! report.go since 0.38.22): for each property a `global-` value, a `computed-` value (app,
//! then global, then the built-in default) and, for properties an app may set, the app's value.

use crate::invocation::Invocation;
use crate::report::{ReportValues, Subject};

/// One property of a proxy report.
pub(crate) struct ProxyProperty {
    /// The property name.
    pub(crate) name: &'static str,
    /// Whether an app may set it (it then has an app key in app blocks).
    pub(crate) per_app: bool,
    /// The computed value when neither the app nor the global value is set; `{app}` stands
    /// for the block's subject (`--global` in the global block, as openresty's log paths show).
    pub(crate) default: &'static str,
    /// The computed value is upper-cased (`log-level`'s `strings.ToUpper`).
    pub(crate) uppercase: bool,
}

/// A property only `--global` sets.
pub(crate) const fn global_only(name: &'static str, default: &'static str) -> ProxyProperty {
    ProxyProperty { name, per_app: false, default, uppercase: false }
}

/// A property an app may set, falling back to the global one.
pub(crate) const fn per_app(name: &'static str, default: &'static str) -> ProxyProperty {
    ProxyProperty { name, per_app: true, default, uppercase: false }
}

/// The log level, upper-cased in its computed form.
pub(crate) const fn log_level() -> ProxyProperty {
    ProxyProperty { name: "log-level", per_app: false, default: "ERROR", uppercase: true }
}

/// Adds the keys of `properties` for `subject` to `values`.
pub(crate) fn add_proxy_properties(
    inv: &Invocation<'_>,
    subject: Subject<'_>,
    proxy: &str,
    properties: &[ProxyProperty],
    values: &mut ReportValues,
) {
    let subject_name = match subject {
        Subject::App(app) => app,
        Subject::Global => "--global",
    };
    for property in properties {
        let name = property.name;
        let global = inv.state.global_property(proxy, name);
        let own = match subject {
            Subject::App(app) if property.per_app => {
                inv.state.apps.get(app).map(|a| a.property(proxy, name)).unwrap_or_default()
            }
            _ => String::new(),
        };
        let mut computed = if !own.is_empty() {
            own.clone()
        } else if !global.is_empty() {
            global.clone()
        } else {
            property.default.replace("{app}", subject_name)
        };
        if property.uppercase {
            computed = computed.to_uppercase();
        }
        if property.per_app && matches!(subject, Subject::App(_)) {
            values.set(&format!("--{proxy}-{name}"), own);
        }
        values.set(&format!("--{proxy}-global-{name}"), global);
        values.set(&format!("--{proxy}-computed-{name}"), computed);
    }
}
