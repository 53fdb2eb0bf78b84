//! The REST API under `/ATServicesRest/V1.0/`: route resolution with the verb matrix, then the
//! work of each route against the store. Throttling, auth and faults wrap this in `server`.

use axum::http::Method;
use serde_json::{json, Value};

use crate::query::{Paging, Query};
use crate::record::{render, render_into, UdfDef};
use crate::schema::{self, ChildRoute, Entity};
use crate::store::{ApiError, ApiResult, Db};

/// A resolved API route.
pub enum Route {
    Threshold,
    EntityInfo(&'static Entity),
    Fields(&'static Entity),
    Udfs(&'static Entity),
    Query(&'static Entity),
    Count(&'static Entity),
    Next(&'static Entity),
    Root(&'static Entity),
    ById(&'static Entity, i64),
    Child(&'static ChildRoute, i64),
    ChildById(&'static ChildRoute, i64, i64),
}

impl Route {
    /// The thread-limit bucket. Whether child routes count toward the parent or the child entity
    /// is undocumented (§13 q10); the simulator counts them toward the child.
    pub fn bucket(&self) -> &'static str {
        match self {
            Route::Threshold => "ThresholdInformation",
            Route::EntityInfo(e)
            | Route::Fields(e)
            | Route::Udfs(e)
            | Route::Query(e)
            | Route::Count(e)
            | Route::Next(e)
            | Route::Root(e)
            | Route::ById(e, _) => e.name,
            Route::Child(c, _) | Route::ChildById(c, _, _) => c.child.name,
        }
    }

    /// A pattern for the request log, e.g. `Contracts/{id}/Services`.
    pub fn pattern(&self) -> String {
        match self {
            Route::Threshold => "ThresholdInformation".into(),
            Route::EntityInfo(e) => format!("{}/entityInformation", e.name),
            Route::Fields(e) => format!("{}/entityInformation/fields", e.name),
            Route::Udfs(e) => format!("{}/entityInformation/userDefinedFields", e.name),
            Route::Query(e) => format!("{}/query", e.name),
            Route::Count(e) => format!("{}/query/count", e.name),
            Route::Next(e) => format!("{}/query/next", e.name),
            Route::Root(e) => e.name.to_string(),
            Route::ById(e, _) => format!("{}/{{id}}", e.name),
            Route::Child(c, _) => format!("{}/{{id}}/{}", c.parent.name, c.segment),
            Route::ChildById(c, _, _) => format!("{}/{{id}}/{}/{{id}}", c.parent.name, c.segment),
        }
    }

    fn allows(&self, method: &Method) -> bool {
        let get = method == Method::GET;
        let post = method == Method::POST;
        let write = method == Method::PATCH || method == Method::PUT;
        match self {
            Route::Threshold | Route::EntityInfo(_) | Route::Fields(_) | Route::Udfs(_) => get,
            Route::Query(e) | Route::Count(e) | Route::Next(e) => e.root.query && (get || post),
            Route::Root(e) => (post && e.root.create) || (write && e.root.update),
            Route::ById(e, _) => {
                (get && e.root.query) || (method == Method::DELETE && e.root.delete)
            }
            Route::Child(c, _) => (get && c.list) || (post && c.create) || (write && c.update),
            Route::ChildById(c, _, _) => {
                (get && c.get_one) || (method == Method::DELETE && c.delete)
            }
        }
    }
}

/// Resolves the segments after `V1.0/`. Err carries the status (404 or 405) and message.
pub fn resolve(method: &Method, segs: &[&str]) -> Result<Route, (u16, String)> {
    let not_found = || {
        (
            404,
            "No HTTP resource was found that matches the request URI.".to_string(),
        )
    };
    let id = |s: &str| s.parse::<i64>().map_err(|_| not_found());
    let lower: Vec<String> = segs.iter().map(|s| s.to_ascii_lowercase()).collect();
    let l: Vec<&str> = lower.iter().map(String::as_str).collect();
    let route = if l == ["thresholdinformation"] {
        Route::Threshold
    } else {
        let entity = segs
            .first()
            .and_then(|s| schema::entity(s))
            .ok_or_else(not_found)?;
        match &l[1..] {
            [] => Route::Root(entity),
            ["entityinformation"] => Route::EntityInfo(entity),
            ["entityinformation", "fields"] => Route::Fields(entity),
            ["entityinformation", "userdefinedfields"] => Route::Udfs(entity),
            ["query"] => Route::Query(entity),
            ["query", "count"] => Route::Count(entity),
            ["query", "next"] => Route::Next(entity),
            [one] => Route::ById(entity, id(one)?),
            [_, child, "entityinformation", rest @ ..] => {
                let c = schema::child_route(entity.name, child).ok_or_else(not_found)?;
                match rest {
                    [] => Route::EntityInfo(c.child),
                    ["fields"] => Route::Fields(c.child),
                    ["userdefinedfields"] => Route::Udfs(c.child),
                    _ => return Err(not_found()),
                }
            }
            [pid, child] => Route::Child(
                schema::child_route(entity.name, child).ok_or_else(not_found)?,
                id(pid)?,
            ),
            [pid, child, cid] => Route::ChildById(
                schema::child_route(entity.name, child).ok_or_else(not_found)?,
                id(pid)?,
                id(cid)?,
            ),
            _ => return Err(not_found()),
        }
    };
    if route.allows(method) {
        Ok(route)
    } else {
        Err((
            405,
            format!("The requested resource does not support http method '{method}'."),
        ))
    }
}

/// What a route needs from the request besides the store.
pub struct Request<'a> {
    pub method: &'a Method,
    pub body: &'a Value,
    pub search: Option<Value>,
    pub paging: Option<Paging>,
    /// `http://host/ATServicesRest/`, for nextPageUrl.
    pub api_url: &'a str,
    pub hourly: (u64, u64),
}

/// A reply body: a JSON value, or JSON text already written (pages).
pub enum Body {
    Json(Value),
    Text(String),
}

impl Body {
    pub fn into_text(self) -> String {
        match self {
            Body::Json(v) => v.to_string(),
            Body::Text(t) => t,
        }
    }
}

fn ok(v: Value) -> ApiResult<Body> {
    Ok(Body::Json(v))
}

pub fn perform(db: &mut Db, route: &Route, req: &Request) -> ApiResult<Body> {
    match route {
        Route::Threshold => ok(json!({
            "externalRequestThreshold": req.hourly.0,
            "requestThresholdTimeframe": 60,
            "currentTimeframeRequestCount": req.hourly.1,
        })),
        Route::EntityInfo(e) => ok(json!({ "info": entity_info(e) })),
        Route::Fields(e) => ok(json!({ "fields": field_info(e) })),
        Route::Udfs(e) => ok(json!({ "fields": udf_info(db.udf_defs(e.name)) })),
        Route::Query(e) | Route::Count(e) => {
            let search = if req.method == Method::GET {
                req.search.clone().unwrap_or(Value::Null)
            } else {
                req.body.clone()
            };
            let query = Query::parse(e, &search, db.udf_defs(e.name)).map_err(ApiError::rule)?;
            if matches!(route, Route::Count(_)) {
                let n = db
                    .table(e.name)
                    .into_iter()
                    .flatten()
                    .filter(|(id, r)| query.matches(**id, r))
                    .count();
                return ok(json!({ "queryCount": n }));
            }
            Ok(page(db, e, &query, &search, None, req.api_url))
        }
        Route::Next(e) => {
            // POST follow-ups carry the original body; GET ones, and POSTs without a body, the
            // search parameter of the URL (clients do both, reference §4.3).
            let search = match (req.method == Method::POST, req.body) {
                (true, b) if !b.is_null() => b.clone(),
                _ => req.search.clone().unwrap_or(Value::Null),
            };
            let paging = req.paging.ok_or_else(|| ApiError {
                status: 400,
                message: "The paging parameter is missing or invalid.".into(),
            })?;
            let query = Query::parse(e, &search, db.udf_defs(e.name)).map_err(ApiError::rule)?;
            Ok(page(db, e, &query, &search, Some(paging), req.api_url))
        }
        Route::Root(e) if req.method == Method::POST => {
            ok(json!({ "itemId": db.create(e, req.body, None)? }))
        }
        Route::Root(e) => {
            ok(json!({ "itemId": db.update(e, req.body, None, req.method == Method::PUT)? }))
        }
        Route::ById(e, id) if req.method == Method::GET => {
            ok(json!({ "item": item(db, e, *id, None) }))
        }
        Route::ById(e, id) => ok(json!({ "itemId": db.delete(e, *id, None)? })),
        Route::Child(c, pid) if req.method == Method::GET => {
            let search = json!({"filter": [{"op": "eq", "field": c.parent_field, "value": pid}]});
            let query = Query::parse(c.child, &search, db.udf_defs(c.child.name))
                .map_err(ApiError::rule)?;
            Ok(page(db, c.child, &query, &search, None, req.api_url))
        }
        Route::Child(c, pid) if req.method == Method::POST => {
            if db.get(c.parent.name, *pid).is_none() {
                return Err(ApiError::rule(format!(
                    "{} {pid} does not exist.",
                    c.parent.name
                )));
            }
            ok(json!({ "itemId": db.create(c.child, req.body, Some((c.parent_field, *pid)))? }))
        }
        Route::Child(c, pid) => ok(
            json!({ "itemId": db.update(c.child, req.body, Some((c.parent_field, *pid)), req.method == Method::PUT)? }),
        ),
        Route::ChildById(c, pid, id) if req.method == Method::GET => {
            ok(json!({ "item": item(db, c.child, *id, Some((c.parent_field, *pid))) }))
        }
        Route::ChildById(c, pid, id) => {
            ok(json!({ "itemId": db.delete(c.child, *id, Some((c.parent_field, *pid)))? }))
        }
    }
}

/// A record by id; null when missing (the service answers 200 `{"item":null}`).
fn item(db: &Db, e: &Entity, id: i64, parent: Option<(&str, i64)>) -> Value {
    match db.get(e.name, id) {
        Some(r) if parent.is_none_or(|(f, pid)| r.get(f).and_then(Value::as_i64) == Some(pid)) => {
            render(e, id, r, db.udf_defs(e.name), None)
        }
        _ => Value::Null,
    }
}

fn page(
    db: &Db,
    e: &Entity,
    query: &Query,
    search: &Value,
    paging: Option<Paging>,
    api_url: &str,
) -> Body {
    let size = paging.map_or(query.max_records, |p| {
        p.page_size.clamp(1, crate::query::MAX_PAGE)
    });
    let after = paging.map_or(i64::MIN, |p| p.after_id);
    let defs = db.udf_defs(e.name);
    let mut cache = query
        .include
        .is_none()
        .then(|| db.rendered.lock().unwrap_or_else(|e| e.into_inner()));
    let mut out = String::from("{\"items\":[");
    let mut count = 0i64;
    let mut last_id = None;
    let mut more = false;
    // Start at the cursor or the query's own lower bound on id, not at the table's first row:
    // id-range listings would otherwise scan every row below their range on each page.
    let start = after
        .saturating_add(1)
        .max(query.id_lower_bound().unwrap_or(i64::MIN));
    for (id, r) in db.table(e.name).into_iter().flat_map(|t| t.range(start..)) {
        if !query.matches(*id, r) {
            continue;
        }
        if count == size {
            more = true;
            break;
        }
        if count > 0 {
            out.push(',');
        }
        match &mut cache {
            Some(cache) => {
                let text = cache.entry((e.name, *id)).or_insert_with(|| {
                    let mut one = String::new();
                    render_into(&mut one, e, *id, r, defs, None);
                    one
                });
                out.push_str(text);
            }
            None => render_into(&mut out, e, *id, r, defs, query.include.as_deref()),
        }
        count += 1;
        last_id = Some(*id);
    }
    let next = match (more, last_id) {
        (true, Some(last)) => Value::String(next_url(
            api_url,
            e.name,
            Paging {
                page_size: size,
                after_id: last,
            },
            search,
        )),
        _ => Value::Null,
    };
    let details = json!({ "count": count, "requestCount": size, "prevPageUrl": Value::Null, "nextPageUrl": next });
    out.push_str("],\"pageDetails\":");
    out.push_str(&details.to_string());
    out.push('}');
    Body::Text(out)
}

fn next_url(api_url: &str, entity: &str, paging: Paging, search: &Value) -> String {
    let enc = |v: String| url::form_urlencoded::byte_serialize(v.as_bytes()).collect::<String>();
    let paging = serde_json::to_string(&paging).unwrap_or_default();
    let search = if search.is_null() {
        "{}".to_string()
    } else {
        search.to_string()
    };
    format!(
        "{api_url}V1.0/{entity}/query/next?paging={}&search={}",
        enc(paging),
        enc(search)
    )
}

fn entity_info(e: &Entity) -> Value {
    json!({
        "name": e.name.trim_end_matches('s'),
        "canCreate": e.creatable_anywhere,
        "canDelete": e.deletable_anywhere,
        "canQuery": e.root.query,
        "canUpdate": e.updatable_anywhere,
        // The members of RestUserAccessLevel are not published (§5); this value is a guess.
        "userAccessForCreate": "All",
        "userAccessForDelete": "All",
        "userAccessForQuery": "All",
        "userAccessForUpdate": "All",
        "hasUserDefinedFields": e.has_udfs,
        "supportsWebhookCallouts": matches!(e.name, "Companies" | "Contacts"),
    })
}

fn field_info(e: &Entity) -> Vec<Value> {
    e.all_fields()
        .map(|(name, ty)| {
            let picks = schema::picklist(e.name, name);
            let reference = e.references.iter().find(|(f, _)| *f == name).map(|(_, t)| *t);
            json!({
                "name": name,
                "dataType": ty.data_type(),
                "length": if ty == schema::Ty::Str { 250 } else { 0 },
                "isRequired": e.required.contains(&name),
                "isReadOnly": e.is_read_only(name),
                "isQueryable": !e.not_queryable.contains(&name),
                "isReference": reference.is_some(),
                "referenceEntityType": reference.unwrap_or(""),
                "isPickList": picks.is_some(),
                "picklistValues": picks.map(|p| p.iter().enumerate().map(|(i, (v, label, active))| json!({
                    "value": v.to_string(), "label": label, "isDefaultValue": false, "sortOrder": i + 1,
                    "parentValue": "", "isActive": active, "isSystem": true,
                })).collect::<Vec<_>>()),
                "picklistParentValueField": "",
                "isSupportedWebhookField": false,
            })
        })
        .collect()
}

fn udf_info(defs: &[UdfDef]) -> Vec<Value> {
    defs.iter()
        .map(|d| json!({
            "name": d.name, "label": d.label, "type": "string", "length": 100, "description": d.description,
            "isRequired": false, "isReadOnly": false, "isQueryable": true, "isReference": false,
            "referenceEntityType": "", "isPickList": false, "picklistValues": Value::Null,
            "picklistParentValueField": "", "defaultValue": "", "isSupportedWebhookField": false,
        }))
        .collect()
}
