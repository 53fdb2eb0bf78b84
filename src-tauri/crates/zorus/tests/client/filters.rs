use chrono::Duration;
use zorus::{CustomerFilter, EndpointFilter};
use zorus_sim::{Quirks, SeedProfile, SimConfig, TimestampStyle};

use crate::{client, pinned_now, sim, sim_with};

#[tokio::test]
async fn customer_filters_are_sent_top_level_and_checked_again() {
    let sim = sim(SeedProfile::Small).await;
    let target = sim.customers()[4].clone();
    let name = target.name.clone().expect("seeded with a name");
    let word = name.split(' ').next().expect("a word").to_string();
    let filter = CustomerFilter {
        name_contains: Some(word.to_lowercase()),
        ..CustomerFilter::default()
    };
    let honest = client(&sim).customers(&filter).await.expect("ok");
    assert!(honest.items.iter().any(|c| c.uuid == target.uuid));
    assert_eq!(honest.filtered_out, 0);
    let sent = &sim.request_log().entries[0].body;
    assert_eq!(sent["nameContains"], word.to_lowercase());
    assert!(sent.get("filters").is_none());

    // A server that ignores the filter returns everyone; the client keeps only the matches.
    sim.set_quirks(Quirks {
        ignore_name_filter: true,
        ..Quirks::default()
    });
    let lax = client(&sim).customers(&filter).await.expect("ok");
    assert_eq!(lax.items, honest.items);
    assert_eq!(lax.filtered_out as usize, 25 - honest.items.len());

    let one = CustomerFilter {
        uuid_equals: Some(target.uuid.to_uppercase()),
        ..CustomerFilter::default()
    };
    let found = client(&sim).customers(&one).await.expect("ok").items;
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].name.as_deref(), Some(name.as_str()));

    let disabled = CustomerFilter {
        is_enabled: Some(false),
        ..CustomerFilter::default()
    };
    let off = client(&sim).customers(&disabled).await.expect("ok").items;
    let expected = sim.customers().iter().filter(|c| !c.is_enabled).count();
    assert_eq!(off.len(), expected);
}

#[tokio::test]
async fn endpoint_drill_down_keeps_only_the_customers_endpoints() {
    let sim = sim(SeedProfile::Small).await;
    let customer = sim
        .customers()
        .into_iter()
        .max_by_key(|c| {
            sim.endpoints()
                .iter()
                .filter(|e| e.customer_uuid == c.uuid)
                .count()
        })
        .expect("a customer");
    let expected = sim
        .endpoints()
        .iter()
        .filter(|e| e.customer_uuid == customer.uuid)
        .count();
    let filter = EndpointFilter::for_customer(&customer.uuid);
    let honest = client(&sim).endpoints(&filter).await.expect("ok");
    assert_eq!(honest.items.len(), expected);
    assert_eq!(
        sim.request_log().entries[0].body["customerUuidEquals"],
        customer.uuid.as_str()
    );

    // §2.3: one production client found this filter ignored. The client must not be fooled.
    sim.set_quirks(Quirks {
        ignore_customer_filter: true,
        ..Quirks::default()
    });
    let lax = client(&sim).endpoints(&filter).await.expect("ok");
    assert_eq!(lax.items.len(), expected);
    assert!(lax
        .items
        .iter()
        .all(|e| e.customer_uuid.as_deref() == Some(customer.uuid.as_str())));
    assert_eq!(lax.filtered_out as usize, sim.endpoints().len() - expected);

    let several = EndpointFilter {
        customer_uuids: sim
            .customers()
            .iter()
            .take(3)
            .map(|c| c.uuid.clone())
            .collect(),
        ..EndpointFilter::default()
    };
    client(&sim).endpoints(&several).await.expect("ok");
    let log = sim.request_log();
    let sent = &log.entries.last().expect("sent").body;
    assert_eq!(sent["customerUuidIn"].as_array().map(Vec::len), Some(3));
}

#[tokio::test]
async fn endpoints_seen_recently_parse_with_or_without_an_offset() {
    for style in [TimestampStyle::Zulu, TimestampStyle::NoOffset] {
        let sim = sim_with(SimConfig {
            seed: SeedProfile::Small,
            timestamps: style,
            ..SimConfig::default()
        })
        .await;
        let since = pinned_now() - Duration::days(30);
        let filter = EndpointFilter {
            last_seen_after: Some(since),
            ..EndpointFilter::default()
        };
        let fetched = client(&sim).endpoints(&filter).await.expect("ok");
        let expected: Vec<_> = sim
            .endpoints()
            .into_iter()
            .filter(|e| e.last_seen_date_utc.is_some_and(|t| t > since))
            .collect();
        assert_eq!(fetched.items.len(), expected.len(), "{style:?}");
        for e in &fetched.items {
            let sim_side = expected
                .iter()
                .find(|x| x.uuid == e.uuid)
                .expect("same set");
            assert_eq!(
                e.last_seen_date_utc, sim_side.last_seen_date_utc,
                "{style:?}"
            );
        }
        let sent = &sim.request_log().entries[0].body;
        assert_eq!(sent["lastSeenAfter"], "2026-11-04T12:00:00Z");
    }
}
