//! The two search routes: reading the body, filtering, sorting and paging.
//!
//! Filters are top-level properties named `<field>Equals`, `<field>In`, `<field>Contains`,
//! `<x>Before`/`<x>After` (§2.0). Unknown properties are ignored, as the reference infers
//! (§2.0: a wrapped `filters` object got no error). A property of the wrong type, an unparsable
//! uuid or date, or an impossible page is rejected with 406, the status PS reads as "Invalid
//! Query. Check request body." (§3). What the real server does with `page=0` or `pageSize=0` is
//! unknown (§6 q2); rejecting them is this simulator's choice.

use chrono::{DateTime, NaiveDateTime, Utc};
use serde_json::{Map, Value};

use crate::config::{Quirks, TimestampStyle};
use crate::store::{render_customer, render_endpoint, Counts, Db, SimCustomer, SimEndpoint};

pub struct Rejected(pub String);

type Result<T> = std::result::Result<T, Rejected>;

pub struct Settings {
    pub max_page_size: u32,
    pub timestamps: TimestampStyle,
    pub quirks: Quirks,
}

struct Body<'a>(&'a Map<String, Value>);

impl Body<'_> {
    /// Property lookup ignores case, as ASP.NET's JSON binding does by default [reference: I].
    fn get(&self, name: &str) -> Option<&Value> {
        self.0
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v)
            .filter(|v| !v.is_null())
    }

    fn int(&self, name: &str) -> Result<Option<i64>> {
        match self.get(name) {
            None => Ok(None),
            Some(v) => v
                .as_i64()
                .map(Some)
                .ok_or_else(|| Rejected(format!("'{name}' must be an integer"))),
        }
    }

    fn bool(&self, name: &str) -> Result<Option<bool>> {
        match self.get(name) {
            None => Ok(None),
            Some(v) => v
                .as_bool()
                .map(Some)
                .ok_or_else(|| Rejected(format!("'{name}' must be true or false"))),
        }
    }

    fn string(&self, name: &str) -> Result<Option<String>> {
        match self.get(name) {
            None => Ok(None),
            Some(v) => v
                .as_str()
                .map(|s| Some(s.to_string()))
                .ok_or_else(|| Rejected(format!("'{name}' must be a string"))),
        }
    }

    fn uuid(&self, name: &str) -> Result<Option<String>> {
        let Some(s) = self.string(name)? else {
            return Ok(None);
        };
        check_uuid(name, &s).map(Some)
    }

    fn uuids(&self, name: &str) -> Result<Option<Vec<String>>> {
        match self.get(name) {
            None => Ok(None),
            Some(Value::Array(items)) => items
                .iter()
                .map(|v| match v.as_str() {
                    Some(s) => check_uuid(name, s),
                    None => Err(Rejected(format!("'{name}' must hold uuid strings"))),
                })
                .collect::<Result<Vec<_>>>()
                .map(Some),
            Some(_) => Err(Rejected(format!("'{name}' must be an array of uuids"))),
        }
    }

    fn time(&self, name: &str) -> Result<Option<DateTime<Utc>>> {
        let Some(s) = self.string(name)? else {
            return Ok(None);
        };
        parse_time(&s)
            .map(Some)
            .ok_or_else(|| Rejected(format!("'{name}' is not a date-time: {s}")))
    }
}

fn check_uuid(name: &str, s: &str) -> Result<String> {
    let hex = s.chars().filter(char::is_ascii_hexdigit).count();
    // Bytes, not string slices: a multi-byte character must not split a slice and panic.
    let bytes = s.as_bytes();
    let dashes_ok = bytes.len() == 36 && [8, 13, 18, 23].iter().all(|&i| bytes[i] == b'-');
    if hex == 32 && dashes_ok {
        Ok(s.to_ascii_lowercase())
    } else {
        Err(Rejected(format!("'{name}' is not a uuid: {s}")))
    }
}

/// Accepts RFC 3339, or a date-time with no offset taken as UTC (what .NET binding accepts).
fn parse_time(s: &str) -> Option<DateTime<Utc>> {
    if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        return Some(t.with_timezone(&Utc));
    }
    NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S%.f")
        .ok()
        .map(|t| t.and_utc())
}

struct Paging {
    page: u64,
    size: u64,
    sort_by_name: bool,
    ascending: bool,
}

fn paging(body: &Body<'_>, settings: &Settings) -> Result<Paging> {
    let page = body.int("page")?.unwrap_or(1);
    // The server's default page size is unknown; real clients always send one (§2.0).
    let size = body.int("pageSize")?.unwrap_or(100);
    if page < 1 {
        return Err(Rejected(format!("'page' must be 1 or more, not {page}")));
    }
    if size < 1 || size > i64::from(settings.max_page_size) {
        return Err(Rejected(format!(
            "'pageSize' must be between 1 and {}, not {size}",
            settings.max_page_size
        )));
    }
    // Only "Name" is listed for both resources (§2.1, §2.2); PSA's lower-case "name" works, so
    // the enum is matched without regard to case (§2.0).
    let sort_by_name = match body.string("sortProperty")? {
        None => false,
        Some(p) if p.eq_ignore_ascii_case("name") => true,
        Some(p) => return Err(Rejected(format!("'sortProperty' has no value '{p}'"))),
    };
    let ascending = body.bool("sortAscending")?.unwrap_or(true);
    Ok(Paging {
        page: page as u64,
        size: size as u64,
        sort_by_name,
        ascending,
    })
}

fn page_of<T>(items: Vec<T>, p: &Paging, quirks: &Quirks) -> Vec<T> {
    let page = if quirks.ignore_page { 1 } else { p.page };
    let mut start = (page - 1).saturating_mul(p.size);
    if page > 1 {
        start = start.saturating_sub(u64::from(quirks.overlap));
    }
    items
        .into_iter()
        .skip(usize::try_from(start).unwrap_or(usize::MAX))
        .take(p.size as usize)
        .collect()
}

fn contains(haystack: Option<&str>, needle: &Option<String>) -> bool {
    // Case-insensitive: the backend is .NET, most likely over a case-insensitive collation
    // [reference: I; not stated anywhere].
    match needle {
        None => true,
        Some(n) => haystack.is_some_and(|h| h.to_lowercase().contains(&n.to_lowercase())),
    }
}

fn object(body: &Value) -> Result<&Map<String, Value>> {
    body.as_object()
        .ok_or_else(|| Rejected("the request body must be a JSON object".into()))
}

pub fn customers(db: &Db, body: &Value, settings: &Settings) -> Result<Vec<Value>> {
    let body = Body(object(body)?);
    let p = paging(&body, settings)?;
    let name_contains = body.string("nameContains")?;
    let is_enabled = body.bool("isEnabled")?;
    let uuid_equals = body.uuid("uuidEquals")?;
    let created_after = body.time("createdAfter")?;
    let created_before = body.time("createdBefore")?;
    let name_filter = if settings.quirks.ignore_name_filter {
        None
    } else {
        name_contains
    };
    let mut hits: Vec<&SimCustomer> = db
        .customers
        .iter()
        .filter(|c| contains(c.name.as_deref(), &name_filter))
        .filter(|c| is_enabled.is_none_or(|e| c.is_enabled == e))
        .filter(|c| uuid_equals.as_ref().is_none_or(|u| &c.uuid == u))
        // "After"/"Before" are taken as strict; the reference does not say (§2.1).
        .filter(|c| created_after.is_none_or(|t| c.created_date_utc > t))
        .filter(|c| created_before.is_none_or(|t| c.created_date_utc < t))
        .collect();
    if p.sort_by_name {
        // Keys are computed once per item: lower-casing inside the comparison made a sweep of
        // 50,000 endpoints cost more than the request itself.
        hits.sort_by_cached_key(|c| (c.name.as_deref().map(str::to_lowercase), c.uuid.clone()));
        if !p.ascending {
            hits.reverse();
        }
    }
    let counts = db.counts();
    Ok(page_of(hits, &p, &settings.quirks)
        .into_iter()
        .map(|c| {
            let n = counts
                .get(c.uuid.as_str())
                .copied()
                .unwrap_or(Counts::default());
            render_customer(c, n, settings.timestamps)
        })
        .collect())
}

pub fn endpoints(db: &Db, body: &Value, settings: &Settings) -> Result<Vec<Value>> {
    let body = Body(object(body)?);
    let p = paging(&body, settings)?;
    let name_contains = body.string("nameContains")?;
    let is_enabled = body.bool("isEnabled")?;
    let mut uuids = body.uuids("uuidIn")?;
    if let Some(u) = body.uuid("uuidEquals")? {
        uuids.get_or_insert_with(Vec::new).push(u);
    }
    let mut customers = body.uuids("customerUuidIn")?;
    if let Some(u) = body.uuid("customerUuidEquals")? {
        customers.get_or_insert_with(Vec::new).push(u);
    }
    if settings.quirks.ignore_customer_filter {
        customers = None;
    }
    let group = body.uuid("groupUuidEquals")?;
    let in_error = body.bool("isInErrorState")?;
    let agent_state = body.string("agentStateEquals")?;
    let seen_after = body.time("lastSeenAfter")?;
    let seen_before = body.time("lastSeenBefore")?;
    let filtering = body.bool("isFilteringEnabled")?;
    let cyber_sight = body.bool("isCyberSightEnabled")?;
    // licenseId and isInheritingGroupSettings filters are accepted and ignored: nothing here
    // models licences or group inheritance.
    let seen = |e: &SimEndpoint, bound: Option<DateTime<Utc>>, after: bool| match bound {
        None => true,
        // An endpoint never seen matches neither bound [reference: I; §2.2 says nothing].
        Some(t) => e
            .last_seen_date_utc
            .is_some_and(|s| if after { s > t } else { s < t }),
    };
    let mut hits: Vec<&SimEndpoint> = db
        .endpoints
        .iter()
        .filter(|e| contains(Some(&e.name), &name_contains))
        .filter(|e| is_enabled.is_none_or(|v| e.is_enabled == v))
        .filter(|e| uuids.as_ref().is_none_or(|u| u.contains(&e.uuid)))
        .filter(|e| {
            customers
                .as_ref()
                .is_none_or(|c| c.contains(&e.customer_uuid))
        })
        .filter(|e| group.as_ref().is_none_or(|g| g == &e.group_uuid))
        .filter(|e| in_error.is_none_or(|v| e.is_in_error_state == v))
        .filter(|e| {
            agent_state
                .as_ref()
                .is_none_or(|s| s.eq_ignore_ascii_case(&e.agent_state))
        })
        .filter(|e| seen(e, seen_after, true) && seen(e, seen_before, false))
        .filter(|e| filtering.is_none_or(|v| e.is_filtering_enabled == v))
        .filter(|e| cyber_sight.is_none_or(|v| e.is_cyber_sight_enabled == v))
        .collect();
    // The store keeps endpoints in name order, so only the direction needs handling; an
    // unsorted search gets the same order, which the reference allows (it promises none).
    if p.sort_by_name && !p.ascending {
        hits.reverse();
    }
    let names: std::collections::HashMap<&str, Option<&str>> = db
        .customers
        .iter()
        .map(|c| (c.uuid.as_str(), c.name.as_deref()))
        .collect();
    Ok(page_of(hits, &p, &settings.quirks)
        .into_iter()
        .map(|e| {
            let name = names.get(e.customer_uuid.as_str()).copied().flatten();
            render_endpoint(e, name, settings.timestamps)
        })
        .collect())
}
