//! The `ssh-keys` plugin (sshcommand's `authorized_keys` management).

use std::io::Read;

use base64::Engine;
use sha2::Digest;

use crate::invocation::Invocation;
use crate::output::{Failure, Outcome};
use crate::server_files::DOKKU_ROOT;
use crate::state::SshKey;
use crate::version::DokkuVersion;

/// The options sshcommand writes in front of every key.
const ALLOWED_KEYS: &str = "no-agent-forwarding,no-user-rc,no-X11-forwarding,no-port-forwarding";

/// The first Dokku whose pinned sshcommand prints `public-key` in `ssh-keys:list --format json`.
///
/// sshcommand added the field in 0.19.0 (dokku/sshcommand commit 74d245d, "feat: add the ssh
/// public-key to the json list output", 2025-02-26; 0.18.1 and older print only fingerprint,
/// name and options). Dokku pins sshcommand in `Makefile` (`SSHCOMMAND_VERSION`, up to 0.31.4)
/// and then `contrib/dependencies.json`: 0.16.0 in 0.30.0, 0.17.1 from 0.31.2, 0.18.0 from
/// 0.34.7, 0.19.0 from 0.35.16 (dokku commit 8bab6408e), 0.20.x from 0.35.18. The Debian
/// package's dependency on sshcommand is unversioned, so a host upgraded through apt can run an
/// older sshcommand than its Dokku's pin: `DOKKU_SIM_LIST_WITHOUT_KEY_BODIES=1` imitates that.
const KEY_BODIES_SINCE: DokkuVersion = DokkuVersion::new(0, 35, 16);

/// Routes `ssh-keys:*`.
pub(crate) fn dispatch(inv: &mut Invocation<'_>, sub: &str, args: &[String]) -> Option<Outcome> {
    Some(match sub {
        "add" => add(inv, args),
        "remove" => remove(inv, args),
        "list" => list(inv, args),
        _ => return None,
    })
}

/// The `SHA256:` fingerprint of a public key line, as `ssh-keygen -lf` prints it.
pub(crate) fn fingerprint(public_key: &str) -> Option<String> {
    let blob = public_key.split_whitespace().nth(1)?;
    let decoded = base64::engine::general_purpose::STANDARD.decode(blob).ok()?;
    let digest = sha2::Sha256::digest(&decoded);
    Some(format!("SHA256:{}", base64::engine::general_purpose::STANDARD_NO_PAD.encode(digest)))
}

/// The dokku user's `~/.ssh/authorized_keys` for `keys`: one line per key as sshcommand's
/// `acl-add` writes it (the forced command with the key's fingerprint and name, then the
/// allowed options, then the key as given).
pub(crate) fn authorized_keys(keys: &[SshKey]) -> String {
    keys.iter()
        .map(|key| {
            format!(
                "command=\"FINGERPRINT={} NAME=\\\"{}\\\" `cat {DOKKU_ROOT}/.sshcommand` $SSH_ORIGINAL_COMMAND\",{ALLOWED_KEYS} {}\n",
                key.fingerprint, key.name, key.public_key
            )
        })
        .collect()
}

/// `ssh-keys:add <name> [<file>]` (the key comes from stdin when no file is given).
fn add(inv: &mut Invocation<'_>, args: &[String]) -> Outcome {
    let name = args.first().cloned().unwrap_or_default();
    if name.is_empty() {
        return Err(inv.out.fail("A name for the key is required"));
    }
    let contents = match args.get(1) {
        Some(path) => match std::fs::read_to_string(path) {
            Ok(text) => text,
            Err(_) => return Err(inv.out.fail("No key specified via file or pipe")),
        },
        None => {
            let mut text = String::new();
            if std::io::stdin().read_to_string(&mut text).is_err() || text.is_empty() {
                return Err(inv.out.fail("No key specified via file or pipe"));
            }
            text
        }
    };
    let lines: Vec<&str> = contents.lines().filter(|l| !l.trim().is_empty()).collect();
    if lines.is_empty() {
        return Err(inv.out.fail("Empty key was specified"));
    }
    if lines.len() > 1 {
        return Err(inv
            .out
            .fail("Too many keys provided, set one per invocation of dokku ssh-keys:add <NAME> <KEY_FILE>"));
    }
    let public_key = lines[0].trim().to_string();
    let Some(fingerprint) = fingerprint(&public_key) else {
        return Err(inv.out.fail("Key specified in is not a valid ssh public key"));
    };
    if inv.state.ssh_keys.iter().any(|k| k.name == name) {
        return Err(sshcommand_error(inv, "Duplicate ssh key name"));
    }
    if inv.state.ssh_keys.iter().any(|k| k.fingerprint == fingerprint) {
        return Err(sshcommand_error(inv, "Duplicate ssh public key specified"));
    }
    inv.out.line(&fingerprint);
    inv.state.ssh_keys.push(SshKey { name, fingerprint, public_key });
    Ok(())
}

/// An sshcommand failure: its own unprefixed line, then Dokku's summary.
fn sshcommand_error(inv: &mut Invocation<'_>, message: &str) -> Failure {
    inv.out.err_line(message);
    inv.out.fail("sshcommand returned an error: 1")
}

/// `ssh-keys:remove <name>` or `ssh-keys:remove --fingerprint <fp>`.
fn remove(inv: &mut Invocation<'_>, args: &[String]) -> Outcome {
    if inv.state.ssh_keys.is_empty() {
        return Err(inv.out.fail("No public keys found."));
    }
    if args.first().is_some_and(|a| a == "--fingerprint") {
        let Some(fingerprint) = args.get(1) else {
            return Err(inv.out.fail(
                "A fingerprint is required to remove a key, ie: dokku ssh-keys:remove --fingerprint FINGERPRINT",
            ));
        };
        inv.state.ssh_keys.retain(|k| &k.fingerprint != fingerprint);
        return Ok(());
    }
    let Some(name) = args.first() else {
        return Err(inv.out.fail("A name is required to remove a key, ie: dokku ssh-keys:remove <name>"));
    };
    inv.state.ssh_keys.retain(|k| &k.name != name);
    Ok(())
}

/// `ssh-keys:list [--format text|json] [<name>]`.
fn list(inv: &mut Invocation<'_>, args: &[String]) -> Outcome {
    let (format, rest) = if args.first().is_some_and(|a| a == "--format") {
        (args.get(1).cloned().unwrap_or_default(), &args[args.len().min(2)..])
    } else {
        ("text".to_string(), args)
    };
    if format != "text" && format != "json" {
        return Err(inv.out.fail("Invalid output format specified, supported formats: json, text"));
    }
    if inv.state.ssh_keys.is_empty() {
        inv.out.err_line("authorized_keys is empty for dokku");
        return Err(Failure(1));
    }
    let filter = rest.first();
    let keys: Vec<SshKey> =
        inv.state.ssh_keys.iter().filter(|k| filter.is_none_or(|name| &k.name == name)).cloned().collect();
    if keys.is_empty() {
        return Err(Failure(1));
    }
    if format == "json" {
        let with_bodies =
            inv.version.at_least_version(KEY_BODIES_SINCE) && !crate::settings::list_without_key_bodies();
        // sshcommand's sed prints `{ "k": "v", ... }`; with a name, Dokku filters it through
        // `jq -cM`, which prints it compact.
        let items: Vec<String> = keys
            .iter()
            .map(|k| {
                let mut fields = vec![
                    ("fingerprint", k.fingerprint.as_str()),
                    ("name", k.name.as_str()),
                    ("SSHCOMMAND_ALLOWED_KEYS", ALLOWED_KEYS),
                ];
                if with_bodies {
                    fields.push(("public-key", k.public_key.as_str()));
                }
                let (open, separator, colon, close) =
                    if filter.is_some() { ("{", ",", ":", "}") } else { ("{ ", ", ", ": ", " }") };
                let members: Vec<String> =
                    fields.iter().map(|(key, value)| format!("\"{key}\"{colon}\"{value}\"")).collect();
                format!("{open}{}{close}", members.join(separator))
            })
            .collect();
        inv.out.line(&format!("[{}]", items.join(",")));
        return Ok(());
    }
    for key in keys {
        inv.out.line(&format!(
            "{} NAME=\"{}\" SSHCOMMAND_ALLOWED_KEYS=\"{ALLOWED_KEYS}\"",
            key.fingerprint, key.name
        ));
    }
    Ok(())
}
