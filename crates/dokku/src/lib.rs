//! Drive a [Dokku](https://dokku.com) server from Rust.
//!
//! This is the front door of dokku-rs. It re-exports the I/O core ([`core`]: the command
//! transport — a local `dokku`, or one multiplexed OpenSSH connection —, the [`Client`], typed
//! errors, the Dokku version, the [`Secret`] type, the text combinators) and, behind one cargo
//! feature each, one module per Dokku plugin: its typed model, pure parsers of the plugin's text
//! and `--format json` output, command builders, and its export/apply glue. No plugin is on by
//! default; `full` turns them all on.
//!
//! ```toml
//! [dependencies]
//! dokku = { version = "0.1", features = ["config"] }
//! ```
//!
//! Embedding one plugin: read an app's environment and set a variable over SSH. Values are
//! [`Secret`]s: they print as `***` and never reach a log or an error message.
//!
//! ```no_run
//! # #[cfg(feature = "config")]
//! # async fn demo() -> Result<(), dokku::core::Error> {
//! use dokku::{Client, ClientOptions, Secret, SshConfig};
//!
//! let client = Client::ssh(&SshConfig::new("dokku@dokku.example.com"), ClientOptions::default()).await?;
//! let config = dokku::config::Config::new(&client);
//! config.set(Some("my-app"), &[("API_TOKEN", &Secret::new("s3cr3t".to_owned()))], false).await?;
//! for var in config.vars(Some("my-app"), false, false).await? {
//!     println!("{} = {}", var.key, var.value); // the value prints as `***`
//! }
//! client.close().await?;
//! # Ok(())
//! # }
//! ```
//!
//! The parsers need no server at all: they are pure functions of Dokku's output.
//!
//! ```
//! # #[cfg(feature = "apps")]
//! # {
//! let names = dokku::apps::parse_apps_list("=====> My Apps\nblog\nshop\n").unwrap();
//! assert_eq!(names, ["blog", "shop"]);
//! # }
//! ```
//!
//! Each plugin module's page shows that plugin's own example. The `dokkuctl` binary
//! (`dokku-cli`) is built on the same modules: it exports a whole server to one JSON document
//! and applies such a document to another server.

/// The I/O core ([`dokku_core`]): transports, client, commands, errors, versions, secrets, and
/// the text combinators every plugin's grammar is built on.
#[doc(inline)]
pub use dokku_core as core;

pub use dokku_core::{Client, ClientOptions, Command, DokkuVersion, Error, Secret, SshConfig};

/// `apps`: app records (create, lock, deploy source), `apps:list` (feature `apps`; the [`dokku_apps`] crate).
#[cfg(feature = "apps")]
#[doc(inline)]
pub use dokku_apps as apps;

/// `builder`: which builder builds each app, its build directory and cleanup (feature `builder`; the [`dokku_builder`] crate).
#[cfg(feature = "builder")]
#[doc(inline)]
pub use dokku_builder as builder;

/// `builder-dockerfile` (property plugin; feature `builder-dockerfile`; the [`dokku_builder_dockerfile`] crate).
#[cfg(feature = "builder-dockerfile")]
#[doc(inline)]
pub use dokku_builder_dockerfile as builder_dockerfile;

/// `builder-herokuish` (property plugin; feature `builder-herokuish`; the [`dokku_builder_herokuish`] crate).
#[cfg(feature = "builder-herokuish")]
#[doc(inline)]
pub use dokku_builder_herokuish as builder_herokuish;

/// `builder-lambda` (property plugin; feature `builder-lambda`; the [`dokku_builder_lambda`] crate).
#[cfg(feature = "builder-lambda")]
#[doc(inline)]
pub use dokku_builder_lambda as builder_lambda;

/// `builder-nixpacks` (property plugin; feature `builder-nixpacks`; the [`dokku_builder_nixpacks`] crate).
#[cfg(feature = "builder-nixpacks")]
#[doc(inline)]
pub use dokku_builder_nixpacks as builder_nixpacks;

/// `builder-pack` (property plugin; feature `builder-pack`; the [`dokku_builder_pack`] crate).
#[cfg(feature = "builder-pack")]
#[doc(inline)]
pub use dokku_builder_pack as builder_pack;

/// `builder-railpack` (property plugin; feature `builder-railpack`; the [`dokku_builder_railpack`] crate).
#[cfg(feature = "builder-railpack")]
#[doc(inline)]
pub use dokku_builder_railpack as builder_railpack;

/// `app-json` (property plugin; feature `app-json`; the [`dokku_app_json`] crate).
#[cfg(feature = "app-json")]
#[doc(inline)]
pub use dokku_app_json as app_json;

/// `builds` (property plugin; feature `builds`; the [`dokku_builds`] crate).
#[cfg(feature = "builds")]
#[doc(inline)]
pub use dokku_builds as builds;

/// `scheduler` (property plugin; feature `scheduler`; the [`dokku_scheduler`] crate).
#[cfg(feature = "scheduler")]
#[doc(inline)]
pub use dokku_scheduler as scheduler;

/// `scheduler-docker-local` (property plugin; feature `scheduler-docker-local`; the [`dokku_scheduler_docker_local`] crate).
#[cfg(feature = "scheduler-docker-local")]
#[doc(inline)]
pub use dokku_scheduler_docker_local as scheduler_docker_local;

/// `logs` (property plugin; feature `logs`; the [`dokku_logs`] crate).
#[cfg(feature = "logs")]
#[doc(inline)]
pub use dokku_logs as logs;

/// `cron` (property plugin; feature `cron`; the [`dokku_cron`] crate).
#[cfg(feature = "cron")]
#[doc(inline)]
pub use dokku_cron as cron;

/// `registry` (property plugin; feature `registry`; the [`dokku_registry`] crate).
#[cfg(feature = "registry")]
#[doc(inline)]
pub use dokku_registry as registry;

/// `caddy` (property plugin; feature `caddy`; the [`dokku_caddy`] crate).
#[cfg(feature = "caddy")]
#[doc(inline)]
pub use dokku_caddy as caddy;

/// `haproxy` (property plugin; feature `haproxy`; the [`dokku_haproxy`] crate).
#[cfg(feature = "haproxy")]
#[doc(inline)]
pub use dokku_haproxy as haproxy;

/// `traefik` (property plugin; feature `traefik`; the [`dokku_traefik`] crate).
#[cfg(feature = "traefik")]
#[doc(inline)]
pub use dokku_traefik as traefik;

/// `openresty` (property plugin; feature `openresty`; the [`dokku_openresty`] crate).
#[cfg(feature = "openresty")]
#[doc(inline)]
pub use dokku_openresty as openresty;

/// `checks`: zero-downtime deploy checks per process type (feature `checks`; the [`dokku_checks`] crate).
#[cfg(feature = "checks")]
#[doc(inline)]
pub use dokku_checks as checks;

/// `config`: environment variables, values kept as secrets (feature `config`; the [`dokku_config`] crate).
#[cfg(feature = "config")]
#[doc(inline)]
pub use dokku_config as config;

/// `domains`: app and global virtual hosts (feature `domains`; the [`dokku_domains`] crate).
#[cfg(feature = "domains")]
#[doc(inline)]
pub use dokku_domains as domains;

/// `git`: deploy branch, keep-git-dir, rev env var, known hosts, netrc, deploy key (feature `git`; the [`dokku_git`] crate).
#[cfg(feature = "git")]
#[doc(inline)]
pub use dokku_git as git;

/// `letsencrypt` (official plugin): ACME settings, DNS-provider credentials, `letsencrypt:list` (feature `letsencrypt`; the [`dokku_letsencrypt`] crate).
#[cfg(feature = "letsencrypt")]
#[doc(inline)]
pub use dokku_letsencrypt as letsencrypt;

/// `maintenance` (official plugin): maintenance mode per app (feature `maintenance`; the [`dokku_maintenance`] crate).
#[cfg(feature = "maintenance")]
#[doc(inline)]
pub use dokku_maintenance as maintenance;

/// `network`: networks and app network properties (feature `network`; the [`dokku_network`] crate).
#[cfg(feature = "network")]
#[doc(inline)]
pub use dokku_network as network;

/// `nginx`: nginx properties per app and global (feature `nginx`; the [`dokku_nginx`] crate).
#[cfg(feature = "nginx")]
#[doc(inline)]
pub use dokku_nginx as nginx;

/// `plugin`: installed third-party plugins (URL, commit) (feature `plugin`; the [`dokku_plugin`] crate).
#[cfg(feature = "plugin")]
#[doc(inline)]
pub use dokku_plugin as plugin;

/// `ports`: port mappings (feature `ports`; the [`dokku_ports`] crate).
#[cfg(feature = "ports")]
#[doc(inline)]
pub use dokku_ports as ports;

/// `proxy`: proxy type, enabled state (feature `proxy`; the [`dokku_proxy`] crate).
#[cfg(feature = "proxy")]
#[doc(inline)]
pub use dokku_proxy as proxy;

/// `ps`: process scale, restart policy, procfile path (feature `ps`; the [`dokku_ps`] crate).
#[cfg(feature = "ps")]
#[doc(inline)]
pub use dokku_ps as ps;

/// `redirect` (official plugin): domain redirects (feature `redirect`; the [`dokku_redirect`] crate).
#[cfg(feature = "redirect")]
#[doc(inline)]
pub use dokku_redirect as redirect;

/// `ssh-keys`: users' SSH keys (feature `ssh-keys`; the [`dokku_ssh_keys`] crate).
#[cfg(feature = "ssh-keys")]
#[doc(inline)]
pub use dokku_ssh_keys as ssh_keys;

/// `storage`: persistent storage mounts (feature `storage`; the [`dokku_storage`] crate).
#[cfg(feature = "storage")]
#[doc(inline)]
pub use dokku_storage as storage;

/// `buildpacks`: each app's ordered buildpack list and stack, the global stack (feature `buildpacks`; the [`dokku_buildpacks`] crate).
#[cfg(feature = "buildpacks")]
#[doc(inline)]
pub use dokku_buildpacks as buildpacks;

/// `docker-options`: each app's docker options per phase and per process type (feature `docker-options`; the [`dokku_docker_options`] crate).
#[cfg(feature = "docker-options")]
#[doc(inline)]
pub use dokku_docker_options as docker_options;

/// `resource`: each app's resource limits and reservations per process type (feature `resource`; the [`dokku_resource`] crate).
#[cfg(feature = "resource")]
#[doc(inline)]
pub use dokku_resource as resource;

/// `certs`: each app's TLS certificate and key (feature `certs`; the [`dokku_certs`] crate).
#[cfg(feature = "certs")]
#[doc(inline)]
pub use dokku_certs as certs;

/// The template the official service plugins share (feature `service-plugin`, on with any of
/// them; the [`dokku_service_plugin`] crate): a plugin built on the same `common-functions`
/// (clickhouse, couchdb, meilisearch, …) needs only its [`ServiceSpec`](dokku_service_plugin::ServiceSpec) table.
#[cfg(feature = "service-plugin")]
#[doc(inline)]
pub use dokku_service_plugin as service_plugin;

/// `postgres`: PostgreSQL services of the official dokku-postgres plugin, their settings and links (feature `postgres`; the [`dokku_postgres`] crate, a table for the shared service-plugin template).
#[cfg(feature = "postgres")]
#[doc(inline)]
pub use dokku_postgres as postgres;

/// `redis`: Redis services of the official dokku-redis plugin, their settings and links (feature `redis`; the [`dokku_redis`] crate, a table for the shared service-plugin template).
#[cfg(feature = "redis")]
#[doc(inline)]
pub use dokku_redis as redis;

/// `mysql`: MySQL services of the official dokku-mysql plugin, their settings and links (feature `mysql`; the [`dokku_mysql`] crate, a table for the shared service-plugin template).
#[cfg(feature = "mysql")]
#[doc(inline)]
pub use dokku_mysql as mysql;

/// `mariadb`: MariaDB services of the official dokku-mariadb plugin, their settings and links (feature `mariadb`; the [`dokku_mariadb`] crate, a table for the shared service-plugin template).
#[cfg(feature = "mariadb")]
#[doc(inline)]
pub use dokku_mariadb as mariadb;

/// `mongo`: MongoDB services of the official dokku-mongo plugin, their settings and links (feature `mongo`; the [`dokku_mongo`] crate, a table for the shared service-plugin template).
#[cfg(feature = "mongo")]
#[doc(inline)]
pub use dokku_mongo as mongo;

/// `elasticsearch`: Elasticsearch services of the official dokku-elasticsearch plugin, their settings and links (feature `elasticsearch`; the [`dokku_elasticsearch`] crate, a table for the shared service-plugin template).
#[cfg(feature = "elasticsearch")]
#[doc(inline)]
pub use dokku_elasticsearch as elasticsearch;

/// `rabbitmq`: RabbitMQ services of the official dokku-rabbitmq plugin, their settings and links (feature `rabbitmq`; the [`dokku_rabbitmq`] crate, a table for the shared service-plugin template).
#[cfg(feature = "rabbitmq")]
#[doc(inline)]
pub use dokku_rabbitmq as rabbitmq;
