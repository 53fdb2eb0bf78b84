//! Prints what the simulator serves: 500-row query pages per second over real sockets, and the
//! memory a 10,000-company tenant takes. Run with `cargo bench -p autotask-sim`.

use std::time::{Duration, Instant};

use autotask_sim::{
    Limits, SeedProfile, SimConfig, Simulator, DEMO_INTEGRATION_CODE, DEMO_SECRET, DEMO_USERNAME,
};
use serde_json::{json, Value};

/// Resident memory of this process, from /proc (Linux only; None elsewhere).
fn rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

async fn pages_per_second(
    client: &reqwest::Client,
    url: &str,
    workers: usize,
    run_for: Duration,
) -> (f64, u64) {
    let body = json!({"filter": [{"op": "gte", "field": "id", "value": 0}], "MaxRecords": 500});
    let started = Instant::now();
    let tasks = (0..workers).map(|_| {
        let (client, url, body) = (client.clone(), url.to_string(), body.clone());
        tokio::spawn(async move {
            let mut pages = 0u64;
            while started.elapsed() < run_for {
                let page: Value = client
                    .post(&url)
                    .header("UserName", DEMO_USERNAME)
                    .header("Secret", DEMO_SECRET)
                    .header("ApiIntegrationCode", DEMO_INTEGRATION_CODE)
                    .json(&body)
                    .send()
                    .await
                    .expect("query")
                    .json()
                    .await
                    .expect("json");
                assert_eq!(page["items"].as_array().map(Vec::len), Some(500));
                pages += 1;
            }
            pages
        })
    });
    let mut pages = 0;
    for t in tasks.collect::<Vec<_>>() {
        pages += t.await.expect("worker");
    }
    (pages as f64 / started.elapsed().as_secs_f64(), pages)
}

#[tokio::main(flavor = "multi_thread")]
async fn main() {
    let before = rss_kib();
    let started = Instant::now();
    // Lift the tenant's throttles so the figure is the simulator's own speed.
    let limits = Limits {
        thread_limit: 64,
        hourly_threshold: u64::MAX / 4,
        ..Limits::default()
    };
    let sim = Simulator::start(SimConfig {
        seed: SeedProfile::Large,
        limits,
        ..SimConfig::default()
    })
    .await
    .expect("start");
    let seeded_in = started.elapsed();
    let after = rss_kib();
    let companies = sim.records("Companies").len();
    let contacts = sim.records("Contacts").len();
    println!(
        "seed 'large': {companies} companies, {contacts} contacts, seeded in {:.2} s",
        seeded_in.as_secs_f64()
    );
    match (before, after) {
        (Some(b), Some(a)) => println!(
            "memory: {:.1} MiB resident after seeding ({:.1} MiB for the tenant)",
            a as f64 / 1024.0,
            a.saturating_sub(b) as f64 / 1024.0
        ),
        _ => println!("memory: not measurable on this platform"),
    }
    let client = reqwest::Client::new();
    let url = format!("{}V1.0/Companies/query", sim.api_url());
    let run_for = Duration::from_secs(4);
    for workers in [1, 3, 8] {
        let (rate, pages) = pages_per_second(&client, &url, workers, run_for).await;
        println!(
            "500-row Companies query, {workers} concurrent client(s): {rate:.1} pages/s = {:.0} rows/s ({pages} pages in {}s)",
            rate * 500.0,
            run_for.as_secs()
        );
    }
}
