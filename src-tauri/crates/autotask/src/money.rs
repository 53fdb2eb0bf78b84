//! Money on the wire. Autotask sends decimals as JSON numbers (§1.4); parsing them as f64 would
//! turn 19.99 into 19.989999…, so the number's own text is read (serde_json's `raw_value`) and
//! parsed as a decimal. Going out, the decimal's text is written as a JSON number.

use std::str::FromStr;

use rust_decimal::Decimal;
use serde::de::Error as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::value::RawValue;

use crate::patch::Patch;

/// Parses a decimal from the raw JSON text of a number or a numeric string.
pub fn parse(raw: &str) -> Result<Decimal, String> {
    let text = raw.trim();
    let text = text
        .strip_prefix('"')
        .and_then(|t| t.strip_suffix('"'))
        .unwrap_or(text)
        .trim();
    let parsed = if text.contains(['e', 'E']) {
        Decimal::from_scientific(text)
    } else {
        Decimal::from_str(text)
    };
    parsed.map_err(|e| format!("{text:?} is not a decimal: {e}"))
}

fn raw_number(d: &Decimal) -> Box<RawValue> {
    // A Decimal's Display is plain digits with an optional point: always a valid JSON number.
    RawValue::from_string(d.normalize().to_string()).expect("decimal text is a JSON number")
}

/// `Option<Decimal>` fields: null or absent is `None`.
pub mod opt {
    use super::*;

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Decimal>, D::Error> {
        let raw: Option<Box<RawValue>> = Option::deserialize(d)?;
        match raw {
            None => Ok(None),
            Some(r) if r.get() == "null" => Ok(None),
            Some(r) => parse(r.get()).map(Some).map_err(D::Error::custom),
        }
    }

    pub fn serialize<S: Serializer>(v: &Option<Decimal>, s: S) -> Result<S::Ok, S::Error> {
        match v {
            Some(d) => raw_number(d).serialize(s),
            None => s.serialize_none(),
        }
    }
}

/// Required `Decimal` fields of request bodies.
pub mod req {
    use super::*;

    pub fn serialize<S: Serializer>(v: &Decimal, s: S) -> Result<S::Ok, S::Error> {
        raw_number(v).serialize(s)
    }
}

/// `Patch<Decimal>` fields of update bodies.
pub mod patch {
    use super::*;

    pub fn serialize<S: Serializer>(v: &Patch<Decimal>, s: S) -> Result<S::Ok, S::Error> {
        match v {
            Patch::Value(d) => raw_number(d).serialize(s),
            Patch::Null | Patch::Unset => s.serialize_none(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_number_text_exactly() {
        for (raw, want) in [
            ("0.1", "0.1"),
            ("19.99", "19.99"),
            ("12345678.9012", "12345678.9012"),
            ("\"4.50\"", "4.50"),
            ("-3", "-3"),
            ("1.5e2", "150"),
        ] {
            assert_eq!(
                parse(raw).unwrap(),
                Decimal::from_str(want).unwrap(),
                "{raw}"
            );
        }
        assert!(parse("\"abc\"").is_err());
    }

    #[test]
    fn writes_a_json_number() {
        #[derive(Serialize)]
        struct Body {
            #[serde(with = "opt")]
            price: Option<Decimal>,
        }
        let body = Body {
            price: Some(Decimal::from_str("12345678.9012").unwrap()),
        };
        assert_eq!(
            serde_json::to_string(&body).unwrap(),
            r#"{"price":12345678.9012}"#
        );
    }
}
