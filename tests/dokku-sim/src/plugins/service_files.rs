//! The files the service plugins keep, as a root reader finds them: the service directory
//! (`$DOKKU_LIB_ROOT/services/<type>/<name>/`), the service's properties
//! (`$DOKKU_LIB_ROOT/config/<type>/<name>/<key>`, Dokku's property store) and the backup cron
//! file (`/etc/cron.d/dokku-<type>-<name>`), with the content and modes the plugins' `echo`,
//! `chmod`, `sort` and docker's `--cidfile` give them.

use super::service_types;
use crate::server_files::DOKKU_LIB_ROOT;
use crate::service_state::{Service, Services};

/// Files, empty directories and wholly owned trees of every service.
#[derive(Debug, Default)]
pub(crate) struct ServiceFiles {
    /// (real path, content, mode).
    pub(crate) files: Vec<(String, String, Option<u32>)>,
    /// Directories that exist even when empty (`data/`, the config directory).
    pub(crate) dirs: Vec<String>,
    /// The service directories and property directories, removed with their service.
    pub(crate) trees: Vec<String>,
}

/// What `services` implies on disk.
pub(crate) fn service_files(services: &Services) -> ServiceFiles {
    let mut out = ServiceFiles::default();
    for (prefix, by_name) in services {
        let Some(ty) = service_types::by_prefix(prefix) else { continue };
        for (name, service) in by_name {
            if name.contains('/') || name.is_empty() {
                continue;
            }
            let root = super::services::service_root(ty, name);
            out.trees.push(root.clone());
            out.dirs.push(format!("{root}/data"));
            out.dirs.push(format!("{root}/{}", ty.config_suffix));
            for (file, content, mode) in service_dir_files(service) {
                out.files.push((format!("{root}/{file}"), content, mode));
            }
            for (file, template) in ty.config_files {
                let content = template.replace("{password}", service.password.as_deref().unwrap_or(""));
                out.files.push((format!("{root}/{}/{file}", ty.config_suffix), content, None));
            }
            if !service.properties.is_empty() {
                let properties = format!("{DOKKU_LIB_ROOT}/config/{prefix}/{name}");
                out.trees.push(properties.clone());
                for (key, value) in &service.properties {
                    out.files.push((format!("{properties}/{key}"), value.clone(), None));
                }
            }
            if let Some(cron) = &service.backup_schedule {
                out.files.push((format!("/etc/cron.d/dokku-{prefix}-{name}"), cron.clone(), Some(0o644)));
            }
        }
    }
    out
}

/// The files of one service directory, relative to it.
fn service_dir_files(service: &Service) -> Vec<(String, String, Option<u32>)> {
    let line = |value: &str| format!("{value}\n");
    let mut files = vec![
        ("ENV".to_owned(), line(&service.custom_env), None),
        ("CONFIG_OPTIONS".to_owned(), line(&service.config_options), None),
        ("IMAGE".to_owned(), line(&service.image), None),
        ("IMAGE_VERSION".to_owned(), line(&service.image_version), None),
        ("DATABASE_NAME".to_owned(), line(&service.database_name), None),
        ("LINKS".to_owned(), service.links.iter().map(|app| line(app)).collect(), None),
        ("ID".to_owned(), service.container_id_file.clone(), None),
    ];
    if let Some(password) = &service.password {
        files.push(("PASSWORD".to_owned(), line(password), Some(0o640)));
    }
    if let Some(root_password) = &service.root_password {
        files.push(("ROOTPASSWORD".to_owned(), line(root_password), Some(0o640)));
    }
    if let Some(memory) = &service.memory {
        files.push(("SERVICE_MEMORY".to_owned(), line(memory), None));
    }
    if let Some(shm_size) = &service.shm_size {
        files.push(("SHM_SIZE".to_owned(), line(shm_size), None));
    }
    if let Some(ports) = &service.exposed_ports {
        files.push(("PORT".to_owned(), line(&ports.join(" ")), None));
    }
    for (dir, contents) in
        [("backup", &service.backup_auth), ("backup-encryption", &service.backup_encryption)]
    {
        if contents.is_some() {
            files.push((format!("{dir}/"), String::new(), None));
        }
        for (file, value) in contents.iter().flatten() {
            files.push((format!("{dir}/{file}"), line(value), None));
        }
    }
    files
}
