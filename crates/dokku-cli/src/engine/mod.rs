//! The export/apply engine: plugin registry, dependency scheduler, export, apply, scripts.

pub mod apply;
pub mod availability;
pub mod check;
pub mod converge;
pub mod document;
pub mod error;
pub mod export;
pub mod graph;
pub mod observer;
pub mod ownership;
pub mod plan;
pub mod plan_view;
pub mod registry;
pub mod scheduler;
pub mod schema;
pub mod schema_walk;
pub mod script;
pub mod secrets;
pub mod secrets_encryption;
pub mod secrets_file;
#[cfg(feature = "service-plugin")]
pub mod service_copy;
