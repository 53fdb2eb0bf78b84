//! The client against the Zorus simulator over real sockets, and the offline parts (counting,
//! CSV import, sync planning) on files and tables. One binary, a module per behaviour.

mod counting;
mod csv_files;
mod errors;
mod filters;
mod paging;
mod probe;
mod reconcile_table;
mod retries;
mod secrecy;
mod sync;

use std::time::Duration;

use chrono::{DateTime, Utc};
use zorus::{ApiKey, Client, ClientConfig, RetryPolicy};
use zorus_sim::{SeedProfile, SimConfig, SimHandle, Simulator, DEMO_API_KEY};

pub fn pinned_now() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-12-04T12:00:00Z")
        .expect("valid")
        .with_timezone(&Utc)
}

pub async fn sim_with(config: SimConfig) -> SimHandle {
    Simulator::start(SimConfig {
        now: Some(pinned_now()),
        ..config
    })
    .await
    .expect("simulator starts")
}

pub async fn sim(seed: SeedProfile) -> SimHandle {
    sim_with(SimConfig {
        seed,
        ..SimConfig::default()
    })
    .await
}

pub fn config_for(sim: &SimHandle, key: &str) -> ClientConfig {
    let mut config = ClientConfig::new(ApiKey::new(key))
        .with_base_url(&sim.base_url())
        .expect("loopback http is allowed");
    config.timeout = Duration::from_secs(5);
    // Error tests want each failure as it happens; the retry module turns retries back on.
    config.retry = RetryPolicy::never();
    config
}

pub fn client(sim: &SimHandle) -> Client {
    Client::new(config_for(sim, DEMO_API_KEY)).expect("client builds")
}
