use autotask::models::Company;
use autotask::{Error, Filter, Query};
use autotask_sim::{Latency, Limits, SeedProfile};
use futures::future::join_all;
use serde_json::Value;

use crate::support::{client, config, sim};

#[tokio::test]
async fn at_most_three_requests_per_entity_are_in_flight() {
    let sim = sim(SeedProfile::Tiny).await;
    sim.set_latency(Latency {
        fixed_ms: 40,
        jitter_ms: 0,
    });
    let client = client(&sim);
    let gets = (0..12).map(|_| client.get::<Company>(0));
    let results = join_all(gets).await;
    assert!(
        results.iter().all(Result::is_ok),
        "no thread-limit refusals"
    );
    let log = sim.request_log();
    assert_eq!(log.peak_concurrency.get("Companies"), Some(&3));
    assert!(log.entries.iter().all(|e| e.status == 200));
}

#[tokio::test]
async fn the_concurrency_limit_is_configurable() {
    let sim = sim(SeedProfile::Tiny).await;
    sim.set_latency(Latency {
        fixed_ms: 30,
        jitter_ms: 0,
    });
    let mut cfg = config(&sim);
    cfg.max_concurrency_per_entity = 2;
    let client = autotask::Client::new(cfg).unwrap();
    join_all((0..8).map(|_| client.get::<Company>(0))).await;
    // Another entity has its own slots.
    let all = Query::new();
    join_all((0..4).map(|_| client.count_as("Contacts", &all))).await;
    let log = sim.request_log();
    assert_eq!(log.peak_concurrency.get("Companies"), Some(&2));
    assert_eq!(log.peak_concurrency.get("Contacts"), Some(&2));
}

#[tokio::test]
async fn ids_are_fetched_in_in_queries_of_at_most_500() {
    let sim = sim(SeedProfile::Medium).await;
    sim.set_latency(Latency {
        fixed_ms: 20,
        jitter_ms: 0,
    });
    let client = client(&sim);
    let ids: Vec<i64> = (0..2_300).collect();
    let companies: Vec<Company> = client.fetch_by_ids(&ids).await.unwrap();
    let stored = sim.records("Companies").len();
    assert_eq!(companies.len(), stored, "every existing id, once");
    assert!(companies.windows(2).all(|w| w[0].id < w[1].id));
    let log = sim.request_log();
    assert_eq!(
        log.count("POST Companies/query"),
        5,
        "2,300 ids in 5 queries"
    );
    assert_eq!(log.count("POST Companies/query/next"), 0);
    assert_eq!(log.peak_concurrency.get("Companies"), Some(&3));

    // With a base filter, the values still go 500 to a query at most, and the filter holds.
    sim.clear_log();
    let contact_company_ids: Vec<Value> = (0..1_001).map(Value::from).collect();
    let active: Vec<autotask::models::Contact> = client
        .query_in(
            "Contacts",
            &Query::new().filter(Filter::eq("isActive", 1)),
            "companyID",
            &contact_company_ids,
        )
        .await
        .unwrap();
    assert!(active.iter().all(|c| c.is_active == Some(1)));
    let want = sim
        .records("Contacts")
        .iter()
        .filter(|c| c["isActive"] == 1)
        .count();
    assert_eq!(active.len(), want);
    assert_eq!(sim.request_log().count("POST Contacts/query"), 3);
}

#[tokio::test]
async fn requests_are_counted_over_the_rolling_hour_and_threshold_read_on_demand() {
    let sim = sim(SeedProfile::Tiny).await;
    let client = client(&sim);
    for _ in 0..5 {
        client.get::<Company>(0).await.unwrap();
    }
    let usage = client.usage();
    assert_eq!(usage.sent_last_hour, 5);
    assert_eq!(usage.estimated_used, 5);
    assert_eq!(usage.threshold, 10_000, "assumed until read");
    assert_eq!(usage.last_reported, None);
    assert_eq!(
        sim.request_log().count("GET ThresholdInformation"),
        0,
        "never read unasked"
    );

    let info = client.threshold_information().await.unwrap();
    assert_eq!(
        info.current_timeframe_request_count, 6,
        "the read counts itself"
    );
    let usage = client.usage();
    assert_eq!(usage.sent_last_hour, 6);
    assert_eq!(usage.last_reported, Some(info));
    assert_eq!(sim.request_log().count("GET ThresholdInformation"), 1);
}

#[tokio::test]
async fn the_client_slows_down_past_half_the_threshold_and_reports_the_hard_stop() {
    let sim = sim(SeedProfile::Tiny).await;
    // The simulator's own slow-down is off, so any pause measured is the client's.
    sim.set_limits(Limits {
        hourly_threshold: 40,
        delay_at_50_ms: 0,
        delay_at_75_ms: 0,
        ..Limits::default()
    });
    let client = client(&sim);
    // Until ThresholdInformation is read, the client assumes the usual 10,000 an hour.
    for _ in 0..25 {
        client.get::<Company>(0).await.unwrap();
    }
    assert_eq!(client.usage().paced_requests, 0, "25 of an assumed 10,000");
    let info = client.threshold_information().await.unwrap();
    assert_eq!(info.external_request_threshold, 40);
    assert_eq!(client.usage().threshold, 40);
    for _ in 0..10 {
        client.get::<Company>(0).await.unwrap();
    }
    let usage = client.usage();
    assert_eq!(usage.estimated_used, 36);
    assert_eq!(usage.paced_requests, 10, "every request past 50% paused");
    let err = loop {
        if let Err(e) = client.get::<Company>(0).await {
            break e;
        }
    };
    match err {
        Error::ThresholdReached { message, .. } => {
            assert!(message.contains("threshold"), "{message}")
        }
        other => panic!("{other:?}"),
    }
    let refused = sim
        .request_log()
        .entries
        .iter()
        .filter(|e| e.status == 429)
        .count();
    assert_eq!(refused, 4, "a 429 is retried up to the attempt budget");
    assert!(client.usage().paced_requests > 10);
}
