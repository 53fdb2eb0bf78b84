use reqwest::Method;
use serde_json::json;
use zorus_sim::SeedProfile;

use crate::{all_customers, control, search, start};

#[tokio::test]
async fn customers_can_be_renamed_disabled_removed_and_added_over_http() {
    let sim = start(SeedProfile::Tiny).await;
    let before = all_customers(&sim).await;
    let first = before[0]["uuid"].as_str().expect("uuid").to_string();
    let second = before[1]["uuid"].as_str().expect("uuid").to_string();

    control(
        &sim,
        Method::POST,
        &format!("customers/{first}/rename"),
        json!({ "name": "Renamed Co" }),
    )
    .await;
    control(
        &sim,
        Method::POST,
        &format!("customers/{first}/disable"),
        json!({}),
    )
    .await;
    control(
        &sim,
        Method::DELETE,
        &format!("customers/{second}"),
        json!({}),
    )
    .await;
    let added = control(
        &sim,
        Method::POST,
        "customers",
        json!({ "name": "Newcomer", "endpoints": 7 }),
    )
    .await;
    let added = added["uuid"].as_str().expect("uuid").to_string();

    let after = all_customers(&sim).await;
    assert_eq!(after.len(), 3);
    let renamed = after
        .iter()
        .find(|c| c["uuid"] == first.as_str())
        .expect("still there");
    assert_eq!(renamed["name"], "Renamed Co");
    assert_eq!(renamed["isEnabled"], false);
    assert!(after.iter().all(|c| c["uuid"] != second.as_str()));
    let newcomer = after
        .iter()
        .find(|c| c["uuid"] == added.as_str())
        .expect("added");
    assert_eq!(newcomer["deploymentInfo"]["deployedEndpointCount"], 7);

    // The removed customer's endpoints are gone too.
    let body = json!({ "customerUuidEquals": second, "pageSize": 100 });
    assert!(search(&sim, "endpoints", body).await.items().is_empty());

    control(
        &sim,
        Method::POST,
        &format!("customers/{first}/enable"),
        json!({}),
    )
    .await;
    control(
        &sim,
        Method::POST,
        &format!("customers/{added}/endpoints"),
        json!({ "count": 3 }),
    )
    .await;
    control(
        &sim,
        Method::POST,
        &format!("customers/{first}/rename"),
        json!({ "name": null }),
    )
    .await;
    let state = control(&sim, Method::GET, "customers", json!(null)).await;
    let state = state.as_array().expect("array");
    let first_now = state
        .iter()
        .find(|c| c["uuid"] == first.as_str())
        .expect("there");
    assert_eq!(first_now["isEnabled"], true);
    assert!(first_now["name"].is_null());
    let added_now = state
        .iter()
        .find(|c| c["uuid"] == added.as_str())
        .expect("there");
    assert_eq!(added_now["deploymentInfo"]["deployedEndpointCount"], 3);
}

#[tokio::test]
async fn an_unknown_customer_is_a_404_control() {
    let sim = start(SeedProfile::Tiny).await;
    let resp = reqwest::Client::new()
        .post(format!(
            "{}/_sim/customers/00000000-0000-4000-8000-000000000000/disable",
            sim.base_url()
        ))
        .send()
        .await
        .expect("request");
    assert_eq!(resp.status().as_u16(), 404);
    assert!(!sim.rename_customer("nope", Some("x")));
}

#[tokio::test]
async fn the_request_log_counts_per_route_and_resets() {
    let sim = start(SeedProfile::Tiny).await;
    search(&sim, "customers", json!({ "page": 1, "pageSize": 2 })).await;
    search(&sim, "customers", json!({ "page": 2, "pageSize": 2 })).await;
    search(
        &sim,
        "endpoints",
        json!({ "customerUuidEquals": "00000000-0000-4000-8000-000000000000" }),
    )
    .await;
    let log = control(&sim, Method::GET, "log", json!(null)).await;
    assert_eq!(log["byRoute"]["POST customers/search"], 2);
    assert_eq!(log["byRoute"]["POST endpoints/search"], 1);
    let snapshot = sim.request_log();
    assert_eq!(snapshot.api_calls(), 3);
    let last = snapshot.entries.last().expect("an entry");
    assert_eq!(
        last.body["customerUuidEquals"],
        "00000000-0000-4000-8000-000000000000"
    );
    control(&sim, Method::DELETE, "log", json!(null)).await;
    assert_eq!(sim.request_log().total, 0);
}

#[tokio::test]
async fn latency_slows_every_call_and_reset_clears_it() {
    let sim = start(SeedProfile::Tiny).await;
    control(&sim, Method::POST, "latency", json!({ "fixedMs": 150 })).await;
    let started = std::time::Instant::now();
    search(&sim, "customers", json!({})).await;
    assert!(started.elapsed() >= std::time::Duration::from_millis(150));
    control(&sim, Method::POST, "reset", json!({})).await;
    let started = std::time::Instant::now();
    search(&sim, "customers", json!({})).await;
    assert!(started.elapsed() < std::time::Duration::from_millis(150));
}
