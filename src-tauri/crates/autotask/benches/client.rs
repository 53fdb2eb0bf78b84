//! Figures for the client against the simulator at 50 ms per request:
//! listing 10,000 companies sequentially vs with id-range parallelism, and fetching 2,000
//! records by id in `in` batches vs one GET per id. Prints; asserts nothing.

use std::time::{Duration, Instant};

use autotask::models::Company;
use autotask::{Client, ClientConfig, IntegrationCode, Query, Secret};
use autotask_sim::{Latency, SeedProfile, SimConfig, SimHandle, Simulator};

const LATENCY_MS: u64 = 50;
const BY_ID: usize = 2_000;
const PER_ID_SAMPLE: usize = 200;

fn client(sim: &SimHandle) -> Client {
    let c = sim.config();
    let cfg = ClientConfig::new(
        c.username.clone(),
        Secret::new(c.secret.clone()),
        IntegrationCode::resolve(Some(&c.integration_code)).expect("code"),
    )
    .with_zone_entry_url(&sim.zone_entry_url())
    .expect("loopback");
    Client::new(cfg).expect("client")
}

async fn measure<T, F: std::future::Future<Output = T>>(
    sim: &SimHandle,
    f: F,
) -> (T, Duration, u64) {
    sim.clear_log();
    let started = Instant::now();
    let out = f.await;
    (out, started.elapsed(), sim.request_log().api_calls())
}

fn secs(d: Duration) -> f64 {
    d.as_secs_f64()
}

async fn run() {
    let seeding = Instant::now();
    let sim = Simulator::start(SimConfig {
        seed: SeedProfile::Large,
        ..SimConfig::default()
    })
    .await
    .expect("simulator");
    println!(
        "simulator: {} companies seeded in {:.1} s; latency {LATENCY_MS} ms per request",
        sim.records("Companies").len(),
        secs(seeding.elapsed())
    );
    sim.set_latency(Latency {
        fixed_ms: LATENCY_MS,
        jitter_ms: 0,
    });
    let client = client(&sim);
    client.zone().await.expect("zone");

    let all = Query::new();
    let (seq, seq_time, seq_requests) = measure(&sim, client.query::<Company>(&all)).await;
    let seq = seq.expect("sequential listing");
    let (par, par_time, par_requests) = measure(&sim, client.query_parallel::<Company>(&all)).await;
    let par = par.expect("parallel listing");
    assert_eq!(seq.len(), par.len(), "both listings return every company");
    let peak = sim
        .request_log()
        .peak_concurrency
        .get("Companies")
        .copied()
        .unwrap_or(0);
    let speedup = secs(seq_time) / secs(par_time);
    println!();
    println!("list {} companies (500 per page)", seq.len());
    println!(
        "  sequential paging      {:>6.2} s  {:>4} requests",
        secs(seq_time),
        seq_requests
    );
    println!(
        "  id-range parallel (3)  {:>6.2} s  {:>4} requests  (peak {peak} in flight)",
        secs(par_time),
        par_requests
    );
    println!(
        "  speed-up {speedup:.2}x (target >= 2.5x: {})",
        if speedup >= 2.5 { "met" } else { "NOT met" }
    );

    let ids: Vec<i64> = (0..BY_ID as i64).map(|i| 1 + i * 5).collect();
    let (batched, batch_time, batch_requests) =
        measure(&sim, client.fetch_by_ids::<Company>(&ids)).await;
    let batched = batched.expect("batched fetch");
    let sample = &ids[..PER_ID_SAMPLE];
    let (one_by_one, per_id_time, per_id_requests) = measure(&sim, async {
        let mut found = 0;
        for id in sample {
            if client.get::<Company>(*id).await.expect("get").is_some() {
                found += 1;
            }
        }
        found
    })
    .await;
    let scale = BY_ID as f64 / PER_ID_SAMPLE as f64;
    let per_id_estimate = secs(per_id_time) * scale;
    println!();
    println!("fetch {BY_ID} companies by id ({} found)", batched.len());
    println!(
        "  in-batches of 500      {:>6.2} s  {:>4} requests (target <= 4: {})",
        secs(batch_time),
        batch_requests,
        if batch_requests <= 4 {
            "met"
        } else {
            "NOT met"
        }
    );
    println!(
        "  one GET per id         {:>6.2} s  {:>4} requests  (measured on {PER_ID_SAMPLE} ids, {one_by_one} found: {:.2} s, {per_id_requests} requests; x{scale:.0} extrapolated)",
        per_id_estimate,
        (per_id_requests as f64 * scale) as u64,
        secs(per_id_time),
    );
    println!(
        "  batched is {:.0}x faster and uses {:.0}x fewer requests",
        per_id_estimate / secs(batch_time),
        (per_id_requests as f64 * scale) / batch_requests.max(1) as f64
    );
    sim.shutdown().await;
}

fn main() {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime")
        .block_on(run());
}
