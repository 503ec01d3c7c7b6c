//! What a property plugin declares: its report, its properties, and what each one does.

use crate::DokkuVersion;
use crate::reports::ReportSpec;

/// Where a property can be set.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    /// Per app and `--global` (an app's own value wins).
    AppAndGlobal,
    /// Only `--global` (Dokku refuses it for an app).
    GlobalOnly,
    /// Only per app.
    AppOnly,
}

impl Scope {
    /// Whether the property can be set for an app (`true`) or globally (`false`).
    pub fn allows(self, app: bool) -> bool {
        match self {
            Self::AppAndGlobal => true,
            Self::GlobalOnly => !app,
            Self::AppOnly => app,
        }
    }
}

/// What a changed value needs before it takes effect.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Effect {
    /// Nothing: Dokku reads it when it is needed next (a cron run, a `ps:scale`).
    Immediate,
    /// A restart of the app (`ps:restart`: new containers from the current image).
    Restart,
    /// A rebuild of the app from source (`ps:rebuild`): a build-time setting.
    Rebuild,
    /// A restart of the server-wide service the plugin runs (a proxy, the log shipper), which
    /// apply does not do: the plan says so.
    Service,
}

/// How a report prints a property that is not set.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unset {
    /// As an empty value: the report shows exactly what is stored.
    Empty,
    /// As this default (the report resolves it): a value equal to it reads as unset, since the
    /// report cannot tell them apart.
    Shows(&'static str),
    /// As this default before the given version (major, minor, patch), as an empty value from it
    /// on (Dokku moved the report to the raw value then).
    ShowsUntil(&'static str, (u32, u32, u32)),
    /// As the default of the release that prints it, before the given version: each entry is
    /// the first release with that default (ascending). A proxy's image is the one its plugin's
    /// `Dockerfile` (or, earlier, its `internal-functions`) names, which changes with releases.
    ShowsByReleaseUntil(&'static [ReleaseDefault], (u32, u32, u32)),
}

/// The default a release range prints for an unset value: from `since` until the next entry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ReleaseDefault {
    /// The first release with this default (major, minor, patch).
    pub since: (u32, u32, u32),
    /// The default.
    pub value: &'static str,
}

impl ReleaseDefault {
    /// `value` from `major.minor.patch` on.
    pub const fn new(major: u32, minor: u32, patch: u32, value: &'static str) -> Self {
        Self { since: (major, minor, patch), value }
    }
}

impl Unset {
    /// Whether `value`, printed by `version`'s report, is the picture of an unset property.
    pub fn reads_as_unset(self, value: &str, version: &DokkuVersion) -> bool {
        value.is_empty()
            || match self {
                Self::Empty => false,
                Self::Shows(default) => value == default,
                Self::ShowsUntil(default, (major, minor, patch)) => {
                    *version < DokkuVersion::new(major, minor, patch) && value == default
                }
                Self::ShowsByReleaseUntil(defaults, (major, minor, patch)) => {
                    let release = |(a, b, c): (u32, u32, u32)| DokkuVersion::new(a, b, c);
                    *version < DokkuVersion::new(major, minor, patch)
                        && defaults
                            .iter()
                            .rev()
                            .find(|d| release(d.since) <= *version)
                            .is_some_and(|d| d.value == value)
                }
            }
    }
}

/// One property of `<plugin>:set`.
#[derive(Clone, Copy, Debug)]
pub struct Property {
    /// The key `<plugin>:set` takes and the report prints (`build-dir`).
    pub key: &'static str,
    /// Where it can be set.
    pub scope: Scope,
    /// Whether the value is a secret (a token, a password, a DSN with credentials): kept out of
    /// logs and plan output, and out of the main export file.
    pub secret: bool,
    /// What a change needs before it takes effect.
    pub effect: Effect,
    /// How the app report prints it when unset.
    pub app_unset: Unset,
    /// How the `global-` report key prints it when unset.
    pub global_unset: Unset,
    /// The first Dokku version that has it (major, minor, patch): a plain triple, so that
    /// declarations stay `const`.
    pub since: (u32, u32, u32),
    /// For a global-only property: the version before which reports printed its global value
    /// under the bare key (`mailto` rather than `global-mailto`).
    pub bare_until: Option<(u32, u32, u32)>,
}

impl Property {
    /// Whether `version` has this property.
    pub fn exists_in(&self, version: &DokkuVersion) -> bool {
        let (major, minor, patch) = self.since;
        *version >= DokkuVersion::new(major, minor, patch)
    }

    /// A plain property settable per app and globally, reported raw, effective at once.
    pub const fn new(key: &'static str) -> Self {
        Self {
            key,
            scope: Scope::AppAndGlobal,
            secret: false,
            effect: Effect::Immediate,
            app_unset: Unset::Empty,
            global_unset: Unset::Empty,
            since: (0, 0, 0),
            bare_until: None,
        }
    }

    /// Settable globally only.
    pub const fn global_only(mut self) -> Self {
        self.scope = Scope::GlobalOnly;
        self
    }

    /// Settable per app only.
    pub const fn app_only(mut self) -> Self {
        self.scope = Scope::AppOnly;
        self
    }

    /// A secret value.
    pub const fn secret(mut self) -> Self {
        self.secret = true;
        self
    }

    /// What a change needs.
    pub const fn effect(mut self, effect: Effect) -> Self {
        self.effect = effect;
        self
    }

    /// The `global-` report key prints `default` when the global value is unset.
    pub const fn global_shows(mut self, default: &'static str) -> Self {
        self.global_unset = Unset::Shows(default);
        self
    }

    /// The `global-` report key printed `default` for an unset value before `major.minor.patch`.
    pub const fn global_shows_until(
        mut self,
        default: &'static str,
        major: u32,
        minor: u32,
        patch: u32,
    ) -> Self {
        self.global_unset = Unset::ShowsUntil(default, (major, minor, patch));
        self
    }

    /// The report printed the default of its own release for an unset global value before
    /// `major.minor.patch` (`defaults` ascending by release).
    pub const fn global_shows_by_release_until(
        mut self,
        defaults: &'static [ReleaseDefault],
        major: u32,
        minor: u32,
        patch: u32,
    ) -> Self {
        self.global_unset = Unset::ShowsByReleaseUntil(defaults, (major, minor, patch));
        self
    }

    /// The app report key prints `default` when the app value is unset.
    pub const fn app_shows(mut self, default: &'static str) -> Self {
        self.app_unset = Unset::Shows(default);
        self
    }

    /// Reported under its bare key (for its global value) before `major.minor.patch`.
    pub const fn bare_until(mut self, major: u32, minor: u32, patch: u32) -> Self {
        self.bare_until = Some((major, minor, patch));
        self
    }

    /// First present in `major.minor.patch`.
    pub const fn since(mut self, major: u32, minor: u32, patch: u32) -> Self {
        self.since = (major, minor, patch);
        self
    }
}

/// A family of properties named `<prefix><NAME>` (`dns-provider-CF_DNS_API_TOKEN`): any name,
/// always a secret, set and unset like the others.
#[derive(Clone, Copy, Debug)]
pub struct PrefixedProperty {
    /// The common prefix (`dns-provider-`).
    pub prefix: &'static str,
    /// Where the family can be set.
    pub scope: Scope,
    /// What a change needs.
    pub effect: Effect,
    /// For a global-only family: the version before which reports printed it under the bare
    /// key (`dns-provider-X` rather than `global-dns-provider-X`).
    pub bare_until: Option<(u32, u32, u32)>,
}

/// Whether `version` is before `until` (absent: never).
pub(crate) fn before(version: &DokkuVersion, until: Option<(u32, u32, u32)>) -> bool {
    until.is_some_and(|(major, minor, patch)| *version < DokkuVersion::new(major, minor, patch))
}

/// A Dokku plugin whose whole state is a set of properties (app and `--global`), read from its
/// `:report` and written with `<plugin>:set`.
#[derive(Clone, Debug)]
pub struct PropertyPluginSpec {
    /// The plugin's list key in the export document (`builder_dockerfile`).
    pub key: &'static str,
    /// The plugin's command namespace (`builder-dockerfile`, `caddy`): `<namespace>:set`,
    /// `<namespace>:report`. (`plugin:list` may name the plugin otherwise: `caddy-vhosts`.)
    pub namespace: &'static str,
    /// How its report is read.
    pub report: ReportSpec,
    /// Its properties.
    pub properties: &'static [Property],
    /// Its families of prefixed properties.
    pub prefixed: &'static [PrefixedProperty],
    /// Report keys that are derived or runtime state (`detected`, `task-count`): dropped
    /// without a warning, never applied.
    pub read_only: &'static [&'static str],
    /// Document keys of the plugins whose records must be applied first.
    pub requires: &'static [&'static str],
    /// The first Dokku version that has the plugin.
    pub since: DokkuVersion,
    /// How the text report hides secret values it will not show, if it hides any.
    pub mask: Option<Mask>,
    /// A read-only list worth exporting for information (never applied), read only for the apps
    /// whose report counts entries in it: cron's tasks (`task-count`, `cron:list <app> --format
    /// json`), which come from a deployed app's `app.json`.
    pub counted_list: Option<CountedList>,
    /// Whether the plugin keeps container labels per app (`<namespace>:labels:add|remove|show`:
    /// the proxies, Dokku 0.37.0+).
    pub labels: bool,
    /// Report keys older versions printed under another name: (old key, current key, first
    /// version with the current name). `app-json`'s `selected` became `appjson-path` in 0.38.3.
    pub renamed: &'static [(&'static str, &'static str, (u32, u32, u32))],
}

/// A read-only list an app report counts (see [`PropertyPluginSpec::counted_list`]).
#[derive(Clone, Copy, Debug)]
pub struct CountedList {
    /// The report key holding the count (`task-count`).
    pub count_key: &'static str,
    /// The list subcommand, given the app and `--format json` (`cron:list`).
    pub subcommand: &'static str,
    /// The key under which the list lands in the record's `info` (`tasks`).
    pub info_key: &'static str,
}

/// How a text report hides a secret value (the JSON form and the value's own info flag show it).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mask {
    /// Replaced by this text (traefik: `*******`).
    Replaced(&'static str),
    /// A URL reduced to `<scheme>://redacted` (logs sinks).
    RedactedUrl,
}

impl Mask {
    /// Whether `value` is this mask rather than a value.
    pub fn hides(self, value: &str) -> bool {
        match self {
            Self::Replaced(mask) => value == mask,
            Self::RedactedUrl => value.split_once("://").is_some_and(|(scheme, rest)| {
                rest == "redacted" && !scheme.is_empty() && !scheme.contains(char::is_whitespace)
            }),
        }
    }
}

impl PropertyPluginSpec {
    /// The declared property `key`, if any.
    pub fn property(&self, key: &str) -> Option<&Property> {
        self.properties.iter().find(|p| p.key == key)
    }

    /// The family `key` belongs to, if any (the name after the prefix must not be empty).
    pub fn prefixed(&self, key: &str) -> Option<&PrefixedProperty> {
        self.prefixed.iter().find(|f| key.len() > f.prefix.len() && key.starts_with(f.prefix))
    }

    /// Whether `key` is a secret.
    pub fn is_secret(&self, key: &str) -> bool {
        self.property(key).is_some_and(|p| p.secret) || self.prefixed(key).is_some()
    }

    /// Where `key` can be set (`None` for an unknown key).
    pub fn scope(&self, key: &str) -> Option<Scope> {
        self.property(key).map(|p| p.scope).or_else(|| self.prefixed(key).map(|f| f.scope))
    }

    /// What a change of `key` needs.
    pub fn effect(&self, key: &str) -> Effect {
        self.property(key)
            .map(|p| p.effect)
            .or_else(|| self.prefixed(key).map(|f| f.effect))
            .unwrap_or(Effect::Immediate)
    }

    /// `<plugin>:set`.
    pub fn set_subcommand(&self) -> String {
        format!("{}:set", self.namespace)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_release_default_reads_as_unset_only_on_its_releases() {
        const IMAGES: &[ReleaseDefault] =
            &[ReleaseDefault::new(0, 30, 0, "img:1"), ReleaseDefault::new(0, 33, 8, "img:2")];
        let unset = Unset::ShowsByReleaseUntil(IMAGES, (0, 38, 6));
        assert!(unset.reads_as_unset("img:1", &DokkuVersion::new(0, 33, 7)));
        assert!(!unset.reads_as_unset("img:1", &DokkuVersion::new(0, 33, 8)), "pinned to the old image");
        assert!(unset.reads_as_unset("img:2", &DokkuVersion::new(0, 37, 0)));
        assert!(!unset.reads_as_unset("img:2", &DokkuVersion::new(0, 38, 6)), "raw from 0.38.6");
        assert!(!unset.reads_as_unset("img:1", &DokkuVersion::new(0, 29, 0)));
    }
}
