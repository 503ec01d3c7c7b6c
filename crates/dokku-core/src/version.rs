//! The Dokku version, parsed from `dokku version`.

use std::cmp::Ordering;
use std::fmt;

/// A Dokku version such as `0.38.27`, with an optional git/dev suffix.
///
/// Ordering compares the numeric parts only: `0.38.27-33-g33896f5d7` sorts with `0.38.27`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct DokkuVersion {
    /// Major part.
    pub major: u32,
    /// Minor part.
    pub minor: u32,
    /// Patch part.
    pub patch: u32,
    /// Whatever followed the numbers (`-33-g33896f5d7`, `-dev`), verbatim.
    pub suffix: Option<String>,
}

/// `dokku version` printed something that is not a version.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("not a Dokku version: {0:?}")]
pub struct VersionError(pub String);

impl DokkuVersion {
    /// A plain `major.minor.patch` version.
    pub const fn new(major: u32, minor: u32, patch: u32) -> Self {
        Self { major, minor, patch, suffix: None }
    }

    /// Parses the output of `dokku version` (`dokku version 0.38.27`), of `dokku --version`,
    /// or a bare version (`0.38.27`, `v0.38.27-33-g33896f5d7`).
    pub fn parse(output: &str) -> Result<Self, VersionError> {
        let line = output.lines().map(str::trim).find(|l| !l.is_empty()).unwrap_or("");
        let word = line.strip_prefix("dokku version ").unwrap_or(line).trim();
        let word = word.strip_prefix('v').unwrap_or(word);
        let err = || VersionError(output.trim().chars().take(80).collect());
        let numeric_end = word.find(|c: char| !(c.is_ascii_digit() || c == '.')).unwrap_or(word.len());
        let (numbers, rest) = word.split_at(numeric_end);
        let mut parts = numbers.split('.');
        let mut next = || -> Result<u32, VersionError> {
            parts.next().filter(|p| !p.is_empty()).ok_or_else(err)?.parse().map_err(|_| err())
        };
        let (major, minor) = (next()?, next()?);
        let patch = if numbers.matches('.').count() >= 2 { next()? } else { 0 };
        if parts.next().is_some() || rest.contains(char::is_whitespace) {
            return Err(err());
        }
        let suffix = (!rest.is_empty()).then(|| rest.to_owned());
        Ok(Self { major, minor, patch, suffix })
    }

    /// Whether every `:report` of this version accepts `--format json` (0.38.0 and later; before,
    /// only the Go-implemented reports had it).
    pub fn all_reports_have_json(&self) -> bool {
        self >= &Self::new(0, 38, 0)
    }

    fn key(&self) -> (u32, u32, u32) {
        (self.major, self.minor, self.patch)
    }
}

impl PartialOrd for DokkuVersion {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for DokkuVersion {
    fn cmp(&self, other: &Self) -> Ordering {
        self.key().cmp(&other.key()).then_with(|| self.suffix.cmp(&other.suffix))
    }
}

impl fmt::Display for DokkuVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}.{}{}", self.major, self.minor, self.patch, self.suffix.as_deref().unwrap_or(""))
    }
}

impl std::str::FromStr for DokkuVersion {
    type Err = VersionError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

#[cfg(test)]
mod tests {
    use super::DokkuVersion;

    #[test]
    fn parses_version_outputs() {
        let v = DokkuVersion::parse("dokku version 0.38.27\n").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(v, DokkuVersion::new(0, 38, 27));
        let v = DokkuVersion::parse("v0.38.27-33-g33896f5d7").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(v.suffix.as_deref(), Some("-33-g33896f5d7"));
        assert_eq!(v.to_string(), "0.38.27-33-g33896f5d7");
        let v = DokkuVersion::parse("dokku version 0.35.20-dev\n").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!((v.minor, v.suffix.as_deref()), (35, Some("-dev")));
        assert!(DokkuVersion::parse("command not found").is_err());
        assert!(DokkuVersion::parse("").is_err());
        assert!(DokkuVersion::parse("dokku version 0.38.27 extra").is_err());
    }

    #[test]
    fn orders_numerically() {
        assert!(DokkuVersion::new(0, 38, 0) > DokkuVersion::new(0, 9, 99));
        assert!(DokkuVersion::new(0, 38, 0).all_reports_have_json());
        assert!(!DokkuVersion::new(0, 37, 10).all_reports_have_json());
    }
}
