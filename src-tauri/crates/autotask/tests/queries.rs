use std::collections::BTreeSet;

use autotask::models::{Company, Contact};
use autotask::{Error, Filter, Query};
use autotask_sim::SeedProfile;
use futures::TryStreamExt;
use serde_json::Value;

use crate::support::{client, config, sim};

/// Ids of the simulator's stored rows that satisfy `keep`.
fn ids_where(rows: &[Value], keep: impl Fn(&Value) -> bool) -> BTreeSet<i64> {
    rows.iter()
        .filter(|r| keep(r))
        .map(|r| r["id"].as_i64().unwrap())
        .collect()
}

async fn ids(client: &autotask::Client, q: Query) -> BTreeSet<i64> {
    let found: Vec<Company> = client.query(&q).await.unwrap();
    found.iter().map(|c| c.id).collect()
}

fn name(r: &Value) -> String {
    r["companyName"].as_str().unwrap_or("").to_lowercase()
}

#[tokio::test]
async fn every_operator_and_nested_groups_select_what_they_say() {
    let sim = sim(SeedProfile::Small).await;
    let client = client(&sim);
    let rows = sim.records("Companies");
    let ty = |r: &Value| r["companyType"].as_i64().unwrap_or(-1);
    let id = |r: &Value| r["id"].as_i64().unwrap();
    let cases: Vec<(&str, Filter, BTreeSet<i64>)> =
        vec![
            (
                "eq",
                Filter::eq("companyType", 1),
                ids_where(&rows, |r| ty(r) == 1),
            ),
            (
                "noteq",
                Filter::not_eq("companyType", 1),
                ids_where(&rows, |r| ty(r) != 1),
            ),
            ("gt", Filter::gt("id", 20), ids_where(&rows, |r| id(r) > 20)),
            (
                "gte",
                Filter::gte("id", 20),
                ids_where(&rows, |r| id(r) >= 20),
            ),
            ("lt", Filter::lt("id", 20), ids_where(&rows, |r| id(r) < 20)),
            (
                "lte",
                Filter::lte("id", 20),
                ids_where(&rows, |r| id(r) <= 20),
            ),
            (
                "beginsWith",
                Filter::begins_with("companyName", "acme"),
                ids_where(&rows, |r| name(r).starts_with("acme")),
            ),
            (
                "endsWith",
                Filter::ends_with("companyName", "llc"),
                ids_where(&rows, |r| name(r).ends_with("llc")),
            ),
            (
                "contains",
                Filter::contains("companyName", "dental"),
                ids_where(&rows, |r| name(r).contains("dental")),
            ),
            (
                "exist",
                Filter::exist("webAddress"),
                ids_where(&rows, |r| !r["webAddress"].is_null()),
            ),
            (
                "notExist",
                Filter::not_exist("webAddress"),
                ids_where(&rows, |r| r["webAddress"].is_null()),
            ),
            (
                "in",
                Filter::in_list("id", [1, 3, 5, 999]),
                ids_where(&rows, |r| [1, 3, 5].contains(&id(r))),
            ),
            (
                "notIn",
                Filter::not_in("companyType", [1, 3]),
                ids_where(&rows, |r| ![1, 3].contains(&ty(r))),
            ),
            (
                "or with a nested and",
                Filter::or([
                    Filter::eq("id", 2),
                    Filter::and([Filter::gt("id", 40), Filter::eq("companyType", 1)]),
                ]),
                ids_where(&rows, |r| id(r) == 2 || (id(r) > 40 && ty(r) == 1)),
            ),
            (
                "udf",
                Filter::eq("Customer Ranking", "Gold").udf(),
                ids_where(&rows, |r| {
                    r["userDefinedFields"].as_array().unwrap().iter().any(|u| {
                        u["name"] == "Customer Ranking" && u["value"].as_str() == Some("Gold")
                    })
                }),
            ),
        ];
    for (label, filter, want) in cases {
        assert!(
            !want.is_empty() || label == "notExist",
            "{label}: the seed should match something"
        );
        assert_eq!(
            ids(&client, Query::new().filter(filter)).await,
            want,
            "{label}"
        );
    }
}

#[tokio::test]
async fn include_fields_and_max_records_shape_the_pages() {
    let sim = sim(SeedProfile::Small).await;
    let client = client(&sim);
    let q = Query::new().include_fields(["companyName"]).max_records(7);
    let page = client.query_page::<Value>("Companies", &q).await.unwrap();
    assert_eq!(page.items.len(), 7);
    assert_eq!(page.page_details.request_count, Some(7));
    let keys: BTreeSet<&str> = page.items[0]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .filter(|k| *k != "userDefinedFields")
        .collect();
    assert_eq!(keys, BTreeSet::from(["id", "companyName"]));
}

#[tokio::test]
async fn the_stream_follows_next_page_urls_with_the_same_body() {
    let sim = sim(SeedProfile::Small).await;
    let client = client(&sim);
    let total = sim.records("Companies").len();
    let q = Query::new().filter(Filter::gte("id", 0)).max_records(7);
    let pages: Vec<Vec<Company>> = client.query_pages(&q).try_collect().await.unwrap();
    assert_eq!(pages.len(), total.div_ceil(7));
    let ids: Vec<i64> = pages.iter().flatten().map(|c| c.id).collect();
    assert_eq!(ids.len(), total);
    assert!(ids.windows(2).all(|w| w[0] < w[1]), "ascending, no repeats");
    let log = sim.request_log();
    assert_eq!(log.count("POST Companies/query"), 1);
    assert_eq!(
        log.count("POST Companies/query/next") as usize,
        pages.len() - 1
    );
    assert_eq!(log.count("GET Companies/query/next"), 0);

    // A filter is carried onto every page (it is re-POSTed, not dropped).
    let customers: Vec<Company> = client
        .query(
            &Query::new()
                .filter(Filter::eq("companyType", 1))
                .max_records(3),
        )
        .await
        .unwrap();
    assert!(customers.len() > 3);
    assert!(customers.iter().all(|c| c.company_type == Some(1)));
}

#[tokio::test]
async fn the_loop_guard_stops_runaway_paging() {
    let sim = sim(SeedProfile::Small).await;
    let mut cfg = config(&sim);
    cfg.max_pages = 3;
    let client = autotask::Client::new(cfg).unwrap();
    let err = client
        .query::<Company>(&Query::new().max_records(5))
        .await
        .unwrap_err();
    assert!(matches!(err, Error::PagingLoop { .. }), "{err:?}");
    assert_eq!(
        sim.request_log().count("POST Companies/query/next"),
        2,
        "no fourth page"
    );
}

#[tokio::test]
async fn count_and_get_by_id() {
    let sim = sim(SeedProfile::Small).await;
    let client = client(&sim);
    let customers = sim
        .records("Companies")
        .iter()
        .filter(|r| r["companyType"] == 1)
        .count() as u64;
    let n = client
        .count::<Company>(&Query::new().filter(Filter::eq("companyType", 1)))
        .await
        .unwrap();
    assert_eq!(n, customers);
    assert_eq!(sim.request_log().count("POST Companies/query/count"), 1);

    let first = client.get::<Company>(1).await.unwrap().unwrap();
    assert_eq!(first.id, 1);
    // A missing id is 200 {"item": null}, which is None, not an error (§4.5).
    assert_eq!(client.get::<Company>(987_654).await.unwrap(), None);
    assert_eq!(client.get::<Contact>(987_654).await.unwrap(), None);
}

#[tokio::test]
async fn id_range_parallel_listing_matches_sequential_paging() {
    let sim = sim(SeedProfile::Medium).await;
    sim.set_latency(autotask_sim::Latency {
        fixed_ms: 10,
        jitter_ms: 0,
    });
    let client = client(&sim);
    let q = Query::new()
        .filter(Filter::eq("isActive", true))
        .include_fields(["companyName", "isActive"])
        .max_records(50);
    let sequential: Vec<Company> = client.query(&q).await.unwrap();
    let sequential_requests = sim.request_log().api_calls();
    sim.clear_log();
    let parallel: Vec<Company> = client.query_parallel(&q).await.unwrap();
    assert_eq!(parallel, sequential);
    let log = sim.request_log();
    assert_eq!(log.count("POST Companies/query/count"), 1);
    assert!(
        log.api_calls() <= sequential_requests + 3,
        "{} vs {sequential_requests}",
        log.api_calls()
    );
    assert_eq!(log.peak_concurrency.get("Companies"), Some(&3));
    assert!(parallel.iter().all(|c| c.is_active == Some(true)));
}
