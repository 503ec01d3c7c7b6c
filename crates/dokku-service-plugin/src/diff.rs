//! The converging diff of one plugin's services: pure, from the server's records and the
//! document's.
//!
//! A service's create-time settings (image, custom environment, config options, memory, shared
//! memory, passwords) live in its container, which only `:create` and `:upgrade` make.
//! `:upgrade` recreates the container only for a new image tag, and rewrites the custom
//! environment and config options from its flags (so they are passed again); nothing else
//! changes them in place. Such changes are shown, and sent only with `--recreate-services`.
//! A service holds data: `--prune` alone never destroys one, only one named by
//! `--prune-service <type>:<name>`.

use std::collections::BTreeMap;

use dokku_core::plugin::{Change, DiffOptions, PluginDiff};

use crate::commands;
use crate::create::{link_commands, service_commands};
use crate::model::{ServiceLink, ServiceRecord, fields};
use crate::spec::ServiceSpec;

/// The plan from `current` (the server) to `desired` (the document).
pub fn diff(
    spec: &ServiceSpec,
    current: &[ServiceRecord],
    desired: &[ServiceRecord],
    options: &DiffOptions,
) -> PluginDiff {
    let mut plan = PluginDiff::default();
    let current_by_name: BTreeMap<&str, &ServiceRecord> =
        current.iter().map(|r| (r.name.as_str(), r)).collect();
    for want in desired {
        match current_by_name.get(want.name.as_str()) {
            None => create(spec, want, &mut plan),
            Some(have) => converge(spec, have, want, options, &mut plan),
        }
    }
    for have in current {
        if !desired.iter().any(|d| d.name == have.name) {
            remove(spec, have, options, &mut plan);
        }
    }
    plan
}

fn subject(spec: &ServiceSpec, name: &str) -> String {
    format!("{} {name}", spec.key)
}

fn create(spec: &ServiceSpec, want: &ServiceRecord, plan: &mut PluginDiff) {
    let image = match (&want.image, &want.image_version) {
        (Some(i), Some(v)) => format!("{i}:{v}"),
        (Some(i), None) => i.clone(),
        _ => format!("{}:{}", spec.default_image, spec.default_image_version),
    };
    plan.changes.push(Change::new(None, subject(spec, &want.name), None, Some(image)));
    plan.commands.extend(service_commands(spec, want));
    for link in &want.links {
        plan.changes.push(link_change(spec, &want.name, None, Some(link)));
        plan.commands.extend(link_commands(spec, want, link));
        plan.restart.push(link.app.clone());
    }
    if want.password.is_none() && spec.has_password() {
        plan.notes.push(format!(
            "{}: no password in the document; {}:create generates one, so its URLs differ from the source's",
            subject(spec, &want.name),
            spec.command_prefix
        ));
    }
}

fn remove(spec: &ServiceSpec, have: &ServiceRecord, options: &DiffOptions, plan: &mut PluginDiff) {
    if !options.prune {
        return;
    }
    let named = format!("{}:{}", spec.key, have.name);
    if !options.prune_named.contains(&named) {
        plan.notes.push(format!(
            "{}: not in the document, kept: a service holds data; name it with --prune-service {named} to destroy it",
            subject(spec, &have.name)
        ));
        return;
    }
    for link in &have.links {
        plan.changes.push(link_change(spec, &have.name, Some(link), None));
        // Before the destroy, which Dokku refuses while apps are linked: in the service's order.
        plan.commands.push(commands::unlink(spec, &have.name, &link.app).writes(None));
        plan.restart.push(link.app.clone());
    }
    plan.changes.push(Change::new(None, subject(spec, &have.name), Some("exists".to_owned()), None));
    plan.commands.push(commands::destroy(spec, &have.name));
}

/// One create-time setting that differs, as shown.
struct Differing {
    field: &'static str,
    old: Option<String>,
    new: Option<String>,
    secret: bool,
}

fn create_time_differences(have: &ServiceRecord, want: &ServiceRecord) -> Vec<Differing> {
    let known = |field: &str| !have.is_unread(field) && !want.is_unread(field);
    let secret = |s: &Option<dokku_core::Secret<String>>| s.as_ref().map(|v| v.expose().clone());
    let mut out = Vec::new();
    let mut compare =
        |field: &'static str, old: Option<String>, new: Option<String>, is_secret: bool, skip_unset: bool| {
            if known(field) && old != new && !(skip_unset && new.is_none()) {
                out.push(Differing { field, old, new, secret: is_secret });
            }
        };
    // No image in the document: the plugin's default, whatever the server runs.
    compare(fields::IMAGE, have.image.clone(), want.image.clone(), false, true);
    compare("image_version", have.image_version.clone(), want.image_version.clone(), false, true);
    compare(fields::CUSTOM_ENV, secret(&have.custom_env), secret(&want.custom_env), true, false);
    compare("config_options", have.config_options.clone(), want.config_options.clone(), false, false);
    compare(fields::MEMORY, have.memory.clone(), want.memory.clone(), false, false);
    compare(fields::SHM_SIZE, have.shm_size.clone(), want.shm_size.clone(), false, false);
    compare(fields::PASSWORD, secret(&have.password), secret(&want.password), true, true);
    compare(fields::ROOT_PASSWORD, secret(&have.root_password), secret(&want.root_password), true, true);
    out
}

fn converge(
    spec: &ServiceSpec,
    have: &ServiceRecord,
    want: &ServiceRecord,
    options: &DiffOptions,
    plan: &mut PluginDiff,
) {
    let name = want.name.as_str();
    let differing = create_time_differences(have, want);
    for d in &differing {
        let change =
            Change::new(None, format!("{} {}", subject(spec, name), d.field), d.old.clone(), d.new.clone());
        plan.changes.push(if d.secret { change.secret() } else { change });
    }
    let passwords_differ =
        differing.iter().any(|d| d.field == fields::PASSWORD || d.field == fields::ROOT_PASSWORD);
    if passwords_differ {
        plan.notes.push(format!(
            "{}: its password differs from the document's; no service command changes it in place",
            subject(spec, name)
        ));
    }
    let recreate: Vec<&str> = differing
        .iter()
        .filter(|d| d.field != fields::PASSWORD && d.field != fields::ROOT_PASSWORD)
        .map(|d| d.field)
        .collect();
    if !recreate.is_empty() {
        let new_image = recreate.contains(&fields::IMAGE) || recreate.contains(&"image_version");
        if !new_image {
            plan.notes.push(format!(
                "{}: {} differ(s) and cannot change in place: `{}` recreates the container only for a new \
                 image tag; change the image version, or destroy and recreate the service (losing its data)",
                subject(spec, name),
                recreate.join(", "),
                spec.command("upgrade")
            ));
        } else if options.recreate_services {
            let mut upgraded = want.clone();
            upgraded.image = want.image.clone().or_else(|| have.image.clone());
            upgraded.image_version = want.image_version.clone().or_else(|| have.image_version.clone());
            // Unread values are not the document's to change: the server keeps them only if passed.
            if want.is_unread(fields::CUSTOM_ENV) {
                upgraded.custom_env.clone_from(&have.custom_env);
            }
            plan.commands.push(commands::upgrade(spec, &upgraded));
        } else {
            plan.notes.push(format!(
                "{}: {} differ(s); `{}` would recreate its container with them (data kept): \
                 apply with --recreate-services to do it",
                subject(spec, name),
                recreate.join(", "),
                spec.command("upgrade")
            ));
        }
    }

    for (key, old, new) in [
        ("initial-network", &have.initial_network, &want.initial_network),
        ("post-create-network", &have.post_create_network, &want.post_create_network),
        ("post-start-network", &have.post_start_network, &want.post_start_network),
    ] {
        if old == new || (new.is_none() && !options.prune) {
            continue;
        }
        plan.changes.push(Change::new(
            None,
            format!("{} {key}", subject(spec, name)),
            old.clone(),
            new.clone(),
        ));
        plan.commands.push(commands::set(spec, name, key, new.as_deref()));
    }

    if have.exposed_ports != want.exposed_ports && (!want.exposed_ports.is_empty() || options.prune) {
        let ports = |p: &[String]| (!p.is_empty()).then(|| p.join(" "));
        plan.changes.push(Change::new(
            None,
            format!("{} exposed ports", subject(spec, name)),
            ports(&have.exposed_ports),
            ports(&want.exposed_ports),
        ));
        if !have.exposed_ports.is_empty() {
            plan.commands.push(commands::unexpose(spec, name));
        }
        if !want.exposed_ports.is_empty() {
            plan.commands.push(commands::expose(spec, name, &want.exposed_ports));
        }
    }

    converge_backups(spec, have, want, options, plan);
    converge_links(spec, have, want, options, plan);
}

fn converge_backups(
    spec: &ServiceSpec,
    have: &ServiceRecord,
    want: &ServiceRecord,
    options: &DiffOptions,
    plan: &mut PluginDiff,
) {
    let name = want.name.as_str();
    let unverifiable = |field: &str, plan: &mut PluginDiff| {
        plan.notes.push(format!(
            "{}: its {field} cannot be read over this connection, so it is neither compared nor sent",
            subject(spec, name)
        ));
    };
    if spec.has_backups() {
        if have.backup_schedule != want.backup_schedule && (want.backup_schedule.is_some() || options.prune) {
            let show = |s: &Option<crate::model::BackupSchedule>| {
                s.as_ref().map(|s| {
                    format!("{} {}{}", s.schedule, s.bucket, if s.use_iam { " --use-iam" } else { "" })
                })
            };
            plan.changes.push(Change::new(
                None,
                format!("{} backup schedule", subject(spec, name)),
                show(&have.backup_schedule),
                show(&want.backup_schedule),
            ));
            plan.commands.push(match &want.backup_schedule {
                Some(schedule) => commands::backup_schedule(spec, name, schedule),
                None => commands::backup_unschedule(spec, name),
            });
        }
        if have.is_unread(fields::BACKUP_AUTH) {
            if want.backup_auth.is_some() {
                unverifiable("backup credentials", plan);
            }
        } else if have.backup_auth != want.backup_auth && (want.backup_auth.is_some() || options.prune) {
            let shown = |a: &Option<crate::model::BackupAuth>| a.as_ref().map(|_| "set".to_owned());
            plan.changes.push(
                Change::new(
                    None,
                    format!("{} backup credentials", subject(spec, name)),
                    shown(&have.backup_auth),
                    shown(&want.backup_auth),
                )
                .secret(),
            );
            // `service_backup_auth` makes the directory with a plain `mkdir`: clear it first.
            if have.backup_auth.is_some() {
                plan.commands.push(commands::backup_deauth(spec, name));
            }
            if let Some(auth) = &want.backup_auth {
                plan.commands.push(commands::backup_auth(spec, name, auth));
            }
        }
        if have.is_unread(fields::BACKUP_ENCRYPTION_KEY) {
            if want.backup_encryption_key.is_some() {
                unverifiable("backup passphrase", plan);
            }
        } else if have.backup_encryption_key != want.backup_encryption_key
            && (want.backup_encryption_key.is_some() || options.prune)
        {
            let shown = |k: &Option<dokku_core::Secret<String>>| k.as_ref().map(|_| "set".to_owned());
            plan.changes.push(
                Change::new(
                    None,
                    format!("{} backup passphrase", subject(spec, name)),
                    shown(&have.backup_encryption_key),
                    shown(&want.backup_encryption_key),
                )
                .secret(),
            );
            plan.commands.push(match &want.backup_encryption_key {
                Some(key) => commands::backup_set_encryption(spec, name, key.expose()),
                None => commands::backup_unset_encryption(spec, name),
            });
        }
    }
    if spec.implements("backup-set-public-key-encryption") {
        if have.is_unread(fields::BACKUP_PUBLIC_KEY_ID) {
            if want.backup_public_key_id.is_some() {
                unverifiable("backup public key", plan);
            }
        } else if have.backup_public_key_id != want.backup_public_key_id
            && (want.backup_public_key_id.is_some() || options.prune)
        {
            plan.changes.push(Change::new(
                None,
                format!("{} backup public key", subject(spec, name)),
                have.backup_public_key_id.clone(),
                want.backup_public_key_id.clone(),
            ));
            plan.commands.push(match &want.backup_public_key_id {
                Some(id) => commands::backup_set_public_key_encryption(spec, name, id),
                None => commands::backup_unset_public_key_encryption(spec, name),
            });
        }
    }
}

/// How a link shows in a plan (no secret in it: the URL is the service's).
fn show_link(link: &ServiceLink) -> String {
    let mut text = format!("{}_URL", link.alias);
    for alias in &link.also {
        text.push_str(&format!(", {alias}_URL"));
    }
    if let Some(q) = &link.querystring {
        text.push_str(&format!(" ?{q}"));
    }
    text
}

fn link_change(
    spec: &ServiceSpec,
    service: &str,
    old: Option<&ServiceLink>,
    new: Option<&ServiceLink>,
) -> Change {
    let app = old.or(new).map(|l| l.app.as_str());
    Change::new(app, format!("{} link", subject(spec, service)), old.map(show_link), new.map(show_link))
}

/// Whether two records of the same link would leave the same variables.
fn same_link(a: &ServiceLink, b: &ServiceLink) -> bool {
    let sorted = |l: &ServiceLink| {
        let mut v = l.also.clone();
        v.sort();
        v
    };
    a.alias == b.alias && a.querystring == b.querystring && sorted(a) == sorted(b)
}

fn converge_links(
    spec: &ServiceSpec,
    have: &ServiceRecord,
    want: &ServiceRecord,
    options: &DiffOptions,
    plan: &mut PluginDiff,
) {
    let name = want.name.as_str();
    for link in &want.links {
        match have.links.iter().find(|l| l.app == link.app) {
            Some(old) if same_link(old, link) => {}
            Some(old) => {
                plan.changes.push(link_change(spec, name, Some(old), Some(link)));
                plan.commands.push(commands::unlink(spec, name, &link.app));
                plan.commands.extend(link_commands(spec, want, link));
                plan.restart.push(link.app.clone());
            }
            None => {
                plan.changes.push(link_change(spec, name, None, Some(link)));
                plan.commands.extend(link_commands(spec, want, link));
                plan.restart.push(link.app.clone());
            }
        }
    }
    if options.prune {
        let gone = |l: &&ServiceLink| !want.links.iter().any(|w| w.app == l.app) && options.covers(&l.app);
        for old in have.links.iter().filter(gone) {
            plan.changes.push(link_change(spec, name, Some(old), None));
            plan.commands.push(commands::unlink(spec, name, &old.app));
            plan.restart.push(old.app.clone());
        }
    }
}
