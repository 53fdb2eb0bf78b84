//! Date-times on the wire. Autotask stores and returns UTC (§1.4). Some clients see a trailing
//! `Z` and others none, so input is read either way; a time without an offset is UTC.
//! Date-only fields (contract start/end, effective dates) are sent as midnight without an
//! offset, because the service takes their date part as-is (§1.4).

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use serde::de::Error as _;
use serde::{Deserialize, Deserializer, Serializer};

pub fn parse(s: &str) -> Option<DateTime<Utc>> {
    let s = s.trim();
    if let Ok(dt) = DateTime::parse_from_rfc3339(s) {
        return Some(dt.with_timezone(&Utc));
    }
    if let Ok(naive) = NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S%.f") {
        return Some(naive.and_utc());
    }
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .ok()
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .map(|n| n.and_utc())
}

/// The wire form of a date-only value: `2024-05-01T00:00:00`.
pub fn date_only(d: NaiveDate) -> String {
    format!("{}T00:00:00", d.format("%Y-%m-%d"))
}

/// The wire form of an instant, for filters on date-time fields: UTC with a `Z`.
pub fn instant(dt: DateTime<Utc>) -> String {
    dt.format("%Y-%m-%dT%H:%M:%S%.3fZ").to_string()
}

/// `Option<DateTime<Utc>>` fields of records.
pub mod opt {
    use super::*;

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<DateTime<Utc>>, D::Error> {
        match Option::<String>::deserialize(d)? {
            None => Ok(None),
            Some(s) if s.trim().is_empty() => Ok(None),
            Some(s) => parse(&s)
                .map(Some)
                .ok_or_else(|| D::Error::custom(format!("{s:?} is not a date-time"))),
        }
    }
}

/// `NaiveDate` fields of create bodies (date-only, sent as midnight).
pub mod date {
    use super::*;

    pub fn serialize<S: Serializer>(d: &NaiveDate, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&date_only(*d))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_forms_seen() {
        let want = NaiveDate::from_ymd_opt(2024, 5, 1)
            .unwrap()
            .and_hms_opt(0, 0, 0)
            .unwrap()
            .and_utc();
        for s in [
            "2024-05-01T00:00:00Z",
            "2024-05-01T00:00:00",
            "2024-05-01T00:00:00.000",
            "2024-05-01T02:00:00+02:00",
            "2024-05-01",
        ] {
            assert_eq!(parse(s), Some(want), "{s}");
        }
        assert_eq!(
            date_only(NaiveDate::from_ymd_opt(2024, 5, 1).unwrap()),
            "2024-05-01T00:00:00"
        );
    }
}
