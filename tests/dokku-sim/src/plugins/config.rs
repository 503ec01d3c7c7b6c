//! The `config` plugin: app and global environment variables.

use std::collections::BTreeMap;

use base64::Engine;

use super::verify_app_go;
use crate::go_json::go_string;
use crate::invocation::Invocation;
use crate::output::{Failure, Outcome};
use crate::pflag::{ParsedFlags, parse_flags};

/// Routes `config:*`.
pub(crate) fn dispatch(inv: &mut Invocation<'_>, sub: &str, args: &[String]) -> Option<Outcome> {
    Some(match sub {
        "" | "show" => show(inv, args, sub),
        "get" => get(inv, args),
        "keys" => keys(inv, args),
        "export" => export(inv, args),
        "bundle" => bundle(inv, args),
        "set" => set(inv, args),
        "unset" => unset(inv, args),
        "clear" => clear(inv, args),
        _ => return None,
    })
}

/// Which environment a command works on.
enum Scope {
    /// An app's environment.
    App(String),
    /// The global environment.
    Global,
}

/// Parses flags, resolves `<app>|--global` (`getAppNameOrGlobal`) and returns the remaining
/// positional arguments.
fn scope_and_args(
    inv: &mut Invocation<'_>,
    command: &str,
    args: &[String],
    switches: &[&str],
    values: &[&str],
) -> Result<(Scope, ParsedFlags, Vec<String>), Failure> {
    let mut all_switches = vec!["global"];
    all_switches.extend_from_slice(switches);
    let flags = parse_flags(inv, command, args, &all_switches, values)?;
    if flags.has("global") {
        let rest = flags.positionals.clone();
        return Ok((Scope::Global, flags, rest));
    }
    let app = flags.arg(0);
    verify_app_go(inv, &app)?;
    let rest = flags.positionals.iter().skip(1).cloned().collect();
    Ok((Scope::App(app), flags, rest))
}

/// The environment of a scope, optionally merged over the global one.
fn environment(inv: &Invocation<'_>, scope: &Scope, merged: bool) -> BTreeMap<String, String> {
    match scope {
        Scope::Global => inv.state.global_config.clone(),
        Scope::App(app) => {
            let own = inv.state.apps.get(app).map(|a| a.config.clone()).unwrap_or_default();
            if !merged {
                return own;
            }
            let mut env = inv.state.global_config.clone();
            env.extend(own);
            env
        }
    }
}

/// The mutable environment of a scope.
fn environment_mut<'s>(
    inv: &'s mut Invocation<'_>,
    scope: &Scope,
) -> Option<&'s mut BTreeMap<String, String>> {
    match scope {
        Scope::Global => Some(&mut inv.state.global_config),
        Scope::App(app) => inv.state.apps.get_mut(app).map(|a| &mut a.config),
    }
}

/// `prettyPrintEnvEntries`: columnized `KEY:  value` rows.
fn pretty(env: &BTreeMap<String, String>, prefix: &str) -> String {
    let rows: Vec<Vec<String>> =
        env.iter().map(|(key, value)| vec![format!("{key}:"), value.trim().to_string()]).collect();
    crate::columnize::columnize(&rows, prefix).join("\n")
}

/// `'value'` with `'` escaped for a shell.
fn single_quote_escape(value: &str) -> String {
    value.replace('\'', "'\\''")
}

/// `config:show [--merged] (<app>|--global)` (also bare `config`).
fn show(inv: &mut Invocation<'_>, args: &[String], sub: &str) -> Outcome {
    let command = if sub.is_empty() { "config" } else { "config:show" };
    let (scope, flags, _) = scope_and_args(inv, command, args, &["merged", "shell", "export"], &[])?;
    let env = environment(inv, &scope, flags.has("merged"));
    if flags.has("shell") && flags.has("export") {
        return Err(inv.out.fail("Only one of --shell and --export can be given"));
    }
    if flags.has("shell") {
        inv.out.warn("Deprecated: Use 'config:export --format shell' instead");
        inv.out.raw(&exported(&env, "shell"));
        return Ok(());
    }
    if flags.has("export") {
        inv.out.warn("Deprecated: Use 'config:export --format exports' instead");
        inv.out.line(&exported(&env, "exports"));
        return Ok(());
    }
    let context = match &scope {
        Scope::App(app) => app.clone(),
        Scope::Global => "global".to_string(),
    };
    inv.out.info2_quiet(&format!("{context} env vars"));
    inv.out.line(&pretty(&env, ""));
    Ok(())
}

/// `config:get [--quoted] (<app>|--global) KEY`.
fn get(inv: &mut Invocation<'_>, args: &[String]) -> Outcome {
    let (scope, flags, keys) = scope_and_args(inv, "config:get", args, &["quoted"], &[])?;
    if keys.is_empty() {
        return Err(inv.out.fail("Expected: key"));
    }
    if keys.len() != 1 {
        return Err(inv.out.fail(&format!("Unexpected argument(s): [{}]", keys[1..].join(" "))));
    }
    let env = environment(inv, &scope, false);
    let Some(value) = env.get(&keys[0]) else {
        return Err(Failure(1));
    };
    if flags.has("quoted") {
        inv.out.line(&format!("'{}'", single_quote_escape(value)));
    } else {
        inv.out.line(value);
    }
    Ok(())
}

/// `config:keys [--merged] (<app>|--global)`.
fn keys(inv: &mut Invocation<'_>, args: &[String]) -> Outcome {
    let (scope, flags, _) = scope_and_args(inv, "config:keys", args, &["merged"], &[])?;
    for key in environment(inv, &scope, flags.has("merged")).keys() {
        inv.out.line(key);
    }
    Ok(())
}

/// godotenv's `doubleQuoteEscape`.
fn double_quote_escape(value: &str) -> String {
    let mut escaped = String::new();
    for character in value.chars() {
        match character {
            '\\' => escaped.push_str("\\\\"),
            '\n' => escaped.push_str("\\n"),
            '\r' => escaped.push_str("\\r"),
            '"' => escaped.push_str("\\\""),
            '!' => escaped.push_str("\\!"),
            '$' => escaped.push_str("\\$"),
            '`' => escaped.push_str("\\`"),
            other => escaped.push(other),
        }
    }
    escaped
}

/// An environment in one of `config:export`'s formats, without the trailing newline.
fn exported(env: &BTreeMap<String, String>, format: &str) -> String {
    let quoted = |prefix: &str, separator: &str| {
        env.iter()
            .map(|(k, v)| format!("{prefix}{k}='{}'", single_quote_escape(v)))
            .collect::<Vec<_>>()
            .join(separator)
    };
    match format {
        "exports" => quoted("export ", "\n"),
        "shell" => quoted("", " "),
        "docker-args" => quoted("--env=", " "),
        "docker-args-keys" => env.keys().map(|k| format!("--env={k}")).collect::<Vec<_>>().join(" "),
        "pack-keys" => env.keys().map(|k| format!("--env {k}")).collect::<Vec<_>>().join(" "),
        "envfile" => env
            .iter()
            .map(|(k, v)| {
                if let Ok(number) = v.parse::<i64>() {
                    format!("{k}={number}")
                } else {
                    format!("{k}=\"{}\"", double_quote_escape(v))
                }
            })
            .collect::<Vec<_>>()
            .join("\n"),
        "json" => {
            let members: Vec<String> =
                env.iter().map(|(k, v)| format!("{}:{}", go_string(k), go_string(v))).collect();
            format!("{{{}}}", members.join(","))
        }
        "json-list" => {
            if env.is_empty() {
                return "null".to_string();
            }
            let items: Vec<String> = env
                .iter()
                .map(|(k, v)| format!("{{\"name\":{},\"value\":{}}}", go_string(k), go_string(v)))
                .collect();
            format!("[{}]", items.join(","))
        }
        _ => pretty(env, ""),
    }
}

/// `config:export [--format F] [--merged] (<app>|--global)`.
fn export(inv: &mut Invocation<'_>, args: &[String]) -> Outcome {
    let (scope, flags, _) = scope_and_args(inv, "config:export", args, &["merged"], &["format"])?;
    let format = flags.value("format").unwrap_or("exports").to_string();
    let known = [
        "exports",
        "envfile",
        "docker-args",
        "docker-args-keys",
        "shell",
        "pretty",
        "json",
        "json-list",
        "pack-keys",
    ];
    if !known.contains(&format.as_str()) {
        return Err(inv.out.fail(&format!("Unknown export format: {format}")));
    }
    let env = environment(inv, &scope, flags.has("merged"));
    let suffix = if format == "shell" { " " } else { "\n" };
    let text = exported(&env, &format);
    inv.out.raw(&format!("{text}{suffix}"));
    Ok(())
}

/// `config:bundle [--merged] (<app>|--global)`: a tar stream of one file per key.
fn bundle(inv: &mut Invocation<'_>, args: &[String]) -> Outcome {
    let (scope, flags, _) = scope_and_args(inv, "config:bundle", args, &["merged"], &[])?;
    let env = environment(inv, &scope, flags.has("merged"));
    let files: Vec<(String, String)> = env.into_iter().collect();
    inv.out.stdout.extend_from_slice(&crate::tar_stream::tar_archive(&files));
    Ok(())
}

/// Dokku's key rule `^[a-zA-Z_][a-zA-Z0-9_]*$`.
fn validate_key(inv: &mut Invocation<'_>, key: &str) -> Outcome {
    let mut characters = key.chars();
    let first_ok = characters.next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_');
    if first_ok && characters.all(|c| c.is_ascii_alphanumeric() || c == '_') {
        return Ok(());
    }
    Err(inv.out.fail(&format!("Invalid key name: '{key}'")))
}

/// `config:set [--encoded] [--no-restart] (<app>|--global) KEY=VALUE...`.
fn set(inv: &mut Invocation<'_>, args: &[String]) -> Outcome {
    let (scope, flags, pairs) = scope_and_args(inv, "config:set", args, &["encoded", "no-restart"], &[])?;
    if pairs.is_empty() {
        return Err(inv.out.fail("At least one env pair must be given"));
    }
    let mut updates = BTreeMap::new();
    for pair in &pairs {
        let Some((key, value)) = pair.split_once('=') else {
            return Err(inv.out.fail(&format!("Invalid env pair: {pair}")));
        };
        let value = if flags.has("encoded") {
            match base64::engine::general_purpose::STANDARD.decode(value) {
                Ok(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
                Err(err) => {
                    return Err(inv.out.fail(&format!("{} for key '{key}'", go_base64_error(&err))));
                }
            }
        } else {
            value.to_string()
        };
        updates.insert(key.to_string(), value);
    }
    for key in updates.keys() {
        validate_key(inv, key)?;
    }
    inv.out.info1_quiet("Setting config vars");
    if !inv.out.quiet {
        inv.out.line(&pretty(&updates, "       "));
    }
    if let Some(env) = environment_mut(inv, &scope) {
        env.extend(updates.into_iter().map(|(key, value)| (key, stored_value(value))));
    }
    Ok(())
}

/// What a value reads back as once `Env.Write` (plugins/config/environment.go) has stored it:
/// godotenv 1.5.1's `Marshal` writes a value `strconv.Atoi` accepts as the integer it parses to
/// (`%d`: `007` becomes `7`, `+5` becomes `5`, `-0` becomes `0`) and quotes every other value,
/// which reads back unchanged. Rust's `i64` parsing accepts exactly what `Atoi` does (an
/// optional sign, ASCII digits, 64-bit range).
fn stored_value(value: String) -> String {
    match value.parse::<i64>() {
        Ok(number) => number.to_string(),
        Err(_) => value,
    }
}

/// Go's `base64.CorruptInputError` text.
fn go_base64_error(err: &base64::DecodeError) -> String {
    let offset = match err {
        base64::DecodeError::InvalidByte(offset, _) | base64::DecodeError::InvalidLastSymbol(offset, _) => {
            *offset
        }
        base64::DecodeError::InvalidLength(length) => *length,
        base64::DecodeError::InvalidPadding => 0,
    };
    format!("illegal base64 data at input byte {offset}")
}

/// `config:unset [--no-restart] (<app>|--global) KEY...`.
fn unset(inv: &mut Invocation<'_>, args: &[String]) -> Outcome {
    let (scope, _, keys) = scope_and_args(inv, "config:unset", args, &["no-restart"], &[])?;
    if keys.is_empty() {
        return Err(inv.out.fail("At least one key must be given"));
    }
    for key in &keys {
        validate_key(inv, key)?;
    }
    for key in keys {
        let present = environment(inv, &scope, false).contains_key(&key);
        if present {
            inv.out.info1_quiet(&format!("Unsetting {key}"));
            if let Some(env) = environment_mut(inv, &scope) {
                env.remove(&key);
            }
        } else {
            inv.out.info1_quiet(&format!("Skipping {key}, it is not set in the environment"));
        }
    }
    Ok(())
}

/// `config:clear [--no-restart] (<app>|--global)`.
fn clear(inv: &mut Invocation<'_>, args: &[String]) -> Outcome {
    let (scope, _, _) = scope_and_args(inv, "config:clear", args, &["no-restart"], &[])?;
    let keys: Vec<String> = environment(inv, &scope, false).into_keys().collect();
    for key in keys {
        inv.out.info1_quiet(&format!("Unsetting {key}"));
    }
    if let Some(env) = environment_mut(inv, &scope) {
        env.clear();
    }
    Ok(())
}
