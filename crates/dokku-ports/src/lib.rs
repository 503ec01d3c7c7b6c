//! The Dokku `ports` plugin: port-mapping records, their report parsers (and the pre-0.31
//! `proxy:ports` table), the `ports:*` commands, and the export/apply glue.
//!
//! Embedding just this crate with `dokku-core`:
//!
//! ```no_run
//! # async fn demo() -> Result<(), dokku_core::Error> {
//! use dokku_core::{Client, ClientOptions, SshConfig};
//!
//! let client = Client::ssh(&SshConfig::new("dokku@dokku.example.com"), ClientOptions::default()).await?;
//! let ports = dokku_ports::Ports::new(&client);
//! let web = dokku_ports::parse_port_token("http:80:5000", Some("my-app")).map_err(dokku_core::Error::Config)?;
//! ports.set("my-app", &[web]).await?;
//! for port in ports.list("my-app").await? {
//!     println!("{}", port.token());
//! }
//! client.close().await?;
//! # Ok(())
//! # }
//! ```
//!
//! Every `ports:*` subcommand is wrapped, each with its `proxy:ports*` twin for Dokku before
//! 0.31 (the typed methods pick the form from the server's version). Left out: `ports:report`
//! info flags (`--ports-map` …), since the whole report is read anyway. Dokku has no global port
//! map, so there is no global setter.

mod commands;
mod diff;
mod export;
mod model;
mod parse;

pub use commands::{Ports, builders};
pub use export::PortsPlugin;
pub use model::Port;
pub use parse::{
    PORTS_PLUGIN_SINCE, PortListRow, REPORT, is_no_mappings_message, parse_port_map, parse_port_token,
    parse_ports_list, parse_ports_table, parse_report_json, parse_report_text, ports_from_files,
    ports_from_values, uses_proxy_ports,
};
