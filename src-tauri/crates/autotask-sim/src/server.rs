//! The HTTP front: zone discovery, authentication, throttling and injected faults around the API,
//! the `/_sim/` controls, and the handle a test or the app holds.

use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{header, HeaderMap, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::Router;
use chrono::NaiveDate;
use serde_json::{json, Value};
use tokio::net::TcpListener;

use crate::api::{self, Request, Route};
use crate::config::{Latency, Limits, SeedProfile, SimConfig};
use crate::faults::{FaultAction, FaultRule, Faults, LogEntry, LogSnapshot, RequestLog};
use crate::limits::{Hourly, Limiter};
use crate::query::Paging;
use crate::record::render;
use crate::schema;
use crate::seed::{self, Rng};
use crate::store::Db;

pub(crate) struct Sim {
    config: SimConfig,
    seeded: Mutex<(SeedProfile, u64)>,
    db: Mutex<Db>,
    limiter: Arc<Limiter>,
    faults: Mutex<Faults>,
    log: Mutex<RequestLog>,
    latency: Mutex<Latency>,
    jitter: AtomicU64,
    addr: SocketAddr,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

impl Sim {
    fn reseed(&self, profile: SeedProfile, number: u64) {
        let mut db = lock(&self.db);
        let today = db.today;
        *db = Db::default();
        db.today = today;
        seed::seed(&mut db, profile, number, &self.config.username);
        *lock(&self.seeded) = (profile, number);
    }
}

/// Starts simulators.
pub struct Simulator;

impl Simulator {
    /// Starts a simulator on 127.0.0.1 with an ephemeral port.
    pub async fn start(config: SimConfig) -> std::io::Result<SimHandle> {
        Self::start_on(config, SocketAddr::from(([127, 0, 0, 1], 0))).await
    }

    pub async fn start_on(config: SimConfig, addr: SocketAddr) -> std::io::Result<SimHandle> {
        let listener = TcpListener::bind(addr).await?;
        let addr = listener.local_addr()?;
        let limiter = Arc::new(Limiter::default());
        limiter.set_limits(config.limits.clone());
        let sim = Arc::new(Sim {
            seeded: Mutex::new((config.seed, config.seed_number)),
            db: Mutex::new(Db::default()),
            limiter,
            faults: Mutex::default(),
            log: Mutex::default(),
            latency: Mutex::default(),
            jitter: AtomicU64::new(config.seed_number),
            addr,
            config,
        });
        sim.reseed(sim.config.seed, sim.config.seed_number);
        let app = Router::new().fallback(handle).with_state(Arc::clone(&sim));
        let server = sim_kit::Server::spawn(listener, app, "Autotask simulator");
        tracing::info!("Autotask simulator listening on http://{addr}");
        Ok(SimHandle { sim, server })
    }
}

/// A running simulator. Dropping it stops the server.
pub struct SimHandle {
    sim: Arc<Sim>,
    server: sim_kit::Server,
}

impl SimHandle {
    /// `http://127.0.0.1:PORT`
    pub fn base_url(&self) -> String {
        format!("http://{}", self.sim.addr)
    }

    pub fn addr(&self) -> SocketAddr {
        self.sim.addr
    }

    /// Where zone discovery starts, as `https://webservices2.autotask.net/atservicesrest` does.
    pub fn zone_entry_url(&self) -> String {
        format!("{}/atservicesrest", self.base_url())
    }

    /// The zone URL discovery returns.
    pub fn api_url(&self) -> String {
        format!("{}/ATServicesRest/", self.base_url())
    }

    pub fn config(&self) -> &SimConfig {
        &self.sim.config
    }

    pub fn set_latency(&self, latency: Latency) {
        *lock(&self.sim.latency) = latency;
    }

    pub fn set_limits(&self, limits: Limits) {
        self.sim.limiter.set_limits(limits);
    }

    pub fn add_fault(&self, rule: FaultRule) {
        lock(&self.sim.faults).add(rule);
    }

    pub fn clear_faults(&self) {
        lock(&self.sim.faults).clear();
    }

    pub fn set_today(&self, today: Option<NaiveDate>) {
        lock(&self.sim.db).today = today;
    }

    pub fn request_log(&self) -> LogSnapshot {
        lock(&self.sim.log).snapshot()
    }

    pub fn clear_log(&self) {
        lock(&self.sim.log).clear();
    }

    /// Re-seeds the tenant and forgets usage, faults, latency and the log.
    pub fn reset(&self) {
        let (profile, number) = *lock(&self.sim.seeded);
        self.sim.reseed(profile, number);
        self.clear_faults();
        self.clear_log();
        self.set_latency(Latency::default());
        self.sim.limiter.clear_usage();
    }

    pub fn reseed(&self, profile: SeedProfile, number: u64) {
        self.sim.reseed(profile, number);
    }

    /// Every stored record of an entity, rendered as the API would return it.
    pub fn records(&self, entity: &str) -> Vec<Value> {
        state_of(&lock(&self.sim.db), entity)
    }

    pub fn record(&self, entity: &str, id: i64) -> Option<Value> {
        let db = lock(&self.sim.db);
        let e = schema::entity(entity)?;
        db.get(e.name, id)
            .map(|r| render(e, id, r, db.udf_defs(e.name), None))
    }

    pub async fn shutdown(self) {
        self.server.stop().await;
    }
}

fn state_of(db: &Db, entity: &str) -> Vec<Value> {
    let Some(e) = schema::entity(entity) else {
        return vec![];
    };
    db.table(e.name)
        .into_iter()
        .flatten()
        .map(|(id, r)| render(e, *id, r, db.udf_defs(e.name), None))
        .collect()
}

fn reply(status: u16, body: &Value) -> Response {
    let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    (
        status,
        [(header::CONTENT_TYPE, "application/json; charset=utf-8")],
        body.to_string(),
    )
        .into_response()
}

fn reply_text(status: u16, body: String) -> Response {
    let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    (
        status,
        [(header::CONTENT_TYPE, "application/json; charset=utf-8")],
        body,
    )
        .into_response()
}

fn errors(status: u16, message: &str) -> Response {
    reply(status, &json!({ "errors": [message] }))
}

/// Closes the connection without an answer. Unwinding out of the handler makes hyper drop the
/// connection; `resume_unwind` skips the panic hook, so nothing is printed.
fn drop_connection() -> ! {
    std::panic::resume_unwind(Box::new("simulated dropped connection"))
}

fn query_param(uri: &Uri, name: &str) -> Option<String> {
    url::form_urlencoded::parse(uri.query()?.as_bytes())
        .find(|(k, _)| k.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.into_owned())
}

fn host_base(sim: &Sim, headers: &HeaderMap) -> String {
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .map(str::to_string);
    format!("http://{}", host.unwrap_or_else(|| sim.addr.to_string()))
}

fn header_is(headers: &HeaderMap, name: &str, expected: &str) -> bool {
    headers.get(name).and_then(|v| v.to_str().ok()) == Some(expected)
}

async fn handle(
    State(sim): State<Arc<Sim>>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let path = uri.path().to_string();
    let segs: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    let first = segs.first().map(|s| s.to_ascii_lowercase());
    if first.as_deref() == Some("_sim") {
        return control(&sim, &method, &segs[1..], &body);
    }
    if first.as_deref() != Some("atservicesrest") {
        return errors(
            404,
            "No HTTP resource was found that matches the request URI.",
        );
    }
    let second = segs.get(1).map(|s| s.to_ascii_lowercase());
    let base = host_base(&sim, &headers);
    if second.as_deref() == Some("versioninformation") && segs.len() == 2 {
        return log(
            &sim,
            &method,
            &path,
            "versioninformation",
            reply(200, &json!({ "apiVersions": ["1.0"] })),
        );
    }
    if second.as_deref() != Some("v1.0") {
        return errors(
            404,
            "No HTTP resource was found that matches the request URI.",
        );
    }
    if segs.len() == 3 && segs[2].eq_ignore_ascii_case("zoneinformation") {
        let user = query_param(&uri, "user").unwrap_or_default();
        let response = if user.eq_ignore_ascii_case(&sim.config.username) {
            reply(
                200,
                &json!({ "zoneName": "Simulator Zone", "url": format!("{base}/ATServicesRest/"), "webUrl": format!("{base}/"), "ci": 1 }),
            )
        } else {
            errors(500, "Zone information could not be determined")
        };
        return log(&sim, &method, &path, "zoneInformation", response);
    }
    let route = match api::resolve(&method, &segs[2..]) {
        Ok(route) => route,
        Err((status, message)) => {
            return log(&sim, &method, &path, "unrouted", errors(status, &message))
        }
    };
    let pattern = format!("{method} {}", route.pattern());
    let response = serve_api(
        &sim, &method, &uri, &headers, &body, &route, &base, &pattern,
    )
    .await;
    log(&sim, &method, &path, &pattern, response)
}

fn log(sim: &Sim, method: &Method, path: &str, route: &str, response: Response) -> Response {
    let route = if route.contains(' ') {
        route.to_string()
    } else {
        format!("{method} {route}")
    };
    let status = response.status().as_u16();
    lock(&sim.log).record(LogEntry {
        method: method.to_string(),
        path: path.to_string(),
        route,
        status,
    });
    response
}

#[allow(clippy::too_many_arguments)]
async fn serve_api(
    sim: &Arc<Sim>,
    method: &Method,
    uri: &Uri,
    headers: &HeaderMap,
    body: &Bytes,
    route: &Route,
    base: &str,
    pattern: &str,
) -> Response {
    // A dropped connection never reaches the log call around this function: log it here.
    let dropped = || -> ! {
        let entry = LogEntry {
            method: method.to_string(),
            path: uri.path().to_string(),
            route: pattern.to_string(),
            status: 0,
        };
        lock(&sim.log).record(entry);
        drop_connection()
    };
    let cfg = &sim.config;
    // The service names neither which credential failed nor echoes it.
    if !header_is(headers, "username", &cfg.username) || !header_is(headers, "secret", &cfg.secret)
    {
        return errors(
            401,
            "Authentication failed: the API user's username or secret is not valid.",
        );
    }
    if !header_is(headers, "apiintegrationcode", &cfg.integration_code) {
        return errors(500, "IntegrationCode is invalid.");
    }
    let extra_delay = match sim.limiter.count_request() {
        Hourly::Proceed(d) => d,
        Hourly::Refuse => {
            return errors(429, "The hourly request threshold for this database has been reached. Requests are refused until usage drops below the threshold.");
        }
    };
    let bucket = route.bucket();
    let thread_status = sim.limiter.limits().thread_limit_status;
    let thread_error = || {
        errors(thread_status, &format!(
        "Itgenatr005: Thread Threshold Exceeded. The thread threshold of {} threads has been exceeded for the integration on the {bucket} endpoint.",
        sim.limiter.limits().thread_limit
    ))
    };
    let Some((_slot, running)) = sim.limiter.acquire(&cfg.integration_code, bucket) else {
        return thread_error();
    };
    lock(&sim.log).peak(bucket, running);
    let fault = lock(&sim.faults).check(method.as_str(), uri.path());
    match &fault {
        Some(FaultAction::Status { status, message }) => {
            return errors(*status, message.as_deref().unwrap_or("An injected fault."));
        }
        Some(FaultAction::ThreadLimit) => return thread_error(),
        Some(FaultAction::Drop) => dropped(),
        _ => {}
    }
    let latency = *lock(&sim.latency);
    let random = Rng::new(sim.jitter.fetch_add(1, Ordering::Relaxed)).next_u64();
    let delay = latency.pick(random) + extra_delay;
    if !delay.is_zero() {
        tokio::time::sleep(delay).await;
    }
    let parsed: Value = if body.iter().all(u8::is_ascii_whitespace) {
        Value::Null
    } else {
        match serde_json::from_slice(body) {
            Ok(v) => v,
            Err(e) => return errors(400, &format!("The request body is not valid JSON: {e}")),
        }
    };
    let search = match query_param(uri, "search").map(|s| serde_json::from_str::<Value>(&s)) {
        Some(Ok(v)) => Some(v),
        Some(Err(e)) => {
            return errors(400, &format!("The search parameter is not valid JSON: {e}"))
        }
        None => None,
    };
    let paging = query_param(uri, "paging").and_then(|p| serde_json::from_str::<Paging>(&p).ok());
    let api_url = format!("{base}/ATServicesRest/");
    let request = Request {
        method,
        body: &parsed,
        search,
        paging,
        api_url: &api_url,
        hourly: sim.limiter.hourly_usage(),
    };
    let result = api::perform(&mut lock(&sim.db), route, &request);
    // Serialized after the store's lock is released.
    let text = match result {
        Ok(body) => body.into_text(),
        Err(e) => return errors(e.status, &e.message),
    };
    match fault {
        Some(FaultAction::DropAfterCommit) => dropped(),
        Some(FaultAction::MalformedJson) => {
            let cut = &text[..text.len() / 2];
            (
                [(header::CONTENT_TYPE, "application/json; charset=utf-8")],
                cut.to_string(),
            )
                .into_response()
        }
        Some(FaultAction::DelayAfterCommit { ms }) => {
            tokio::time::sleep(Duration::from_millis(ms)).await;
            reply_text(200, text)
        }
        _ => reply_text(200, text),
    }
}

fn control(sim: &Sim, method: &Method, segs: &[&str], body: &Bytes) -> Response {
    let json_body: Value = serde_json::from_slice(body).unwrap_or(Value::Null);
    let bad = |e: String| errors(400, &e);
    let lower: Vec<String> = segs.iter().map(|s| s.to_ascii_lowercase()).collect();
    let l: Vec<&str> = lower.iter().map(String::as_str).collect();
    match (method.as_str(), l.as_slice()) {
        ("POST", ["reset"]) => {
            let (profile, number) = *lock(&sim.seeded);
            sim.reseed(profile, number);
            lock(&sim.faults).clear();
            lock(&sim.log).clear();
            *lock(&sim.latency) = Latency::default();
            sim.limiter.clear_usage();
            reply(200, &json!({ "ok": true }))
        }
        ("POST", ["seed"]) => {
            let profile = json_body
                .get("profile")
                .and_then(Value::as_str)
                .and_then(SeedProfile::parse);
            let Some(profile) = profile else {
                return bad("profile must be one of empty, tiny, small, medium, large".into());
            };
            let number = json_body.get("seed").and_then(Value::as_u64).unwrap_or(1);
            sim.reseed(profile, number);
            reply(200, &json!({ "ok": true }))
        }
        ("GET", ["state"]) => {
            let db = lock(&sim.db);
            let counts: serde_json::Map<String, Value> = schema::ENTITIES
                .iter()
                .map(|e| (e.name.to_string(), json!(db.count(e.name))))
                .collect();
            reply(200, &Value::Object(counts))
        }
        ("GET", ["state", entity]) => {
            reply(200, &json!({ "items": state_of(&lock(&sim.db), entity) }))
        }
        ("GET", ["log"]) => reply(
            200,
            &serde_json::to_value(lock(&sim.log).snapshot()).unwrap_or_default(),
        ),
        ("DELETE", ["log"]) => {
            lock(&sim.log).clear();
            reply(200, &json!({ "ok": true }))
        }
        ("GET", ["faults"]) => reply(
            200,
            &serde_json::to_value(lock(&sim.faults).rules()).unwrap_or_default(),
        ),
        ("POST", ["faults"]) => match serde_json::from_value::<FaultRule>(json_body) {
            Ok(rule) => {
                lock(&sim.faults).add(rule);
                reply(200, &json!({ "ok": true }))
            }
            Err(e) => bad(format!("not a fault rule: {e}")),
        },
        ("DELETE", ["faults"]) => {
            lock(&sim.faults).clear();
            reply(200, &json!({ "ok": true }))
        }
        ("POST", ["latency"]) => match serde_json::from_value::<Latency>(json_body) {
            Ok(l) => {
                *lock(&sim.latency) = l;
                reply(200, &json!({ "ok": true }))
            }
            Err(e) => bad(format!("not a latency: {e}")),
        },
        ("POST", ["limits"]) => match serde_json::from_value::<Limits>(json_body) {
            Ok(l) => {
                sim.limiter.set_limits(l);
                reply(200, &json!({ "ok": true }))
            }
            Err(e) => bad(format!("not limits: {e}")),
        },
        ("POST", ["clock"]) => {
            let today = json_body
                .get("today")
                .and_then(Value::as_str)
                .map(|s| NaiveDate::parse_from_str(s, "%Y-%m-%d"));
            match today {
                Some(Err(e)) => bad(format!("today must be YYYY-MM-DD: {e}")),
                Some(Ok(d)) => {
                    lock(&sim.db).today = Some(d);
                    reply(200, &json!({ "ok": true }))
                }
                None => {
                    lock(&sim.db).today = None;
                    reply(200, &json!({ "ok": true }))
                }
            }
        }
        _ => errors(404, "Unknown simulator control."),
    }
}
