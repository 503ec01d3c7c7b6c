//! The seven official service plugins as tables: what each one's `config` and `functions` set
//! apart from the shared template (`common-functions` is byte-identical in all seven).
//!
//! Sources: dokku/dokku-postgres 1.48.0, dokku-redis 1.43.0, dokku-mysql 1.44.3,
//! dokku-mariadb 1.45.2, dokku-mongo 1.40.6, dokku-elasticsearch 1.40.3, dokku-rabbitmq 1.40.5
//! (`config`, `functions`, `plugin.toml`, `Dockerfile`).

/// Subcommands `PLUGIN_UNIMPLEMENTED_SUBCOMMANDS` lists for elasticsearch and rabbitmq.
const NO_BACKUPS_NO_DUMPS: &[&str] = &[
    "backup",
    "backup-auth",
    "backup-deauth",
    "backup-schedule",
    "backup-schedule-cat",
    "backup-set-encryption",
    "backup-unschedule",
    "backup-unset-encryption",
    "clone",
    "connect",
    "export",
    "import",
];

/// One service type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct ServiceType {
    /// `PLUGIN_COMMAND_PREFIX`: the command namespace and the directory under `services/`.
    pub(crate) prefix: &'static str,
    /// `plugin.toml`'s version at the tag.
    pub(crate) plugin_version: &'static str,
    /// `plugin.toml`'s description.
    pub(crate) description: &'static str,
    /// `PLUGIN_SERVICE`, the name in messages.
    pub(crate) service: &'static str,
    /// `PLUGIN_VARIABLE` (`<VARIABLE>_DATABASE_SCHEME` overrides the scheme per app).
    pub(crate) variable: &'static str,
    /// `PLUGIN_DEFAULT_ALIAS`.
    pub(crate) default_alias: &'static str,
    /// `PLUGIN_SCHEME`.
    pub(crate) scheme: &'static str,
    /// `PLUGIN_DATASTORE_PORTS`.
    pub(crate) ports: &'static [&'static str],
    /// `PLUGIN_CONFIG_SUFFIX`.
    pub(crate) config_suffix: &'static str,
    /// The image and version of the `Dockerfile`'s `FROM`.
    pub(crate) image: &'static str,
    /// See [`Self::image`].
    pub(crate) image_version: &'static str,
    /// `<VARIABLE>_CONFIG_OPTIONS`' default.
    pub(crate) default_config_options: &'static str,
    /// `service_url`'s shape: `{scheme}`, `{password}`, `{host}`, `{port}`, `{database}`,
    /// `{service}` are replaced.
    pub(crate) dsn: &'static str,
    /// Hex digits of the generated `PASSWORD` (`openssl rand -hex N` prints 2N); `None`: the type
    /// keeps no password.
    pub(crate) password_hex: Option<usize>,
    /// Hex digits of the generated `ROOTPASSWORD`; `None`: no root password.
    pub(crate) root_password_hex: Option<usize>,
    /// `PLUGIN_UNIMPLEMENTED_SUBCOMMANDS`.
    pub(crate) unimplemented: &'static [&'static str],
    /// Lines `service_create` prints before the container is created (`dokku_log_info2`).
    pub(crate) create_info2: &'static [&'static str],
    /// Lines `service_create_container` prints before the container starts (`dokku_log_info2`).
    pub(crate) container_info2: &'static [&'static str],
    /// `service_create_container` creates the database and secures the connection (postgres).
    pub(crate) creates_database: bool,
    /// Files `service_create` writes into the config directory (name, content); `{password}` is
    /// replaced.
    pub(crate) config_files: &'static [(&'static str, &'static str)],
}

impl ServiceType {
    /// Whether the type implements `sub` (`is_implemented_command`).
    pub(crate) fn implements(&self, sub: &str) -> bool {
        !self.unimplemented.contains(&sub)
    }
}

/// The seven types.
pub(crate) const SERVICE_TYPES: &[ServiceType] = &[
    ServiceType {
        prefix: "postgres",
        plugin_version: "1.48.0",
        description: "dokku postgres service plugin",
        service: "Postgres",
        variable: "POSTGRES",
        default_alias: "DATABASE",
        scheme: "postgres",
        ports: &["5432"],
        config_suffix: "data",
        image: "postgres",
        image_version: "18.4",
        default_config_options: "",
        dsn: "{scheme}://postgres:{password}@{host}:{port}/{database}",
        password_hex: Some(32),
        root_password_hex: None,
        unimplemented: &[],
        create_info2: &[],
        container_info2: &[],
        creates_database: true,
        config_files: &[],
    },
    ServiceType {
        prefix: "redis",
        plugin_version: "1.43.0",
        description: "dokku redis service plugin",
        service: "Redis",
        variable: "REDIS",
        default_alias: "REDIS",
        scheme: "redis",
        ports: &["6379"],
        config_suffix: "config",
        image: "redis",
        image_version: "8.8.0",
        default_config_options: "",
        dsn: "{scheme}://:{password}@{host}:{port}",
        password_hex: Some(64),
        root_password_hex: None,
        unimplemented: &[],
        create_info2: &[],
        container_info2: &[],
        creates_database: false,
        config_files: &[("redis.conf", "requirepass {password}\n")],
    },
    ServiceType {
        prefix: "mysql",
        plugin_version: "1.44.3",
        description: "dokku mysql service plugin",
        service: "MySQL",
        variable: "MYSQL",
        default_alias: "DATABASE",
        scheme: "mysql",
        ports: &["3306"],
        config_suffix: "config",
        image: "mysql",
        image_version: "9.7.0",
        default_config_options: "",
        dsn: "{scheme}://mysql:{password}@{host}:{port}/{database}",
        password_hex: Some(16),
        root_password_hex: Some(16),
        unimplemented: &[],
        create_info2: &[],
        container_info2: &[],
        creates_database: false,
        config_files: MYSQL_CONFIG_FILES,
    },
    ServiceType {
        prefix: "mariadb",
        plugin_version: "1.45.2",
        description: "dokku mariadb service plugin",
        service: "MariaDB",
        variable: "MARIADB",
        default_alias: "DATABASE",
        scheme: "mysql",
        ports: &["3306"],
        config_suffix: "config",
        image: "mariadb",
        image_version: "12.2.2",
        default_config_options: "",
        dsn: "{scheme}://mariadb:{password}@{host}:{port}/{database}",
        password_hex: Some(16),
        root_password_hex: Some(16),
        unimplemented: &[],
        create_info2: &[],
        container_info2: &[],
        creates_database: false,
        config_files: MYSQL_CONFIG_FILES,
    },
    ServiceType {
        prefix: "mongo",
        plugin_version: "1.40.6",
        description: "dokku mongo service plugin",
        service: "MongoDB",
        variable: "MONGO",
        default_alias: "MONGO",
        scheme: "mongodb",
        ports: &["27017", "27018", "27019", "28017"],
        config_suffix: "config",
        image: "mongo",
        image_version: "8.2.9",
        default_config_options: " --storageEngine wiredTiger --auth ",
        dsn: "{scheme}://{service}:{password}@{host}:{port}/{database}",
        password_hex: Some(32),
        root_password_hex: Some(32),
        unimplemented: &[],
        create_info2: &[],
        container_info2: &[],
        creates_database: false,
        config_files: &[],
    },
    ServiceType {
        prefix: "elasticsearch",
        plugin_version: "1.40.3",
        description: "dokku elasticsearch service plugin",
        service: "Elasticsearch",
        variable: "ELASTICSEARCH",
        default_alias: "ELASTICSEARCH",
        scheme: "http",
        ports: &["9200", "9300"],
        config_suffix: "config",
        image: "elasticsearch",
        image_version: "9.3.3",
        default_config_options: "",
        dsn: "{scheme}://{host}:{port}",
        password_hex: None,
        root_password_hex: None,
        unimplemented: NO_BACKUPS_NO_DUMPS,
        create_info2: &["Extracting config files"],
        container_info2: &["Set file permissions for config", "Set file permissions for data"],
        creates_database: false,
        config_files: &[],
    },
    ServiceType {
        prefix: "rabbitmq",
        plugin_version: "1.40.5",
        description: "dokku rabbitmq service plugin",
        service: "RabbitMQ",
        variable: "RABBITMQ",
        default_alias: "RABBITMQ",
        scheme: "amqp",
        ports: &["5672", "4369", "35197", "15672"],
        config_suffix: "config",
        image: "rabbitmq",
        image_version: "4.3.1-management",
        default_config_options: "",
        dsn: "{scheme}://{service}:{password}@{host}:{port}/{database}",
        password_hex: Some(32),
        root_password_hex: None,
        unimplemented: NO_BACKUPS_NO_DUMPS,
        create_info2: &[],
        container_info2: &[],
        creates_database: false,
        config_files: &[],
    },
];

/// The two `my.cnf` fragments mysql's and mariadb's `service_create` write (`echo -e`).
const MYSQL_CONFIG_FILES: &[(&str, &str)] = &[
    ("disable_performance_schema.cnf", "[mysqld]\nperformance_schema = 0\n"),
    ("charset_utf8.cnf", "[mysqld]\ncharacter-set-server = utf8mb4\ncollation-server = utf8mb4_unicode_ci\n"),
];

/// The type whose commands are `prefix:*`.
pub(crate) fn by_prefix(prefix: &str) -> Option<&'static ServiceType> {
    SERVICE_TYPES.iter().find(|t| t.prefix == prefix)
}

/// The type an installed plugin is: by its name, else by its repository (`dokku-<type>`), since
/// the command prefix is the plugin's own whatever `--name` it was installed under.
pub(crate) fn of_plugin(name: &str, source_url: &str) -> Option<&'static ServiceType> {
    by_prefix(name).or_else(|| {
        let repository = source_url.trim_end_matches('/').rsplit('/').next().unwrap_or("");
        let repository = repository.trim_end_matches(".git");
        by_prefix(repository.strip_prefix("dokku-")?)
    })
}
