//! Reading a plugin's services: which commands, and the pure assembly of their answers into
//! records.
//!
//! As the `dokku` user: `<type>:list`, `<type>:info` (the DSN holds the password),
//! `<type>:backup-schedule-cat`, and each linked app's variables (a link's alias and query
//! string are only there). As root, also every small file of the service directories: the root
//! password, custom environment, memory, shared memory size, image files and backup
//! credentials, which no Dokku command prints.

use std::collections::{BTreeMap, BTreeSet};

use dokku_core::env_file;
use dokku_core::file_snapshot::FileSnapshot;
use dokku_core::plugin::{ExportScope, Exported};
use dokku_core::{Client, Command, Error, Secret};
use futures_util::future::try_join_all;

use crate::commands;
use crate::model::{BackupAuth, BackupSchedule, ServiceLink, ServiceRecord, fields};
use crate::parse::{
    ServiceFiles, ServiceInfo, link_variables, parse_app_variables, parse_backup_schedule, parse_info,
    parse_service_files, parse_service_list, password_from_dsn,
};
use crate::spec::ServiceSpec;

/// What was read about one service.
#[derive(Clone, Copy, Debug)]
pub struct ServiceReads<'a> {
    /// The service.
    pub name: &'a str,
    /// Its `:info`.
    pub info: &'a ServiceInfo,
    /// Its backup schedule (`None`: none, or backups not implemented).
    pub schedule: Option<&'a BackupSchedule>,
    /// The service directories' files (`None`: not readable over this connection).
    pub files: Option<&'a ServiceFiles>,
    /// The variables of the apps it is linked to (app → variables).
    pub app_variables: &'a BTreeMap<String, BTreeMap<String, String>>,
}

/// `image:tag` split at the tag's `:` (a registry port comes before the last `/`).
fn split_image(image: &str) -> Option<(&str, &str)> {
    let slash = image.rfind('/').map_or(0, |at| at + 1);
    let colon = image[slash..].rfind(':')? + slash;
    Some((&image[..colon], &image[colon + 1..]))
}

/// Builds a service's record from what was read, with a warning per thing the user should
/// know (unknown `:info` fields, links whose variable was not found, unread values).
pub fn service_record(spec: &ServiceSpec, reads: ServiceReads<'_>) -> (ServiceRecord, Vec<String>) {
    let ServiceReads { name, info, schedule, files, app_variables } = reads;
    let mut record = ServiceRecord::new(name);
    let mut warnings = Vec::new();
    let mut unread: Vec<&str> = Vec::new();
    let file = |f: &str| files.and_then(|files| files.first_line(name, f)).map(str::to_owned);

    let dsn_password = info.dsn.as_ref().and_then(|dsn| password_from_dsn(spec, name, dsn.expose()));
    let password = file("PASSWORD").or(dsn_password);
    if spec.has_password() {
        record.password = password.clone().map(Secret::new);
        if record.password.is_none() {
            unread.push(fields::PASSWORD);
        }
    }
    if spec.has_root_password() {
        record.root_password = file("ROOTPASSWORD").map(Secret::new);
        if files.is_none() {
            unread.push(fields::ROOT_PASSWORD);
        }
    }

    match (file("IMAGE"), file("IMAGE_VERSION")) {
        (Some(image), version) if files.is_some() => {
            record.image = Some(image);
            record.image_version = version;
        }
        _ => match info.version.as_deref().and_then(split_image) {
            Some((image, version)) => {
                record.image = Some(image.to_owned());
                record.image_version = Some(version.to_owned());
            }
            None => unread.push(fields::IMAGE),
        },
    }

    record.config_options = info.config_options.clone();
    match files {
        Some(files) => {
            let env: Vec<&str> = files
                .lines(name, "ENV")
                .unwrap_or_default()
                .iter()
                .map(String::as_str)
                .filter(|l| !l.is_empty())
                .collect();
            record.custom_env = (!env.is_empty()).then(|| Secret::new(env.join(";")));
            record.memory = file("SERVICE_MEMORY");
            record.shm_size = file("SHM_SIZE");
        }
        None => unread.extend([fields::CUSTOM_ENV, fields::MEMORY, fields::SHM_SIZE]),
    }

    record.exposed_ports = info.exposed_ports.clone();
    record.initial_network = info.initial_network.clone();
    record.post_create_network = info.post_create_network.clone();
    record.post_start_network = info.post_start_network.clone();

    for app in &info.links {
        let Some(variables) = app_variables.get(app) else { continue };
        let found = link_variables(spec, name, password.as_deref(), variables);
        let mut aliases = found.keys.iter().filter_map(|k| k.strip_suffix("_URL")).map(str::to_owned);
        let alias = aliases.next().unwrap_or_else(|| {
            warnings.push(format!(
                "{} {name}: linked to {app}, but no variable of {app} holds the service's URL; \
                 the link is recorded with the default alias {}",
                spec.key, spec.default_alias
            ));
            spec.default_alias.to_owned()
        });
        record.links.push(ServiceLink {
            app: app.clone(),
            alias,
            also: aliases.collect(),
            querystring: found.querystring,
            scheme: found.scheme,
        });
    }

    if spec.has_backups() {
        record.backup_schedule = schedule.cloned();
        match files {
            Some(_) => {
                record.backup_auth =
                    match (file("backup/AWS_ACCESS_KEY_ID"), file("backup/AWS_SECRET_ACCESS_KEY")) {
                        (Some(id), Some(secret)) => Some(BackupAuth {
                            access_key_id: Secret::new(id),
                            secret_access_key: Secret::new(secret),
                            region: file("backup/AWS_DEFAULT_REGION"),
                            signature_version: file("backup/AWS_SIGNATURE_VERSION"),
                            endpoint_url: file("backup/ENDPOINT_URL"),
                        }),
                        _ => None,
                    };
                record.backup_encryption_key = file("backup-encryption/ENCRYPTION_KEY").map(Secret::new);
            }
            None => unread.extend([fields::BACKUP_AUTH, fields::BACKUP_ENCRYPTION_KEY]),
        }
    }
    if spec.implements("backup-set-public-key-encryption") {
        match files {
            Some(_) => record.backup_public_key_id = file("backup-encryption/ENCRYPT_WITH_PUBLIC_KEY_ID"),
            None => unread.push(fields::BACKUP_PUBLIC_KEY_ID),
        }
    }

    for (key, value) in &info.extra {
        warnings.push(format!("{} {name}: unknown :info field `{key}` kept in `extra`", spec.key));
        record.extra.insert(key.clone(), value.clone());
    }
    if !unread.is_empty() {
        warnings.push(format!(
            "{} {name}: this connection cannot read {} (root-only files); they are listed in `unread`: \
             give them in the document or the secrets file to apply them",
            spec.key,
            unread.join(", ")
        ));
    }
    record.unread = unread.into_iter().map(str::to_owned).collect();
    (record, warnings)
}

/// A linked app's variables from its `ENV` file in the export's snapshot (root file path), as
/// `config:export --format json` prints them: no file is no variable. `None` when godotenv
/// could not read the file, so that the server's own read decides.
fn app_variables_from_files(files: &FileSnapshot, app: &str) -> Option<BTreeMap<String, String>> {
    match files.file(&env_file::relative_path(Some(app))) {
        None => Some(BTreeMap::new()),
        Some(text) => env_file::read_env_file(text).ok().map(|read| read.vars.into_iter().collect()),
    }
}

fn parse_error(cmd: &Command, e: dokku_core::text::TextError) -> Error {
    Error::Parse { command: cmd.to_string(), source: Box::new(e) }
}

/// Reads every service of the plugin (for an app export: those linked to its apps, with only
/// those links).
pub async fn export_services(
    spec: &ServiceSpec,
    client: &Client,
    scope: &ExportScope,
) -> Result<Exported<ServiceRecord>, Error> {
    let list = commands::list(spec);
    let names = parse_service_list(&client.stdout(&list).await?).map_err(|e| parse_error(&list, e))?;
    let mut exported = Exported::default();
    if names.is_empty() {
        return Ok(exported);
    }
    let files = async {
        if !scope.can_run_system_commands {
            return Ok::<_, Error>(None);
        }
        let cmd = commands::service_files(spec, client.layout());
        let output = client.output(&cmd).await?;
        // grep: 0 lines found, 1 none, 2 trouble (then the files count as unread).
        if output.status > 1 {
            return Ok(None);
        }
        let root = commands::data_root(spec, client.layout());
        parse_service_files(&root, &output.stdout).map(Some).map_err(|e| parse_error(&cmd, e))
    };
    let per_service = try_join_all(names.iter().map(|name| async move {
        let cmd = commands::info(spec, name);
        let info = parse_info(&client.stdout(&cmd).await?).map_err(|e| parse_error(&cmd, e))?;
        let schedule = if spec.has_backups() {
            let cmd = commands::backup_schedule_cat(spec, name);
            let output = client.output(&cmd).await?;
            if output.success() {
                Some(parse_backup_schedule(spec, name, &output.stdout).map_err(|e| parse_error(&cmd, e))?)
            } else {
                None
            }
        } else {
            None
        };
        Ok::<_, Error>((info, schedule))
    }));
    let (files, per_service) = futures_util::future::join(files, per_service).await;
    let (files, per_service) = (files?, per_service?);

    let linked: BTreeSet<&String> =
        per_service.iter().flat_map(|(info, _)| info.links.iter()).filter(|a| scope.has_app(a)).collect();
    let variables = try_join_all(linked.iter().map(|app| async move {
        if let Some(vars) = scope
            .files
            .as_deref()
            .filter(|_| scope.version >= env_file::IN_PROPERTY_STORE_SINCE)
            .and_then(|files| app_variables_from_files(files, app))
        {
            return Ok((app.to_string(), vars));
        }
        let cmd = commands::app_variables(app);
        let vars = parse_app_variables(&client.stdout(&cmd).await?).map_err(|e| parse_error(&cmd, e))?;
        Ok::<_, Error>((app.to_string(), vars))
    }))
    .await?;
    let app_variables: BTreeMap<String, BTreeMap<String, String>> = variables.into_iter().collect();

    for (name, (info, schedule)) in names.iter().zip(&per_service) {
        let reads = ServiceReads {
            name,
            info,
            schedule: schedule.as_ref(),
            files: files.as_ref(),
            app_variables: &app_variables,
        };
        let (record, warnings) = service_record(spec, reads);
        if !scope.system && record.links.is_empty() {
            continue;
        }
        exported.records.push(record);
        exported.warnings.extend(warnings);
    }
    Ok(exported)
}
