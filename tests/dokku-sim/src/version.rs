//! The Dokku version the simulator imitates (`DOKKU_SIM_VERSION`, default 0.38.27).
//!
//! Only behaviour that a client can observe and that changed between versions is switched on
//! it: the printed version and which reports accept `--format json` and with which key shape.

use std::fmt;

/// The version imitated when `DOKKU_SIM_VERSION` is unset.
pub const DEFAULT_VERSION: &str = "0.38.27";

/// A Dokku release number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct DokkuVersion {
    /// Major number (always 0 so far).
    pub major: u32,
    /// Minor number.
    pub minor: u32,
    /// Patch number.
    pub patch: u32,
}

impl DokkuVersion {
    /// A version from its three numbers.
    pub const fn new(major: u32, minor: u32, patch: u32) -> Self {
        Self { major, minor, patch }
    }

    /// Parses `0.38.27` (a leading `v` is accepted).
    pub fn parse(text: &str) -> Option<Self> {
        let mut numbers = text.trim().trim_start_matches('v').split('.');
        let major = numbers.next()?.parse().ok()?;
        let minor = numbers.next()?.parse().ok()?;
        let patch = numbers.next().unwrap_or("0").parse().ok()?;
        Some(Self::new(major, minor, patch))
    }

    /// The version named by `DOKKU_SIM_VERSION`, or the default.
    pub fn from_env() -> Self {
        crate::settings::setting("DOKKU_SIM_VERSION")
            .and_then(|text| Self::parse(&text))
            .unwrap_or(Self::new(0, 38, 27))
    }

    /// Whether this version is at least `major.minor.patch`.
    pub fn at_least(self, major: u32, minor: u32, patch: u32) -> bool {
        self >= Self::new(major, minor, patch)
    }
}

impl fmt::Display for DokkuVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}.{}", self.major, self.minor, self.patch)
    }
}

impl DokkuVersion {
    /// Whether this version is at least `other`.
    pub fn at_least_version(self, other: Self) -> bool {
        self >= other
    }
}
