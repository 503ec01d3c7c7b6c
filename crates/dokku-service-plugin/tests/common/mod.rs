//! Tables like the real plugins' (the template crate does not depend on them).

use dokku_service_plugin::{DsnUser, Passwords, ServiceSpec};

pub(crate) const POSTGRES: ServiceSpec = ServiceSpec {
    key: "postgres",
    command_prefix: "postgres",
    service_label: "Postgres",
    variable: "POSTGRES",
    default_alias: "DATABASE",
    alt_alias: "DOKKU_POSTGRES",
    scheme: "postgres",
    ports: &[5432],
    dsn_user: DsnUser::Fixed("postgres"),
    dsn_has_database: true,
    passwords: Passwords::User,
    unimplemented: &[],
    default_image: "postgres",
    default_image_version: "18.4",
};

pub(crate) const MYSQL: ServiceSpec = ServiceSpec {
    key: "mysql",
    command_prefix: "mysql",
    service_label: "MySQL",
    variable: "MYSQL",
    default_alias: "DATABASE",
    alt_alias: "DOKKU_MYSQL",
    scheme: "mysql",
    ports: &[3306],
    dsn_user: DsnUser::Fixed("mysql"),
    dsn_has_database: true,
    passwords: Passwords::UserAndRoot,
    unimplemented: &[],
    default_image: "mysql",
    default_image_version: "9.7.0",
};

pub(crate) const ELASTICSEARCH: ServiceSpec = ServiceSpec {
    key: "elasticsearch",
    command_prefix: "elasticsearch",
    service_label: "Elasticsearch",
    variable: "ELASTICSEARCH",
    default_alias: "ELASTICSEARCH",
    alt_alias: "DOKKU_ELASTICSEARCH",
    scheme: "http",
    ports: &[9200, 9300],
    dsn_user: DsnUser::Anonymous,
    dsn_has_database: false,
    passwords: Passwords::Absent,
    unimplemented: &[
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
    ],
    default_image: "elasticsearch",
    default_image_version: "9.3.3",
};
