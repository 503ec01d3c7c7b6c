//! The Dokku `certs` plugin: each app's TLS certificate and private key, the report parser,
//! the `certs:*` commands, and the export/apply glue.
//!
//! Embedding just this crate with `dokku-core`:
//!
//! ```no_run
//! # async fn demo() -> Result<(), dokku_core::Error> {
//! use dokku_core::{Client, ClientOptions, SshConfig};
//! use dokku_certs::{CertsClient, fingerprint};
//!
//! let client = Client::ssh(&SshConfig::new("dokku@dokku.example.com"), ClientOptions::default()).await?;
//! let certs = CertsClient::new(&client);
//! let crt = std::fs::read_to_string("server.crt").unwrap_or_default();
//! let key = std::fs::read_to_string("server.key").unwrap_or_default();
//! certs.set("my-app", &crt, &key, false).await?;
//! println!("{:?}", fingerprint(&certs.show("my-app", false).await?));
//! client.close().await?;
//! # Ok(())
//! # }
//! ```
//!
//! Export reads each app's `certs:report`, then `certs:show <app> crt` and `key` for the apps
//! that have a certificate. Certificates Let's Encrypt issued (by the report's issuer) are left
//! to the letsencrypt plugin. Apply pipes a tar of `server.crt` and `server.key` to
//! `certs:add`/`certs:update`; the key is a secret everywhere, and plans show fingerprints.
//!
//! Left out: `certs:generate` (prompts on a terminal).

mod commands;
mod create;
mod diff;
mod export;
mod fingerprint;
mod model;
mod parse;
mod tarball;

pub use commands::{CertsClient, builders};
pub use export::CertsPlugin;
pub use fingerprint::fingerprint;
pub use model::Certificate;
pub use parse::{CertReport, REPORT, app_from_values, parse_report_json, parse_report_text};
