//! The HTTP front: headers, authentication and injected faults around the two searches, the
//! `/_sim/` controls, and the handle a test or the app holds.

use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{header, HeaderMap, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::Router;
use chrono::{DateTime, Utc};
use serde_json::{json, Value};
use tokio::net::TcpListener;

use crate::config::{Latency, Quirks, SeedProfile, SimConfig};
use crate::faults::{FaultAction, FaultRule, Faults, LogEntry, LogSnapshot, RequestLog};
use crate::search::{self, Rejected, Settings};
use crate::seed::{self, Rng};
use crate::store::{render_customer, Db, SimCustomer, SimEndpoint};

struct Sim {
    config: SimConfig,
    api_key: Mutex<String>,
    seeded: Mutex<(SeedProfile, u64)>,
    clock: Mutex<Option<DateTime<Utc>>>,
    db: Mutex<Db>,
    faults: Mutex<Faults>,
    log: Mutex<RequestLog>,
    latency: Mutex<Latency>,
    quirks: Mutex<Quirks>,
    jitter: AtomicU64,
    addr: SocketAddr,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

impl Sim {
    fn now(&self) -> DateTime<Utc> {
        lock(&self.clock).unwrap_or_else(|| {
            let today = Utc::now().date_naive();
            today.and_hms_opt(0, 0, 0).unwrap_or_default().and_utc()
        })
    }

    fn reseed(&self, profile: SeedProfile, number: u64) {
        let now = self.now();
        seed::seed(&mut lock(&self.db), profile, number, now);
        *lock(&self.seeded) = (profile, number);
    }

    fn reset(&self) {
        let (profile, number) = *lock(&self.seeded);
        self.reseed(profile, number);
        lock(&self.faults).clear();
        lock(&self.log).clear();
        *lock(&self.latency) = Latency::default();
        *lock(&self.quirks) = self.config.quirks;
        *lock(&self.api_key) = self.config.api_key.clone();
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
        let sim = Arc::new(Sim {
            api_key: Mutex::new(config.api_key.clone()),
            seeded: Mutex::new((config.seed, config.seed_number)),
            clock: Mutex::new(config.now),
            db: Mutex::default(),
            faults: Mutex::default(),
            log: Mutex::default(),
            latency: Mutex::default(),
            quirks: Mutex::new(config.quirks),
            jitter: AtomicU64::new(config.seed_number),
            addr,
            config,
        });
        sim.reseed(sim.config.seed, sim.config.seed_number);
        let app = Router::new().fallback(handle).with_state(Arc::clone(&sim));
        let server = sim_kit::Server::spawn(listener, app, "Zorus simulator");
        tracing::info!("Zorus simulator listening on http://{addr}");
        Ok(SimHandle { sim, server })
    }
}

/// A running simulator. Dropping it stops the server.
pub struct SimHandle {
    sim: Arc<Sim>,
    server: sim_kit::Server,
}

impl SimHandle {
    /// `http://127.0.0.1:PORT`, the counterpart of `https://developer.zorustech.com`.
    pub fn base_url(&self) -> String {
        format!("http://{}", self.sim.addr)
    }

    pub fn addr(&self) -> SocketAddr {
        self.sim.addr
    }

    pub fn config(&self) -> &SimConfig {
        &self.sim.config
    }

    /// Replaces the accepted key, as revoking a token and issuing a new one would.
    pub fn set_api_key(&self, key: &str) {
        *lock(&self.sim.api_key) = key.to_string();
    }

    pub fn set_latency(&self, latency: Latency) {
        *lock(&self.sim.latency) = latency;
    }

    pub fn set_quirks(&self, quirks: Quirks) {
        *lock(&self.sim.quirks) = quirks;
    }

    pub fn add_fault(&self, rule: FaultRule) {
        lock(&self.sim.faults).add(rule);
    }

    pub fn clear_faults(&self) {
        lock(&self.sim.faults).clear();
    }

    pub fn request_log(&self) -> LogSnapshot {
        lock(&self.sim.log).snapshot()
    }

    pub fn clear_log(&self) {
        lock(&self.sim.log).clear();
    }

    /// Pins the simulator's clock; the next reseed places `lastSeenDateUtc` values relative to it.
    pub fn set_now(&self, now: Option<DateTime<Utc>>) {
        *lock(&self.sim.clock) = now;
        lock(&self.sim.db).now = self.sim.now();
    }

    pub fn now(&self) -> DateTime<Utc> {
        self.sim.now()
    }

    /// Seeds again, and forgets faults, latency, quirks, the log and any changed key.
    pub fn reset(&self) {
        self.sim.reset();
    }

    pub fn reseed(&self, profile: SeedProfile, number: u64) {
        self.sim.reseed(profile, number);
    }

    pub fn customers(&self) -> Vec<SimCustomer> {
        lock(&self.sim.db).customers.clone()
    }

    pub fn endpoints(&self) -> Vec<SimEndpoint> {
        lock(&self.sim.db).endpoints.clone()
    }

    pub fn customer_named(&self, name: &str) -> Option<SimCustomer> {
        lock(&self.sim.db)
            .customers
            .iter()
            .find(|c| c.name.as_deref() == Some(name))
            .cloned()
    }

    /// Adds an enabled customer with `endpoints` endpoints seen just now; returns its uuid.
    pub fn add_customer(&self, name: &str, endpoints: usize) -> String {
        lock(&self.sim.db).add_customer(name, endpoints)
    }

    /// Renames a customer; `None` writes a null name, which the API's schema allows (§2.1).
    pub fn rename_customer(&self, uuid: &str, name: Option<&str>) -> bool {
        match lock(&self.sim.db).customer_mut(uuid) {
            Some(c) => {
                c.name = name.map(str::to_string);
                true
            }
            None => false,
        }
    }

    pub fn set_customer_enabled(&self, uuid: &str, enabled: bool) -> bool {
        match lock(&self.sim.db).customer_mut(uuid) {
            Some(c) => {
                c.is_enabled = enabled;
                true
            }
            None => false,
        }
    }

    pub fn remove_customer(&self, uuid: &str) -> bool {
        lock(&self.sim.db).remove_customer(uuid)
    }

    pub fn set_endpoint_count(&self, uuid: &str, n: usize) -> bool {
        lock(&self.sim.db).set_endpoint_count(uuid, n)
    }

    pub async fn shutdown(self) {
        self.server.stop().await;
    }
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

/// Error bodies are undocumented (§3, §6 q7). The backend is ASP.NET, whose default error body
/// is RFC 7807 problem details, so that is what the simulator sends [reference: I].
fn problem(status: u16, title: &str, detail: &str) -> Response {
    let body = json!({
        "type": "https://tools.ietf.org/html/rfc9110",
        "title": title,
        "status": status,
        "detail": detail,
    });
    let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    (
        status,
        [(
            header::CONTENT_TYPE,
            "application/problem+json; charset=utf-8",
        )],
        body.to_string(),
    )
        .into_response()
}

/// Closes the connection without an answer. Unwinding out of the handler makes hyper drop the
/// connection; `resume_unwind` skips the panic hook, so nothing is printed.
fn drop_connection() -> ! {
    std::panic::resume_unwind(Box::new("simulated dropped connection"))
}

fn header<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers.get(name).and_then(|v| v.to_str().ok())
}

/// `Impersonation <key>` (§1.2). The scheme is compared without regard to case, as ASP.NET
/// authentication handlers do; the key must match exactly. `Bearer` is refused (§1.2).
fn authorized(headers: &HeaderMap, key: &str) -> bool {
    let Some(value) = header(headers, "authorization") else {
        return false;
    };
    let Some((scheme, token)) = value.split_once(' ') else {
        return false;
    };
    scheme.eq_ignore_ascii_case("impersonation") && !key.is_empty() && token.trim() == key
}

#[derive(Clone, Copy, PartialEq)]
enum Resource {
    Customers,
    Endpoints,
}

async fn handle(
    State(sim): State<Arc<Sim>>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let path = uri.path().to_string();
    let segs: Vec<String> = path
        .split('/')
        .filter(|s| !s.is_empty())
        .map(str::to_ascii_lowercase)
        .collect();
    let segs: Vec<&str> = segs.iter().map(String::as_str).collect();
    if segs.first() == Some(&"_sim") {
        return control(&sim, &method, &segs[1..], &body);
    }
    let resource = match segs.as_slice() {
        ["api", "customers", "search"] => Resource::Customers,
        ["api", "endpoints", "search"] => Resource::Endpoints,
        _ => {
            let response = problem(404, "Not Found", "No route matches this path.");
            return log(&sim, &method, &path, "unrouted", None, response);
        }
    };
    let route = match resource {
        Resource::Customers => "POST customers/search",
        Resource::Endpoints => "POST endpoints/search",
    };
    let parsed: Option<Value> = serde_json::from_slice(&body).ok();
    let response = if method != Method::POST {
        // Every call is a POST (§2.0); other methods on these paths have no handler.
        problem(405, "Method Not Allowed", "Search routes take POST.")
    } else {
        serve_api(&sim, &uri, &headers, parsed.as_ref(), resource).await
    };
    log(&sim, &method, &path, route, parsed, response)
}

fn log(
    sim: &Sim,
    method: &Method,
    path: &str,
    route: &str,
    body: Option<Value>,
    response: Response,
) -> Response {
    record(sim, method, path, route, body, response.status().as_u16());
    response
}

/// Adds a request to the log; `status` 0 stands for a connection closed without an answer.
fn record(sim: &Sim, method: &Method, path: &str, route: &str, body: Option<Value>, status: u16) {
    let route = if route.contains(' ') {
        route.to_string()
    } else {
        format!("{method} {route}")
    };
    let body = body.unwrap_or(Value::Null);
    let number = |k: &str| body.get(k).and_then(Value::as_u64);
    lock(&sim.log).record(LogEntry {
        method: method.to_string(),
        path: path.to_string(),
        route,
        status,
        page: number("page"),
        page_size: number("pageSize"),
        body: body.clone(),
    });
}

async fn serve_api(
    sim: &Arc<Sim>,
    uri: &Uri,
    headers: &HeaderMap,
    body: Option<&Value>,
    resource: Resource,
) -> Response {
    // PSA calls the version header required (§1.2) but no source says what its absence costs.
    // ASP.NET API versioning answers 400 for a missing or unsupported version; so does this.
    match header(headers, "zorus-api-version") {
        Some("1.0") => {}
        Some(other) => {
            return problem(
                400,
                "Unsupported API version",
                &format!("API version '{other}' is not supported; use 1.0."),
            )
        }
        None => {
            return problem(
                400,
                "API version unspecified",
                "Send the Zorus-Api-Version header.",
            )
        }
    }
    let key = lock(&sim.api_key).clone();
    if !authorized(headers, &key) {
        // The 401 body is undocumented (§3); an empty one is ASP.NET's default for a failed
        // authentication scheme.
        return (
            StatusCode::UNAUTHORIZED,
            [(header::WWW_AUTHENTICATE, "Impersonation")],
        )
            .into_response();
    }
    let fault = lock(&sim.faults).check("POST", uri.path());
    match &fault {
        Some(FaultAction::Status {
            status,
            message,
            retry_after_secs,
        }) => {
            let detail = message.as_deref().unwrap_or("An injected fault.");
            let mut response = problem(*status, "Injected fault", detail);
            if let Some(secs) = retry_after_secs {
                response
                    .headers_mut()
                    .insert(header::RETRY_AFTER, header::HeaderValue::from(*secs));
            }
            return response;
        }
        Some(FaultAction::Drop) => {
            let route = match resource {
                Resource::Customers => "POST customers/search",
                Resource::Endpoints => "POST endpoints/search",
            };
            record(sim, &Method::POST, uri.path(), route, body.cloned(), 0);
            drop_connection()
        }
        _ => {}
    }
    let latency = *lock(&sim.latency);
    let random = Rng::new(sim.jitter.fetch_add(1, Ordering::Relaxed)).next_u64();
    let delay = latency.pick(random);
    if !delay.is_zero() {
        tokio::time::sleep(delay).await;
    }
    // A body that is not JSON is a rejected query, the 406 of §3.
    let Some(body) = body else {
        return problem(406, "Invalid query", "The request body is not valid JSON.");
    };
    let settings = Settings {
        max_page_size: sim.config.max_page_size,
        timestamps: sim.config.timestamps,
        quirks: *lock(&sim.quirks),
    };
    let result = {
        let db = lock(&sim.db);
        match resource {
            Resource::Customers => search::customers(&db, body, &settings),
            Resource::Endpoints => search::endpoints(&db, body, &settings),
        }
    };
    let items = match result {
        Ok(items) => Value::Array(items),
        Err(Rejected(detail)) => return problem(406, "Invalid query", &detail),
    };
    match fault {
        Some(FaultAction::MalformedJson) => {
            let text = items.to_string();
            let cut = &text[..text.len() / 2];
            (
                [(header::CONTENT_TYPE, "application/json; charset=utf-8")],
                cut.to_string(),
            )
                .into_response()
        }
        Some(FaultAction::DelayAfterCommit { ms }) => {
            tokio::time::sleep(Duration::from_millis(ms)).await;
            reply(200, &items)
        }
        _ => reply(200, &items),
    }
}

fn ok() -> Response {
    reply(200, &json!({ "ok": true }))
}

fn control(sim: &Sim, method: &Method, segs: &[&str], body: &Bytes) -> Response {
    let json_body: Value = serde_json::from_slice(body).unwrap_or(Value::Null);
    let bad = |e: String| problem(400, "Bad control request", &e);
    let missing = || problem(404, "Not Found", "No such customer.");
    let done = |found: bool| if found { ok() } else { missing() };
    match (method.as_str(), segs) {
        ("POST", ["reset"]) => {
            sim.reset();
            ok()
        }
        ("POST", ["seed"]) => {
            let profile = json_body
                .get("profile")
                .and_then(Value::as_str)
                .and_then(SeedProfile::parse);
            let Some(profile) = profile else {
                return bad("profile must be one of empty, tiny, small, large".into());
            };
            let number = json_body.get("seed").and_then(Value::as_u64).unwrap_or(1);
            sim.reseed(profile, number);
            ok()
        }
        ("GET", ["log"]) => reply(
            200,
            &serde_json::to_value(lock(&sim.log).snapshot()).unwrap_or_default(),
        ),
        ("DELETE", ["log"]) => {
            lock(&sim.log).clear();
            ok()
        }
        ("GET", ["faults"]) => reply(
            200,
            &serde_json::to_value(lock(&sim.faults).rules()).unwrap_or_default(),
        ),
        ("POST", ["faults"]) => match serde_json::from_value::<FaultRule>(json_body) {
            Ok(rule) => {
                lock(&sim.faults).add(rule);
                ok()
            }
            Err(e) => bad(format!("not a fault rule: {e}")),
        },
        ("DELETE", ["faults"]) => {
            lock(&sim.faults).clear();
            ok()
        }
        ("POST", ["latency"]) => match serde_json::from_value::<Latency>(json_body) {
            Ok(l) => {
                *lock(&sim.latency) = l;
                ok()
            }
            Err(e) => bad(format!("not a latency: {e}")),
        },
        ("POST", ["quirks"]) => match serde_json::from_value::<Quirks>(json_body) {
            Ok(q) => {
                *lock(&sim.quirks) = q;
                ok()
            }
            Err(e) => bad(format!("not quirks: {e}")),
        },
        ("POST", ["key"]) => match json_body.get("apiKey").and_then(Value::as_str) {
            Some(k) => {
                *lock(&sim.api_key) = k.to_string();
                ok()
            }
            None => bad("send {\"apiKey\": \"...\"}".into()),
        },
        ("POST", ["clock"]) => {
            let now = match json_body.get("now").and_then(Value::as_str) {
                None => None,
                Some(s) => match DateTime::parse_from_rfc3339(s) {
                    Ok(t) => Some(t.with_timezone(&Utc)),
                    Err(e) => return bad(format!("now must be RFC 3339: {e}")),
                },
            };
            *lock(&sim.clock) = now;
            lock(&sim.db).now = sim.now();
            ok()
        }
        ("GET", ["customers"]) => {
            let db = lock(&sim.db);
            let counts = db.counts();
            let items: Vec<Value> = db
                .customers
                .iter()
                .map(|c| {
                    let n = counts.get(c.uuid.as_str()).copied().unwrap_or_default();
                    render_customer(c, n, sim.config.timestamps)
                })
                .collect();
            reply(200, &Value::Array(items))
        }
        ("POST", ["customers"]) => {
            let Some(name) = json_body.get("name").and_then(Value::as_str) else {
                return bad("send {\"name\": \"...\", \"endpoints\": N}".into());
            };
            let n = json_body
                .get("endpoints")
                .and_then(Value::as_u64)
                .unwrap_or(0);
            let uuid = lock(&sim.db).add_customer(name, n as usize);
            reply(200, &json!({ "uuid": uuid }))
        }
        ("POST", ["customers", uuid, "rename"]) => {
            let name = json_body.get("name").and_then(Value::as_str);
            done(
                lock(&sim.db)
                    .customer_mut(uuid)
                    .map(|c| c.name = name.map(str::to_string))
                    .is_some(),
            )
        }
        ("POST", ["customers", uuid, action @ ("enable" | "disable")]) => {
            let enabled = *action == "enable";
            done(
                lock(&sim.db)
                    .customer_mut(uuid)
                    .map(|c| c.is_enabled = enabled)
                    .is_some(),
            )
        }
        ("POST", ["customers", uuid, "endpoints"]) => {
            let Some(n) = json_body.get("count").and_then(Value::as_u64) else {
                return bad("send {\"count\": N}".into());
            };
            done(lock(&sim.db).set_endpoint_count(uuid, n as usize))
        }
        ("DELETE", ["customers", uuid]) => done(lock(&sim.db).remove_customer(uuid)),
        _ => problem(404, "Not Found", "Unknown simulator control."),
    }
}
