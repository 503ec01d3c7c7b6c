//! Pure parsers of the service plugins' output, written from the plugins' `printf`/`echo`
//! formats (`common-functions`). Over SSH Dokku runs without a TTY and so sets
//! `DOKKU_QUIET_OUTPUT`: the `=====>` headers (`dokku_log_info2_quiet`) are then absent, and
//! every parser accepts output with and without them.

mod app_variables;
mod backup_schedule;
mod info;
mod names;
mod service_files;

pub use app_variables::{LinkVariables, link_variables, parse_app_variables};
pub use backup_schedule::parse_backup_schedule;
pub use info::{ServiceInfo, parse_exposed_ports, parse_info, parse_info_links, password_from_dsn};
pub use names::{parse_names, parse_service_list};
pub use service_files::{ServiceFiles, parse_service_files};
