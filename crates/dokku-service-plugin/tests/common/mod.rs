//! The real plugins' tables (dev-dependencies: the template crate itself depends on none).

use dokku_service_plugin::{ServicePlugin, ServiceSpec};

pub(crate) const POSTGRES: ServiceSpec = dokku_postgres::Postgres::SPEC;
pub(crate) const MYSQL: ServiceSpec = dokku_mysql::Mysql::SPEC;
pub(crate) const ELASTICSEARCH: ServiceSpec = dokku_elasticsearch::Elasticsearch::SPEC;
