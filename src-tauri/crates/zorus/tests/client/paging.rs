use zorus::{Client, CustomerFilter, EndpointFilter, Error};
use zorus_sim::{Quirks, SeedProfile, DEMO_API_KEY};

use crate::{client, config_for, sim};

fn pages_sent(sim: &zorus_sim::SimHandle, route: &str) -> Vec<u64> {
    sim.request_log()
        .entries_for(route)
        .map(|e| e.page.expect("page sent"))
        .collect()
}

#[tokio::test]
async fn a_short_page_ends_the_list() {
    let sim = sim(SeedProfile::Small).await;
    let mut config = config_for(&sim, DEMO_API_KEY);
    config.customer_page_size = 10;
    let c = Client::new(config).expect("client");
    let fetched = c.customers(&CustomerFilter::default()).await.expect("ok");
    assert_eq!(fetched.items.len(), 25);
    assert_eq!(fetched.pages, 3);
    assert_eq!(pages_sent(&sim, "POST customers/search"), [1, 2, 3]);
    assert_eq!(c.requests_made(), 3);
}

#[tokio::test]
async fn an_exactly_full_last_page_is_followed_by_an_empty_one() {
    let sim = sim(SeedProfile::Large).await;
    let c = client(&sim);
    let fetched = c.customers(&CustomerFilter::default()).await.expect("ok");
    assert_eq!(fetched.items.len(), 2_000);
    // 2,000 customers at 100 a page: 20 full pages, then an empty one says it is over.
    assert_eq!(fetched.pages, 21);
    let log = sim.request_log();
    assert_eq!(log.entries.last().and_then(|e| e.page), Some(21));
    assert!(log.entries.iter().all(|e| e.page_size == Some(100)));
    assert!(log
        .entries
        .iter()
        .all(|e| e.body["sortProperty"] == "Name" && e.body["sortAscending"] == true));
}

#[tokio::test]
async fn an_empty_account_costs_one_request() {
    let sim = sim(SeedProfile::Empty).await;
    let fetched = client(&sim)
        .customers(&CustomerFilter::default())
        .await
        .expect("ok");
    assert!(fetched.items.is_empty());
    assert_eq!(fetched.pages, 1);
}

#[tokio::test]
async fn overlapping_pages_are_de_duplicated_by_uuid() {
    let sim = sim(SeedProfile::Small).await;
    sim.set_quirks(Quirks {
        overlap: 3,
        ..Quirks::default()
    });
    let mut config = config_for(&sim, DEMO_API_KEY);
    config.customer_page_size = 10;
    let fetched = Client::new(config)
        .expect("client")
        .customers(&CustomerFilter::default())
        .await
        .expect("ok");
    let mut uuids: Vec<&str> = fetched.items.iter().map(|c| c.uuid.as_str()).collect();
    uuids.sort();
    uuids.dedup();
    assert_eq!(uuids.len(), fetched.items.len());
    // Every page after the first starts 3 early: items 0-9, 7-16, 17-24. Page 2 repeats three
    // customers; every one of the 25 is kept once.
    assert_eq!(fetched.items.len(), 25);
    assert_eq!(fetched.duplicates, 3);
}

#[tokio::test]
async fn a_server_that_ignores_page_hits_the_cap() {
    let sim = sim(SeedProfile::Small).await;
    sim.set_quirks(Quirks {
        ignore_page: true,
        ..Quirks::default()
    });
    let mut config = config_for(&sim, DEMO_API_KEY);
    config.customer_page_size = 10;
    config.max_pages = 5;
    let c = Client::new(config).expect("client");
    let err = c
        .customers(&CustomerFilter::default())
        .await
        .expect_err("capped");
    assert!(matches!(err, Error::PageCapReached { pages: 5 }), "{err:?}");
    assert_eq!(sim.request_log().api_calls(), 5);
}

#[tokio::test]
async fn endpoint_pages_use_their_own_size() {
    let sim = sim(SeedProfile::Small).await;
    let total = sim.endpoints().len();
    let fetched = client(&sim)
        .endpoints(&EndpointFilter::default())
        .await
        .expect("ok");
    assert_eq!(fetched.items.len(), total);
    assert_eq!(fetched.pages as usize, total / 500 + 1);
    assert!(sim
        .request_log()
        .entries
        .iter()
        .all(|e| e.page_size == Some(500)));
}
