//! Records as the simulator stores them (only the fields that hold a value), and the conversions
//! between them and the wire: lenient, case-insensitive input; full camelCase output.

use chrono::{DateTime, NaiveDate, NaiveDateTime, SecondsFormat, Utc};
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use serde_json::{Map, Value};

use crate::schema::{Entity, Ty};

pub type Record = Map<String, Value>;

pub const UDF_KEY: &str = "userDefinedFields";

/// A user-defined field the tenant has declared on an entity.
#[derive(Debug, Clone)]
pub struct UdfDef {
    pub name: String,
    pub label: String,
    pub description: String,
}

/// Parses the date-time forms clients send: RFC 3339 with an offset (converted to UTC), a naive
/// date-time (taken as UTC, as the service does), or a bare date (midnight).
pub fn parse_datetime(s: &str) -> Option<DateTime<Utc>> {
    let s = s.trim();
    if let Ok(dt) = DateTime::parse_from_rfc3339(s) {
        return Some(dt.with_timezone(&Utc));
    }
    if let Ok(naive) = NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S%.f") {
        return Some(naive.and_utc());
    }
    if let Ok(date) = NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        return Some(date.and_hms_opt(0, 0, 0)?.and_utc());
    }
    None
}

pub fn format_datetime(dt: DateTime<Utc>) -> String {
    dt.to_rfc3339_opts(SecondsFormat::AutoSi, true)
}

pub fn datetime_value(dt: DateTime<Utc>) -> Value {
    Value::String(format_datetime(dt))
}

pub fn decimal_value(d: Decimal) -> Value {
    // The service declares money as double, so it goes out as a JSON number.
    d.to_f64()
        .and_then(serde_json::Number::from_f64)
        .map(Value::Number)
        .unwrap_or(Value::Null)
}

pub fn as_decimal(v: &Value) -> Option<Decimal> {
    match v {
        Value::Number(n) => n
            .to_string()
            .parse::<Decimal>()
            .ok()
            .or_else(|| n.as_f64().and_then(Decimal::from_f64_retain)),
        Value::String(s) => s.trim().parse::<Decimal>().ok(),
        _ => None,
    }
}

pub fn as_i64(v: &Value) -> Option<i64> {
    match v {
        Value::Number(n) => n.as_i64().or_else(|| {
            let f = n.as_f64()?;
            (f.fract() == 0.0 && f.abs() < 9.0e15).then_some(f as i64)
        }),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

/// Converts one input value to the field's stored form, or says why it cannot.
pub fn coerce(ty: Ty, field: &str, v: &Value) -> Result<Value, String> {
    if v.is_null() {
        return Ok(Value::Null);
    }
    let bad = || {
        format!(
            "Value {v} is not valid for field {field} of type {}.",
            ty.data_type()
        )
    };
    match ty {
        Ty::Int32 | Ty::Int64 => {
            let n = as_i64(v).ok_or_else(bad)?;
            if ty == Ty::Int32 && i32::try_from(n).is_err() {
                return Err(bad());
            }
            Ok(Value::from(n))
        }
        Ty::Decimal => Ok(decimal_value(as_decimal(v).ok_or_else(bad)?)),
        Ty::Bool => match v {
            Value::Bool(b) => Ok(Value::Bool(*b)),
            // Observed to work: one client sends booleans as the strings "true"/"false".
            Value::String(s) if s.eq_ignore_ascii_case("true") => Ok(Value::Bool(true)),
            Value::String(s) if s.eq_ignore_ascii_case("false") => Ok(Value::Bool(false)),
            _ => Err(bad()),
        },
        Ty::Str => match v {
            Value::String(s) => Ok(Value::String(s.clone())),
            Value::Number(n) => Ok(Value::String(n.to_string())),
            _ => Err(bad()),
        },
        Ty::DateTime => match v {
            Value::String(s) => Ok(datetime_value(parse_datetime(s).ok_or_else(bad)?)),
            _ => Err(bad()),
        },
    }
}

/// An input body, reduced to the entity's known fields under their canonical names.
#[derive(Debug, Default)]
pub struct Input {
    pub id: Option<i64>,
    pub fields: Record,
    /// UDF values to set: (canonical name, value or null).
    pub udfs: Option<Vec<(String, Value)>>,
}

pub fn parse_input(entity: &Entity, body: &Value, udf_defs: &[UdfDef]) -> Result<Input, String> {
    let obj = body
        .as_object()
        .ok_or("The request body must be a JSON object.")?;
    let mut input = Input::default();
    for (key, value) in obj {
        if key.eq_ignore_ascii_case("id") {
            input.id = if value.is_null() {
                None
            } else {
                Some(as_i64(value).ok_or("The id must be an integer.")?)
            };
        } else if key.eq_ignore_ascii_case(UDF_KEY) {
            input.udfs = Some(parse_udfs(entity, value, udf_defs)?);
        } else if let Some((name, ty)) = entity.field(key) {
            input
                .fields
                .insert(name.to_string(), coerce(ty, name, value)?);
        }
        // Unknown properties are ignored, as model binding does.
    }
    Ok(input)
}

fn parse_udfs(
    entity: &Entity,
    value: &Value,
    defs: &[UdfDef],
) -> Result<Vec<(String, Value)>, String> {
    let Some(items) = value.as_array() else {
        return if value.is_null() {
            Ok(vec![])
        } else {
            Err("userDefinedFields must be an array.".into())
        };
    };
    let mut out = Vec::new();
    for item in items {
        let get = |k: &str| {
            item.as_object().and_then(|o| {
                o.iter()
                    .find(|(key, _)| key.eq_ignore_ascii_case(k))
                    .map(|(_, v)| v)
            })
        };
        let name = get("name")
            .and_then(Value::as_str)
            .ok_or("Each user-defined field needs a name.")?;
        let def = defs
            .iter()
            .find(|d| d.name.eq_ignore_ascii_case(name))
            .ok_or_else(|| {
                format!(
                    "The user-defined field {name} does not exist on {}.",
                    entity.name
                )
            })?;
        let value = match get("value") {
            None | Some(Value::Null) => Value::Null,
            Some(Value::String(s)) => Value::String(s.clone()),
            Some(other) => Value::String(other.to_string()),
        };
        out.push((def.name.clone(), value));
    }
    Ok(out)
}

/// Writes UDF values into a record's stored list.
pub fn apply_udfs(record: &mut Record, udfs: Vec<(String, Value)>, replace: bool) {
    let mut current: Vec<(String, Value)> = if replace { vec![] } else { udf_list(record) };
    for (name, value) in udfs {
        current.retain(|(n, _)| n != &name);
        if !value.is_null() {
            current.push((name, value));
        }
    }
    if current.is_empty() {
        record.remove(UDF_KEY);
    } else {
        let items = current
            .into_iter()
            .map(|(n, v)| serde_json::json!({"name": n, "value": v}))
            .collect();
        record.insert(UDF_KEY.into(), Value::Array(items));
    }
}

pub fn udf_list(record: &Record) -> Vec<(String, Value)> {
    record
        .get(UDF_KEY)
        .and_then(Value::as_array)
        .map(|items| {
            items
                .iter()
                .filter_map(|i| {
                    Some((
                        i.get("name")?.as_str()?.to_string(),
                        i.get("value")?.clone(),
                    ))
                })
                .collect()
        })
        .unwrap_or_default()
}

/// Renders a stored record as the service returns it: every field, null where unset, and the
/// UDF list (every declared UDF, with null values where unset). `include` projects the fields.
pub fn render(
    entity: &Entity,
    id: i64,
    record: &Record,
    defs: &[UdfDef],
    include: Option<&[String]>,
) -> Value {
    let mut out = Map::new();
    let wanted = |name: &str| {
        include.is_none_or(|inc| name == "id" || inc.iter().any(|i| i.eq_ignore_ascii_case(name)))
    };
    for (name, _) in entity.all_fields() {
        if !wanted(name) {
            continue;
        }
        let value = if name == "id" {
            Value::from(id)
        } else {
            record.get(name).cloned().unwrap_or(Value::Null)
        };
        out.insert(name.to_string(), value);
    }
    let set = udf_list(record);
    let udfs: Vec<Value> = defs
        .iter()
        .filter(|d| wanted(&d.name))
        .map(|d| {
            let value = set
                .iter()
                .find(|(n, _)| n == &d.name)
                .map(|(_, v)| v.clone())
                .unwrap_or(Value::Null);
            serde_json::json!({"name": d.name, "value": value})
        })
        .collect();
    out.insert(UDF_KEY.into(), Value::Array(udfs));
    Value::Object(out)
}

/// [`render`], written straight into a JSON text: a 500-row page renders several times faster than
/// through `serde_json::Value`, which matters because pages are rendered under the store's lock.
pub fn render_into(
    out: &mut String,
    entity: &Entity,
    id: i64,
    record: &Record,
    defs: &[UdfDef],
    include: Option<&[String]>,
) {
    use std::fmt::Write as _;
    let wanted = |name: &str| {
        include.is_none_or(|inc| name == "id" || inc.iter().any(|i| i.eq_ignore_ascii_case(name)))
    };
    out.push('{');
    let mut first = true;
    for (name, _) in entity.all_fields() {
        if !wanted(name) {
            continue;
        }
        if !first {
            out.push(',');
        }
        first = false;
        // Field names are ASCII identifiers from the schema: no escaping needed.
        out.push('"');
        out.push_str(name);
        out.push_str("\":");
        if name == "id" {
            let _ = write!(out, "{id}");
        } else {
            match record.get(name) {
                None | Some(Value::Null) => out.push_str("null"),
                Some(v) => {
                    let _ = write!(out, "{v}");
                }
            }
        }
    }
    if !first {
        out.push(',');
    }
    out.push_str("\"userDefinedFields\":[");
    let set = udf_list(record);
    let mut first = true;
    for d in defs.iter().filter(|d| wanted(&d.name)) {
        if !first {
            out.push(',');
        }
        first = false;
        let value = set
            .iter()
            .find(|(n, _)| n == &d.name)
            .map(|(_, v)| v.clone())
            .unwrap_or(Value::Null);
        out.push_str(&serde_json::json!({"name": d.name, "value": value}).to_string());
    }
    out.push_str("]}");
}
