//! `…DateUtc` values. Whether the wire carries a `Z`, an offset or nothing, and how many
//! fractional digits, is unknown (reference §2.0, §6 q6), so every form is accepted and a value
//! without an offset is taken as UTC.

use chrono::{DateTime, NaiveDateTime, Utc};
use serde::{Deserialize, Deserializer};

pub fn parse(s: &str) -> Option<DateTime<Utc>> {
    let s = s.trim();
    if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        return Some(t.with_timezone(&Utc));
    }
    for format in ["%Y-%m-%dT%H:%M:%S%.f", "%Y-%m-%d %H:%M:%S%.f"] {
        if let Ok(t) = NaiveDateTime::parse_from_str(s, format) {
            return Some(t.and_utc());
        }
    }
    None
}

pub fn option<'de, D: Deserializer<'de>>(d: D) -> Result<Option<DateTime<Utc>>, D::Error> {
    match Option::<String>::deserialize(d)? {
        None => Ok(None),
        Some(s) if s.trim().is_empty() => Ok(None),
        Some(s) => parse(&s)
            .map(Some)
            .ok_or_else(|| serde::de::Error::custom(format!("not a date-time: {s}"))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_plausible_form_is_utc() {
        let want = "2026-12-04T09:30:00.123Z";
        for s in [
            "2026-12-04T09:30:00.123Z",
            "2026-12-04T09:30:00.1230000",
            "2026-12-04T10:30:00.123+01:00",
            "2026-12-04 09:30:00.123",
        ] {
            let t = parse(s).unwrap_or_else(|| panic!("{s} parses"));
            assert_eq!(t.to_rfc3339_opts(chrono::SecondsFormat::Millis, true), want);
        }
        assert!(parse("2026-12-04T09:30:00").is_some());
        assert!(parse("yesterday").is_none());
    }
}
