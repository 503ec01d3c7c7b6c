//! Orders plugins by their dependencies: batches of plugins whose requirements are all met.

use dokku_core::plugin::PluginGlue;

/// Groups `plugins` into batches: each batch holds every not-yet-scheduled plugin whose
/// requirements are in earlier batches, in registration order. A requirement on a plugin this
/// build does not have is ignored (nothing of it can run anyway).
pub fn batches<'a>(plugins: &[&'a dyn PluginGlue]) -> Result<Vec<Vec<&'a dyn PluginGlue>>, String> {
    let known = |key: &str| plugins.iter().any(|p| p.key() == key);
    let mut done: Vec<&str> = Vec::new();
    let mut batches = Vec::new();
    while done.len() < plugins.len() {
        let ready: Vec<&'a dyn PluginGlue> = plugins
            .iter()
            .copied()
            .filter(|p| !done.contains(&p.key()))
            .filter(|p| p.requires().iter().all(|r| !known(r) || done.contains(r)))
            .collect();
        if ready.is_empty() {
            let remaining: Vec<&str> =
                plugins.iter().map(|p| p.key()).filter(|k| !done.contains(k)).collect();
            return Err(format!("the plugin requirements form a cycle among: {}", remaining.join(", ")));
        }
        done.extend(ready.iter().map(|p| p.key()));
        batches.push(ready);
    }
    Ok(batches)
}

/// The plugins in scheduling order (the order of export keys and of apply).
pub fn flattened<'a>(plugins: &[&'a dyn PluginGlue]) -> Result<Vec<&'a dyn PluginGlue>, String> {
    Ok(batches(plugins)?.into_iter().flatten().collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use dokku_core::plugin::{DocumentError, Exported, GlueFuture};
    use dokku_core::{Client, Command, Error};

    struct Fake(&'static str, &'static [&'static str]);

    impl PluginGlue for Fake {
        fn key(&self) -> &'static str {
            self.0
        }
        fn dokku_name(&self) -> &'static str {
            self.0
        }
        fn requires(&self) -> &'static [&'static str] {
            self.1
        }
        fn reads_installed_plugins(&self) -> bool {
            false
        }
        fn longest_read(&self, _: usize) -> f64 {
            0.0
        }
        fn record_schema(&self, _: &mut schemars::SchemaGenerator) -> schemars::Schema {
            schemars::Schema::default()
        }
        fn confirm_unread<'a>(
            &'a self,
            _: &'a Client,
            _: &'a [serde_json::Value],
            _: &'a dokku_core::plugin::DiffOptions,
        ) -> GlueFuture<'a, Result<Vec<serde_json::Value>, Error>> {
            Box::pin(async { Ok(Vec::new()) })
        }
        fn export<'a>(
            &'a self,
            _: &'a Client,
            _: &'a dokku_core::plugin::ExportScope,
        ) -> GlueFuture<'a, Result<Exported<serde_json::Value>, Error>> {
            Box::pin(async { Ok(Exported::default()) })
        }
        fn plan_create(&self, _: &[serde_json::Value]) -> Result<Vec<Command>, Vec<DocumentError>> {
            Ok(Vec::new())
        }
        fn owned_elsewhere(&self, _: &[serde_json::Value]) -> Vec<dokku_core::ownership::OwnedValue> {
            Vec::new()
        }
        fn release_owned(&self, _: &mut Vec<serde_json::Value>, _: &[dokku_core::ownership::OwnedValue]) {}
        fn diff(
            &self,
            _: &[serde_json::Value],
            _: &[serde_json::Value],
            _: &dokku_core::plugin::DiffOptions,
        ) -> Result<dokku_core::plugin::PluginDiff, Vec<DocumentError>> {
            Ok(dokku_core::plugin::PluginDiff::default())
        }
    }

    fn keys(b: &[Vec<&dyn PluginGlue>]) -> Vec<Vec<&'static str>> {
        b.iter().map(|batch| batch.iter().map(|p| p.key()).collect()).collect()
    }

    #[test]
    fn batches_like_pydokku() {
        let (a, b, c, d, e, f) = (
            Fake("a", &[]),
            Fake("b", &["a"]),
            Fake("c", &["a"]),
            Fake("d", &["c"]),
            Fake("e", &["b", "d"]),
            Fake("f", &["c"]),
        );
        let all: Vec<&dyn PluginGlue> = vec![&a, &b, &c, &d, &e, &f];
        assert_eq!(
            keys(&batches(&all).unwrap_or_default()),
            vec![vec!["a"], vec!["b", "c"], vec!["d", "f"], vec!["e"]]
        );
    }

    #[test]
    fn cycles_are_reported_and_missing_plugins_ignored() {
        let (a, b) = (Fake("a", &["b"]), Fake("b", &["a"]));
        let cyclic: Vec<&dyn PluginGlue> = vec![&a, &b];
        assert!(batches(&cyclic).err().unwrap_or_default().contains("a, b"));
        let lone = Fake("x", &["not-compiled-in"]);
        let only: Vec<&dyn PluginGlue> = vec![&lone];
        assert_eq!(keys(&batches(&only).unwrap_or_default()), vec![vec!["x"]]);
    }
}
