use std::collections::HashSet;

use chrono::DateTime;
use serde_json::{json, Value};
use zorus_sim::{Quirks, SeedProfile, SimConfig, Simulator, TimestampStyle};

use crate::{all_customers, pinned_now, search, start};

fn uuids(items: &[Value]) -> Vec<String> {
    items
        .iter()
        .map(|i| i["uuid"].as_str().expect("uuid").to_string())
        .collect()
}

#[tokio::test]
async fn pages_are_numbered_from_one_and_end_short_then_empty() {
    let sim = start(SeedProfile::Small).await;
    let mut sizes = Vec::new();
    let mut seen = HashSet::new();
    for page in 1..=4 {
        let body =
            json!({ "page": page, "pageSize": 10, "sortProperty": "Name", "sortAscending": true });
        let items = search(&sim, "customers", body).await.items();
        sizes.push(items.len());
        for u in uuids(&items) {
            assert!(seen.insert(u), "a uuid appeared on two pages");
        }
    }
    assert_eq!(sizes, [10, 10, 5, 0]);
    let log = sim.request_log();
    let pages: Vec<Option<u64>> = log.entries.iter().map(|e| e.page).collect();
    assert_eq!(pages, [Some(1), Some(2), Some(3), Some(4)]);
}

#[tokio::test]
async fn sorting_by_name_ignores_case_of_the_property() {
    let sim = start(SeedProfile::Small).await;
    for property in ["Name", "name"] {
        let body = json!({ "page": 1, "pageSize": 100, "sortProperty": property });
        let names: Vec<String> = search(&sim, "customers", body)
            .await
            .items()
            .iter()
            .map(|c| c["name"].as_str().expect("name").to_lowercase())
            .collect();
        let mut sorted = names.clone();
        sorted.sort();
        assert_eq!(names, sorted);
    }
    let descending =
        json!({ "page": 1, "pageSize": 100, "sortProperty": "Name", "sortAscending": false });
    let first = search(&sim, "customers", descending).await.items()[0]["name"].clone();
    let ascending = json!({ "page": 1, "pageSize": 100, "sortProperty": "Name" });
    let last = search(&sim, "customers", ascending)
        .await
        .items()
        .last()
        .cloned();
    assert_eq!(Some(first), last.map(|c| c["name"].clone()));
}

#[tokio::test]
async fn customers_carry_deployment_counts_that_match_their_endpoints() {
    let sim = start(SeedProfile::Small).await;
    let endpoints = sim.endpoints();
    for c in all_customers(&sim).await {
        let uuid = c["uuid"].as_str().expect("uuid");
        let mine: Vec<_> = endpoints
            .iter()
            .filter(|e| e.customer_uuid == uuid)
            .collect();
        let info = &c["deploymentInfo"];
        assert_eq!(info["deployedEndpointCount"], json!(mine.len()));
        let filtering = mine.iter().filter(|e| e.is_filtering_enabled).count();
        assert_eq!(info["filteringEnabledCount"], json!(filtering));
        let cyber = mine.iter().filter(|e| e.is_cyber_sight_enabled).count();
        assert_eq!(info["cyberSightEnabledCount"], json!(cyber));
        assert!(info["networkSeatCount"].is_number());
        assert!(c["isEnabled"].is_boolean());
        assert!(c["createdDateUtc"]
            .as_str()
            .expect("created")
            .ends_with('Z'));
    }
}

#[tokio::test]
async fn customer_filters_are_top_level() {
    let sim = start(SeedProfile::Small).await;
    let all = all_customers(&sim).await;
    let target = &all[3];
    let uuid = target["uuid"].as_str().expect("uuid");
    let one = search(&sim, "customers", json!({ "uuidEquals": uuid }))
        .await
        .items();
    assert_eq!(uuids(&one), [uuid]);

    let word = target["name"]
        .as_str()
        .expect("name")
        .split(' ')
        .next()
        .expect("word");
    let by_name = search(
        &sim,
        "customers",
        json!({ "nameContains": word.to_uppercase(), "pageSize": 100 }),
    )
    .await
    .items();
    assert!(by_name.iter().any(|c| c["uuid"] == uuid));
    assert!(by_name.iter().all(|c| c["name"]
        .as_str()
        .is_some_and(|n| n.to_lowercase().contains(&word.to_lowercase()))));

    let disabled = search(
        &sim,
        "customers",
        json!({ "isEnabled": false, "pageSize": 100 }),
    )
    .await
    .items();
    let expected = all.iter().filter(|c| c["isEnabled"] == false).count();
    assert_eq!(disabled.len(), expected);

    // Filters nested under "filters" are not filters (§2.3): they are ignored, not rejected.
    let nested = search(
        &sim,
        "customers",
        json!({ "filters": { "uuidEquals": uuid }, "pageSize": 100 }),
    )
    .await
    .items();
    assert_eq!(nested.len(), all.len());
}

#[tokio::test]
async fn endpoint_filters_by_customer_and_last_seen() {
    let sim = start(SeedProfile::Small).await;
    let all = all_customers(&sim).await;
    let busy = all
        .iter()
        .max_by_key(|c| c["deploymentInfo"]["deployedEndpointCount"].as_u64())
        .expect("a customer");
    let uuid = busy["uuid"].as_str().expect("uuid");
    let body = json!({ "customerUuidEquals": uuid, "page": 1, "pageSize": 1000 });
    let mine = search(&sim, "endpoints", body).await.items();
    assert_eq!(
        json!(mine.len()),
        busy["deploymentInfo"]["deployedEndpointCount"]
    );
    assert!(mine
        .iter()
        .all(|e| e["customerUuid"] == uuid && e["customerName"] == busy["name"]));

    let since = pinned_now() - chrono::Duration::days(30);
    let body = json!({ "lastSeenAfter": since.to_rfc3339(), "pageSize": 1000 });
    let active = search(&sim, "endpoints", body).await.items();
    assert!(!active.is_empty());
    for e in &active {
        let seen = DateTime::parse_from_rfc3339(e["lastSeenDateUtc"].as_str().expect("seen"))
            .expect("a date");
        assert!(seen > since);
    }
    let total = sim.endpoints().len();
    assert!(
        active.len() < total,
        "the seed has endpoints older than 30 days"
    );
    assert!(sim
        .endpoints()
        .iter()
        .any(|e| e.last_seen_date_utc.is_none()));

    let both =
        json!({ "customerUuidIn": [uuid], "lastSeenAfter": since.to_rfc3339(), "pageSize": 1000 });
    let expected = mine
        .iter()
        .filter(|e| {
            e["lastSeenDateUtc"]
                .as_str()
                .and_then(|s| DateTime::parse_from_rfc3339(s).ok())
                .is_some_and(|t| t > since)
        })
        .count();
    assert_eq!(
        search(&sim, "endpoints", both).await.items().len(),
        expected
    );
}

#[tokio::test]
async fn endpoint_items_have_the_documented_fields() {
    let sim = start(SeedProfile::Tiny).await;
    let items = search(&sim, "endpoints", json!({ "pageSize": 5 }))
        .await
        .items();
    for field in [
        "uuid",
        "name",
        "customerUuid",
        "customerName",
        "groupUuid",
        "groupName",
        "policyUuid",
        "createdDateUtc",
        "isEnabled",
        "operatingSystemType",
        "operatingSystem",
        "localIp",
        "version",
        "isInErrorState",
        "isFilteringEnabled",
        "isCyberSightEnabled",
        "agentState",
        "lastSeenDateUtc",
    ] {
        assert!(items[0].get(field).is_some(), "missing {field}");
    }
}

#[tokio::test]
async fn a_bad_body_gets_406() {
    let sim = start(SeedProfile::Tiny).await;
    for body in [
        json!({ "page": "1" }),
        json!({ "page": 0 }),
        json!({ "pageSize": 0 }),
        json!({ "pageSize": 100000 }),
        json!({ "isEnabled": "yes" }),
        json!({ "uuidEquals": "not-a-uuid" }),
        json!({ "uuidEquals": "0000000é-0000-4000-8000-00000000000" }),
        json!({ "sortProperty": "Endpoints" }),
        json!({ "createdAfter": "last week" }),
        json!([1, 2]),
    ] {
        let reply = search(&sim, "customers", body.clone()).await;
        assert_eq!(reply.status, 406, "{body}");
        assert_eq!(reply.json()["status"], 406);
    }
    let reply = search(&sim, "endpoints", json!({ "customerUuidIn": "abc" })).await;
    assert_eq!(reply.status, 406);
    let auth = format!("Impersonation {}", zorus_sim::DEMO_API_KEY);
    let headers = [
        ("Authorization", auth.as_str()),
        ("Zorus-Api-Version", "1.0"),
    ];
    let broken = crate::send(&sim, "/api/customers/search", &headers, Some("{\"page\":")).await;
    assert_eq!(broken.status, 406);
}

#[tokio::test]
async fn timestamps_can_come_without_an_offset() {
    let sim = Simulator::start(SimConfig {
        seed: SeedProfile::Tiny,
        now: Some(pinned_now()),
        timestamps: TimestampStyle::NoOffset,
        ..SimConfig::default()
    })
    .await
    .expect("starts");
    let items = search(&sim, "endpoints", json!({ "pageSize": 50 }))
        .await
        .items();
    let seen = items
        .iter()
        .find_map(|e| e["lastSeenDateUtc"].as_str())
        .expect("some endpoint was seen");
    assert!(!seen.ends_with('Z') && !seen.contains('+'), "{seen}");
    assert_eq!(seen.rsplit('.').next().map(str::len), Some(7), "{seen}");
}

#[tokio::test]
async fn quirks_overlap_pages_ignore_paging_and_ignore_filters() {
    let sim = start(SeedProfile::Small).await;
    sim.set_quirks(Quirks {
        overlap: 2,
        ..Quirks::default()
    });
    let first = search(&sim, "customers", json!({ "page": 1, "pageSize": 10 }))
        .await
        .items();
    let second = search(&sim, "customers", json!({ "page": 2, "pageSize": 10 }))
        .await
        .items();
    assert_eq!(uuids(&first)[8..], uuids(&second)[..2]);

    sim.set_quirks(Quirks {
        ignore_page: true,
        ..Quirks::default()
    });
    let again = search(&sim, "customers", json!({ "page": 3, "pageSize": 10 }))
        .await
        .items();
    assert_eq!(uuids(&again), uuids(&first));

    sim.set_quirks(Quirks {
        ignore_customer_filter: true,
        ..Quirks::default()
    });
    let uuid = first[0]["uuid"].as_str().expect("uuid");
    let body = json!({ "customerUuidEquals": uuid, "pageSize": 1000 });
    let everything = search(&sim, "endpoints", body).await.items();
    assert_eq!(everything.len(), sim.endpoints().len().min(1000));
}
