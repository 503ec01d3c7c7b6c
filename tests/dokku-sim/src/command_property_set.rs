//! `<plugin>:set` of the official plugins beyond the core ones, in the two shapes Dokku 0.38.27
//! has: the Go `common.CommandPropertySet` (plugins/common/properties.go) behind a pflag
//! `set` subcommand, and the bash `subcommands/set` scripts (`APP=$1 KEY=$2 VALUE=$3`) with
//! their `VALID_KEYS`/`GLOBAL_KEYS`/`GLOBAL_ONLY_KEYS` arrays.
//!
//! Both take exactly one value word: further words are ignored, a missing value unsets.

use crate::invocation::Invocation;
use crate::output::{Failure, Outcome};
use crate::pflag::parse_flags;

/// The subject, property and value of a `<plugin>:set` call.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SetCall {
    /// The app, or `--global`.
    pub(crate) app: String,
    /// The property (key) name, empty when not given.
    pub(crate) property: String,
    /// The value, empty to unset.
    pub(crate) value: String,
}

impl SetCall {
    /// Whether the call is `--global`.
    pub(crate) fn is_global(&self) -> bool {
        self.app == "--global"
    }
}

/// Parses the arguments of a Go `set` subcommand (e.g. plugins/builder/src/subcommands:
/// `--global` is a pflag bool, so it may appear anywhere; then `Arg(0..2)`).
pub(crate) fn parse_go_set_args(
    inv: &mut Invocation<'_>,
    command: &str,
    args: &[String],
) -> Result<SetCall, Failure> {
    let flags = parse_flags(inv, command, args, &["global"], &[])?;
    Ok(if flags.has("global") {
        SetCall { app: "--global".to_owned(), property: flags.arg(0), value: flags.arg(1) }
    } else {
        SetCall { app: flags.arg(0), property: flags.arg(1), value: flags.arg(2) }
    })
}

/// The arguments of a bash `set` script: `declare APP="$1" KEY="$2" VALUE="$3"`.
pub(crate) fn bash_set_args(args: &[String]) -> SetCall {
    let word = |index: usize| args.get(index).cloned().unwrap_or_default();
    SetCall { app: word(0), property: word(1), value: word(2) }
}

/// The property tables a Go plugin passes to `common.CommandPropertySet`.
pub(crate) struct GoProperties {
    /// The property namespace (plugin name).
    pub(crate) namespace: &'static str,
    /// The keys of its `DefaultProperties` map.
    pub(crate) properties: &'static [&'static str],
    /// The keys of its `GlobalProperties` map.
    pub(crate) global_properties: &'static [&'static str],
}

/// `common.CommandPropertySet`: app check, then the global check (an unknown key with
/// `--global` is "cannot be specified globally" too), then the key check against the union of
/// both tables, then write or delete.
pub(crate) fn go_command_property_set(
    inv: &mut Invocation<'_>,
    spec: &GoProperties,
    call: &SetCall,
) -> Outcome {
    if !call.is_global() {
        crate::plugins::verify_app_go(inv, &call.app)?;
    }
    if call.is_global() && !spec.global_properties.contains(&call.property.as_str()) {
        return Err(inv.out.fail("Property cannot be specified globally"));
    }
    if call.property.is_empty() {
        return Err(inv.out.fail("No property specified"));
    }
    let mut valid: Vec<&str> = spec.properties.iter().chain(spec.global_properties).copied().collect();
    valid.sort_unstable();
    valid.dedup();
    if !valid.contains(&call.property.as_str()) {
        return Err(inv
            .out
            .fail(&format!("Invalid property specified, valid properties include: {}", valid.join(", "))));
    }
    write_property(inv, spec.namespace, call);
    Ok(())
}

/// `Setting <key> to <value>` / `Unsetting <key>` and the write (`PropertyWrite` /
/// `PropertyDelete`, `fn-plugin-property-write` / `fn-plugin-property-delete`).
pub(crate) fn write_property(inv: &mut Invocation<'_>, namespace: &str, call: &SetCall) {
    if call.value.is_empty() {
        inv.out.info2_quiet(&format!("Unsetting {}", call.property));
    } else {
        inv.out.info2_quiet(&format!("Setting {} to {}", call.property, call.value));
    }
    if call.is_global() {
        inv.state.set_global_property(namespace, &call.property, &call.value);
    } else if let Some(app) = inv.state.apps.get_mut(&call.app) {
        // A property written for an app that does not exist (the proxy scripts never check)
        // lands in a directory no report reads.
        app.set_property(namespace, &call.property, &call.value);
    }
}

/// When a bash `set` script runs `verify_app_name`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum BashAppCheck {
    /// First, unless the app is `--global` (the builder-* scripts).
    First,
    /// Only for keys outside `GLOBAL_KEYS`, after the key checks (the proxy scripts, whose
    /// `GLOBAL_KEYS` hold every key: the app is then never checked).
    OutsideGlobalKeys,
}

/// The key tables of a bash `set` script.
pub(crate) struct BashKeys {
    /// The property namespace.
    pub(crate) namespace: &'static str,
    /// `VALID_KEYS`.
    pub(crate) valid: &'static [&'static str],
    /// `GLOBAL_KEYS`.
    pub(crate) global: &'static [&'static str],
    /// `GLOBAL_ONLY_KEYS`.
    pub(crate) global_only: &'static [&'static str],
    /// The script's literal "Invalid key specified, valid keys include: …" list (the scripts
    /// spell it by hand, with their own separators and typos).
    pub(crate) listed: &'static str,
    /// A key prefix accepted besides `VALID_KEYS`, global only (traefik's `dns-provider-`).
    pub(crate) global_prefix: Option<&'static str>,
    /// When the app is verified.
    pub(crate) app_check: BashAppCheck,
}

/// A bash `subcommands/set` script.
pub(crate) fn bash_property_set(inv: &mut Invocation<'_>, keys: &BashKeys, call: &SetCall) -> Outcome {
    if keys.app_check == BashAppCheck::First && !call.is_global() {
        crate::plugins::verify_app_bash(inv, &call.app)?;
    }
    let key = call.property.as_str();
    if key.is_empty() {
        return Err(inv.out.fail("No key specified"));
    }
    let prefixed = keys.global_prefix.is_some_and(|prefix| key.starts_with(prefix));
    if !keys.valid.contains(&key) && !prefixed {
        return Err(inv.out.fail(&format!("Invalid key specified, valid keys include: {}", keys.listed)));
    }
    if keys.app_check == BashAppCheck::OutsideGlobalKeys && !keys.global.contains(&key) && !prefixed {
        if call.is_global() {
            return Err(inv.out.fail(&format!("The key '{key}' cannot be set globally")));
        }
        crate::plugins::verify_app_bash(inv, &call.app)?;
    }
    if (prefixed || keys.global_only.contains(&key)) && !call.is_global() {
        return Err(inv.out.fail(&format!("The key '{key}' can only be set globally")));
    }
    write_property(inv, keys.namespace, call);
    Ok(())
}
