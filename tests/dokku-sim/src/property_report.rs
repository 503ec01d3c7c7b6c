//! Report values for the common "triplet" shape: for a property `p` of plugin `ns`, the keys
//! `--ns-p` (app value), `--ns-global-p` (raw global value) and `--ns-computed-p`
//! (app → global → built-in default).

use crate::invocation::Invocation;
use crate::report::{ReportValues, Subject};

/// One property of a triplet report.
pub(crate) struct Triplet {
    /// Property name.
    pub(crate) property: &'static str,
    /// Built-in default of the computed value.
    pub(crate) default: &'static str,
    /// Whether the property also exists per app (some are global-only).
    pub(crate) per_app: bool,
}

/// A per-app and global property with a default.
pub(crate) const fn triplet(property: &'static str, default: &'static str) -> Triplet {
    Triplet { property, default, per_app: true }
}

/// A global-only property with a default (no `--ns-p` key).
pub(crate) const fn global_only(property: &'static str, default: &'static str) -> Triplet {
    Triplet { property, default, per_app: false }
}

/// Adds the triplet keys of `properties` to `values`; `key_prefix` is the flag prefix (usually
/// the namespace) and `namespace` where the properties are stored.
pub(crate) fn add_triplets(
    inv: &Invocation<'_>,
    subject: Subject<'_>,
    key_prefix: &str,
    namespace: &str,
    properties: &[Triplet],
    values: &mut ReportValues,
) {
    let name = match subject {
        Subject::App(app) => app,
        Subject::Global => "--global",
    };
    for triplet in properties {
        let property = triplet.property;
        values.set(
            &format!("--{key_prefix}-global-{property}"),
            inv.state.global_property(namespace, property),
        );
        values.set(
            &format!("--{key_prefix}-computed-{property}"),
            inv.state.computed_property(name, namespace, property, triplet.default),
        );
        if let Subject::App(app) = subject
            && triplet.per_app
        {
            values.set(&format!("--{key_prefix}-{property}"), app_property(inv, app, namespace, property));
        }
    }
}

/// An app's raw property value.
pub(crate) fn app_property(inv: &Invocation<'_>, app: &str, namespace: &str, property: &str) -> String {
    inv.state.apps.get(app).map(|a| a.property(namespace, property)).unwrap_or_default()
}
