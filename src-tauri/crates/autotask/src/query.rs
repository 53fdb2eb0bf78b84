//! The query body of `{Entity}/query` and `{Entity}/query/count` (§4.1): conditions with the 13
//! operators, nested and/or groups, IncludeFields and MaxRecords.

use serde::ser::{SerializeMap, SerializeSeq};
use serde::{Serialize, Serializer};
use serde_json::Value;

/// The most records one page may hold, and the most OR conditions one query may carry (§4.1).
pub const MAX_PAGE_SIZE: u16 = 500;
pub const MAX_OR_CONDITIONS: usize = 500;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
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
    /// The wire spelling; every client sends exactly these (note `noteq`, §4.1).
    pub fn as_str(self) -> &'static str {
        match self {
            Op::Eq => "eq",
            Op::NotEq => "noteq",
            Op::Gt => "gt",
            Op::Gte => "gte",
            Op::Lt => "lt",
            Op::Lte => "lte",
            Op::BeginsWith => "beginsWith",
            Op::EndsWith => "endsWith",
            Op::Contains => "contains",
            Op::Exist => "exist",
            Op::NotExist => "notExist",
            Op::In => "in",
            Op::NotIn => "notIn",
        }
    }
}

/// A filter: one condition, or a group of them.
#[derive(Debug, Clone, PartialEq)]
pub enum Filter {
    Condition {
        field: String,
        op: Op,
        /// None for `exist`/`notExist`, which take no value.
        value: Option<Value>,
        /// The field is a user-defined field; at most one per query (§4.1).
        udf: bool,
    },
    And(Vec<Filter>),
    Or(Vec<Filter>),
}

impl Filter {
    pub fn cond(field: impl Into<String>, op: Op, value: impl Into<Value>) -> Filter {
        Filter::Condition {
            field: field.into(),
            op,
            value: Some(value.into()),
            udf: false,
        }
    }

    pub fn eq(field: impl Into<String>, value: impl Into<Value>) -> Filter {
        Filter::cond(field, Op::Eq, value)
    }

    pub fn not_eq(field: impl Into<String>, value: impl Into<Value>) -> Filter {
        Filter::cond(field, Op::NotEq, value)
    }

    pub fn gt(field: impl Into<String>, value: impl Into<Value>) -> Filter {
        Filter::cond(field, Op::Gt, value)
    }

    pub fn gte(field: impl Into<String>, value: impl Into<Value>) -> Filter {
        Filter::cond(field, Op::Gte, value)
    }

    pub fn lt(field: impl Into<String>, value: impl Into<Value>) -> Filter {
        Filter::cond(field, Op::Lt, value)
    }

    pub fn lte(field: impl Into<String>, value: impl Into<Value>) -> Filter {
        Filter::cond(field, Op::Lte, value)
    }

    pub fn begins_with(field: impl Into<String>, value: impl Into<String>) -> Filter {
        Filter::cond(field, Op::BeginsWith, value.into())
    }

    pub fn ends_with(field: impl Into<String>, value: impl Into<String>) -> Filter {
        Filter::cond(field, Op::EndsWith, value.into())
    }

    pub fn contains(field: impl Into<String>, value: impl Into<String>) -> Filter {
        Filter::cond(field, Op::Contains, value.into())
    }

    pub fn exist(field: impl Into<String>) -> Filter {
        Filter::Condition {
            field: field.into(),
            op: Op::Exist,
            value: None,
            udf: false,
        }
    }

    pub fn not_exist(field: impl Into<String>) -> Filter {
        Filter::Condition {
            field: field.into(),
            op: Op::NotExist,
            value: None,
            udf: false,
        }
    }

    pub fn in_list<V: Into<Value>>(
        field: impl Into<String>,
        values: impl IntoIterator<Item = V>,
    ) -> Filter {
        let list: Vec<Value> = values.into_iter().map(Into::into).collect();
        Filter::cond(field, Op::In, list)
    }

    pub fn not_in<V: Into<Value>>(
        field: impl Into<String>,
        values: impl IntoIterator<Item = V>,
    ) -> Filter {
        let list: Vec<Value> = values.into_iter().map(Into::into).collect();
        Filter::cond(field, Op::NotIn, list)
    }

    /// Marks a condition as being on a user-defined field.
    pub fn udf(self) -> Filter {
        match self {
            Filter::Condition {
                field, op, value, ..
            } => Filter::Condition {
                field,
                op,
                value,
                udf: true,
            },
            group => group,
        }
    }

    pub fn and(items: impl IntoIterator<Item = Filter>) -> Filter {
        Filter::And(items.into_iter().collect())
    }

    pub fn or(items: impl IntoIterator<Item = Filter>) -> Filter {
        Filter::Or(items.into_iter().collect())
    }

    /// OR conditions this filter spends of the 500 a query may hold: each member of an `or`
    /// group and each value of an `in`/`notIn` list.
    pub fn or_conditions(&self) -> usize {
        match self {
            Filter::Condition {
                op: Op::In | Op::NotIn,
                value: Some(Value::Array(items)),
                ..
            } => items.len(),
            Filter::Condition { .. } => 0,
            Filter::And(items) => items.iter().map(Filter::or_conditions).sum(),
            Filter::Or(items) => {
                items.len() + items.iter().map(Filter::or_conditions).sum::<usize>()
            }
        }
    }

    fn udf_conditions(&self) -> usize {
        match self {
            Filter::Condition { udf, .. } => usize::from(*udf),
            Filter::And(items) | Filter::Or(items) => {
                items.iter().map(Filter::udf_conditions).sum()
            }
        }
    }
}

impl Serialize for Filter {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Filter::Condition {
                field,
                op,
                value,
                udf,
            } => {
                let mut m = s.serialize_map(None)?;
                m.serialize_entry("op", op.as_str())?;
                m.serialize_entry("field", field)?;
                if *udf {
                    m.serialize_entry("udf", &true)?;
                }
                if let Some(v) = value {
                    m.serialize_entry("value", v)?;
                }
                m.end()
            }
            Filter::And(items) | Filter::Or(items) => {
                let op = if matches!(self, Filter::And(_)) {
                    "and"
                } else {
                    "or"
                };
                let mut m = s.serialize_map(Some(2))?;
                m.serialize_entry("op", op)?;
                m.serialize_entry("items", items)?;
                m.end()
            }
        }
    }
}

/// A query: top-level filters are ANDed (§4.1).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Query {
    pub filter: Vec<Filter>,
    pub include_fields: Vec<String>,
    pub max_records: Option<u16>,
}

impl Query {
    pub fn new() -> Query {
        Query::default()
    }

    pub fn filter(mut self, f: Filter) -> Query {
        self.filter.push(f);
        self
    }

    /// Returns only these fields. `id` is always added, as paging needs it (§4.3).
    pub fn include_fields<S: Into<String>>(mut self, fields: impl IntoIterator<Item = S>) -> Query {
        self.include_fields = fields.into_iter().map(Into::into).collect();
        if !self
            .include_fields
            .iter()
            .any(|f| f.eq_ignore_ascii_case("id"))
        {
            self.include_fields.insert(0, "id".into());
        }
        self
    }

    /// Records per page, held to 1..=500 (§4.3).
    pub fn max_records(mut self, n: u16) -> Query {
        self.max_records = Some(n.clamp(1, MAX_PAGE_SIZE));
        self
    }

    pub fn or_conditions(&self) -> usize {
        self.filter.iter().map(Filter::or_conditions).sum()
    }

    pub fn udf_conditions(&self) -> usize {
        self.filter.iter().map(Filter::udf_conditions).sum()
    }
}

struct Filters<'a>(&'a [Filter]);

impl Serialize for Filters<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if self.0.is_empty() {
            // Whether an empty filter is accepted is unknown (§4.1, §13 q13); "id gte 0" is the
            // idiom clients use for "every record".
            let mut seq = s.serialize_seq(Some(1))?;
            seq.serialize_element(&Filter::gte("id", 0))?;
            return seq.end();
        }
        self.0.serialize(s)
    }
}

impl Serialize for Query {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(None)?;
        m.serialize_entry("filter", &Filters(&self.filter))?;
        // PascalCase as the clients that work send them; the service reads keys in any case.
        if !self.include_fields.is_empty() {
            m.serialize_entry("IncludeFields", &self.include_fields)?;
        }
        if let Some(n) = self.max_records {
            m.serialize_entry("MaxRecords", &n)?;
        }
        m.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn serializes_every_operator_and_nested_groups() {
        let q = Query::new()
            .filter(Filter::eq("companyID", 12))
            .filter(Filter::or([
                Filter::not_eq("status", 0),
                Filter::and([Filter::gt("id", 1), Filter::lte("id", 9)]),
                Filter::exist("endDate"),
            ]))
            .filter(Filter::eq("Customer Ranking", "Gold").udf())
            .filter(Filter::in_list("id", [1, 2, 3]))
            .include_fields(["companyName"])
            .max_records(900);
        assert_eq!(
            serde_json::to_value(&q).unwrap(),
            json!({
                "filter": [
                    {"op": "eq", "field": "companyID", "value": 12},
                    {"op": "or", "items": [
                        {"op": "noteq", "field": "status", "value": 0},
                        {"op": "and", "items": [
                            {"op": "gt", "field": "id", "value": 1},
                            {"op": "lte", "field": "id", "value": 9},
                        ]},
                        {"op": "exist", "field": "endDate"},
                    ]},
                    {"op": "eq", "field": "Customer Ranking", "udf": true, "value": "Gold"},
                    {"op": "in", "field": "id", "value": [1, 2, 3]},
                ],
                "IncludeFields": ["id", "companyName"],
                "MaxRecords": 500,
            })
        );
        assert_eq!(q.or_conditions(), 3 + 3);
        assert_eq!(q.udf_conditions(), 1);
        let ops = [
            (Filter::gte("a", 1), "gte"),
            (Filter::lt("a", 1), "lt"),
            (Filter::begins_with("a", "x"), "beginsWith"),
            (Filter::ends_with("a", "x"), "endsWith"),
            (Filter::contains("a", "x"), "contains"),
            (Filter::not_exist("a"), "notExist"),
            (Filter::not_in("a", [1]), "notIn"),
        ];
        for (f, op) in ops {
            assert_eq!(serde_json::to_value(&f).unwrap()["op"], op);
        }
    }

    #[test]
    fn empty_filter_asks_for_every_record() {
        assert_eq!(
            serde_json::to_value(Query::new()).unwrap(),
            json!({"filter": [{"op": "gte", "field": "id", "value": 0}]})
        );
    }
}
