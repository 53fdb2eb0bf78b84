use std::collections::HashMap;

use chrono::Duration;
use zorus::CountingRule;
use zorus_sim::SeedProfile;

use crate::{client, pinned_now, sim};

#[tokio::test]
async fn deployed_and_filtering_counts_come_from_one_customer_sweep() {
    let sim = sim(SeedProfile::Small).await;
    let endpoints = sim.endpoints();
    for rule in [
        CountingRule::DeployedEndpoints,
        CountingRule::FilteringEnabled,
    ] {
        sim.clear_log();
        let counted = client(&sim)
            .count_customers(rule, pinned_now())
            .await
            .expect("ok");
        assert_eq!(counted.len(), 25);
        for c in &counted {
            let mine = endpoints
                .iter()
                .filter(|e| e.customer_uuid == c.customer.uuid);
            let expected = match rule {
                CountingRule::FilteringEnabled => mine.filter(|e| e.is_filtering_enabled).count(),
                _ => mine.count(),
            };
            assert_eq!(c.count as usize, expected, "{rule:?} {}", c.customer.uuid);
        }
        let log = sim.request_log();
        assert_eq!(
            log.count("POST endpoints/search"),
            0,
            "{rule:?} needs no endpoints"
        );
        assert_eq!(log.count("POST customers/search"), 1);
    }
}

#[tokio::test]
async fn seen_in_last_days_counts_recent_endpoints_from_one_endpoint_sweep() {
    let sim = sim(SeedProfile::Small).await;
    let rule = CountingRule::SeenInLastDays(30);
    let counted = client(&sim)
        .count_customers(rule, pinned_now())
        .await
        .expect("ok");
    let since = pinned_now() - Duration::days(30);
    let mut expected: HashMap<String, u32> = HashMap::new();
    for e in sim.endpoints() {
        if e.last_seen_date_utc.is_some_and(|t| t > since) {
            *expected.entry(e.customer_uuid).or_default() += 1;
        }
    }
    let mut some_differ = false;
    for c in &counted {
        let want = expected.get(&c.customer.uuid).copied().unwrap_or(0);
        assert_eq!(c.count, want, "{}", c.customer.uuid);
        some_differ |= want != c.customer.deployment_info.deployed_endpoint_count;
    }
    assert!(
        some_differ,
        "the seed has stale endpoints, so the rules disagree somewhere"
    );
    let log = sim.request_log();
    assert_eq!(log.count("POST customers/search"), 1);
    let sent = log
        .entries_for("POST endpoints/search")
        .next()
        .expect("one sweep");
    assert_eq!(sent.body["lastSeenAfter"], "2026-11-04T12:00:00Z");
    assert!(sent.body.get("customerUuidEquals").is_none());
    assert_eq!(rule.label(), "endpoints seen in the last 30 days");
}
