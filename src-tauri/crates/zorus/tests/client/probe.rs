use zorus::{Client, Error};
use zorus_sim::{SeedProfile, DEMO_API_KEY};

use crate::{client, config_for, sim};

#[tokio::test]
async fn a_good_key_passes_the_probe_with_one_small_request() {
    let sim = sim(SeedProfile::Small).await;
    client(&sim).probe().await.expect("the demo key is valid");
    let log = sim.request_log();
    assert_eq!(log.api_calls(), 1);
    let entry = &log.entries[0];
    assert_eq!(entry.route, "POST customers/search");
    assert_eq!((entry.page, entry.page_size), (Some(1), Some(1)));
}

#[tokio::test]
async fn a_wrong_key_fails_the_probe_with_invalid_key() {
    let sim = sim(SeedProfile::Small).await;
    let wrong = Client::new(config_for(&sim, "not-the-key")).expect("builds");
    let err = wrong.probe().await.expect_err("refused");
    assert!(matches!(err, Error::InvalidKey { status: 401 }), "{err:?}");
    assert_eq!(err.code(), "zorus_invalid_key");
    assert!(!err.is_transient());
}

#[tokio::test]
async fn a_revoked_key_stops_working() {
    let sim = sim(SeedProfile::Tiny).await;
    let c = client(&sim);
    c.probe().await.expect("valid at first");
    sim.set_api_key("a-new-key");
    assert!(matches!(c.probe().await, Err(Error::InvalidKey { .. })));
    let _ = DEMO_API_KEY;
}

#[tokio::test]
async fn every_request_sends_the_documented_headers() {
    // The simulator refuses a request without `Impersonation <key>` or without the version
    // header, so one success proves both were sent.
    let sim = sim(SeedProfile::Tiny).await;
    let customers = client(&sim)
        .customers(&Default::default())
        .await
        .expect("ok");
    assert_eq!(customers.items.len(), 3);
}
