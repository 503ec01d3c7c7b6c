//! Registry logins (`registry:login`): credentials Dokku hands to `docker login`, kept in the
//! dokku user's docker config (global) or in an app's own (`DOCKER_CONFIG`, Dokku 0.37.5+).
//!
//! Dokku never prints them back, so only a connection that can read the server's files (root or
//! a sudoer) exports them; otherwise the export says they were not read, and apply takes the
//! passwords a document gives (from the secrets file or a reference).

pub(crate) mod commands;
mod diff;
pub(crate) mod docker_config;
mod export;
mod model;

pub use commands::{APP_CONFIG_DIR, GLOBAL_CONFIG, PER_APP_SINCE, builders};
pub use docker_config::{DockerConfigLogins, parse_docker_config, split_config_files};
pub use export::RegistryLoginsPlugin;
pub use model::RegistryLogin;
