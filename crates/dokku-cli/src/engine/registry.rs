//! The plugins compiled into this build, in pydokku's registration order.

use dokku_core::plugin::{Glue, PluginGlue};

/// Every plugin this build supports (each is a cargo feature), in registration order: the order
/// breaks ties between plugins the scheduler can run at the same time.
pub fn registered() -> Vec<&'static dyn PluginGlue> {
    let mut plugins: Vec<&'static dyn PluginGlue> = Vec::new();
    {
        static GLUE: Glue<dokku::apps::AppsPlugin> = Glue::new();
        plugins.push(&GLUE);
    }
    #[cfg(feature = "builder")]
    {
        static GLUE: Glue<dokku::builder::BuilderPlugin> = Glue::new();
        plugins.push(&GLUE);
    }
    #[cfg(feature = "checks")]
    {
        static GLUE: Glue<dokku::checks::ChecksPlugin> = Glue::new();
        plugins.push(&GLUE);
    }
    #[cfg(feature = "config")]
    {
        static GLUE: Glue<dokku::config::ConfigPlugin> = Glue::new();
        plugins.push(&GLUE);
    }
    #[cfg(feature = "domains")]
    {
        static GLUE: Glue<dokku::domains::DomainsPlugin> = Glue::new();
        plugins.push(&GLUE);
    }
    #[cfg(feature = "git")]
    {
        static GLUE: Glue<dokku::git::GitPlugin> = Glue::new();
        plugins.push(&GLUE);
    }
    #[cfg(feature = "letsencrypt")]
    {
        static GLUE: Glue<dokku::letsencrypt::LetsencryptPlugin> = Glue::new();
        plugins.push(&GLUE);
    }
    #[cfg(feature = "maintenance")]
    {
        static GLUE: Glue<dokku::maintenance::MaintenancePlugin> = Glue::new();
        plugins.push(&GLUE);
    }
    #[cfg(feature = "network")]
    {
        static GLUE: Glue<dokku::network::NetworkPlugin> = Glue::new();
        plugins.push(&GLUE);
    }
    #[cfg(feature = "nginx")]
    {
        static GLUE: Glue<dokku::nginx::NginxPlugin> = Glue::new();
        plugins.push(&GLUE);
    }
    #[cfg(feature = "plugin")]
    {
        static GLUE: Glue<dokku::plugin::PluginPlugin> = Glue::new();
        plugins.push(&GLUE);
    }
    #[cfg(feature = "ports")]
    {
        static GLUE: Glue<dokku::ports::PortsPlugin> = Glue::new();
        plugins.push(&GLUE);
    }
    #[cfg(feature = "proxy")]
    {
        static GLUE: Glue<dokku::proxy::ProxyPlugin> = Glue::new();
        plugins.push(&GLUE);
    }
    #[cfg(feature = "ps")]
    {
        static GLUE: Glue<dokku::ps::PsPlugin> = Glue::new();
        plugins.push(&GLUE);
    }
    #[cfg(feature = "redirect")]
    {
        static GLUE: Glue<dokku::redirect::RedirectPlugin> = Glue::new();
        plugins.push(&GLUE);
    }
    #[cfg(feature = "ssh-keys")]
    {
        static GLUE: Glue<dokku::ssh_keys::SshKeysPlugin> = Glue::new();
        plugins.push(&GLUE);
    }
    #[cfg(feature = "storage")]
    {
        static GLUE: Glue<dokku::storage::StoragePlugin> = Glue::new();
        plugins.push(&GLUE);
    }
    #[cfg(feature = "builder-dockerfile")]
    {
        static GLUE: Glue<dokku::builder_dockerfile::BuilderDockerfilePlugin> = Glue::new();
        plugins.push(&GLUE);
    }
    #[cfg(feature = "builder-herokuish")]
    {
        static GLUE: Glue<dokku::builder_herokuish::BuilderHerokuishPlugin> = Glue::new();
        plugins.push(&GLUE);
    }
    #[cfg(feature = "builder-lambda")]
    {
        static GLUE: Glue<dokku::builder_lambda::BuilderLambdaPlugin> = Glue::new();
        plugins.push(&GLUE);
    }
    #[cfg(feature = "builder-nixpacks")]
    {
        static GLUE: Glue<dokku::builder_nixpacks::BuilderNixpacksPlugin> = Glue::new();
        plugins.push(&GLUE);
    }
    #[cfg(feature = "builder-pack")]
    {
        static GLUE: Glue<dokku::builder_pack::BuilderPackPlugin> = Glue::new();
        plugins.push(&GLUE);
    }
    #[cfg(feature = "builder-railpack")]
    {
        static GLUE: Glue<dokku::builder_railpack::BuilderRailpackPlugin> = Glue::new();
        plugins.push(&GLUE);
    }
    #[cfg(feature = "app-json")]
    {
        static GLUE: Glue<dokku::app_json::AppJsonPlugin> = Glue::new();
        plugins.push(&GLUE);
    }
    #[cfg(feature = "builds")]
    {
        static GLUE: Glue<dokku::builds::BuildsPlugin> = Glue::new();
        plugins.push(&GLUE);
    }
    #[cfg(feature = "scheduler")]
    {
        static GLUE: Glue<dokku::scheduler::SchedulerPlugin> = Glue::new();
        plugins.push(&GLUE);
    }
    #[cfg(feature = "scheduler-docker-local")]
    {
        static GLUE: Glue<dokku::scheduler_docker_local::SchedulerDockerLocalPlugin> = Glue::new();
        plugins.push(&GLUE);
    }
    #[cfg(feature = "logs")]
    {
        static GLUE: Glue<dokku::logs::LogsPlugin> = Glue::new();
        plugins.push(&GLUE);
    }
    #[cfg(feature = "cron")]
    {
        static GLUE: Glue<dokku::cron::CronPlugin> = Glue::new();
        plugins.push(&GLUE);
    }
    #[cfg(feature = "registry")]
    {
        static GLUE: Glue<dokku::registry::RegistryPlugin> = Glue::new();
        plugins.push(&GLUE);
        static LOGINS: Glue<dokku::registry::RegistryLoginsPlugin> = Glue::new();
        plugins.push(&LOGINS);
    }
    #[cfg(feature = "caddy")]
    {
        static GLUE: Glue<dokku::caddy::CaddyPlugin> = Glue::new();
        plugins.push(&GLUE);
    }
    #[cfg(feature = "haproxy")]
    {
        static GLUE: Glue<dokku::haproxy::HaproxyPlugin> = Glue::new();
        plugins.push(&GLUE);
    }
    #[cfg(feature = "traefik")]
    {
        static GLUE: Glue<dokku::traefik::TraefikPlugin> = Glue::new();
        plugins.push(&GLUE);
    }
    #[cfg(feature = "openresty")]
    {
        static GLUE: Glue<dokku::openresty::OpenrestyPlugin> = Glue::new();
        plugins.push(&GLUE);
    }
    #[cfg(feature = "buildpacks")]
    {
        static GLUE: Glue<dokku::buildpacks::BuildpacksPlugin> = Glue::new();
        plugins.push(&GLUE);
    }
    #[cfg(feature = "docker-options")]
    {
        static GLUE: Glue<dokku::docker_options::DockerOptionsPlugin> = Glue::new();
        plugins.push(&GLUE);
    }
    #[cfg(feature = "resource")]
    {
        static GLUE: Glue<dokku::resource::ResourcePlugin> = Glue::new();
        plugins.push(&GLUE);
    }
    #[cfg(feature = "certs")]
    {
        static GLUE: Glue<dokku::certs::CertsPlugin> = Glue::new();
        plugins.push(&GLUE);
    }
    #[cfg(feature = "postgres")]
    {
        static GLUE: Glue<dokku::postgres::PostgresPlugin> = Glue::new();
        plugins.push(&GLUE);
    }
    #[cfg(feature = "redis")]
    {
        static GLUE: Glue<dokku::redis::RedisPlugin> = Glue::new();
        plugins.push(&GLUE);
    }
    #[cfg(feature = "mysql")]
    {
        static GLUE: Glue<dokku::mysql::MysqlPlugin> = Glue::new();
        plugins.push(&GLUE);
    }
    #[cfg(feature = "mariadb")]
    {
        static GLUE: Glue<dokku::mariadb::MariadbPlugin> = Glue::new();
        plugins.push(&GLUE);
    }
    #[cfg(feature = "mongo")]
    {
        static GLUE: Glue<dokku::mongo::MongoPlugin> = Glue::new();
        plugins.push(&GLUE);
    }
    #[cfg(feature = "elasticsearch")]
    {
        static GLUE: Glue<dokku::elasticsearch::ElasticsearchPlugin> = Glue::new();
        plugins.push(&GLUE);
    }
    #[cfg(feature = "rabbitmq")]
    {
        static GLUE: Glue<dokku::rabbitmq::RabbitmqPlugin> = Glue::new();
        plugins.push(&GLUE);
    }
    plugins
}

/// The tables of the service plugins compiled in (for `services copy`).
#[cfg(feature = "service-plugin")]
pub fn service_specs() -> Vec<&'static dokku::service_plugin::ServiceSpec> {
    #[allow(unused_imports)]
    use dokku::service_plugin::ServicePlugin;
    vec![
        #[cfg(feature = "postgres")]
        &dokku::postgres::Postgres::SPEC,
        #[cfg(feature = "redis")]
        &dokku::redis::Redis::SPEC,
        #[cfg(feature = "mysql")]
        &dokku::mysql::Mysql::SPEC,
        #[cfg(feature = "mariadb")]
        &dokku::mariadb::Mariadb::SPEC,
        #[cfg(feature = "mongo")]
        &dokku::mongo::Mongo::SPEC,
        #[cfg(feature = "elasticsearch")]
        &dokku::elasticsearch::Elasticsearch::SPEC,
        #[cfg(feature = "rabbitmq")]
        &dokku::rabbitmq::Rabbitmq::SPEC,
    ]
}

/// The registered plugin with export key `key`.
pub fn find(plugins: &[&'static dyn PluginGlue], key: &str) -> Option<&'static dyn PluginGlue> {
    plugins.iter().copied().find(|p| p.key() == key)
}
