//! The engine behind `dokkuctl`, usable as a library: the registry of compiled-in plugins, the
//! dependency scheduler, export, apply and `--print-only` scripts.
//!
//! Every Dokku plugin is a cargo feature (default: all); the engine knows only the plugins this
//! build has.

pub mod engine;
