//! Prints the requests and wall time to refresh 2,000 customers from the Zorus simulator, for
//! each counting rule and page size, against a naive baseline (one endpoint search per
//! customer) run in the same process. Run with `cargo bench -p zorus --bench refresh`.

use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use zorus::{ApiKey, Client, ClientConfig, CountingRule, CustomerFilter, EndpointFilter};
use zorus_sim::{SeedProfile, SimConfig, SimHandle, Simulator, DEMO_API_KEY};

struct Run {
    requests: u64,
    customer_requests: u64,
    endpoint_requests: u64,
    elapsed: Duration,
    seats: u64,
}

fn client(sim: &SimHandle, customer_page: u32, endpoint_page: u32) -> Client {
    let mut config = ClientConfig::new(ApiKey::new(DEMO_API_KEY))
        .with_base_url(&sim.base_url())
        .expect("loopback");
    config.customer_page_size = customer_page;
    config.endpoint_page_size = endpoint_page;
    Client::new(config).expect("client")
}

fn finish(sim: &SimHandle, started: Instant, seats: u64) -> Run {
    let elapsed = started.elapsed();
    let log = sim.request_log();
    Run {
        requests: log.api_calls(),
        customer_requests: log.count("POST customers/search"),
        endpoint_requests: log.count("POST endpoints/search"),
        elapsed,
        seats,
    }
}

async fn refresh(
    sim: &SimHandle,
    rule: CountingRule,
    pages: (u32, u32),
    now: DateTime<Utc>,
) -> Run {
    sim.clear_log();
    let c = client(sim, pages.0, pages.1);
    let started = Instant::now();
    let counted = c.count_customers(rule, now).await.expect("refresh");
    assert_eq!(counted.len(), 2_000);
    let seats = counted.iter().map(|c| u64::from(c.count)).sum();
    finish(sim, started, seats)
}

/// What a client does without the single sweep: one endpoint search per customer.
async fn naive_seen(sim: &SimHandle, days: u32, now: DateTime<Utc>) -> Run {
    sim.clear_log();
    let c = client(sim, 100, 500);
    let started = Instant::now();
    let customers = c
        .customers(&CustomerFilter::default())
        .await
        .expect("customers")
        .items;
    let since = CountingRule::SeenInLastDays(days).seen_since(now);
    let mut seats = 0u64;
    for customer in &customers {
        let filter = EndpointFilter {
            last_seen_after: since,
            ..EndpointFilter::for_customer(&customer.uuid)
        };
        seats += c.endpoints(&filter).await.expect("endpoints").items.len() as u64;
    }
    finish(sim, started, seats)
}

fn print(label: &str, run: &Run, rtt_ms: u64) {
    println!(
        "{label:<58} {:>5} requests ({:>2} customer pages, {:>4} endpoint pages) {:>8.1} ms here, ~{:>5.1} s at {rtt_ms} ms a round trip; {} seats",
        run.requests,
        run.customer_requests,
        run.endpoint_requests,
        run.elapsed.as_secs_f64() * 1000.0,
        (run.requests * rtt_ms) as f64 / 1000.0,
        run.seats,
    );
}

#[tokio::main(flavor = "multi_thread")]
async fn main() {
    let now = DateTime::parse_from_rfc3339("2026-12-04T12:00:00Z")
        .expect("valid")
        .with_timezone(&Utc);
    let started = Instant::now();
    let sim = Simulator::start(SimConfig {
        seed: SeedProfile::Large,
        now: Some(now),
        ..SimConfig::default()
    })
    .await
    .expect("simulator");
    println!(
        "seed 'large': {} customers, {} endpoints, seeded in {:.2} s",
        sim.customers().len(),
        sim.endpoints().len(),
        started.elapsed().as_secs_f64()
    );
    // The estimate multiplies requests by a typical internet round trip plus server time; the
    // simulator's own time is in the "here" column.
    let rtt = 150;
    let rules = [
        (CountingRule::DeployedEndpoints, (100, 500)),
        (CountingRule::DeployedEndpoints, (500, 500)),
        (CountingRule::FilteringEnabled, (100, 500)),
        (CountingRule::SeenInLastDays(30), (100, 500)),
        (CountingRule::SeenInLastDays(30), (100, 100)),
    ];
    let mut sweep_requests = 0;
    for (rule, pages) in rules {
        let run = refresh(&sim, rule, pages, now).await;
        if rule == CountingRule::SeenInLastDays(30) && pages.1 == 500 {
            sweep_requests = run.requests;
        }
        let label = format!("{} (pages {}/{})", rule.label(), pages.0, pages.1);
        print(&label, &run, rtt);
    }
    let naive = naive_seen(&sim, 30, now).await;
    print(
        "baseline: one endpoint search per customer (30 days)",
        &naive,
        rtt,
    );
    println!(
        "the single sweep makes {:.0}x fewer requests than the baseline",
        naive.requests as f64 / sweep_requests.max(1) as f64
    );
}
