//! Throttling and injected faults, seen from a client on a real socket.

use std::time::{Duration, Instant};

use crate::common::Api;
use autotask_sim::{FaultAction, FaultRule, Latency, Limits, SimConfig};
use reqwest::Method;
use serde_json::json;

#[tokio::test]
async fn a_fourth_concurrent_request_on_one_entity_hits_the_thread_limit() {
    let api = Api::start().await;
    api.sim.set_latency(Latency {
        fixed_ms: 400,
        jitter_ms: 0,
    });
    let calls = (0..4).map(|_| api.get("Companies/0"));
    let other = api.get("Contacts/query/count?search=%7B%7D");
    let (replies, other) = tokio::join!(futures::future::join_all(calls), other);
    let refused: Vec<_> = replies.iter().filter(|r| r.status != 200).collect();
    assert_eq!(refused.len(), 1, "three run, the fourth is refused");
    assert_eq!(refused[0].status, 500, "the default thread-limit status");
    let text = refused[0].error_text();
    assert!(
        text.contains("Itgenatr005") && text.contains("thread threshold of 3 threads"),
        "{text}"
    );
    assert_eq!(other.status, 200, "another entity has its own threads");
    let log = api.sim.request_log();
    assert_eq!(log.peak_concurrency.get("Companies"), Some(&3));
    assert_eq!(log.count("GET Companies/{id}"), 4);

    api.sim.set_limits(Limits {
        thread_limit: 1,
        thread_limit_status: 429,
        ..Limits::default()
    });
    let (a, b) = tokio::join!(api.get("Companies/0"), api.get("Companies/1"));
    let statuses = [a.status, b.status];
    assert!(
        statuses.contains(&200) && statuses.contains(&429),
        "{statuses:?}"
    );
}

#[tokio::test]
async fn the_hourly_threshold_slows_then_refuses_and_is_reported() {
    let limits = Limits {
        hourly_threshold: 8,
        delay_at_50_ms: 150,
        delay_at_75_ms: 300,
        ..Limits::default()
    };
    let api = Api::with(SimConfig {
        limits,
        ..SimConfig::default()
    })
    .await;
    let mut slowest_early = Duration::ZERO;
    for _ in 0..3 {
        let t = Instant::now();
        assert_eq!(api.get("Companies/0").await.status, 200);
        slowest_early = slowest_early.max(t.elapsed());
    }
    let t = Instant::now();
    let r = api.get("ThresholdInformation").await;
    assert!(
        t.elapsed() < Duration::from_millis(150) || slowest_early >= Duration::from_millis(150),
        "below 50% no delay is added"
    );
    assert_eq!(
        r.body,
        json!({"externalRequestThreshold": 8, "requestThresholdTimeframe": 60, "currentTimeframeRequestCount": 4}),
        "it counts itself"
    );
    let t = Instant::now();
    api.get("Companies/0").await; // the 5th: 4 used = 50%
    assert!(
        t.elapsed() >= Duration::from_millis(150),
        "from 50% a delay is added"
    );
    api.get("Companies/0").await;
    let t = Instant::now();
    api.get("Companies/0").await; // the 7th: 6 used = 75%
    assert!(
        t.elapsed() >= Duration::from_millis(300),
        "from 75% a longer delay"
    );
    assert_eq!(api.get("Companies/0").await.status, 200);
    let refused = api.get("Companies/0").await;
    assert_eq!(refused.status, 429);
    assert!(refused.error_text().contains("threshold"));
    // Zone discovery is exempt.
    let zone = reqwest::get(format!(
        "{}/v1.0/zoneInformation?user={}",
        api.sim.zone_entry_url(),
        autotask_sim::DEMO_USERNAME
    ))
    .await
    .unwrap();
    assert_eq!(zone.status(), 200);
}

#[tokio::test]
async fn status_and_thread_limit_faults_fire_on_the_nth_match_only() {
    let api = Api::start().await;
    api.sim.add_fault(FaultRule {
        method: Some("POST".into()),
        path: Some("/companies/query".into()),
        nth: 2,
        times: 1,
        action: FaultAction::Status {
            status: 503,
            message: Some("maintenance".into()),
        },
    });
    api.sim.add_fault(FaultRule::new(
        "GET",
        "/Contacts/",
        FaultAction::ThreadLimit,
    ));
    let q = json!({"filter": [{"op": "eq", "field": "id", "value": 0}]});
    assert_eq!(api.post("Companies/query", q.clone()).await.status, 200);
    let second = api.post("Companies/query", q.clone()).await;
    assert_eq!(
        (second.status, second.error_text()),
        (503, "maintenance".to_string())
    );
    assert_eq!(api.post("Companies/query", q).await.status, 200);
    let limited = api.get("Contacts/1").await;
    assert!(limited.error_text().contains("Itgenatr005"));
    assert_eq!(api.get("Contacts/1").await.status, 200);
}

#[tokio::test]
async fn a_dropped_connection_before_or_after_the_write() {
    let api = Api::start().await;
    let before = api.sim.records("Contacts").len();
    api.sim
        .add_fault(FaultRule::new("POST", "/Contacts", FaultAction::Drop));
    let body = json!({"firstName": "Drop", "lastName": "Before", "isActive": 1});
    let err = api
        .http
        .post(api.url("Companies/1/Contacts"))
        .header("UserName", &api.username)
        .header("Secret", &api.secret)
        .header("ApiIntegrationCode", &api.code)
        .json(&body)
        .send()
        .await;
    assert!(err.is_err(), "the connection closes without an answer");
    assert_eq!(
        api.sim.records("Contacts").len(),
        before,
        "nothing was written"
    );

    api.sim.add_fault(FaultRule::new(
        "POST",
        "/Contacts",
        FaultAction::DropAfterCommit,
    ));
    let body = json!({"firstName": "Drop", "lastName": "After", "isActive": 1});
    let err = api
        .http
        .post(api.url("Companies/1/Contacts"))
        .header("UserName", &api.username)
        .header("Secret", &api.secret)
        .header("ApiIntegrationCode", &api.code)
        .json(&body)
        .send()
        .await;
    assert!(err.is_err());
    assert!(
        api.sim
            .records("Contacts")
            .iter()
            .any(|c| c["lastName"] == "After"),
        "the write was committed"
    );
    let dropped = api
        .sim
        .request_log()
        .entries
        .iter()
        .filter(|e| e.status == 0)
        .count();
    assert_eq!(dropped, 2, "dropped connections are logged with status 0");
}

#[tokio::test]
async fn malformed_json_and_an_answer_withheld_past_the_timeout() {
    let api = Api::start().await;
    api.sim.add_fault(FaultRule::new(
        "GET",
        "/Companies/0",
        FaultAction::MalformedJson,
    ));
    let resp = api
        .http
        .get(api.url("Companies/0"))
        .header("UserName", &api.username)
        .header("Secret", &api.secret)
        .header("ApiIntegrationCode", &api.code)
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
    let text = resp.text().await.unwrap();
    assert!(
        serde_json::from_str::<serde_json::Value>(&text).is_err(),
        "truncated: {text}"
    );

    api.sim.add_fault(FaultRule::new(
        "POST",
        "/Contracts",
        FaultAction::DelayAfterCommit { ms: 1_500 },
    ));
    let contract = json!({"companyID": 1, "contractName": "Slow", "contractType": 7, "status": 1, "startDate": "2026-01-01", "endDate": "2026-12-31", "timeReportingRequiresStartAndStopTimes": 1});
    let resp = api
        .http
        .request(Method::POST, api.url("Contracts"))
        .timeout(Duration::from_millis(300))
        .header("UserName", &api.username)
        .header("Secret", &api.secret)
        .header("ApiIntegrationCode", &api.code)
        .json(&contract)
        .send()
        .await;
    assert!(resp.is_err_and(|e| e.is_timeout()));
    assert!(
        api.sim
            .records("Contracts")
            .iter()
            .any(|c| c["contractName"] == "Slow"),
        "committed although the client gave up"
    );
}

#[tokio::test]
async fn latency_is_added_to_every_api_request() {
    let api = Api::start().await;
    api.sim.set_latency(Latency {
        fixed_ms: 120,
        jitter_ms: 30,
    });
    let t = Instant::now();
    api.get("Companies/0").await;
    assert!(t.elapsed() >= Duration::from_millis(120));
}
