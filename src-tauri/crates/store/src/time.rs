//! Times in the store are UTC ISO-8601 text with milliseconds, e.g. `2026-12-04T15:50:46.123Z`.

use chrono::{DateTime, SecondsFormat, Utc};

use crate::StoreError;

pub fn to_text(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Millis, true)
}

pub fn from_text(text: &str) -> Result<DateTime<Utc>, StoreError> {
    DateTime::parse_from_rfc3339(text)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|_| StoreError::Corrupt {
            what: "time",
            value: text.to_string(),
        })
}

pub fn opt_from_text(text: Option<&str>) -> Result<Option<DateTime<Utc>>, StoreError> {
    text.map(from_text).transpose()
}
