//! The shared mechanics of Dokku's property plugins (`builder`, `logs`, `registry`, the
//! proxies, …): state that is a set of `<plugin>:set [--global|<app>] <key> <value>` values,
//! read back from the plugin's `:report`.
//!
//! A plugin crate declares a [`PropertyPluginSpec`] (its report, its [`Property`]s with their
//! scope, secrecy, effect and version) and a [`PropertyPlugin`]; [`Properties`] of it is the
//! [`Plugin`](crate::plugin::Plugin) the engine runs. Reading ([`app_record`],
//! [`global_record`]) and planning ([`create_commands`], [`diff`], [`validate`]) are pure
//! functions of the spec and the records, tested on captured reports in each plugin crate.

mod files;
mod glue;
mod labels;
mod plan;
mod read;
mod record;
mod spec;

pub use files::{export_from_files, record_from_files};
pub use glue::{Properties, PropertyPlugin, export_properties};
pub use labels::{
    add_command as add_label_command, parse_label_files, parse_labels_show,
    remove_command as remove_label_command,
};
pub use plan::{create_commands, diff, set_command, validate};
pub use read::{app_record, global_record};
pub use record::PropertyRecord;
pub use spec::{
    CountedList, Effect, Mask, PrefixedProperty, Property, PropertyPluginSpec, ReleaseDefault, Scope, Unset,
};
