//! The query language of `{Entity}/query`: filters with 13 operators grouped by and/or,
//! IncludeFields, MaxRecords, and the id cursor behind `nextPageUrl`.

use std::cmp::Ordering;

use chrono::{DateTime, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::record::{as_decimal, as_i64, parse_datetime, udf_list, Record, UdfDef};
use crate::schema::{Entity, Ty};

pub const MAX_PAGE: i64 = 500;
pub const MAX_OR_CONDITIONS: usize = 500;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Op {
    Eq,
    NotEq,
    Gt,
    Gte,
    Lt,
    Lte,
    BeginsWith,
    EndsWith,
    Contains,
    Exist,
    NotExist,
    In,
    NotIn,
}

impl Op {
    fn parse(s: &str) -> Option<Op> {
        // Clients all send the camelCase spellings; we accept any case (reference §13 q11).
        Some(match s.to_ascii_lowercase().as_str() {
            "eq" => Op::Eq,
            "noteq" => Op::NotEq,
            "gt" => Op::Gt,
            "gte" => Op::Gte,
            "lt" => Op::Lt,
            "lte" => Op::Lte,
            "beginswith" => Op::BeginsWith,
            "endswith" => Op::EndsWith,
            "contains" => Op::Contains,
            "exist" => Op::Exist,
            "notexist" => Op::NotExist,
            "in" => Op::In,
            "notin" => Op::NotIn,
            _ => return None,
        })
    }
}

/// A comparable scalar, already converted to the field's type.
#[derive(Debug, Clone)]
enum Scalar {
    Int(i64),
    Dec(Decimal),
    Bool(bool),
    Str(String),
    Time(DateTime<Utc>),
    Null,
}

impl Scalar {
    fn from(ty: Ty, v: &Value) -> Option<Scalar> {
        if v.is_null() {
            return Some(Scalar::Null);
        }
        Some(match ty {
            Ty::Int32 | Ty::Int64 => Scalar::Int(as_i64(v)?),
            Ty::Decimal => Scalar::Dec(as_decimal(v)?),
            Ty::Bool => match v {
                Value::Bool(b) => Scalar::Bool(*b),
                Value::String(s) if s.eq_ignore_ascii_case("true") => Scalar::Bool(true),
                Value::String(s) if s.eq_ignore_ascii_case("false") => Scalar::Bool(false),
                _ => return None,
            },
            // Text comparisons follow the service's case-insensitive collation.
            Ty::Str => match v {
                Value::String(s) => Scalar::Str(s.to_lowercase()),
                Value::Number(n) => Scalar::Str(n.to_string()),
                _ => return None,
            },
            Ty::DateTime => Scalar::Time(parse_datetime(v.as_str()?)?),
        })
    }

    fn cmp(&self, other: &Scalar) -> Option<Ordering> {
        match (self, other) {
            (Scalar::Int(a), Scalar::Int(b)) => Some(a.cmp(b)),
            (Scalar::Dec(a), Scalar::Dec(b)) => Some(a.cmp(b)),
            (Scalar::Bool(a), Scalar::Bool(b)) => Some(a.cmp(b)),
            (Scalar::Str(a), Scalar::Str(b)) => Some(a.cmp(b)),
            (Scalar::Time(a), Scalar::Time(b)) => Some(a.cmp(b)),
            (Scalar::Null, Scalar::Null) => Some(Ordering::Equal),
            _ => None,
        }
    }
}

#[derive(Debug, Clone)]
enum Target {
    Field(&'static str),
    Udf(String),
}

#[derive(Debug, Clone)]
enum Cond {
    All(Vec<Cond>),
    Any(Vec<Cond>),
    Leaf {
        target: Target,
        ty: Ty,
        op: Op,
        values: Vec<Scalar>,
    },
}

/// A parsed, checked query against one entity.
#[derive(Debug, Clone)]
pub struct Query {
    cond: Cond,
    pub include: Option<Vec<String>>,
    pub max_records: i64,
}

/// The cursor carried in `nextPageUrl`. The vendor's cursor also carries ids (reference §4.3);
/// this one keeps only what id-ordered paging needs.
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Paging {
    pub page_size: i64,
    pub after_id: i64,
}

fn key<'a>(obj: &'a serde_json::Map<String, Value>, name: &str) -> Option<&'a Value> {
    obj.iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(name))
        .map(|(_, v)| v)
}

impl Query {
    /// Parses a query body (`{"filter":[...],"IncludeFields":[...],"MaxRecords":n}`, keys in any
    /// case). An error is the message the service would return.
    pub fn parse(entity: &Entity, body: &Value, udfs: &[UdfDef]) -> Result<Query, String> {
        let obj = match body {
            Value::Object(o) => o.clone(),
            Value::Null => Default::default(),
            _ => return Err("The query must be a JSON object.".into()),
        };
        let filter = match key(&obj, "filter") {
            None | Some(Value::Null) => vec![],
            Some(Value::Array(items)) => items.clone(),
            Some(_) => return Err("filter must be an array of conditions.".into()),
        };
        let mut state = ParseState {
            entity,
            udfs,
            udf_count: 0,
            or_count: 0,
        };
        let conds = filter
            .iter()
            .map(|c| state.cond(c))
            .collect::<Result<Vec<_>, _>>()?;
        if state.udf_count > 1 {
            return Err("Only one user-defined field may be used per query.".into());
        }
        if state.or_count > MAX_OR_CONDITIONS {
            return Err(
                "Invalid query syntax. Queries are limited to 500 or fewer 'OR' conditions.".into(),
            );
        }
        let max_records = match key(&obj, "maxRecords") {
            None | Some(Value::Null) => MAX_PAGE,
            Some(v) => match as_i64(v) {
                Some(n) if (1..=MAX_PAGE).contains(&n) => n,
                _ => return Err("MaxRecords must be between 1 and 500.".into()),
            },
        };
        let include = match key(&obj, "includeFields") {
            None | Some(Value::Null) => None,
            Some(Value::Array(items)) => {
                let mut names = Vec::new();
                for item in items {
                    let name = item
                        .as_str()
                        .ok_or("IncludeFields must be a list of field names.")?;
                    if let Some((canonical, _)) = entity.field(name) {
                        names.push(canonical.to_string());
                    } else if let Some(def) =
                        udfs.iter().find(|d| d.name.eq_ignore_ascii_case(name))
                    {
                        names.push(def.name.clone());
                    } else {
                        return Err(format!(
                            "Unable to find {name} in the {} entity.",
                            entity.name
                        ));
                    }
                }
                Some(names)
            }
            Some(_) => return Err("IncludeFields must be a list of field names.".into()),
        };
        Ok(Query {
            cond: Cond::All(conds),
            include,
            max_records,
        })
    }

    /// The smallest id a match can have, from top-level `id` conditions (`gt`, `gte`, `eq`).
    pub fn id_lower_bound(&self) -> Option<i64> {
        let Cond::All(items) = &self.cond else {
            return None;
        };
        items
            .iter()
            .filter_map(|c| match c {
                Cond::Leaf {
                    target: Target::Field("id"),
                    op,
                    values,
                    ..
                } => match (op, values.first()) {
                    (Op::Gt, Some(Scalar::Int(n))) => n.checked_add(1),
                    (Op::Gte | Op::Eq, Some(Scalar::Int(n))) => Some(*n),
                    _ => None,
                },
                _ => None,
            })
            .max()
    }

    pub fn matches(&self, id: i64, record: &Record) -> bool {
        eval(&self.cond, id, record)
    }
}

struct ParseState<'a> {
    entity: &'a Entity,
    udfs: &'a [UdfDef],
    udf_count: usize,
    or_count: usize,
}

impl ParseState<'_> {
    fn cond(&mut self, v: &Value) -> Result<Cond, String> {
        let obj = v
            .as_object()
            .ok_or("Each filter condition must be an object.")?;
        let op_name = key(obj, "op")
            .and_then(Value::as_str)
            .ok_or("Each filter condition needs an op.")?;
        if op_name.eq_ignore_ascii_case("and") || op_name.eq_ignore_ascii_case("or") {
            let items = key(obj, "items")
                .and_then(Value::as_array)
                .ok_or_else(|| format!("The {op_name} condition needs items."))?;
            let children = items
                .iter()
                .map(|i| self.cond(i))
                .collect::<Result<Vec<_>, _>>()?;
            return Ok(if op_name.eq_ignore_ascii_case("or") {
                self.or_count += children.len();
                Cond::Any(children)
            } else {
                Cond::All(children)
            });
        }
        let op = Op::parse(op_name).ok_or_else(|| format!("Invalid query operator: {op_name}."))?;
        let field = key(obj, "field")
            .and_then(Value::as_str)
            .ok_or("Each filter condition needs a field.")?;
        let is_udf = key(obj, "udf")
            .is_some_and(|u| u.as_bool() == Some(true) || u.as_str() == Some("true"));
        let (target, ty) = if is_udf {
            self.udf_count += 1;
            let def = self
                .udfs
                .iter()
                .find(|d| d.name.eq_ignore_ascii_case(field))
                .ok_or_else(|| {
                    format!(
                        "Unable to find user-defined field {field} in the {} entity.",
                        self.entity.name
                    )
                })?;
            (Target::Udf(def.name.clone()), Ty::Str)
        } else {
            let (name, ty) = self.entity.field(field).ok_or_else(|| {
                format!("Unable to find {field} in the {} entity.", self.entity.name)
            })?;
            if self.entity.not_queryable.contains(&name) {
                return Err(format!("The field {name} is not queryable."));
            }
            (Target::Field(name), ty)
        };
        let label = match &target {
            Target::Field(f) => f.to_string(),
            Target::Udf(n) => n.clone(),
        };
        if matches!(op, Op::BeginsWith | Op::EndsWith | Op::Contains) && ty != Ty::Str {
            return Err(format!(
                "The operator {op_name} cannot be used with the field {label}."
            ));
        }
        if matches!(op, Op::Gt | Op::Gte | Op::Lt | Op::Lte) && ty == Ty::Bool {
            return Err(format!(
                "The operator {op_name} cannot be used with the field {label}."
            ));
        }
        let raw = key(obj, "value");
        let convert = |v: &Value| {
            Scalar::from(ty, v).ok_or_else(|| format!("Value {v} is not valid for field {label}."))
        };
        let values = match op {
            Op::Exist | Op::NotExist => vec![],
            Op::In | Op::NotIn => {
                let items = raw
                    .and_then(Value::as_array)
                    .ok_or_else(|| format!("The {op_name} operator needs an array value."))?;
                self.or_count += items.len();
                items.iter().map(convert).collect::<Result<Vec<_>, _>>()?
            }
            _ => vec![convert(raw.unwrap_or(&Value::Null))?],
        };
        Ok(Cond::Leaf {
            target,
            ty,
            op,
            values,
        })
    }
}

fn eval(cond: &Cond, id: i64, record: &Record) -> bool {
    match cond {
        Cond::All(items) => items.iter().all(|c| eval(c, id, record)),
        Cond::Any(items) => items.iter().any(|c| eval(c, id, record)),
        Cond::Leaf {
            target,
            ty,
            op,
            values,
        } => {
            let actual = match target {
                Target::Field("id") => Scalar::Int(id),
                Target::Field(f) => record
                    .get(*f)
                    .and_then(|v| Scalar::from(*ty, v))
                    .unwrap_or(Scalar::Null),
                Target::Udf(name) => udf_list(record)
                    .into_iter()
                    .find(|(n, _)| n == name)
                    .and_then(|(_, v)| Scalar::from(Ty::Str, &v))
                    .unwrap_or(Scalar::Null),
            };
            leaf(*op, &actual, values)
        }
    }
}

fn leaf(op: Op, actual: &Scalar, values: &[Scalar]) -> bool {
    let is_null = matches!(actual, Scalar::Null);
    let first = values.first().unwrap_or(&Scalar::Null);
    let ord = || actual.cmp(first);
    let text = |f: fn(&str, &str) -> bool| match (actual, first) {
        (Scalar::Str(a), Scalar::Str(b)) => f(a, b),
        _ => false,
    };
    match op {
        Op::Exist => !is_null,
        Op::NotExist => is_null,
        Op::Eq => ord() == Some(Ordering::Equal),
        Op::NotEq => ord() != Some(Ordering::Equal),
        Op::Gt => !is_null && ord() == Some(Ordering::Greater),
        Op::Gte => !is_null && matches!(ord(), Some(Ordering::Greater | Ordering::Equal)),
        Op::Lt => !is_null && ord() == Some(Ordering::Less),
        Op::Lte => !is_null && matches!(ord(), Some(Ordering::Less | Ordering::Equal)),
        Op::BeginsWith => text(|a, b| a.starts_with(b)),
        Op::EndsWith => text(|a, b| a.ends_with(b)),
        Op::Contains => text(|a, b| a.contains(b)),
        Op::In => values
            .iter()
            .any(|v| actual.cmp(v) == Some(Ordering::Equal)),
        Op::NotIn => !values
            .iter()
            .any(|v| actual.cmp(v) == Some(Ordering::Equal)),
    }
}
