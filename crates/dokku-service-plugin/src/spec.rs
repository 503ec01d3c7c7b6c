//! [`ServiceSpec`]: the table one service plugin declares. Everything else is the template that
//! the official service plugins share (`common-functions` is byte-identical in all seven).
//!
//! Read from each plugin's `config` and `functions` (dokku-postgres 1.48.0, dokku-redis 1.43.0,
//! dokku-mysql 1.44.3, dokku-mariadb 1.45.2, dokku-mongo 1.40.6, dokku-elasticsearch 1.40.3,
//! dokku-rabbitmq 1.40.5).

use crate::dump::DumpFormat;

/// Who a service's DSN names before the password (`service_url` in the plugin's `functions`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DsnUser {
    /// A fixed user: `postgres://postgres:PASSWORD@…`.
    Fixed(&'static str),
    /// The service's own name: `mongodb://NAME:PASSWORD@…`.
    ServiceName,
    /// No user, only the password: `redis://:PASSWORD@…`.
    PasswordOnly,
    /// No credentials: `http://HOST:9200` (elasticsearch).
    Anonymous,
}

/// The passwords `<type>:create` generates (files `PASSWORD` and `ROOTPASSWORD` in the service
/// directory) and that `--password` / `--root-password` override.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Passwords {
    /// None (elasticsearch parses `--password` and ignores it).
    Absent,
    /// The user password only.
    User,
    /// The user password and a root password (mysql, mariadb, mongo).
    UserAndRoot,
}

/// What one service plugin declares; the template derives every command, parser and plan.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ServiceSpec {
    /// The key of the plugin's list in the export document (`postgres`).
    pub key: &'static str,
    /// `PLUGIN_COMMAND_PREFIX`: the plugin name and command prefix (`postgres:create`).
    pub command_prefix: &'static str,
    /// `PLUGIN_SERVICE`: the name messages use (`Postgres`, `MongoDB`).
    pub service_label: &'static str,
    /// `PLUGIN_VARIABLE`: the prefix of its environment variables (`POSTGRES`).
    pub variable: &'static str,
    /// `PLUGIN_DEFAULT_ALIAS`: a link's default variable is `<alias>_URL`.
    pub default_alias: &'static str,
    /// `PLUGIN_ALT_ALIAS`: the prefix of generated aliases (`DOKKU_POSTGRES_<COLOR>`).
    pub alt_alias: &'static str,
    /// `PLUGIN_SCHEME`: the DSN scheme (an app's `<VARIABLE>_DATABASE_SCHEME` overrides it).
    pub scheme: &'static str,
    /// `PLUGIN_DATASTORE_PORTS`: the container ports, in the order `:expose` takes host ports.
    pub ports: &'static [u16],
    /// Who the DSN names.
    pub dsn_user: DsnUser,
    /// Whether the DSN ends in `/<database>`.
    pub dsn_has_database: bool,
    /// Which passwords exist.
    pub passwords: Passwords,
    /// `PLUGIN_UNIMPLEMENTED_SUBCOMMANDS`: subcommands that fail with "Not yet implemented".
    pub unimplemented: &'static [&'static str],
    /// The image and tag the plugin version creates services with (its `Dockerfile`).
    pub default_image: &'static str,
    /// See [`ServiceSpec::default_image`].
    pub default_image_version: &'static str,
    /// The format `:export` writes (`service_export` in `functions`), when the plugin has one.
    pub dump_format: Option<DumpFormat>,
}

impl ServiceSpec {
    /// `<prefix>:<subcommand>`.
    pub fn command(&self, subcommand: &str) -> String {
        format!("{}:{subcommand}", self.command_prefix)
    }

    /// Whether the plugin implements `subcommand` (`is_implemented_command`).
    pub fn implements(&self, subcommand: &str) -> bool {
        !self.unimplemented.contains(&subcommand)
    }

    /// Whether backups to S3 (auth, schedule, encryption) are implemented.
    pub fn has_backups(&self) -> bool {
        self.implements("backup-auth") && self.implements("backup-schedule")
    }

    /// Whether the data can be streamed out and in (`:export` and `:import`).
    pub fn has_data_transfer(&self) -> bool {
        self.implements("export") && self.implements("import")
    }

    /// Whether the service has a user password.
    pub fn has_password(&self) -> bool {
        self.passwords != Passwords::Absent
    }

    /// Whether the service has a root password.
    pub fn has_root_password(&self) -> bool {
        self.passwords == Passwords::UserAndRoot
    }

    /// The container name (`get_service_name`): `dokku.<prefix>.<service>`.
    pub fn container_name(&self, service: &str) -> String {
        format!("dokku.{}.{service}", self.command_prefix)
    }

    /// The host name linked apps reach the service at (`service_dns_hostname`): the container
    /// name with `.` and `_` turned into `-`.
    pub fn dns_hostname(&self, service: &str) -> String {
        self.container_name(service).replace(['.', '_'], "-")
    }

    /// The database name (`write_database_name`): the service name with `.` and `-` turned
    /// into `_`.
    pub fn database_name(&self, service: &str) -> String {
        service.replace(['.', '-'], "_")
    }

    /// The docker option a link adds to the app's build, deploy and run phases.
    pub fn link_docker_option(&self, service: &str) -> String {
        format!("--link {}:{}", self.container_name(service), self.dns_hostname(service))
    }

    /// The phases [`ServiceSpec::link_docker_option`] is added to.
    pub const LINK_PHASES: [&'static str; 3] = ["build", "deploy", "run"];

    /// The app variable that overrides the scheme of a link's URL (`update_plugin_scheme_for_app`).
    pub fn scheme_variable(&self) -> String {
        format!("{}_DATABASE_SCHEME", self.variable)
    }

    /// The DSN without its scheme (`service_url` after `://`): what identifies the service in
    /// an app's variables whatever scheme the app chose.
    pub fn dsn_body(&self, service: &str, password: Option<&str>) -> String {
        let password = password.unwrap_or_default();
        let credentials = match self.dsn_user {
            DsnUser::Fixed(user) => format!("{user}:{password}@"),
            DsnUser::ServiceName => format!("{service}:{password}@"),
            DsnUser::PasswordOnly => format!(":{password}@"),
            DsnUser::Anonymous => String::new(),
        };
        let port = self.ports.first().copied().unwrap_or_default();
        let mut body = format!("{credentials}{}:{port}", self.dns_hostname(service));
        if self.dsn_has_database {
            body.push('/');
            body.push_str(&self.database_name(service));
        }
        body
    }

    /// The URL a link sets: `<scheme>://<body>[?<querystring>]`.
    pub fn link_url(
        &self,
        scheme: &str,
        service: &str,
        password: Option<&str>,
        querystring: Option<&str>,
    ) -> String {
        let mut url = format!("{scheme}://{}", self.dsn_body(service, password));
        if let Some(q) = querystring.filter(|q| !q.is_empty()) {
            url.push('?');
            url.push_str(q);
        }
        url
    }

    /// Whether `name` is a service name `<type>:create` accepts (`is_valid_service_name`).
    pub fn is_valid_service_name(name: &str) -> bool {
        !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SPEC: ServiceSpec = ServiceSpec {
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
        dump_format: None,
    };

    #[test]
    fn names_follow_the_plugin_functions() {
        assert_eq!(SPEC.container_name("my_db-1"), "dokku.postgres.my_db-1");
        assert_eq!(SPEC.dns_hostname("my_db-1"), "dokku-postgres-my-db-1");
        assert_eq!(SPEC.database_name("my_db-1"), "my_db_1");
        assert_eq!(SPEC.link_docker_option("db"), "--link dokku.postgres.db:dokku-postgres-db");
        assert_eq!(
            SPEC.link_url("postgres", "db", Some("pw"), Some("pool=5")),
            "postgres://postgres:pw@dokku-postgres-db:5432/db?pool=5"
        );
        let redis = ServiceSpec { dsn_user: DsnUser::PasswordOnly, dsn_has_database: false, ..SPEC };
        assert_eq!(redis.dsn_body("c", Some("pw")), ":pw@dokku-postgres-c:5432");
        let es = ServiceSpec { dsn_user: DsnUser::Anonymous, dsn_has_database: false, ..SPEC };
        assert_eq!(es.dsn_body("s", None), "dokku-postgres-s:5432");
    }

    #[test]
    fn unimplemented_subcommands_are_known() {
        let es = ServiceSpec { unimplemented: &["backup-auth", "export"], ..SPEC };
        assert!(!es.has_backups() && !es.has_data_transfer() && es.implements("link"));
        assert!(SPEC.has_backups() && SPEC.has_data_transfer());
    }
}
