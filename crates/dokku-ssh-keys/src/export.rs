//! Export and apply glue: the ssh-keys plugin as the engine sees it.

use dokku_core::plugin::{DiffOptions, ExportScope, Exported, Plugin, PluginDiff};
use dokku_core::{Client, Command, Error};

use crate::commands::{builders, list_keys};
use crate::model::SshKey;
use crate::parse::parse_authorized_keys;

/// The ssh-keys plugin for the export/apply engine.
#[derive(Clone, Copy, Debug, Default)]
pub struct SshKeysPlugin;

impl Plugin for SshKeysPlugin {
    const KEY: &'static str = "ssh_keys";
    const DOKKU_NAME: &'static str = "ssh-keys";
    const REQUIRES: &'static [&'static str] = &[];
    type Record = SshKey;

    async fn export(client: &Client, scope: &ExportScope) -> Result<Exported<SshKey>, Error> {
        let mut exported = Exported::default();
        // Keys are server-wide: an export of chosen apps leaves them out.
        if !scope.system {
            return Ok(exported);
        }
        exported.records = list_keys(client, &scope.version).await?;
        exported.warnings.extend(fill_public_keys(client, &mut exported.records).await?);
        Ok(exported)
    }

    fn validate(record: &SshKey) -> Vec<(String, String)> {
        let mut problems = Vec::new();
        if record.name.is_empty() || record.name.contains(|c: char| c.is_whitespace() || "\"'\\".contains(c))
        {
            problems.push(("name".into(), "must be non-empty, without blanks, quotes or backslashes".into()));
        }
        match record.public_key.as_deref() {
            None => problems.push((
                "public_key".into(),
                "missing: ssh-keys:add needs the key (export it as root, or from a Dokku whose \
                 ssh-keys:list prints keys)"
                    .into(),
            )),
            Some(key) if key.contains('\n') || key.split_whitespace().count() < 2 => {
                problems.push((
                    "public_key".into(),
                    "must be one OpenSSH public key line (`<type> <data> [comment]`)".into(),
                ));
            }
            Some(_) => {}
        }
        problems
    }

    fn apply_commands(records: &[SshKey]) -> Vec<Command> {
        records
            .iter()
            .filter_map(|key| key.public_key.as_deref().map(|body| builders::add(&key.name, body)))
            .collect()
    }

    fn diff(current: &[SshKey], desired: &[SshKey], options: &DiffOptions) -> PluginDiff {
        crate::diff::diff(current, desired, options)
    }
}

/// Reads the key bodies `ssh-keys:list` did not print from `authorized_keys` (root only);
/// returns the one warning about what could not be read. Only names are ever reported.
async fn fill_public_keys(client: &Client, keys: &mut [SshKey]) -> Result<Option<String>, Error> {
    let missing = |keys: &[SshKey]| -> Vec<String> {
        keys.iter().filter(|k| k.public_key.is_none()).map(|k| k.name.clone()).collect()
    };
    if missing(keys).is_empty() {
        return Ok(None);
    }
    if !client.can_run_system_commands() {
        return Ok(Some(format!(
            "ssh_keys: this Dokku does not list key bodies and reading authorized_keys needs root \
             (a connection that can run system commands); exported without public_key: {}",
            missing(keys).join(", ")
        )));
    }
    let file = parse_authorized_keys(&client.stdout(&builders::read_authorized_keys(client.layout())).await?);
    for key in keys.iter_mut().filter(|k| k.public_key.is_none()) {
        let found = file.keys.iter().find(|f| f.fingerprint.is_some() && f.fingerprint == key.fingerprint);
        let found = found.or_else(|| file.keys.iter().find(|f| f.name == key.name));
        key.public_key = found.and_then(|f| f.public_key.clone());
    }
    let still_missing = missing(keys);
    let mut notes = Vec::new();
    if !still_missing.is_empty() {
        notes.push(format!(
            "not found in authorized_keys, exported without public_key: {}",
            still_missing.join(", ")
        ));
    }
    if file.unreadable_lines > 0 {
        notes.push(format!(
            "{} sshcommand line(s) of authorized_keys could not be read",
            file.unreadable_lines
        ));
    }
    Ok((!notes.is_empty()).then(|| format!("ssh_keys: {}", notes.join("; "))))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn apply_pipes_each_key_as_root() {
        let key = SshKey {
            name: "admin".into(),
            fingerprint: Some("SHA256:x".into()),
            public_key: Some("ssh-ed25519 AAAA me@host".into()),
        };
        let commands = SshKeysPlugin::apply_commands(&[key]);
        assert_eq!(commands.len(), 1);
        assert!(commands[0].is_root_only());
        assert_eq!(commands[0].argv_exposed(), ["ssh-keys:add", "admin"]);
        assert_eq!(commands[0].stdin_exposed(), Some(&b"ssh-ed25519 AAAA me@host\n"[..]));
    }

    #[test]
    fn a_key_without_body_is_invalid_by_field() {
        let key = SshKey { name: "bad name".into(), fingerprint: None, public_key: None };
        let fields: Vec<String> = SshKeysPlugin::validate(&key).into_iter().map(|(f, _)| f).collect();
        assert_eq!(fields, ["name", "public_key"]);
    }
}
