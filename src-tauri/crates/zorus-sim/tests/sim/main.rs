//! The simulator over real HTTP, spoken to with a raw client so the tests see exactly what it
//! sends. One binary, a module per behaviour.

mod auth_and_headers;
mod binary;
mod controls;
mod faults;
mod search;
mod seeds;

use chrono::{DateTime, Utc};
use serde_json::{json, Value};
use zorus_sim::{SeedProfile, SimConfig, SimHandle, Simulator, DEMO_API_KEY};

pub struct Reply {
    pub status: u16,
    pub text: String,
    pub content_type: String,
    pub retry_after: Option<String>,
}

impl Reply {
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.text).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.text))
    }

    pub fn items(&self) -> Vec<Value> {
        assert_eq!(self.status, 200, "search failed: {}", self.text);
        match self.json() {
            Value::Array(items) => items,
            other => panic!("a search answers with a bare array, not {other}"),
        }
    }
}

pub fn pinned_now() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-12-04T12:00:00Z")
        .expect("valid")
        .with_timezone(&Utc)
}

pub async fn start(seed: SeedProfile) -> SimHandle {
    Simulator::start(SimConfig {
        seed,
        now: Some(pinned_now()),
        ..SimConfig::default()
    })
    .await
    .expect("simulator starts")
}

pub async fn send(
    sim: &SimHandle,
    path: &str,
    headers: &[(&str, &str)],
    body: Option<&str>,
) -> Reply {
    let mut req = reqwest::Client::new().post(format!("{}{path}", sim.base_url()));
    for (k, v) in headers {
        req = req.header(*k, *v);
    }
    if let Some(b) = body {
        req = req
            .header("Content-Type", "application/json")
            .body(b.to_string());
    }
    let resp = req.send().await.expect("request completes");
    let status = resp.status().as_u16();
    let content_type = resp
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string();
    let retry_after = resp
        .headers()
        .get("retry-after")
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    let text = resp.text().await.expect("body");
    Reply {
        status,
        text,
        content_type,
        retry_after,
    }
}

/// A search as a well-behaved client sends it.
pub async fn search(sim: &SimHandle, resource: &str, body: Value) -> Reply {
    let auth = format!("Impersonation {DEMO_API_KEY}");
    send(
        sim,
        &format!("/api/{resource}/search"),
        &[("Authorization", &auth), ("Zorus-Api-Version", "1.0")],
        Some(&body.to_string()),
    )
    .await
}

pub async fn all_customers(sim: &SimHandle) -> Vec<Value> {
    search(sim, "customers", json!({ "page": 1, "pageSize": 1000 }))
        .await
        .items()
}

pub async fn control(sim: &SimHandle, method: reqwest::Method, path: &str, body: Value) -> Value {
    let resp = reqwest::Client::new()
        .request(method, format!("{}/_sim/{path}", sim.base_url()))
        .json(&body)
        .send()
        .await
        .expect("control request");
    assert!(
        resp.status().is_success(),
        "control {path}: {}",
        resp.status()
    );
    resp.json().await.expect("control answers JSON")
}
