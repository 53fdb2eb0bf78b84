//! Prints, with the Autotask simulator answering after 100 ms: requests and time to refresh the
//! seats of 1,000 integrations, against one request per integration in the same run; and the
//! requests one Add Customer Integration costs once the first is done.
//! Run with `cargo bench -p integration`.

use std::sync::Arc;
use std::time::{Duration, Instant};

use autotask::models::ContractServiceUnit;
use autotask::{Filter, Query};
use autotask_sim::{
    Latency, Limits, SeedProfile, SimConfig, Simulator, DEMO_INTEGRATION_CODE, DEMO_SECRET,
    DEMO_USERNAME,
};
use chrono::Utc;
use futures::{stream, StreamExt};
use integration::connect::{connect, ConnectInput};
use integration::create::{apply, plan, AddInput, ContractChoice};
use integration::seats::refresh_seats;
use integration::{App, ClientSettings, SystemClock};
use store::repo::customers::{self, Counts, NewCustomer, Source};
use store::repo::integrations;
use store::Store;
use vault::{MemoryStore, Secret};

const N: usize = 1_000;
const BASELINE_SAMPLE: usize = 100;

#[tokio::main(flavor = "multi_thread")]
async fn main() {
    let limits = Limits {
        hourly_threshold: 1_000_000,
        ..Limits::default()
    };
    let sim = Simulator::start(SimConfig {
        seed: SeedProfile::Small,
        limits,
        ..SimConfig::default()
    })
    .await
    .expect("simulator");
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::open(&dir.path().join("bench.sqlite3"))
        .await
        .expect("store");
    let settings = ClientSettings {
        zone_entry_url: sim.zone_entry_url(),
        timeout: Duration::from_secs(30),
        ..ClientSettings::default()
    };
    let app = App::new(
        store,
        Arc::new(MemoryStore::new()),
        Arc::new(SystemClock),
        settings,
    );
    connect(
        &app,
        ConnectInput {
            username: DEMO_USERNAME.into(),
            secret: Secret::new(DEMO_SECRET),
            integration_code: Some(DEMO_INTEGRATION_CODE.into()),
        },
    )
    .await
    .expect("connect");
    let company = sim
        .records("Companies")
        .into_iter()
        .find(|c| c["companyType"] == 1 && c["isActive"] == true && c["id"] != 0)
        .expect("a customer company")["id"]
        .as_i64()
        .unwrap();

    let started = Instant::now();
    for i in 0..N {
        let c = customers::insert(
            app.store.connection(),
            NewCustomer {
                zorus_uuid: None,
                name: format!("Bench customer {i:04}"),
                counts: Counts {
                    deployed: (i % 50) as i64 + 1,
                    ..Counts::default()
                },
                counts_read_at: None,
                source: Source::Manual,
            },
            Utc::now(),
        )
        .await
        .expect("customer");
        let input = AddInput {
            customer_id: c.id,
            company_id: company,
            contact_id: None,
            contract: ContractChoice::New,
            price_per_seat: "4.50".into(),
            cost_per_seat: Some("2".into()),
        };
        apply(&app, &plan(&app, &input).await.expect("plan"))
            .await
            .expect("apply");
    }
    println!(
        "set up {N} customer integrations (no latency) in {:.1} s",
        started.elapsed().as_secs_f64()
    );

    sim.set_latency(Latency {
        fixed_ms: 100,
        jitter_ms: 0,
    });
    sim.clear_log();
    let t = Instant::now();
    let report = refresh_seats(&app).await.expect("refresh");
    let batched = t.elapsed();
    assert_eq!(report.read, N);
    println!(
        "refresh seats, batched: {} requests, {:.2} s for {N} integrations",
        sim.request_log().api_calls(),
        batched.as_secs_f64()
    );

    // The naive way: one units query per integration, three at a time (the thread limit).
    let rows = integrations::list_with_customers(app.store.connection())
        .await
        .expect("list");
    let client = app.client().await.expect("client");
    let today = autotask::date_only(Utc::now().date_naive());
    sim.clear_log();
    let t = Instant::now();
    let sample: Vec<i64> = rows
        .iter()
        .take(BASELINE_SAMPLE)
        .filter_map(|r| r.integration.contract_service_id)
        .collect();
    let done = stream::iter(sample)
        .map(|cs| {
            let client = client.clone();
            let today = today.clone();
            async move {
                let q = Query::new()
                    .filter(Filter::eq("contractServiceID", cs))
                    .filter(Filter::lte("startDate", today.clone()))
                    .filter(Filter::gte("endDate", today));
                client
                    .query::<ContractServiceUnit>(&q)
                    .await
                    .expect("units")
                    .len()
            }
        })
        .buffer_unordered(Limits::default().thread_limit)
        .count()
        .await;
    let per_item = t.elapsed() / done as u32;
    let baseline_requests = sim.request_log().api_calls() * (N / BASELINE_SAMPLE) as u64;
    let baseline = per_item * N as u32;
    println!(
        "refresh seats, one request per integration: {baseline_requests} requests, {:.1} s (measured on {BASELINE_SAMPLE}, scaled to {N})",
        baseline.as_secs_f64()
    );
    println!(
        "=> {:.0}x fewer requests, {:.0}x faster (targets: at most 4 requests, at least 50x fewer)",
        baseline_requests as f64 / report.requests.max(1) as f64,
        baseline.as_secs_f64() / batched.as_secs_f64()
    );

    let c = customers::insert(
        app.store.connection(),
        NewCustomer {
            zorus_uuid: None,
            name: "One more".into(),
            counts: Counts {
                deployed: 12,
                ..Counts::default()
            },
            counts_read_at: None,
            source: Source::Manual,
        },
        Utc::now(),
    )
    .await
    .expect("customer");
    sim.clear_log();
    let t = Instant::now();
    let input = AddInput {
        customer_id: c.id,
        company_id: company,
        contact_id: None,
        contract: ContractChoice::New,
        price_per_seat: "4.50".into(),
        cost_per_seat: None,
    };
    apply(&app, &plan(&app, &input).await.expect("plan"))
        .await
        .expect("apply");
    let log = sim.request_log();
    let writes = log
        .entries
        .iter()
        .filter(|e| e.method == "POST" && !e.path.to_lowercase().contains("/query"))
        .count();
    let reads = log.api_calls() as usize - writes;
    println!("Add Customer Integration after the first: {writes} writes, {reads} reads, {:.2} s (targets: at most 4 writes and 3 reads)", t.elapsed().as_secs_f64());
}
