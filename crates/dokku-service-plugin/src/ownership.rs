//! What a service's links write into other plugins' state and recreate themselves: the app's
//! `<ALIAS>_URL` variables (config) and the `--link` option of its build, deploy and run phases
//! (docker-options, `service_link`).

use dokku_core::ownership::OwnedValue;

use crate::model::ServiceRecord;
use crate::spec::ServiceSpec;

/// The config variables and docker options that `records`' links own.
pub fn owned_values(spec: &ServiceSpec, records: &[ServiceRecord]) -> Vec<OwnedValue> {
    let mut owned = Vec::new();
    for record in records {
        for link in &record.links {
            let value = |holder: &str, item: String, scopes: &[&str]| OwnedValue {
                owner: spec.key.to_owned(),
                holder: holder.to_owned(),
                app: Some(link.app.clone()),
                item,
                scopes: scopes.iter().map(|s| (*s).to_owned()).collect(),
            };
            for alias in std::iter::once(&link.alias).chain(&link.also) {
                owned.push(value("config", format!("{alias}_URL"), &[]));
            }
            owned.push(value(
                "docker_options",
                spec.link_docker_option(&record.name),
                &ServiceSpec::LINK_PHASES,
            ));
        }
    }
    owned
}
