//! Dokku's Unix timestamps as RFC 3339 in UTC, never in the local machine's zone.

use serde::{Deserialize, Deserializer, Serializer};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

/// A point in time read from Dokku; serialised as RFC 3339 with a `+00:00`-style UTC offset.
pub type Timestamp = OffsetDateTime;

/// Reads Dokku's Unix-seconds text (`1795694096`); empty gives `None`.
pub fn from_unix_text(text: &str) -> Result<Option<Timestamp>, String> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    let seconds: i64 = text.parse().map_err(|_| format!("not a Unix timestamp: {text:?}"))?;
    OffsetDateTime::from_unix_timestamp(seconds).map(Some).map_err(|e| format!("{text:?}: {e}"))
}

/// Formats as RFC 3339 (`2026-11-26T11:54:56Z`).
pub fn to_rfc3339(t: &Timestamp) -> String {
    t.to_offset(time::UtcOffset::UTC).format(&Rfc3339).unwrap_or_default()
}

/// Parses RFC 3339, also with a space instead of `T` (pydokku writes `2025-01-07 22:00:54+00:00`).
pub fn parse_rfc3339(text: &str) -> Result<Timestamp, String> {
    let normalised = if text.len() > 10 && text.as_bytes()[10] == b' ' {
        format!("{}T{}", &text[..10], &text[11..])
    } else {
        text.to_owned()
    };
    OffsetDateTime::parse(&normalised, &Rfc3339).map_err(|e| format!("not an RFC 3339 time {text:?}: {e}"))
}

/// Serde for `Option<Timestamp>` fields (`#[serde(with = "dokku_core::timestamp::option")]`).
pub mod option {
    use super::*;

    /// Serialises as an RFC 3339 string.
    pub fn serialize<S: Serializer>(value: &Option<Timestamp>, serializer: S) -> Result<S::Ok, S::Error> {
        match value {
            Some(t) => serializer.serialize_str(&to_rfc3339(t)),
            None => serializer.serialize_none(),
        }
    }

    /// Reads an RFC 3339 string (`T` or space) or null.
    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<Timestamp>, D::Error> {
        let text: Option<String> = Option::deserialize(deserializer)?;
        text.map(|t| parse_rfc3339(&t).map_err(serde::de::Error::custom)).transpose()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unix_text_becomes_utc_rfc3339() {
        let t = from_unix_text("1736287254").ok().flatten();
        assert_eq!(t.as_ref().map(to_rfc3339).as_deref(), Some("2025-01-07T22:00:54Z"));
        assert_eq!(from_unix_text(" ").ok(), Some(None));
        assert!(from_unix_text("yesterday").is_err());
    }

    #[test]
    fn reads_pydokku_and_rfc3339_forms() {
        let a = parse_rfc3339("2025-01-07 22:00:54+00:00").ok();
        let b = parse_rfc3339("2025-01-07T22:00:54Z").ok();
        assert!(a.is_some() && a == b);
        assert!(parse_rfc3339("2025-01-07").is_err());
    }
}
