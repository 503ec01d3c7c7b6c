//! The `<plugin>:set [--global|<app>] <key> [<value>]` commands every plugin has.

use crate::invocation::Invocation;
use crate::output::Outcome;

/// How one plugin's `:set` behaves.
pub(crate) struct PropertySetSpec {
    /// Property namespace (plugin name).
    pub(crate) namespace: &'static str,
    /// Keys settable per app.
    pub(crate) keys: &'static [&'static str],
    /// Keys settable with `--global`.
    pub(crate) global_keys: &'static [&'static str],
    /// `property` for Go plugins, `key` for bash ones (it shows in error messages).
    pub(crate) noun: &'static str,
    /// Whether the app must exist (nginx never checks).
    pub(crate) verify_app: bool,
}

/// Runs `<plugin>:set`.
pub(crate) fn run_property_set(inv: &mut Invocation<'_>, spec: &PropertySetSpec, args: &[String]) -> Outcome {
    let global = args.iter().any(|arg| arg == "--global");
    let words: Vec<&String> = args.iter().filter(|arg| *arg != "--global").collect();
    let (app, rest) = if global {
        (None, &words[..])
    } else {
        match words.split_first() {
            Some((app, rest)) => (Some(app.as_str()), rest),
            None => (Some(""), &words[..0]),
        }
    };
    if let Some(app) = app
        && spec.verify_app
    {
        if app.is_empty() {
            return Err(inv.out.fail("Please specify an app to run the command on"));
        }
        if !inv.app_exists(app) {
            return Err(inv.out.app_missing(app));
        }
    }
    let Some(key) = rest.first() else {
        return Err(inv.out.fail(&format!("No {} specified", spec.noun)));
    };
    let allowed = if global { spec.global_keys } else { spec.keys };
    if !allowed.contains(&key.as_str()) {
        if global && spec.keys.contains(&key.as_str()) {
            return Err(inv.out.fail(&format!(
                "{} cannot be specified globally",
                crate::report::uppercase_first(spec.noun)
            )));
        }
        let mut valid: Vec<&str> = allowed.to_vec();
        valid.sort_unstable();
        return Err(inv.out.fail(&format!(
            "Invalid {} specified, valid {} include: {}",
            spec.noun,
            plural(spec.noun),
            valid.join(", ")
        )));
    }
    // The value is one word, `Arg(2)` of the Go subcommands and `$3` of the bash ones; words
    // after it are ignored (network's attach properties, which take several, join them first).
    let value = rest.get(1).map_or("", |word| word.as_str()).to_owned();
    if value.is_empty() {
        inv.out.info2_quiet(&format!("Unsetting {key}"));
    } else {
        inv.out.info2_quiet(&format!("Setting {key} to {value}"));
    }
    match app {
        Some(app) => {
            // A property written for a missing app (nginx never checks) is never shown.
            if let Some(app) = inv.state.apps.get_mut(app) {
                app.set_property(spec.namespace, key, &value);
            }
        }
        None => inv.state.set_global_property(spec.namespace, key, &value),
    }
    Ok(())
}

/// `key` → `keys`, `property` → `properties`.
fn plural(noun: &str) -> String {
    match noun.strip_suffix('y') {
        Some(stem) => format!("{stem}ies"),
        None => format!("{noun}s"),
    }
}
