//! Figures for the client against the simulator at 50 ms per request:
//! listing 10,000 companies sequentially vs with id-range parallelism, and fetching 2,000
//! records by id in `in` batches vs one GET per id. Prints; asserts nothing.

use std::time::{Duration, Instant};

use autotask::models::Company;
use autotask::{Client, ClientConfig, IntegrationCode, Query, Secret};
use autotask_sim::{Latency, SeedProfile, SimConfig, SimHandle, Simulator};

const LATENCY_MS: u64 = 50;

/// The per-request latency, overridable to see the client's own cost (`AUTOTASK_BENCH_LATENCY_MS=0`).
fn latency_ms() -> u64 {
    std::env::var("AUTOTASK_BENCH_LATENCY_MS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(LATENCY_MS)
}
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

const RUNS: usize = 3;

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

/// Lists with both methods, alternating, `RUNS` times each; prints the median times, so one run
/// slowed by other work on the machine does not decide the figure.
async fn list(sim: &SimHandle, client: &Client, label: &str, query: &Query) {
    let (mut seq_times, mut par_times) = (Vec::new(), Vec::new());
    let (mut seq_requests, mut par_requests, mut found, mut peak) = (0, 0, 0, 0);
    for _ in 0..RUNS {
        let (seq, t, n) = measure(sim, client.query::<Company>(query)).await;
        let seq = seq.expect("sequential listing");
        seq_times.push(t);
        seq_requests = n;
        let (par, t, n) = measure(sim, client.query_parallel::<Company>(query)).await;
        let par = par.expect("parallel listing");
        par_times.push(t);
        par_requests = n;
        assert_eq!(seq, par, "both listings return the same companies");
        found = seq.len();
        peak = sim
            .request_log()
            .peak_concurrency
            .get("Companies")
            .copied()
            .unwrap_or(0);
    }
    let (seq_time, par_time) = (median(seq_times), median(par_times));
    let speedup = secs(seq_time) / secs(par_time);
    println!();
    println!("list {found} companies, {label} (500 per page; median of {RUNS} runs)");
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
        "simulator: {} companies seeded in {:.1} s; latency {} ms per request",
        sim.records("Companies").len(),
        secs(seeding.elapsed()),
        latency_ms()
    );
    sim.set_latency(Latency {
        fixed_ms: latency_ms(),
        jitter_ms: 0,
    });
    let client = client(&sim);
    client.zone().await.expect("zone");

    let everything = Query::new();
    // The fields the app's company picker shows: what a frugal caller would ask for.
    let picker = Query::new().include_fields(["companyName", "companyType", "isActive"]);
    list(&sim, &client, "every field", &everything).await;
    list(
        &sim,
        &client,
        "IncludeFields id, companyName, companyType, isActive",
        &picker,
    )
    .await;

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
