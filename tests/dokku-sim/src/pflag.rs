//! A small model of `spf13/pflag` as Dokku's Go subcommands use it: flags may appear anywhere,
//! `--name=value` and `--name value` both work, `--` ends flag parsing, and an unknown flag
//! makes the binary exit 2 (`flag.ExitOnError`).

use std::collections::BTreeMap;

use crate::invocation::Invocation;
use crate::output::Failure;

/// Parsed flags and positional arguments.
#[derive(Debug, Default, Clone)]
pub(crate) struct ParsedFlags {
    /// Boolean flags that were given.
    pub(crate) switches: Vec<String>,
    /// Value flags and their (last) value.
    pub(crate) values: BTreeMap<String, String>,
    /// Everything else, in order.
    pub(crate) positionals: Vec<String>,
}

impl ParsedFlags {
    /// Whether boolean flag `name` (without dashes) was given.
    pub(crate) fn has(&self, name: &str) -> bool {
        self.switches.iter().any(|switch| switch == name)
    }

    /// The value of flag `name`, if given.
    pub(crate) fn value(&self, name: &str) -> Option<&str> {
        self.values.get(name).map(String::as_str)
    }

    /// Positional argument `index`, empty when absent (pflag's `Arg(i)`).
    pub(crate) fn arg(&self, index: usize) -> String {
        self.positionals.get(index).cloned().unwrap_or_default()
    }
}

/// Parses `args` for command `command` with the given boolean and value flags.
pub(crate) fn parse_flags(
    inv: &mut Invocation<'_>,
    command: &str,
    args: &[String],
    switches: &[&str],
    value_flags: &[&str],
) -> Result<ParsedFlags, Failure> {
    let mut parsed = ParsedFlags::default();
    let mut words = args.iter();
    while let Some(word) = words.next() {
        if word == "--" {
            parsed.positionals.extend(words.by_ref().cloned());
            break;
        }
        let Some(flag) = word
            .strip_prefix("--")
            .or_else(|| word.strip_prefix('-').filter(|rest| !rest.is_empty() && !rest.starts_with('-')))
        else {
            parsed.positionals.push(word.clone());
            continue;
        };
        if flag.is_empty() {
            parsed.positionals.push(word.clone());
            continue;
        }
        let (name, inline_value) = match flag.split_once('=') {
            Some((name, value)) => (name, Some(value.to_string())),
            None => (flag, None),
        };
        if switches.contains(&name) {
            parsed.switches.push(name.to_string());
        } else if value_flags.contains(&name) {
            let value = match inline_value {
                Some(value) => value,
                None => match words.next() {
                    Some(value) => value.clone(),
                    None => {
                        inv.out.err_line(&format!("flag needs an argument: --{name}"));
                        inv.out.err_line(&format!("Usage of {command}:"));
                        return Err(Failure(2));
                    }
                },
            };
            parsed.values.insert(name.to_string(), value);
        } else {
            let shown = if word.starts_with("--") {
                format!("unknown flag: --{name}")
            } else {
                format!("unknown shorthand flag: '{name}' in {word}")
            };
            inv.out.err_line(&shown);
            inv.out.err_line(&format!("Usage of {command}:"));
            return Err(Failure(2));
        }
    }
    Ok(parsed)
}
