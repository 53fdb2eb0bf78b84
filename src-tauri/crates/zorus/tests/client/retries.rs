use std::time::{Duration, Instant};

use zorus::{Client, CustomerFilter, Error, RetryPolicy};
use zorus_sim::{FaultAction, FaultRule, SeedProfile, DEMO_API_KEY};

use crate::{config_for, sim};

fn quick(sim: &zorus_sim::SimHandle) -> Client {
    let mut config = config_for(sim, DEMO_API_KEY);
    config.retry = RetryPolicy {
        max_retries: 2,
        base_delay: Duration::from_millis(10),
        max_delay: Duration::from_secs(5),
    };
    config.customer_page_size = 10;
    Client::new(config).expect("client")
}

#[tokio::test]
async fn a_page_that_fails_briefly_is_fetched_again() {
    let sim = sim(SeedProfile::Small).await;
    // The second page fails twice (a 503, then a dropped connection) and then succeeds.
    sim.add_fault(FaultRule::post("customers", FaultAction::status(503, "busy")).nth(2));
    sim.add_fault(FaultRule::post("customers", FaultAction::Drop).nth(2));
    let fetched = quick(&sim)
        .customers(&CustomerFilter::default())
        .await
        .expect("recovered");
    assert_eq!(fetched.items.len(), 25);
    let log = sim.request_log();
    let sent: Vec<(u64, u16)> = log
        .entries
        .iter()
        .map(|e| (e.page.expect("page"), e.status))
        .collect();
    assert_eq!(sent, [(1, 200), (2, 503), (2, 0), (2, 200), (3, 200)]);
}

#[tokio::test]
async fn retries_stop_at_the_limit() {
    let sim = sim(SeedProfile::Tiny).await;
    sim.add_fault(FaultRule::post("customers", FaultAction::status(500, "down")).times(10));
    let err = quick(&sim).probe().await.expect_err("gives up");
    assert!(matches!(err, Error::Server { status: 500, .. }), "{err:?}");
    assert_eq!(sim.request_log().api_calls(), 3);
}

#[tokio::test]
async fn retry_after_is_waited_for() {
    let sim = sim(SeedProfile::Tiny).await;
    sim.add_fault(FaultRule::post(
        "customers",
        FaultAction::Status {
            status: 429,
            message: None,
            retry_after_secs: Some(1),
        },
    ));
    let started = Instant::now();
    quick(&sim).probe().await.expect("recovered");
    assert!(started.elapsed() >= Duration::from_secs(1));
    assert_eq!(sim.request_log().api_calls(), 2);
}

#[tokio::test]
async fn a_refused_key_or_body_is_not_retried() {
    let sim = sim(SeedProfile::Tiny).await;
    sim.add_fault(FaultRule::post("customers", FaultAction::status(406, "bad")).times(5));
    assert!(matches!(
        quick(&sim).probe().await,
        Err(Error::Rejected { status: 406, .. })
    ));
    sim.clear_faults();
    sim.set_api_key("another");
    assert!(matches!(
        quick(&sim).probe().await,
        Err(Error::InvalidKey { .. })
    ));
    assert_eq!(sim.request_log().api_calls(), 2);
}
