use serde_json::json;
use zorus_sim::{SeedProfile, DEMO_API_KEY};

use crate::{search, send, start};

#[tokio::test]
async fn the_demo_key_is_accepted_and_the_reply_is_a_bare_array() {
    let sim = start(SeedProfile::Tiny).await;
    let reply = search(&sim, "customers", json!({ "page": 1, "pageSize": 10 })).await;
    assert!(reply.content_type.starts_with("application/json"));
    assert_eq!(reply.items().len(), 3);
}

#[tokio::test]
async fn a_wrong_key_or_scheme_gets_401() {
    let sim = start(SeedProfile::Tiny).await;
    let body = r#"{"page":1,"pageSize":1}"#;
    let bearer = format!("Bearer {DEMO_API_KEY}");
    let cases: [&[(&str, &str)]; 4] = [
        &[
            ("Authorization", "Impersonation not-the-key"),
            ("Zorus-Api-Version", "1.0"),
        ],
        &[("Authorization", &bearer), ("Zorus-Api-Version", "1.0")],
        &[
            ("Authorization", "Impersonation"),
            ("Zorus-Api-Version", "1.0"),
        ],
        &[("Zorus-Api-Version", "1.0")],
    ];
    for headers in cases {
        let reply = send(&sim, "/api/customers/search", headers, Some(body)).await;
        assert_eq!(reply.status, 401, "{headers:?}");
    }
    // The scheme is matched without regard to case.
    let lower = format!("impersonation {DEMO_API_KEY}");
    let headers = [
        ("Authorization", lower.as_str()),
        ("Zorus-Api-Version", "1.0"),
    ];
    let reply = send(&sim, "/api/customers/search", &headers, Some(body)).await;
    assert_eq!(reply.status, 200);
}

#[tokio::test]
async fn a_changed_key_locks_out_the_old_one() {
    let sim = start(SeedProfile::Tiny).await;
    sim.set_api_key("rotated");
    let reply = search(&sim, "customers", json!({})).await;
    assert_eq!(reply.status, 401);
    sim.reset();
    assert_eq!(search(&sim, "customers", json!({})).await.status, 200);
}

#[tokio::test]
async fn the_version_header_is_required() {
    let sim = start(SeedProfile::Tiny).await;
    let auth = format!("Impersonation {DEMO_API_KEY}");
    let missing = send(
        &sim,
        "/api/customers/search",
        &[("Authorization", &auth)],
        Some("{}"),
    )
    .await;
    assert_eq!(missing.status, 400);
    assert_eq!(missing.json()["title"], "API version unspecified");
    let wrong = send(
        &sim,
        "/api/customers/search",
        &[("Authorization", &auth), ("Zorus-Api-Version", "2.0")],
        Some("{}"),
    )
    .await;
    assert_eq!(wrong.status, 400);
}

#[tokio::test]
async fn only_post_search_routes_exist() {
    let sim = start(SeedProfile::Tiny).await;
    let get = reqwest::get(format!("{}/api/customers/search", sim.base_url()))
        .await
        .expect("request");
    assert_eq!(get.status().as_u16(), 405);
    let unknown = search(&sim, "tenants", json!({})).await;
    assert_eq!(unknown.status, 404);
    let log = sim.request_log();
    assert_eq!(log.count("POST unrouted"), 1);
}
