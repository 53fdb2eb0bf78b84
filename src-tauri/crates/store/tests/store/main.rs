//! The store on a real SQLite file in a temporary folder. One test binary, a module per behaviour.

mod crash;
mod migrations;
mod records;
mod secrets;

use chrono::{DateTime, TimeZone, Utc};
use store::Store;

pub fn at(day: u32, hour: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, day, hour, 0, 0)
        .single()
        .expect("valid time")
}

pub async fn temp_store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::open(&dir.path().join("test.sqlite3"))
        .await
        .expect("store opens");
    (dir, store)
}
