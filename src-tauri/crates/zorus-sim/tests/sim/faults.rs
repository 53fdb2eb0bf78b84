use std::time::Duration;

use reqwest::Method;
use serde_json::json;
use zorus_sim::{FaultAction, FaultRule, SeedProfile, DEMO_API_KEY};

use crate::{control, search, start};

#[tokio::test]
async fn a_status_fault_fires_on_the_nth_match_for_times_requests() {
    let sim = start(SeedProfile::Tiny).await;
    let action = FaultAction::status(503, "busy");
    sim.add_fault(FaultRule::post("customers/search", action).nth(2).times(2));
    let statuses = [
        search(&sim, "customers", json!({})).await.status,
        search(&sim, "endpoints", json!({})).await.status,
        search(&sim, "customers", json!({})).await.status,
        search(&sim, "customers", json!({})).await.status,
        search(&sim, "customers", json!({})).await.status,
    ];
    assert_eq!(statuses, [200, 200, 503, 503, 200]);
}

#[tokio::test]
async fn faults_come_after_authentication() {
    let sim = start(SeedProfile::Tiny).await;
    sim.add_fault(FaultRule::post(
        "search",
        FaultAction::Status {
            status: 500,
            message: None,
            retry_after_secs: Some(7),
        },
    ));
    let wrong = crate::send(
        &sim,
        "/api/customers/search",
        &[
            ("Authorization", "Impersonation wrong"),
            ("Zorus-Api-Version", "1.0"),
        ],
        Some("{}"),
    )
    .await;
    assert_eq!(wrong.status, 401);
    let reply = search(&sim, "customers", json!({})).await;
    assert_eq!(reply.status, 500);
    assert_eq!(reply.retry_after.as_deref(), Some("7"));
}

#[tokio::test]
async fn drop_closes_the_connection() {
    let sim = start(SeedProfile::Tiny).await;
    sim.add_fault(FaultRule::post("customers", FaultAction::Drop));
    let result = reqwest::Client::new()
        .post(format!("{}/api/customers/search", sim.base_url()))
        .header("Authorization", format!("Impersonation {DEMO_API_KEY}"))
        .header("Zorus-Api-Version", "1.0")
        .json(&json!({}))
        .send()
        .await;
    assert!(result.is_err(), "no answer expected");
    let log = sim.request_log();
    assert_eq!(
        log.entries.last().map(|e| e.status),
        Some(0),
        "logged as dropped"
    );
    assert_eq!(search(&sim, "customers", json!({})).await.status, 200);
}

#[tokio::test]
async fn malformed_json_is_cut_short() {
    let sim = start(SeedProfile::Tiny).await;
    control(
        &sim,
        Method::POST,
        "faults",
        json!({ "method": "POST", "path": "customers", "action": { "kind": "malformedJson" } }),
    )
    .await;
    let reply = search(&sim, "customers", json!({})).await;
    assert_eq!(reply.status, 200);
    assert!(serde_json::from_str::<serde_json::Value>(&reply.text).is_err());
    let listed = control(&sim, Method::GET, "faults", json!(null)).await;
    assert_eq!(listed.as_array().map(Vec::len), Some(1));
    control(&sim, Method::DELETE, "faults", json!(null)).await;
    assert!(serde_json::from_str::<serde_json::Value>(
        &search(&sim, "customers", json!({})).await.text
    )
    .is_ok());
}

#[tokio::test]
async fn a_delayed_answer_outlasts_a_short_timeout() {
    let sim = start(SeedProfile::Tiny).await;
    sim.add_fault(FaultRule::post(
        "customers",
        FaultAction::DelayAfterCommit { ms: 1_000 },
    ));
    let result = reqwest::Client::builder()
        .timeout(Duration::from_millis(200))
        .build()
        .expect("client")
        .post(format!("{}/api/customers/search", sim.base_url()))
        .header("Authorization", format!("Impersonation {DEMO_API_KEY}"))
        .header("Zorus-Api-Version", "1.0")
        .json(&json!({}))
        .send()
        .await;
    assert!(result.is_err_and(|e| e.is_timeout()));
}
